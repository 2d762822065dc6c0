import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A release `talentd` beside this `talentbench`, started on a free loopback port against one database of
/// the throwaway cluster (through the `PG*` variables, as an operator would), and stopped with SIGTERM.
final class TalentdProcess: @unchecked Sendable {
    private let process = Process()
    private let output = Pipe()
    let port: Int
    var base: String { "http://127.0.0.1:\(port)" }

    /// Starts `talentd --port 0` and waits (up to a minute) for the line that says where it listens.
    init(cluster: BenchCluster, database: String, logLevel: String) throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("talentd").path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchFailure("\(executable) is missing: build it with `swift build -c release --product talentd` (make bench does)")
        }
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && $0.key != "DATABASE_URL" }
        environment["PGHOST"] = cluster.cluster.socketDirectory
        environment["PGPORT"] = String(cluster.cluster.port)
        environment["PGUSER"] = cluster.cluster.superuser
        environment["PGDATABASE"] = database
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--port", "0", "--log-level", logLevel]
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        port = try Self.listeningPort(output.fileHandleForReading, process: process)
        // Keep reading what it prints, so a full pipe never blocks it.
        output.fileHandleForReading.readabilityHandler = { _ = $0.availableData }
    }

    private static func listeningPort(_ handle: FileHandle, process: Process) throws -> Int {
        let prefix = "talentd listening on http://127.0.0.1:"
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            let data = handle.availableData
            if data.isEmpty { continue }
            text += String(decoding: data, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }),
               let port = Int(line.dropFirst(prefix.count)) {
                return port
            }
        }
        process.terminate()
        throw BenchFailure("talentd did not say where it listens within a minute; it printed: \(text)")
    }

    /// SIGTERM, then waits for the exit.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
    }

    deinit { stop() }

    /// One request; the status and the body.
    func send(_ method: String, _ path: String, token: String? = nil, json: [String: String]? = nil) async throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }
}
