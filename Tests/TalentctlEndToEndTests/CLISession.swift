import Foundation
import Testing
import TalentStore
import TestSupport

/// `talentctl` pointed at a fresh database of its own, as a user would run it.
struct CLISession {
    let settings: ConnectionSettings
    let environment: [String: String]
    let url: String

    static let employerCode = "91110000600037341L"
    static let employerName = "示例科技有限公司"

    static func fresh(_ label: String = #function) async throws -> CLISession {
        let settings = try await TestDatabase.make(label)
        // talentctl connects as the application role, as it does on the embedded cluster; `settings`
        // (a superuser's) stays for tests that arrange data behind talentctl's back.
        let url = TestDatabase.url(for: TestDatabase.application(settings))
        return CLISession(settings: settings, environment: ["DATABASE_URL": url, "USER": "cli-tester"], url: url)
    }

    @discardableResult
    func run(_ arguments: [String], in folder: String? = nil) throws -> Talentctl.Result {
        try Talentctl.run(arguments, environment: environment, workingDirectory: folder)
    }

    /// Runs a command that must succeed (exit 0) and returns its stdout.
    @discardableResult
    func ok(_ arguments: [String], in folder: String? = nil,
            sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments, in: folder)
        #expect(result.status == 0, "talentctl \(arguments.joined(separator: " ")) → \(result.status): \(result.stderr)",
                sourceLocation: sourceLocation)
        expectNoCrash(result, sourceLocation: sourceLocation)
        return result.stdout
    }

    /// Runs a `--json` command that must succeed and parses its output.
    func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
        let stdout = try ok(arguments, sourceLocation: sourceLocation)
        return try JSONSerialization.jsonObject(with: Data(stdout.utf8))
    }

    func jsonArray(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let value = try json(arguments, sourceLocation: sourceLocation)
        return try #require(value as? [[String: Any]], "not a JSON array of objects: \(value)", sourceLocation: sourceLocation)
    }

    func addEmployer() throws {
        try ok(["org", "add", "--name", Self.employerName, "--credit-code", Self.employerCode, "--kind", "enterprise",
                "--chain", "microelectronics", "--in-zone"])
    }

    func registerWang() throws {
        try ok(["talent", "register", "--name", "王小明", "--id-number", "11010519491231002X", "--employer", Self.employerCode,
                "--degree", "master", "--mobile", "13800138000"])
    }

    func talents() throws -> [[String: Any]] { try jsonArray(["talent", "list", "--json"]) }
    func organisations() throws -> [[String: Any]] { try jsonArray(["org", "list", "--json"]) }
    func audit() throws -> [[String: Any]] { try jsonArray(["audit", "list", "--json", "--limit", "10000"]) }
}

/// A Swift crash or an uncaught error would print one of these; talentctl must never.
func expectNoCrash(_ result: Talentctl.Result, sourceLocation: SourceLocation = #_sourceLocation) {
    for marker in ["Fatal error", "Stack dump", "Backtrace", "Program crashed", "Current stack trace", "Error: internal"] {
        #expect(!result.stderr.contains(marker), "stderr shows \(marker): \(result.stderr)", sourceLocation: sourceLocation)
    }
    #expect(result.status < 128, "killed by a signal: \(result.status)", sourceLocation: sourceLocation)
}

/// A temporary folder for files given to talentctl.
final class Workspace {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("talentctl-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    var path: String { folder.path }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}
