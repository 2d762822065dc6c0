import Foundation

/// What one load run measured.
struct LoadFigures: Sendable {
    var requests: Int
    var seconds: Double
    var p50: Double?
    var p99: Double?
    var p999: Double?
    /// Responses that were not 2xx, and socket errors (connect, read, write, timeout).
    var failures: Int

    var perSecond: Double { seconds > 0 ? Double(requests) / seconds : 0 }
}

/// wrk (Debian's `wrk`) on loopback: `GET PATH` with `Authorization: Bearer` of a random token from a
/// file for each request, over `connections` connections for `duration` seconds.
struct Wrk: Sendable {
    let path: String

    static func locate() throws -> Wrk {
        try Wrk(path: Tool.locate("wrk", package: "wrk"))
    }

    /// The Lua script: the tokens are read once per thread; `done` prints one line the runner parses.
    static let script = """
        local tokens = {}
        for line in io.lines(os.getenv("RESULT_DAY_TOKENS")) do tokens[#tokens + 1] = line end
        local target = os.getenv("RESULT_DAY_PATH")
        math.randomseed(tonumber(tostring({}):match("0x(%x+)") or "1", 16) % 2147483647)
        function request()
          return wrk.format("GET", target, { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)] })
        end
        function done(summary, latency, requests)
          local e = summary.errors
          io.write(string.format("result-day requests=%d micros=%d p50=%.0f p99=%.0f p999=%.0f failures=%d\\n",
            summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
            latency:percentile(99.9), e.status + e.connect + e.read + e.write + e.timeout))
        end
        """

    func run(base: String, target: String, tokens: String, connections: Int, seconds: Int, scratch: String) throws -> LoadFigures {
        let script = scratch + "/result-day.lua"
        try Self.script.write(toFile: script, atomically: true, encoding: .utf8)
        let threads = min(2, connections)
        let output = try Tool.run(path, ["-t", String(threads), "-c", String(connections), "-d", "\(seconds)s",
                                         "--timeout", "10s", "-s", script, base],
                                  environment: ["RESULT_DAY_TOKENS": tokens, "RESULT_DAY_PATH": target])
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("result-day ") }) else {
            throw BenchFailure("wrk printed no result line:\n\(output)")
        }
        let fields = Dictionary(line.split(separator: " ").dropFirst().compactMap { pair -> (String, Double)? in
            let parts = pair.split(separator: "=")
            guard parts.count == 2, let value = Double(parts[1]) else { return nil }
            return (String(parts[0]), value)
        }, uniquingKeysWith: { $1 })
        guard let requests = fields["requests"], let micros = fields["micros"] else {
            throw BenchFailure("wrk's result line is not understood: \(line)")
        }
        return LoadFigures(requests: Int(requests), seconds: micros / 1e6, p50: fields["p50"].map { $0 / 1000 },
                           p99: fields["p99"].map { $0 / 1000 }, p999: fields["p999"].map { $0 / 1000 },
                           failures: Int(fields["failures"] ?? 0))
    }
}

/// pgbench (PostgreSQL's) over the cluster's Unix socket: the scripts chosen at random for each
/// transaction, the extended protocol (as postgres-nio speaks), `clients` connections.
struct Pgbench: Sendable {
    let path: String

    static func locate() throws -> Pgbench {
        try Pgbench(path: Tool.locate("pgbench", package: "postgresql (it has pgbench)", debianPostgres: true))
    }

    func run(cluster: BenchCluster, database: String, scripts: [String], clients: Int, seconds: Int) throws -> LoadFigures {
        var arguments = ["-n", "-M", "extended", "-c", String(clients), "-j", "2", "-T", String(seconds),
                         "-h", cluster.cluster.socketDirectory, "-p", String(cluster.cluster.port), "-U", cluster.cluster.superuser]
        for script in scripts { arguments += ["-f", script] }
        arguments.append(database)
        let output = try Tool.run(path, arguments)
        func figure(_ prefix: String) -> Double? {
            output.split(separator: "\n").first { $0.hasPrefix(prefix) }
                .flatMap { Double($0.dropFirst(prefix.count).split(separator: " ").first ?? "") }
        }
        guard let tps = figure("tps = "), let transactions = figure("number of transactions actually processed: ") else {
            throw BenchFailure("pgbench's output is not understood:\n\(output)")
        }
        let failed = figure("number of failed transactions: ") ?? 0
        return LoadFigures(requests: Int(transactions), seconds: tps > 0 ? transactions / tps : 0,
                           p50: nil, p99: nil, p999: nil, failures: Int(failed))
    }
}

/// Finding and running the load generators.
enum Tool {
    static func locate(_ name: String, package: String, debianPostgres: Bool = false) throws -> String {
        var candidates: [String] = []
        if debianPostgres {
            let root = "/usr/lib/postgresql"
            let majors = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted(by: >)
            candidates += majors.map { "\(root)/\($0)/bin/\(name)" }
        }
        candidates += (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
        guard let found = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw BenchFailure("\(name) was not found; install Debian's \(package) (make bench does)")
        }
        return found
    }

    /// Runs `path` to the end; what it printed (standard output and error together, through a file), or a
    /// failure with it. Spawned with an empty signal mask and default signal actions: a thread of this
    /// process (Dispatch's, NIO's) blocks most signals, a child inherits that mask, and pgbench's `-T`
    /// ends on SIGALRM — with it blocked, a 20-second run never ended.
    static func run(_ path: String, _ arguments: [String], environment extra: [String: String] = [:]) throws -> String {
        let outputPath = NSTemporaryDirectory() + "/talentbench-\(getpid())-\(UUID().uuidString).out"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }.map { "\($0.key)=\($0.value)" }
        var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, &argv, &envp)
        guard spawned == 0 else { throw BenchFailure("could not start \(path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw BenchFailure("waiting for \(path) failed: \(String(cString: strerror(errno)))") }
        }
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0
        guard exited, (status >> 8) & 0xff == 0 else {
            let how = exited ? "exit \((status >> 8) & 0xff)" : "signal \(status & 0x7f)"
            throw BenchFailure("\(URL(fileURLWithPath: path).lastPathComponent) failed (\(how)): \(text)")
        }
        return text
    }
}
