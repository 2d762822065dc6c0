import Foundation
import Testing
@testable import TalentStore
import TalentDomain
import TestSupport

@Suite("talentctl housing project|building|unit|application")
struct HousingInventoryCommandTests {
    static let key = "11010519491231002X"
    static let units = """
        unit_code,building,floor,category,area_m2,accessible
        A-0101,ZGTT-A,1,studio,35.5,yes
        A-0102,ZGTT-A,1,1BR,52.40,no
        A-0201,ZGTT-A,2,2BR,84.8,no

        """

    /// A project with building ZGTT-A (¥32.00/m²).
    static func withBuilding() async throws -> CLISession {
        let cli = try await CLISession.fresh()
        try cli.ok(["housing", "project", "add", "ZGTT", "--name", "智谷人才小镇", "--address", "贵阳市高新区"])
        let added = try cli.ok(["housing", "building", "add", "ZGTT-A", "--project", "ZGTT", "--name", "A栋", "--benchmark", "32.00"])
        #expect(added.contains("¥32.00/m²"))
        return cli
    }

    @Test func helpHasAnExample() throws {
        for command in [["project", "add"], ["project", "list"], ["building", "add"], ["building", "list"], ["unit", "add"],
                        ["unit", "import"], ["unit", "list"], ["unit", "show"], ["unit", "set-status"],
                        ["application", "submit"], ["application", "list"], ["application", "show"],
                        ["application", "withdraw"], ["unit"], ["application"]] {
            let result = try Talentctl.run(["housing"] + command + ["--help"], environment: [:])
            #expect(result.status == 0)
            #expect(result.stdout.contains("Example"), "housing \(command.joined(separator: " ")) --help has no example")
        }
    }

    @Test func buildingsKeepTheBenchmarkInExactFen() async throws {
        let cli = try await Self.withBuilding()
        let buildings = try cli.jsonArray(["housing", "building", "list", "--json"])
        #expect(buildings.first?["benchmark_fen_per_m2"] as? Int == 3200)
        try cli.ok(["housing", "building", "add", "ZGTT-B", "--project", "ZGTT", "--name", "B栋", "--benchmark", "28.5"])
        let b = try cli.jsonArray(["housing", "building", "list", "--project", "ZGTT", "--json"]).first { $0["code"] as? String == "ZGTT-B" }
        #expect(b?["benchmark_fen_per_m2"] as? Int == 2850)
        let bad = try cli.run(["housing", "building", "add", "ZGTT-C", "--project", "ZGTT", "--name", "C栋", "--benchmark", "28.555"])
        #expect(bad.status == 65 && bad.stderr.contains("benchmark"))
        let table = try cli.ok(["housing", "building", "list"])
        #expect(table.contains("¥28.50/m²") && table.contains("B栋"))
    }

    @Test func unitImportExitsZeroThenSixtyFiveOnBadData() async throws {
        let cli = try await Self.withBuilding()
        let folder = try Workspace()
        try folder.write("units.csv", Self.units)
        let first = try cli.ok(["housing", "unit", "import", "units.csv"], in: folder.path)
        #expect(first.contains("3 units added"))
        let second = try cli.ok(["housing", "unit", "import", "units.csv"], in: folder.path)
        #expect(second.contains("0 units added") && second.contains("3 already there") && second.contains("nothing new"))

        try folder.write("bad.csv", "unit_code,building,floor,category,area_m2\nB-1,ZGTT-A,1,studio,30\nB-2,NOPE,1,studio,30\nB-3,ZGTT-A,x,5BR,30\n")
        let bad = try cli.run(["housing", "unit", "import", "bad.csv"], in: folder.path)
        #expect(bad.status == 65)
        expectNoCrash(bad)
        #expect(bad.stderr.contains("building") && bad.stderr.contains("category") && bad.stderr.contains("nothing was imported"))
        #expect(folder.exists("bad.csv.errors.csv"))
        #expect(try cli.jsonArray(["housing", "unit", "list", "--json"]).count == 3)

        let skipped = try cli.ok(["housing", "unit", "import", "bad.csv", "--skip-invalid"], in: folder.path)
        #expect(skipped.contains("1 units added") && skipped.contains("2 invalid rows skipped"))
        let badEncoding = try cli.run(["housing", "unit", "import", "units.csv", "--encoding", "latin1"], in: folder.path)
        #expect(badEncoding.status == 64)
        let missing = try cli.run(["housing", "unit", "import", "nosuch.csv"], in: folder.path)
        #expect(missing.status == 66)
    }

    @Test func unitListShowAndSetStatus() async throws {
        let cli = try await Self.withBuilding()
        let folder = try Workspace()
        try folder.write("units.csv", Self.units)
        try cli.ok(["housing", "unit", "import", "units.csv"], in: folder.path)
        let table = try cli.ok(["housing", "unit", "list"])
        #expect(table.contains("35.50 m²") && table.contains("1BR 一室"))
        let shown = try #require(try cli.json(["housing", "unit", "show", "A-0102", "--json"]) as? [String: Any])
        #expect(shown["area_m2"] as? String == "52.40" && shown["area_hundredths"] as? Int == 5240)
        #expect(shown["full_monthly_rent_fen"] as? Int == 167_680)
        #expect(try cli.ok(["housing", "unit", "show", "A-0102"]).contains("¥1676.80/month"))

        try cli.ok(["housing", "unit", "set-status", "A-0101", "maintenance", "--reason", "漏水维修", "--on", "2026-12-01"])
        let maintenance = try cli.jsonArray(["housing", "unit", "list", "--status", "maintenance", "--json"])
        #expect(maintenance.map { $0["code"] as? String } == ["A-0101"])
        let leased = try cli.run(["housing", "unit", "set-status", "A-0102", "leased", "--reason", "x"])
        #expect(leased.status == 65 && leased.stderr.contains("only through an offer or a lease"))
        let usage = try cli.run(["housing", "unit", "set-status", "A-0102", "broken", "--reason", "x"])
        #expect(usage.status == 64)
        #expect(try cli.jsonArray(["housing", "unit", "list", "--category", "2br", "--json"]).count == 1)
        let unknown = try cli.run(["housing", "unit", "show", "Z-9"])
        #expect(unknown.status == 65 && unknown.stderr.contains("no unit has code Z-9"))
    }

    @Test func applicationSubmitListShowWithdraw() async throws {
        let cli = try await CLISession.fresh()
        try cli.addEmployer()
        try cli.registerWang()
        let notCertified = try cli.run(["housing", "application", "submit", "--talent", Self.key, "--prefer", "1BR"])
        #expect(notCertified.status == 65 && notCertified.stderr.contains("not a certified talent"))
        try Self.certify(cli)
        try await Self.endNotice(cli)
        try cli.ok(["cert", "approve", Self.key])

        let outside = try cli.run(["housing", "application", "submit", "--talent", Self.key, "--prefer", "3BR"])
        #expect(outside.status == 65 && outside.stderr.contains("outside the entitlement"))
        let submitted = try #require(try cli.json([
            "housing", "application", "submit", "--talent", Self.key, "--prefer", "2BR,1BR", "--member", "李四:配偶",
            "--by-employer", CLISession.employerCode, "--json",
        ]) as? [String: Any])
        let number = try #require(submitted["number"] as? String)
        #expect(number.hasPrefix("HA-") && submitted["household_size"] as? Int == 2)
        #expect(submitted["submitted_by"] as? String == "employer")

        let again = try cli.run(["housing", "application", "submit", "--talent", Self.key, "--prefer", "studio"])
        #expect(again.status == 65 && again.stderr.contains(number))

        let list = try cli.jsonArray(["housing", "application", "list", "--status", "open", "--json"])
        #expect(list.count == 1)
        let identity = try #require(list.first?["identity"] as? String)
        #expect(identity != Self.key && identity.contains("*"))
        #expect(list.first?["preferences"] as? [String] == ["2BR", "1BR"])
        let table = try cli.ok(["housing", "application", "list"])
        #expect(table.contains("王小明") && !table.contains(Self.key))
        #expect(try cli.ok(["housing", "application", "show", number]).contains("李四 (spouse)"))

        try cli.ok(["housing", "application", "withdraw", number, "--reason", "已购房"])
        #expect(try cli.jsonArray(["housing", "application", "list", "--status", "withdrawn", "--json"]).count == 1)
        let twice = try cli.run(["housing", "application", "withdraw", number, "--reason", "x"])
        #expect(twice.status == 65 && twice.stderr.contains("already withdrawn"))
        let badMember = try cli.run(["housing", "application", "submit", "--talent", Self.key, "--prefer", "1BR", "--member", "李四"])
        #expect(badMember.status == 64)
    }

    static func certify(_ cli: CLISession) throws {
        for step in [["apply", key, "--class", "5"], ["recommend", key], ["review", key], ["publish", key, "--days", "7"]] {
            try cli.ok(["cert"] + step)
        }
    }

    /// Moves the public notice into the past (not a status change, so the transition trigger allows it).
    static func endNotice(_ cli: CLISession) async throws {
        try await Store.withStore(cli.settings) { store in
            try await store.write { session in
                try await session.execute(sql: """
                    UPDATE certifications SET notice_start = notice_start - 10, notice_end = notice_end - 10
                    """)
            }
        }
    }
}
