import Foundation
import Testing
@testable import TalentStore
import TalentDomain
import TalentRules
import TestSupport

/// `talentctl housing round …` against a database seeded directly (three certified talents, two units,
/// three open applications), so these tests depend only on the round commands.
/// As of 2026-11-20 under the default policy: A (class 4, doctorate) 72 points, group 2; B (class 5,
/// master) 54, group 2; C (class 6, bachelor) 38, group 3. Units: U-101 (1BR), U-102 (studio).
@Suite("talentctl housing round")
struct HousingRoundCommandTests {
    static let keyA = "11010519491231002X"
    static let keyB = ResidentIdentityNumber.make(region: "520115", birthDate: CalendarDate("1990-03-07")!, sequence: 123).value
    static let keyC = ResidentIdentityNumber.make(region: "520115", birthDate: CalendarDate("1992-05-01")!, sequence: 456).value
    static let seed = "20261126"

    /// A fresh database with the employer (through the CLI), then talents, certifications, stock and
    /// applications in SQL.
    static func seeded(_ label: String = #function) async throws -> CLISession {
        let cli = try await CLISession.fresh(label)
        try await addFixture(to: cli)
        return cli
    }

    /// Adds the fixture to the database `cli` works on.
    static func addFixture(to cli: CLISession) async throws {
        try cli.addEmployer()
        let talents = [(keyA, "李工", "doctorate", 4), (keyB, "王小明", "master", 5), (keyC, "孙技师", "bachelor", 6)]
        try await Store.withStore(cli.settings) { store in
            try await store.write { session in
                for (n, (key, name, degree, talentClass)) in talents.enumerated() {
                    try await session.execute(sql: """
                        INSERT INTO talents (name, id_number, employer_id, degree, contract_start, contract_end, insurance_since)
                        SELECT '\(name)', '\(key)', id, '\(degree)', '2024-01-01', '2030-12-31', '2024-01-01'
                        FROM organisations WHERE credit_code = '\(CLISession.employerCode)'
                        """)
                    try await session.execute(sql: """
                        INSERT INTO certifications (talent_id, status, requested_class, talent_class, applied_on, valid_from, valid_until)
                        SELECT id, 'certified', \(talentClass), \(talentClass), '2026-01-05', '2026-01-15', '2032-01-14'
                        FROM talents WHERE id_number = '\(key)'
                        """)
                    try await session.execute(sql: """
                        INSERT INTO housing_applications (number, talent_id, submitted_by, household_size, preferences, applied_on,
                                                          policy_version)
                        SELECT 'HA-2026-0000\(n + 1)', id, 'talent', 1, ARRAY['1BR', 'studio'], '2026-03-02', 'gz-talent-town-2026.1'
                        FROM talents WHERE id_number = '\(key)'
                        """)
                }
                try await session.execute(sql: "INSERT INTO housing_projects (code, name) VALUES ('ZG', '智谷人才小镇')")
                try await session.execute(sql: """
                    INSERT INTO housing_buildings (project_id, code, name, benchmark_fen_per_m2)
                    SELECT id, 'ZG-1', '1栋', 3200 FROM housing_projects WHERE code = 'ZG'
                    """)
                try await session.execute(sql: """
                    INSERT INTO housing_units (code, building_id, floor, category, area_hundredths)
                    SELECT u.code, b.id, 1, u.category, u.area FROM housing_buildings b,
                           (VALUES ('U-101', '1BR', 5200), ('U-102', 'studio', 3500)) AS u(code, category, area)
                    WHERE b.code = 'ZG-1'
                    """)
            }
        }
    }

    static func object(_ value: Any) throws -> [String: Any] {
        try #require(value as? [String: Any], "not a JSON object: \(value)")
    }

    @Test func createPreviewCommitVerifyExport() async throws {
        let cli = try await Self.seeded()
        let created = try cli.ok(["housing", "round", "create", "R1", "--name", "2026 第一轮", "--as-of", "2026-11-20"])
        #expect(created.contains("2 units, 3 applications"))
        let listed = try cli.jsonArray(["housing", "round", "list", "--json"])
        #expect(listed.map { $0["code"] as? String } == ["R1"])
        #expect(listed.first?["status"] as? String == "draft")

        let draft = try cli.run(["housing", "round", "verify", "R1"])
        #expect(draft.status == 65)
        #expect(draft.stderr.contains("draft"))

        let preview = try Self.object(try cli.json(["housing", "round", "preview", "R1", "--seed", Self.seed, "--json"]))
        let ranked = try #require(preview["ranked"] as? [[String: Any]])
        #expect(ranked.map { $0["application"] as? String } == ["HA-2026-00001", "HA-2026-00002", "HA-2026-00003"])
        #expect(ranked.map { $0["score"] as? Int } == [72, 54, 38])
        #expect(ranked.map { $0["unit"] as? String } == ["U-101", "U-102", nil])
        #expect(ranked.first?["lottery_key"] as? String == LotteryKey.of(seed: Self.seed, applicationNumber: "HA-2026-00001"))
        #expect(preview["committed"] as? Bool == false)
        let table = try cli.run(["housing", "round", "preview", "R1", "--seed", Self.seed])
        #expect(table.stdout.contains("王小明"))
        #expect(table.stdout.contains("offered 1BR: unit U-101"))
        #expect(table.stdout.contains("preview round R1 with seed \(Self.seed): 2 offered, 1 waiting, 0 excluded"))
        #expect(table.stderr.contains("nothing was changed"))

        let committed = try Self.object(try cli.json(
            ["housing", "round", "commit", "R1", "--seed", Self.seed, "--on", "2026-11-26", "--json"]))
        #expect(committed["offered"] as? Int == 2)
        #expect(committed["offers_expire_on"] as? String == "2026-12-03")
        let again = try cli.run(["housing", "round", "commit", "R1", "--seed", "42"])
        #expect(again.status == 65)
        #expect(again.stderr.contains("already committed"))
        #expect(again.stderr.contains("seed \(Self.seed)"))
        expectNoCrash(again)

        let verified = try cli.ok(["housing", "round", "verify", "R1"])
        #expect(verified.contains("round R1 confirmed"))
        #expect(try Self.object(try cli.json(["housing", "round", "verify", "R1", "--json"]))["confirmed"] as? Bool == true)
        let shown = try cli.ok(["housing", "round", "show", "R1"])
        #expect(shown.contains(Self.seed))
        #expect(shown.contains("committed"))

        let files = try Workspace()
        let path = files.folder.appendingPathComponent("R1.json").path
        try cli.ok(["housing", "round", "export", "R1", "--json", "--output", path])
        let export = try AllocationExport(json: try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(AllocationVerification.verify(export).isEmpty)
        #expect(export.allocation["HA-2026-00001"] == "1BR")
        #expect(export.allocation["HA-2026-00003"] == .some(nil))
        #expect(export.units == ["1BR": 1, "studio": 1])
        let printed = try cli.ok(["housing", "round", "export", "R1", "--json"])
        #expect(try AllocationExport(json: Data(printed.utf8)) == export)

        // A stored outcome changed behind the triggers' back is caught.
        try await Store.withStore(cli.settings) { store in
            try await store.write { session in
                try await session.execute(sql: "SET LOCAL session_replication_role = replica")
                try await session.execute(sql: "UPDATE housing_round_entries SET allocated_category = 'studio' WHERE position = 3")
            }
        }
        let tampered = try cli.run(["housing", "round", "verify", "R1"])
        #expect(tampered.status == 65)
        #expect(tampered.stdout.contains("NOT confirmed"))
        #expect(tampered.stdout.contains("HA-2026-00003.allocation: stored 'studio', recomputed null"))
        expectNoCrash(tampered)
    }

    @Test func refusalsAreBadDataWithAMessage() async throws {
        let cli = try await Self.seeded()
        let unknown = try cli.run(["housing", "round", "preview", "NOPE", "--seed", "1"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("no housing round NOPE"))
        let early = try cli.run(["housing", "round", "create", "R0", "--name", "早", "--as-of", "2026-01-01"])
        #expect(early.status == 65)
        #expect(early.stderr.contains("no open application was made on or before 2026-01-01"))
        let building = try cli.run(["housing", "round", "create", "R0", "--name", "x", "--building", "ZG-9"])
        #expect(building.status == 65)
        #expect(building.stderr.contains("ZG-9"))
        let noSeed = try cli.run(["housing", "round", "commit", "R0"])
        #expect(noSeed.status == 64)
        let help = try cli.ok(["housing", "round", "commit", "--help"])
        #expect(help.contains("Example"))
        #expect(try cli.jsonArray(["housing", "round", "list", "--json"]).isEmpty)
    }
}
