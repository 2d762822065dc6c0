import Foundation
import Testing
import TalentDomain
import TalentServices
import TalentStore

@Suite("Roster documents: table, CSV, JSON, HTML, Markdown")
struct RosterDocumentTests {
    /// 2026-11-26 07:30:00 UTC = 15:30 in China.
    static let generatedAt = Date(timeIntervalSince1970: 1_795_678_200)

    static let zhang = RosterRow(
        traineeID: 1, studentNumber: "2026310", name: "张三", identityKey: "5201**********0012", mobile: "138****8000",
        universityCode: "12520115000000001X", universityName: "清华大学", field: "大数据工程", cohortYear: 2026,
        cohortName: "2026级", directFromBachelor: false, campusSupervisor: "李教授", mentorName: "刘工",
        enterpriseCode: "91520115000000003Y", enterpriseName: "贵阳数谷大数据有限公司", positionCode: "P001",
        positionTitle: "数据工程师 <实习>", projects: ["数据治理, 质量评估 | 一期", "多源\"融合\"平台"],
        startOn: CalendarDate("2026-09-01"), endOn: CalendarDate("2028-02-28"), startedOn: CalendarDate("2026-09-07"),
        status: .inPractice)

    static let wang = RosterRow(
        traineeID: 2, studentNumber: "2026312", name: "王五", identityKey: "5201**********0034", mobile: nil,
        universityCode: "12520115000000001X", universityName: "清华大学", field: "大数据工程", cohortYear: 2026,
        cohortName: "2026级", directFromBachelor: true, campusSupervisor: "李教授", status: .enrolled)

    static let zhao = RosterRow(
        traineeID: 3, studentNumber: "2026314", name: "赵六", identityKey: "5201**********0056", mobile: nil,
        universityCode: "12520115000000001X", universityName: "清华大学", field: "大数据工程", cohortYear: 2026,
        cohortName: "2026级", directFromBachelor: false, campusSupervisor: "李教授", mentorName: "刘工",
        enterpriseCode: "91520115000000003Y", enterpriseName: "贵阳数谷大数据有限公司", positionCode: "P001",
        positionTitle: "数据工程师", startOn: CalendarDate("2026-09-01"), endOn: CalendarDate("2028-02-28"),
        startedOn: CalendarDate("2026-09-07"), completedOn: CalendarDate("2027-03-31"), status: .completed,
        midTermGrade: .good, finalGrade: .excellent, assessment: .pass, reportTitle: "工业数据治理实践")

    static let roster = Roster(
        cohortYear: 2026, cohortName: "2026级",
        filter: [Roster.FilterTerm(label: "培养高校", value: "清华大学 <THU> & co")],
        generatedAt: generatedAt, piiMasked: true, rows: [zhang, wang, zhao])

    static func text(_ format: RosterFormat) -> String {
        String(decoding: RosterDocument.render(roster, as: format), as: UTF8.self)
    }

    @Test func csvOpensInExcelBOMCRLFAndQuoting() throws {
        let bytes = [UInt8](RosterDocument.render(Self.roster, as: .csv))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let crlf = text.components(separatedBy: "\r\n")
        #expect(crlf.count == 5, "a header, 3 rows, and nothing after the last CRLF")
        #expect(crlf.last == "")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare LF")
        #expect(crlf[0].hasPrefix("学号,姓名,身份证号,手机号,培养高校,"))
        #expect(crlf[0].contains("实践单位统一社会信用代码"))
        // A comma and a quote inside a cell: the cell is quoted and the quote doubled.
        #expect(crlf[1].contains(",\"数据治理, 质量评估 | 一期；多源\"\"融合\"\"平台\","))
        #expect(crlf[1].hasPrefix("2026310,张三,5201**********0012,138****8000,清华大学,"))
        #expect(crlf[1].contains(",2026-09-07,2028-02-28,实践中,"))
        #expect(crlf[2].contains(",是,"), "王五 came straight from a bachelor's")
        #expect(crlf[3].hasSuffix(",已结业,良好,优秀,通过,工业数据治理实践"))
        #expect(crlf[3].contains(",2026-09-07,2027-03-31,"), "the completion day ends a completed practice")
    }

    @Test func htmlIsAPrintableA4LandscapePageWithEverythingEscaped() {
        let html = Self.text(.html)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("size: A4 landscape;"))
        #expect(html.contains("@bottom-right { content: \"第 \" counter(page) \" 页 / 共 \" counter(pages) \" 页\";"))
        #expect(html.contains("thead { display: table-header-group; }"))
        #expect(html.contains("<title>贵州大数据研究生实践教育基地 学员名册 · 2026级</title>"))
        #expect(html.contains("<h1>贵州大数据研究生实践教育基地 学员名册 · 2026级</h1>"))
        #expect(html.contains("筛选条件：年级: 2026级；培养高校: 清华大学 &lt;THU&gt; &amp; co"))
        #expect(html.contains("生成时间：2026-11-26 15:30:00 (UTC+8)"))
        #expect(html.contains("<td>数据工程师 &lt;实习&gt;</td>"))
        #expect(html.contains("多源&quot;融合&quot;平台"))
        #expect(!html.contains("<实习>"))
        #expect(!html.contains("<THU>"))
        #expect(html.contains("<footer>"), "a footer for browsers without page margin boxes")
        #expect(html.contains("<th>学号</th><th>姓名</th><th>身份证号</th>"))
        #expect(html.components(separatedBy: "<tr><td class=\"n\">").count == 4, "one row per trainee")
        #expect(html.contains("贵阳数谷大数据有限公司<br><small>91520115000000003Y</small>"))
        #expect(!html.contains("<script"), "self-contained, nothing to run or fetch")
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test func markdownIsAPipeTableWithPipesEscaped() {
        let markdown = Self.text(.md)
        #expect(markdown.hasPrefix("# 贵州大数据研究生实践教育基地 学员名册 · 2026级\n"))
        #expect(markdown.contains("- 生成时间: 2026-11-26 15:30:00 (UTC+8)"))
        #expect(markdown.contains("数据治理, 质量评估 \\| 一期"))
        let tableLines = markdown.split(separator: "\n").filter { $0.hasPrefix("|") }
        #expect(tableLines.count == 5, "header, rule, 3 rows")
        let columns = Set(tableLines.map { line in
            line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
        })
        #expect(columns == [17], "16 columns (number + 15) on every line: \(columns)")
        #expect(tableLines[2].hasPrefix("| 1 | 2026310 | 张三 | 5201**********0012 |"))
    }

    @Test func markdownCellEscapesBackslashesAndLineBreaks() {
        var row = Self.wang
        row.campusSupervisor = "李\\教授\n(兼)"
        let roster = Roster(cohortYear: 2026, cohortName: "2026级", filter: [], generatedAt: Self.generatedAt,
                            piiMasked: true, rows: [row])
        let markdown = String(decoding: RosterDocument.render(roster, as: .md), as: UTF8.self)
        #expect(markdown.contains("| 李\\\\教授 (兼) |"))
    }

    @Test func jsonIsAnArrayOfObjectsWithStableSnakeCaseKeys() throws {
        let value = try JSONSerialization.jsonObject(with: RosterDocument.render(Self.roster, as: .json))
        let objects = try #require(value as? [[String: Any]])
        #expect(objects.count == 3)
        let expected: Set<String> = [
            "student_number", "name", "identity_number", "mobile", "university", "university_code", "field", "cohort",
            "cohort_year", "direct_from_bachelor", "campus_supervisor", "enterprise_mentor", "host_enterprise",
            "host_enterprise_code", "position_code", "position", "projects", "start_on", "end_on", "started_on",
            "completed_on", "status", "withdrawal_reason", "mid_term_grade", "final_grade", "assessment", "report_title",
        ]
        for object in objects { #expect(Set(object.keys) == expected) }
        #expect(objects[0]["name"] as? String == "张三")
        #expect(objects[0]["identity_number"] as? String == "5201**********0012")
        #expect(objects[0]["projects"] as? [String] == ["数据治理, 质量评估 | 一期", "多源\"融合\"平台"])
        #expect(objects[0]["status"] as? String == "in-practice")
        #expect(objects[0]["cohort_year"] as? Int == 2026)
        #expect(objects[1]["host_enterprise"] is NSNull, "absent values are null, not missing")
        #expect(objects[1]["direct_from_bachelor"] as? Bool == true)
        #expect(objects[2]["assessment"] as? String == "pass")
        #expect(objects[2]["completed_on"] as? String == "2027-03-31")
    }

    @Test func theTerminalTableAlignsChineseAndCanShowTheFirstRows() {
        let full = RosterDocument.table(Self.roster)
        let lines = full.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "贵州大数据研究生实践教育基地 学员名册 · 2026级")
        #expect(lines[1].contains("生成时间: 2026-11-26 15:30:00 (UTC+8)"))
        let header = lines[3], rule = lines[4]
        #expect(header.hasPrefix("学号     姓名  身份证号"))
        // Each header starts at the display column where its rule segment starts.
        #expect(rule.hasPrefix("───────  ────  ──────────────────"))
        #expect(lines[5].hasPrefix("2026310  张三  5201**********0012"))
        #expect(full.hasSuffix("共 3 人（身份证号、手机号已遮蔽）"))

        let first = RosterDocument.table(Self.roster, limit: 2)
        #expect(first.contains("王五"))
        #expect(!first.contains("赵六"))
        #expect(first.hasSuffix("前 2 人，共 3 人（身份证号、手机号已遮蔽）"))
    }
}
