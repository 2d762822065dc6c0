import Foundation
import Testing
import TalentDomain
import TestSupport

@Suite("talentctl practice roster and report stats")
struct RosterCommandTests {
    static let university = "12100000400000624D"
    static let names = ["张三", "李四", "王五", "阿明", "赵六"]

    static func identity(_ n: Int) -> String {
        ResidentIdentityNumber.make(region: "520115", birthDate: CalendarDate(year: 2000, month: 3, day: 1)!, sequence: n).value
    }

    /// The 2026 cohort of 清华大学 with five trainees enrolled from a CSV file, as an office would.
    static func enrolled() async throws -> CLISession {
        let cli = try await CLISession.fresh()
        try cli.ok(["org", "add", "--name", "清华大学", "--credit-code", university, "--kind", "university"])
        try cli.ok(["practice", "programme", "add", "--university", university, "--field", "大数据工程"])
        try cli.ok(["practice", "cohort", "create", "--year", "2026", "--start", "2026-09-01", "--end", "2028-02-29"])
        let workspace = try Workspace()
        var csv = "student_number,name,id_number,mobile,university,field,direct_from_bachelor,campus_supervisor\n"
        for (n, name) in names.enumerated() {
            csv += "2026\(310 + n),\(name),\(identity(n)),\(n == 0 ? "13800138000" : ""),清华大学,大数据工程,否,李教授\n"
        }
        let file = try workspace.write("trainees.csv", csv)
        try cli.ok(["practice", "trainee", "import", file, "--cohort", "2026"])
        return cli
    }

    @Test func theTableListsTraineesInPinyinOrderMasked() async throws {
        let cli = try await Self.enrolled()
        let out = try cli.ok(["practice", "roster", "--cohort", "2026级"])
        #expect(out.hasPrefix("贵州大数据研究生实践教育基地 学员名册 · 2026级\n"))
        let order = Self.names.map { name in out.range(of: name).map { out.distance(from: out.startIndex, to: $0.lowerBound) } ?? -1 }
        #expect(!order.contains(-1))
        // 阿明 李四 王五 张三 赵六
        #expect([order[3], order[1], order[2], order[0], order[4]] == order.sorted())
        #expect(!out.contains(Self.identity(0)), "identity numbers are masked")
        #expect(out.contains(String(Self.identity(0).prefix(4)) + "**********" + String(Self.identity(0).suffix(4))))
        #expect(out.contains("共 5 人（身份证号、手机号已遮蔽）"))
        #expect(try cli.audit().filter { $0["action"] as? String == "pii.reveal" }.isEmpty)
    }

    @Test func csvGoesToTheFileGivenReadyForExcel() async throws {
        let cli = try await Self.enrolled()
        let workspace = try Workspace()
        let path = workspace.folder.appendingPathComponent("名册.csv").path
        let result = try cli.run(["practice", "roster", "--cohort", "2026", "--format", "csv", "--output", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("wrote the roster of 5 trainees (2026级)"))
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.count == 7)
        #expect(lines[1].hasPrefix("2026313,阿明,"))
        #expect(lines[4].contains(",138****8000,"))
    }

    @Test func htmlAndMarkdownAndJSONOnStdout() async throws {
        let cli = try await Self.enrolled()
        let html = try cli.ok(["practice", "roster", "--cohort", "2026", "--university", "清华大学", "--format", "html"])
        #expect(html.contains("size: A4 landscape;"))
        #expect(html.contains("counter(pages)"))
        #expect(html.contains("培养高校: 清华大学 (\(Self.university))"))
        let markdown = try cli.ok(["practice", "roster", "--cohort", "2026", "--format", "md"])
        #expect(markdown.contains("| 1 | 2026313 | 阿明 |"))
        let rows = try cli.jsonArray(["practice", "roster", "--cohort", "2026", "--format", "json"])
        #expect(rows.map { $0["name"] as? String } == ["阿明", "李四", "王五", "张三", "赵六"])
        #expect(rows.first?["status"] as? String == "enrolled")
        #expect((rows.first?["identity_number"] as? String)?.contains("**********") == true)
    }

    @Test func revealingIsAudited() async throws {
        let cli = try await Self.enrolled()
        let rows = try cli.jsonArray(["practice", "roster", "--cohort", "2026", "--format", "json", "--reveal-pii",
                                      "--actor", "auditor-chen"])
        #expect(rows.first { $0["name"] as? String == "张三" }?["identity_number"] as? String == Self.identity(0))
        #expect(rows.first { $0["name"] as? String == "张三" }?["mobile"] as? String == "13800138000")
        let reveals = try cli.audit().filter { $0["action"] as? String == "pii.reveal" }
        #expect(reveals.count == 1)
        #expect(reveals.first?["actor"] as? String == "cli:auditor-chen")
        #expect(reveals.first?["entity_type"] as? String == "roster")
        #expect(reveals.first?["entity_id"] as? String == "2026级")
    }

    @Test func mistakesGiveUsageOrDataErrors() async throws {
        let cli = try await Self.enrolled()
        let badCohort = try cli.run(["practice", "roster", "--cohort", "twenty"])
        #expect(badCohort.status == 64)
        #expect(badCohort.stderr.contains("--cohort"))
        let badFormat = try cli.run(["practice", "roster", "--cohort", "2026", "--format", "pdf"])
        #expect(badFormat.status == 64)
        let noCohort = try cli.run(["practice", "roster", "--cohort", "2031"])
        #expect(noCohort.status == 65)
        #expect(noCohort.stderr.contains("no cohort has intake year 2031"))
        let noUniversity = try cli.run(["practice", "roster", "--cohort", "2026", "--university", "北京大学"])
        #expect(noUniversity.status == 65)
        #expect(noUniversity.stderr.contains("北京大学"))
        for result in [badCohort, badFormat, noCohort, noUniversity] { expectNoCrash(result) }
    }

    @Test func reportStatsAsOfADayWithHousingNotAvailable() async throws {
        let cli = try await Self.enrolled()
        let report = try #require(try cli.json(["report", "stats", "--as-of", "2026-12-31", "--json"]) as? [String: Any])
        #expect(report["as_of"] as? String == "2026-12-31")
        #expect(report["cohorts"] as? Int == 1)
        #expect(report["engineering_masters_trained"] as? Int == 0)
        #expect(report["housing_occupancy"] is NSNull)
        #expect(report["housing_occupancy_note"] as? String == "not available: no housing inventory yet")
        let before = try #require(try cli.json(["report", "stats", "--as-of", "2025-12-31", "--json"]) as? [String: Any])
        #expect(before["cohorts"] as? Int == 0, "the 2026 cohort is not counted in 2025")
        let table = try cli.ok(["report", "stats", "--as-of", "2026-12-31"])
        #expect(table.contains("累计培养工程硕士"))
        #expect(table.contains("not available: no housing inventory yet"))
        let bad = try cli.run(["report", "stats", "--as-of", "2026-13-01"])
        #expect(bad.status == 64, "a malformed date is a usage error everywhere (Docs/cli.md)")
        #expect(bad.stderr.contains("as-of"))
        expectNoCrash(bad)
    }
}
