import Foundation
import PostgresNIO
import Testing
@testable import TalentStore
import TestSupport

/// An embedded cluster of its own in a fresh folder, driven through `TALENTZONE_HOME` as a user would.
final class EmbeddedHome {
    let path: String
    let cli: CLISession

    init() throws {
        var template = Array("/tmp/talentzone-home-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw StoreError.unavailable("mkdtemp failed") }
        path = String(cString: made)
        chmod(path, 0o755)  // the postgres OS user (when we are root) must reach the cluster inside
        let cluster = try EmbeddedCluster(home: path, environment: ProcessInfo.processInfo.environment)
        let settings = ConnectionSettings(
            endpoint: .unixSocket(path: cluster.socketPath), user: cluster.superuser,
            database: DatabaseTarget.embeddedDatabaseName, sslMode: .disable)
        cli = CLISession(settings: settings, environment: ["TALENTZONE_HOME": path, "USER": "cli-tester"], url: "")
    }

    /// Rows per table of the embedded database, every table of its `public` schema.
    func rowCounts() async throws -> [String: Int] {
        try await Store.withStore(cli.settings) { store in
            try await store.read { session in
                let tables = try await session.rows("""
                    SELECT table_name::text AS name FROM information_schema.tables
                    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
                    """) { try $0.value("name", as: String.self) }
                var counts: [String: Int] = [:]
                for table in tables {
                    counts[table] = try await session.firstRow(PostgresQuery(unsafeSQL: "SELECT count(*) AS n FROM \"\(table)\"")) {
                        Int(try $0.value("n", as: Int64.self))
                    }
                }
                return counts
            }
        }
    }

    /// Who owns the tables of the embedded database.
    func owners() async throws -> Set<String> {
        try await Store.withStore(cli.settings) { store in
            try await store.read { session in
                Set(try await session.rows("""
                    SELECT DISTINCT tableowner::text AS owner FROM pg_tables WHERE schemaname = 'public'
                    """) { try $0.value("owner", as: String.self) })
            }
        }
    }

    deinit {
        if let cluster = try? EmbeddedCluster(home: path, environment: ProcessInfo.processInfo.environment) {
            try? cluster.stop(immediate: true)
        }
        try? FileManager.default.removeItem(atPath: path)
    }
}

@Suite("talentctl db backup and db restore (embedded cluster)")
struct BackupRestoreCommandTests {
    @Test func aCommittedRoundSurvivesBackupAndRestore() async throws {
        let original = try EmbeddedHome()
        let cli = original.cli
        try cli.ok(["db", "up"])
        try await HousingRoundCommandTests.addFixture(to: cli)
        try cli.ok(["housing", "round", "create", "R1", "--name", "2026 第一轮", "--as-of", "2026-11-20"])
        try cli.ok(["housing", "round", "commit", "R1", "--seed", HousingRoundCommandTests.seed, "--on", "2026-11-26"])
        #expect(try cli.ok(["housing", "round", "verify", "R1"]).contains("round R1 confirmed"))
        let counts = try await original.rowCounts()
        #expect(counts["talents"] == 3)
        #expect(counts["housing_round_entries"] == 3)
        #expect((counts["audit_log"] ?? 0) > 0)

        let files = try Workspace()
        let dump = files.path + "/talentzone.dump"
        let backedUp = try cli.ok(["db", "backup", dump])
        #expect(backedUp.contains("to \(dump)"))
        var info = stat()
        #expect(stat(dump, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(info.st_uid == geteuid())
        #expect(ClusterBackup.isCustomFormatDump(dump))
        #expect(try FileManager.default.contentsOfDirectory(atPath: files.path) == ["talentzone.dump"])  // no partial file left

        // Into another cluster, migrated but empty (as after `db up` on a new machine): no --force needed.
        let copy = try EmbeddedHome()
        try copy.cli.ok(["db", "up"])
        let restored = try copy.cli.ok(["db", "restore", dump])
        #expect(restored.contains("restored \(dump) into database talentzone"))
        #expect(try await copy.rowCounts() == counts)
        #expect(try copy.cli.ok(["housing", "round", "verify", "R1"]).contains("round R1 confirmed"))
        #expect(try copy.cli.jsonArray(["org", "list", "--json"]).count == 1)
        // The restored objects belong to the owner role again and the application role may write.
        #expect(try await copy.owners() == ["talentzone_owner"])
        try copy.cli.ok(["org", "add", "--name", "恢复后的公司", "--credit-code", "91350100M000100Y43", "--kind", "enterprise",
                         "--chain", "microelectronics"])
        #expect(try copy.cli.jsonArray(["org", "list", "--json"]).count == 2)

        // Over the original, changed since the backup: refused without --force, nothing touched.
        try cli.ok(["org", "add", "--name", "后来的公司", "--credit-code", "91350100M000100Y43", "--kind", "enterprise",
                    "--chain", "microelectronics"])
        let changed = try await original.rowCounts()
        #expect(changed != counts)
        let refused = try cli.run(["db", "restore", dump])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("--force"))
        #expect(refused.stderr.contains("not empty"))
        expectNoCrash(refused)
        #expect(try await original.rowCounts() == changed)

        // A broken backup never replaces the data, even with --force.
        let broken = try files.write("broken.dump", Data("PGDMP".utf8) + Data(repeating: 7, count: 4096))
        let failed = try cli.run(["db", "restore", broken, "--force"])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("was not changed"))
        expectNoCrash(failed)
        #expect(try await original.rowCounts() == changed)

        let forced = try cli.ok(["db", "restore", dump, "--force"])
        #expect(forced.contains("restored"))
        #expect(try await original.rowCounts() == counts)
        #expect(try cli.ok(["housing", "round", "verify", "R1"]).contains("round R1 confirmed"))
    }

    @Test func refusalsSayWhatToDo() async throws {
        let files = try Workspace()
        let home = try EmbeddedHome()
        let nothing = try home.cli.run(["db", "backup", files.path + "/x.dump"])
        #expect(nothing.status == 65)
        #expect(nothing.stderr.contains("no embedded cluster"))
        #expect(!files.exists("x.dump"))

        let missingFolder = try home.cli.run(["db", "backup", files.path + "/no/such/folder/x.dump"])
        #expect(missingFolder.status == 64)
        #expect(missingFolder.stderr.contains("does not exist"))

        let notADump = try files.write("talents.csv", "姓名,身份证号\n")
        let refused = try home.cli.run(["db", "restore", notADump])
        #expect(refused.status == 66)
        #expect(refused.stderr.contains("not a backup in pg_dump's custom format"))
        let missing = try home.cli.run(["db", "restore", files.path + "/missing.dump"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no such file"))

        let external = CLISession(settings: home.cli.settings, environment: ["DATABASE_URL": "postgres://u@db.example.com/d"], url: "")
        let notEmbedded = try external.run(["db", "backup", files.path + "/x.dump"])
        #expect(notEmbedded.status == 64)
        #expect(notEmbedded.stderr.contains("pg_dump \"$DATABASE_URL\""))
        for result in [nothing, missingFolder, refused, missing, notEmbedded] { expectNoCrash(result) }
    }
}
