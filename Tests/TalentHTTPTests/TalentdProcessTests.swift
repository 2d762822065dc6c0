import Foundation
import TalentStore
import TestSupport
import Testing

/// `talentd` the program, as an operator runs it: `--port 0` against the test database, the line that
/// says where it listens, `/healthz`, and a clean exit on SIGTERM.
@Suite("talentd: the program")
struct TalentdProcessTests {
    /// The binary beside the test bundle (`.build-http/debug/talentd`).
    static var executable: String {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [folder.appendingPathComponent("talentd").path,
                          folder.deletingLastPathComponent().appendingPathComponent("talentd").path]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("PG") && $0.key != "DATABASE_URL" && $0.key != "TALENTZONE_SCHEMA_DIR"
        }
        environment["TALENTZONE_SCHEMA_DIR"] = TestDatabase.schemaDirectory
        environment.merge(extra) { $1 }
        return environment
    }

    @Test func startsOnPort0AnswersAndStopsOnSIGTERM() async throws {
        let settings = try await TestDatabase.make()
        let program = try RunningProgram(Self.executable, ["--port", "0"], environment: Self.environment(
            ["DATABASE_URL": TestDatabase.url(for: TestDatabase.application(settings))]))
        defer { program.kill() }
        let line = try #require(program.firstLine(within: .seconds(60)), "talentd printed nothing; stderr: \(program.stderr)")
        let prefix = "talentd listening on http://127.0.0.1:"
        #expect(line.hasPrefix(prefix), "\(line)")
        let port = try #require(Int(line.dropFirst(prefix.count)), "no port in \(line)")
        #expect(port > 0 && port != 8080)

        let health = try await TestClient(base: "http://127.0.0.1:\(port)").get("/healthz")
        #expect(health.status == 200)
        #expect(health.body == #"{"status":"ok"}"#)

        let stopped = ContinuousClock.now
        program.signal(SIGTERM)
        let status = try #require(program.waitForExit(within: .seconds(10)), "talentd still runs 10 s after SIGTERM")
        #expect(status == 0, "stderr: \(program.stderr)")
        #expect(ContinuousClock.now - stopped < .seconds(5))
        #expect(!program.stderr.contains("Fatal error"))
    }

    @Test(arguments: [["--port", "70000"], ["--port", "eighty"], ["--listen", "0.0.0.0"]])
    func aBadOptionIsAUsageErrorWithoutAStackTrace(arguments: [String]) throws {
        let program = try RunningProgram(Self.executable, arguments, environment: Self.environment([:]))
        defer { program.kill() }
        let status = try #require(program.waitForExit(within: .seconds(10)))
        #expect(status == 64)
        #expect(program.stderr.contains("Error:"), "\(program.stderr)")
        #expect(program.stderr.contains("Usage: talentd"))
        #expect(!program.stderr.contains("Fatal error"))
        #expect(!program.stderr.contains("Stack"))
    }
}

/// A child process whose output is read as it comes.
final class RunningProgram: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    init(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        outPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.out.append(data) }
        }
        errPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.err.append(data) }
        }
        try process.run()
    }

    var stdout: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    var stderr: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

    /// The first line of standard output, once it is complete; nil when the program exits or `limit`
    /// passes first.
    func firstLine(within limit: Duration) -> String? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let line = stdout.split(separator: "\n", omittingEmptySubsequences: false).first, stdout.contains("\n") {
                return String(line)
            }
            if !process.isRunning { return nil }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    func signal(_ signal: Int32) {
        Foundation.kill(process.processIdentifier, signal)
    }

    /// The exit status, or nil when the program still runs after `limit`.
    func waitForExit(within limit: Duration) -> Int32? {
        let deadline = ContinuousClock.now + limit
        while process.isRunning {
            guard ContinuousClock.now < deadline else { return nil }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }

    func kill() {
        if process.isRunning { signal(SIGKILL) }
    }
}
