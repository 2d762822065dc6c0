import Foundation

/// The psql client, run against the throwaway cluster's Unix socket (trust authentication).
struct Psql: Sendable {
    let path: String

    /// Debian's newest `/usr/lib/postgresql/<major>/bin/psql`, else `psql` on the PATH.
    static func locate() throws -> Psql {
        let root = "/usr/lib/postgresql"
        let majors = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted(by: >)
        let candidates = majors.map { "\(root)/\($0)/bin/psql" }
            + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/psql" }
        guard let found = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw BenchFailure("psql was not found; install it with `apt-get install -y postgresql-client`")
        }
        return Psql(path: found)
    }

    /// Runs one command and returns its wall-clock time in seconds (process start included, as for
    /// anyone who runs psql).
    func timed(cluster: BenchCluster, database: String, command: String) throws -> Double {
        let clock = ContinuousClock()
        let started = clock.now
        try run(cluster: cluster, database: database, command: command)
        return (clock.now - started).seconds
    }

    /// Runs one command (`-c`), stopping on the first error.
    func run(cluster: BenchCluster, database: String, command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", cluster.cluster.socketDirectory, "-p", String(cluster.cluster.port),
            "-U", cluster.cluster.superuser, "-d", database, "-c", command,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw BenchFailure("psql failed (\(process.terminationStatus)): \(message)")
        }
    }
}
