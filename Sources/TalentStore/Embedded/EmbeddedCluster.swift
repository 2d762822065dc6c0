import Foundation

/// The private PostgreSQL cluster TalentZone creates and runs itself when no server is configured.
///
/// It lives in `./.talentzone/` (or `TALENTZONE_HOME`), listens only on a Unix socket in that folder
/// and, when we are root, runs as the `postgres` OS user. If the `postgres` user cannot reach the
/// folder (a checkout inside root's 0700 home, say) or the socket path would be too long, the cluster
/// is placed under `/var/tmp/talentzone-<hash>/` instead and `LOCATION` in the home folder says where.
public struct EmbeddedCluster: Sendable {
    public enum State: Sendable, Equatable {
        case notInitialised
        case stopped
        case running
    }

    /// The folder the user chose (or the default `./.talentzone`).
    public let home: String
    /// The folder that actually holds `data/`, `run/` and `server.log`.
    public let root: String
    public let port: Int
    /// Throwaway clusters (tests, benchmarks) trade durability for speed; the demo's data never does.
    public let durable: Bool
    private let binaries: PostgresBinaries
    private let runner: CommandRunner
    private var startLock: ClusterStartLock { ClusterStartLock(path: root + "/start.lock") }

    public var dataDirectory: String { root + "/data" }
    public var socketDirectory: String { root + "/run" }
    public var socketPath: String { socketDirectory + "/.s.PGSQL.\(port)" }
    public var logFile: String { root + "/server.log" }
    /// The database role the embedded cluster is created with.
    public var superuser: String { "postgres" }

    public init(home: String, port: Int = 5432, durable: Bool = true, environment: [String: String]) throws(StoreError) {
        let absolute = URL(fileURLWithPath: home).standardizedFileURL.path
        self.home = absolute
        self.port = port
        self.durable = durable
        self.binaries = try PostgresBinaries.locate(environment: environment)
        self.runner = CommandRunner.forCurrentUser()
        self.root = Self.placement(for: absolute, port: port, runAs: runner.runAs)
    }

    /// `TALENTZONE_HOME`, else `./.talentzone` in the current folder.
    public static func defaultHome(environment: [String: String]) -> String {
        if let home = environment["TALENTZONE_HOME"], !home.isEmpty { return home }
        return FileManager.default.currentDirectoryPath + "/.talentzone"
    }

    /// Running means: the postmaster named in `postmaster.pid` is alive (not a zombie) and its socket
    /// accepts connections. A pid alone is not enough (Docs/operations.md, "After a crash").
    public func state() -> State {
        guard FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") else { return .notInitialised }
        guard let pid = ServerLiveness.postmasterPID(dataDirectory: dataDirectory), ServerLiveness.isAlive(pid) else {
            return .stopped
        }
        return ServerLiveness.answers(socketPath: socketPath) ? .running : .stopped
    }

    /// Creates the cluster if needed and starts it if it is not running. Safe to call repeatedly and from
    /// several processes at once: creation and start are serialised by a lock file in the cluster folder,
    /// and whoever comes second finds the server running. Returns true when it had to start the server.
    @discardableResult
    public func start() throws(StoreError) -> Bool {
        try Self.checkUsable(path: home)
        try Self.checkUsable(path: root)
        try makeFolder(root)
        return try startLock.withLock { () throws(StoreError) -> Bool in
            switch state() {
            case .running: return false
            case .notInitialised: try initialise()
            case .stopped: break
            }
            try ClusterAccess(runner: runner).write(into: dataDirectory)
            try launch()
            return true
        }
    }

    /// Stops the server if it runs. `immediate` skips the shutdown checkpoint (throwaway clusters).
    public func stop(immediate: Bool = false) throws(StoreError) {
        guard FileManager.default.fileExists(atPath: root) else { return }
        try startLock.withLock { () throws(StoreError) in
            guard let pid = ServerLiveness.postmasterPID(dataDirectory: dataDirectory), ServerLiveness.isAlive(pid) else { return }
            let result = try run(binaries.pgCtl, ["-D", dataDirectory, "-w", "-t", "60", "-m", immediate ? "immediate" : "fast", "stop"])
            guard result.status == 0 else {
                throw StoreError.unavailable("could not stop the embedded PostgreSQL server: " + Self.lastLines(of: result.standardError))
            }
        }
    }

    /// The server's options. Paths are quoted for the shell that pg_ctl starts the server through.
    /// The log keeps no DETAIL (it would hold the values of a refused row: identity numbers) and no
    /// statement text.
    var serverOptions: String {
        var options = "-k \(Self.shellQuoted(socketDirectory)) -p \(port) -c listen_addresses=''"
            + " -c log_error_verbosity=terse -c log_min_error_statement=panic"
        if !durable {
            // Tests run many suites in parallel, each with its own small pool (and some start talentd processes).
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000"
        }
        return options
    }

    /// Starts the server (under the start lock). After a crash (`kill -9` of the postmaster) its
    /// `postmaster.pid` may name a zombie, which PostgreSQL takes for a live server, and the old
    /// backends take a moment to notice and exit; both are waited out for up to 15 seconds.
    private func launch() throws(StoreError) {
        let deadline = Date().addingTimeInterval(15)
        while true {
            if let pid = ServerLiveness.postmasterPID(dataDirectory: dataDirectory), !ServerLiveness.isAlive(pid) {
                unlink(dataDirectory + "/postmaster.pid")
            }
            let result = try run(binaries.pgCtl, ["-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "-o", serverOptions, "start"])
            if result.status == 0 { return }
            if state() == .running { return }
            guard Date() < deadline else {
                throw StoreError.unavailable(
                    "the embedded PostgreSQL server in \(root) did not start: "
                        + Self.lastLines(of: result.standardError + result.standardOutput)
                        + " (see \(logFile))")
            }
            usleep(250_000)
        }
    }

    private func initialise() throws(StoreError) {
        try makeFolder(root)
        try makeFolder(socketDirectory)
        if root != home {
            try makeFolder(home, ownedByServer: false)
            try? "The embedded PostgreSQL cluster for this folder lives in \(root)\n"
                .write(toFile: home + "/LOCATION", atomically: true, encoding: .utf8)
        }
        let result = try run(binaries.initdb, [
            "-D", dataDirectory, "-U", superuser, "--auth-local=peer", "--auth-host=reject", "-E", "UTF8", "--locale=C.UTF-8",
        ] + (durable ? [] : ["--no-sync"]))
        guard result.status == 0 else {
            throw StoreError.unavailable("initdb failed for \(dataDirectory): " + Self.lastLines(of: result.standardError))
        }
    }

    private func run(_ executable: String, _ arguments: [String]) throws(StoreError) -> CommandRunner.Output {
        do {
            return try runner.run(executable, arguments)
        } catch {
            throw StoreError.unavailable("could not run \(executable): \(error)")
        }
    }

    private func makeFolder(_ path: String, ownedByServer: Bool = true) throws(StoreError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw StoreError.unavailable("cannot create the folder \(path): \(error.localizedDescription)")
        }
        guard ownedByServer, let user = runner.runAs else { return }
        guard let account = getpwnam(user) else {
            throw StoreError.unavailable(
                "running as root needs the `\(user)` OS user, which the Debian postgresql package creates; install it with `apt-get install -y postgresql`")
        }
        chmod(path, 0o700)
        if chown(path, account.pointee.pw_uid, account.pointee.pw_gid) != 0 {
            throw StoreError.unavailable("cannot hand \(path) to the \(user) user (chown failed)")
        }
    }

    /// The folder that will hold the cluster: the home itself, unless the server's OS user cannot
    /// reach it or the socket path would exceed the 107-byte limit of Unix sockets.
    static func placement(for home: String, port: Int, runAs: String?) -> String {
        let socketPath = home + "/run/.s.PGSQL.\(port)"
        let reachable = runAs == nil || everyAncestorIsTraversable(home)
        if reachable && socketPath.utf8.count <= 100 { return home }
        return "/var/tmp/talentzone-" + Self.shortHash(home)
    }

    private static func everyAncestorIsTraversable(_ path: String) -> Bool {
        var url = URL(fileURLWithPath: path).deletingLastPathComponent()
        while true {
            var info = stat()
            if stat(url.path, &info) == 0, info.st_mode & S_IXOTH == 0 { return false }
            if url.path == "/" || url.path.isEmpty { return true }
            url = url.deletingLastPathComponent()
        }
    }

    private static func shortHash(_ text: String) -> String {
        // FNV-1a: stable across runs (unlike Hasher), enough to keep homes apart.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// Refuses a folder the server's start command cannot carry: pg_ctl starts the server through the
    /// shell inside double quotes, and PostgreSQL splits socket folder lists at commas. Spaces are fine.
    static func checkUsable(path: String) throws(StoreError) {
        let unusable = path.unicodeScalars.filter { "\"$`\\,'".unicodeScalars.contains($0) || $0.value < 0x20 || $0.value == 0x7F }
        guard unusable.isEmpty else {
            let shown = String(String.UnicodeScalarView(unusable)).debugDescription
            throw StoreError.configuration(
                "the cluster folder '\(path)' contains \(shown), which PostgreSQL's start command cannot carry; "
                    + "choose a TALENTZONE_HOME of letters, digits, spaces and - _ . /")
        }
    }

    /// `text` in single quotes for a POSIX shell.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func lastLines(of text: String) -> String {
        text.split(separator: "\n").suffix(3).joined(separator: " / ")
    }
}
