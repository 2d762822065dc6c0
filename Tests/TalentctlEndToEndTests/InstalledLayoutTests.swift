import Foundation
import Testing
import TestSupport

/// talentctl run as an installed program: found through `PATH` by a bare name (so `argv[0]` is just
/// `talentctl`), through a symbolic link in another folder, or copied into `PREFIX/bin` beside
/// `PREFIX/share/talentzone/Schema`, always from an unrelated working folder and without
/// `TALENTZONE_SCHEMA_DIR`, so it must find the migrations from its own file.
@Suite("talentctl from PATH, a symbolic link, and an installed prefix")
struct InstalledLayoutTests {
    static var migrationFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: TestDatabase.schemaDirectory)) ?? [])
            .filter { $0.hasSuffix(".sql") }.sorted()
    }

    /// The state of every migration, by version, as `db status --json` reports them.
    static func migrationStates(_ result: Talentctl.Result) throws -> [Int: String] {
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let migrations = try #require(report["migrations"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: migrations.compactMap { entry in
            (entry["version"] as? Int).map { ($0, entry["state"] as? String ?? "?") }
        })
    }

    @Test func aSymbolicLinkFoundThroughPATHByItsBareName() async throws {
        let cli = try await CLISession.fresh()
        let files = try Workspace()
        let bin = files.path + "/bin"
        let elsewhere = files.path + "/elsewhere"
        for folder in [bin, elsewhere] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try FileManager.default.createSymbolicLink(atPath: bin + "/talentctl", withDestinationPath: Talentctl.executable)

        var environment = cli.environment
        environment["PATH"] = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let result = try Talentctl.run(["talentctl", "db", "status", "--json"], environment: environment,
                                       workingDirectory: elsewhere, program: "/usr/bin/env", schemaDirectory: nil)
        #expect(result.status == 0, "\(result.stderr)")
        expectNoCrash(result)
        let states = try Self.migrationStates(result)
        #expect(states.count == Self.migrationFiles.count)
        #expect(states.values.allSatisfy { $0 == "applied" }, "\(states)")
    }

    @Test func aCopyInAPrefixUsesThePrefixSchema() async throws {
        let cli = try await CLISession.fresh()
        let files = try Workspace()
        let prefix = files.path + "/prefix"
        let schema = prefix + "/share/talentzone/Schema"
        let elsewhere = files.path + "/elsewhere"
        for folder in [prefix + "/bin", schema, elsewhere] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(atPath: Talentctl.executable, toPath: prefix + "/bin/talentctl")
        // The prefix's Schema lacks the newest migration, so `db status` shows which folder was used:
        // the database knows that migration, this Schema does not.
        let migrations = Self.migrationFiles
        let newest = try #require(migrations.last)
        for file in migrations.dropLast() {
            try FileManager.default.copyItem(atPath: TestDatabase.schemaDirectory + "/" + file, toPath: schema + "/" + file)
        }

        let result = try Talentctl.run(["db", "status", "--json"], environment: cli.environment, workingDirectory: elsewhere,
                                       program: prefix + "/bin/talentctl", schemaDirectory: nil)
        #expect(result.status == 0, "\(result.stderr)")
        expectNoCrash(result)
        let states = try Self.migrationStates(result)
        let newestVersion = try #require(Int(newest.prefix(4)))
        #expect(states[newestVersion] == "unknown", "\(states)")
        #expect(states.filter { $0.key != newestVersion }.values.allSatisfy { $0 == "applied" }, "\(states)")

        // Without the share folder the copy finds nothing, and says where to put the schema.
        try FileManager.default.removeItem(atPath: prefix + "/share")
        let missing = try Talentctl.run(["db", "status"], environment: cli.environment, workingDirectory: elsewhere,
                                        program: prefix + "/bin/talentctl", schemaDirectory: nil)
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("PREFIX/share/talentzone/Schema"))
        #expect(missing.stderr.contains("TALENTZONE_SCHEMA_DIR"))
    }
}
