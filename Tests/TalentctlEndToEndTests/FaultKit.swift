import Foundation
import PostgresNIO
import Testing
@testable import TalentStore
import TestSupport

/// Pieces of the fault suite: a talentctl process that can be killed, private embedded clusters whose
/// postmaster can be killed, a large valid import file, and the SQL invariants checked after a fault.
enum FaultKit {
    /// A running talentctl whose output goes to files (a killed process leaves no pipe to drain).
    final class Running {
        let process = Process()
        let outPath: String
        let errPath: String

        init(_ arguments: [String], environment: [String: String]) throws {
            let stem = NSTemporaryDirectory() + "fault-\(UUID().uuidString)"
            outPath = stem + ".out"
            errPath = stem + ".err"
            FileManager.default.createFile(atPath: outPath, contents: nil)
            FileManager.default.createFile(atPath: errPath, contents: nil)
            process.executableURL = URL(fileURLWithPath: Talentctl.executable)
            process.arguments = arguments
            var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && $0.key != "DATABASE_URL" }
            env["TALENTZONE_SCHEMA_DIR"] = TestDatabase.schemaDirectory
            env.merge(environment) { $1 }
            process.environment = env
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle(forWritingAtPath: outPath)
            process.standardError = FileHandle(forWritingAtPath: errPath)
            try process.run()
        }

        func kill9() { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        /// The exit status, or nil if it has not exited within `seconds`.
        func exit(within seconds: Double) -> Int32? {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            guard !process.isRunning else { return nil }
            return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        }

        var stderr: String { (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "" }

        deinit {
            kill9()
            process.waitUntilExit()
            unlink(outPath)
            unlink(errPath)
        }
    }

    /// A private embedded cluster in a new folder (TALENTZONE_HOME), removed by ``close()``.
    struct Home {
        let folder: String
        let environment: [String: String]
        let cluster: EmbeddedCluster

        init() throws {
            var template = Array("/tmp/talentzone-fault-XXXXXX".utf8CString)
            guard let made = mkdtemp(&template) else { throw StoreError.unavailable("mkdtemp failed") }
            let parent = String(cString: made)
            chmod(parent, 0o755)
            folder = parent + "/home"
            environment = ["TALENTZONE_HOME": folder, "USER": "fault-tester"]
            cluster = try EmbeddedCluster(home: folder, environment: ProcessInfo.processInfo.environment)
        }

        func run(_ arguments: [String]) throws -> Talentctl.Result {
            try Talentctl.run(arguments, environment: environment)
        }

        func start(_ arguments: [String]) throws -> Running {
            try Running(arguments, environment: environment)
        }

        /// kill -9 of the postmaster.
        func killPostmaster() throws {
            let text = try String(contentsOfFile: cluster.dataDirectory + "/postmaster.pid", encoding: .utf8)
            let pid = try #require(pid_t(text.split(separator: "\n").first.map(String.init) ?? ""))
            kill(pid, SIGKILL)
        }

        /// The superuser's view of the data, for counting behind talentctl's back.
        var admin: ConnectionSettings {
            cluster.connectionSettings(role: cluster.superuser, database: DatabaseTarget.embeddedDatabaseName)
        }

        func close() {
            try? cluster.stop(immediate: true)
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: folder).deletingLastPathComponent().path)
        }
    }

    /// `count` talents with valid, distinct identity numbers, employed by CLISession's employer.
    static func importFile(talents count: Int) throws -> String {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let checks = Array("10X98765432")
        var lines = ["name,id_number,degree,employer_credit_code"]
        var day = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"), year: 1970, month: 1, day: 1)
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        for index in 0..<count {
            day.day = 1 + index / 900
            let body = "110105" + formatter.string(from: day.date!) + String(format: "%03d", index % 900 + 1)
            let sum = zip(body.utf8, weights).reduce(0) { $0 + Int($1.0 - 0x30) * $1.1 }
            lines.append("测试\(index),\(body)\(checks[sum % 11]),master,\(CLISession.employerCode)")
        }
        let path = NSTemporaryDirectory() + "fault-talents-\(count)-\(UUID().uuidString).csv"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func count(_ settings: ConnectionSettings, _ sql: String) async throws -> Int {
        try await Store.withStore(settings) { store in
            try await store.read { session in
                try await session.firstRow(PostgresQuery(unsafeSQL: sql)) { try $0.value("n", as: Int.self) } ?? -1
            }
        }
    }

    /// No unit with two pending offers, no two leases of one unit overlapping, no committed round
    /// without its audit row, no round with entries but not committed: 0 when all hold.
    static let allocationInvariantViolations = """
        SELECT ((SELECT count(*) FROM (SELECT unit_id FROM housing_offers WHERE status = 'pending'
                                       GROUP BY unit_id HAVING count(*) > 1) p)
              + (SELECT count(*) FROM housing_leases a JOIN housing_leases b
                 ON a.unit_id = b.unit_id AND a.id < b.id AND a.occupancy && b.occupancy)
              + (SELECT count(*) FROM housing_rounds r WHERE r.status = 'committed' AND NOT EXISTS
                 (SELECT FROM audit_log WHERE action = 'housing.round.commit' AND entity_id = r.code))
              + (SELECT count(*) FROM housing_rounds r WHERE r.status = 'draft' AND
                 (EXISTS (SELECT FROM housing_round_entries e WHERE e.round_id = r.id)
                  OR EXISTS (SELECT FROM housing_offers o WHERE o.round_id = r.id))))::int AS n
        """

    /// Prints how many trials a scenario ran, so the CI log shows the suite's reach.
    static func report(_ scenario: String, trials: Int, detail: String = "") {
        print("fault suite: \(scenario): \(trials) trials\(detail.isEmpty ? "" : " (\(detail))")")
    }
}
