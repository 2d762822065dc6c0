import Foundation
import TalentStore
import TalentText

/// The formats a roster is written in.
public enum RosterFormat: String, Sendable, CaseIterable {
    case table, csv, json, html, md
}

/// Renders a ``Roster``. Pure: the same roster gives the same bytes.
public enum RosterDocument {
    public static func render(_ roster: Roster, as format: RosterFormat) -> Data {
        switch format {
        case .table: Data((table(roster) + "\n").utf8)
        case .csv: csv(roster)
        case .json: json(roster)
        case .html: Data(RosterHTML.page(roster).utf8)
        case .md: Data(markdown(roster).utf8)
        }
    }

    /// For the terminal: title, filter and time, the table (CJK-aligned), and the count.
    /// `limit` shows only the first rows and says how many there are.
    public static func table(_ roster: Roster, limit: Int? = nil) -> String {
        let shown = limit.map { Array(roster.rows.prefix($0)) } ?? roster.rows
        var table = TextTable(headers: RosterColumns.terminal.map(\.header))
        for row in shown {
            table.append(RosterColumns.terminal.map { column in DisplayWidth.truncate(column.value(row), to: 36) })
        }
        var lines = [roster.title, roster.filterSummary + "　生成时间: " + roster.generatedAtText, "", table.render(), ""]
        lines.append(shown.count < roster.rows.count
                     ? "前 \(shown.count) 人，共 \(roster.rows.count) 人" : "共 \(roster.rows.count) 人")
        if roster.piiMasked { lines[lines.count - 1] += "（身份证号、手机号已遮蔽）" }
        return lines.joined(separator: "\n")
    }

    /// UTF-8 with a byte-order mark and CRLF line ends, so Excel opens it without guessing GBK.
    public static func csv(_ roster: Roster) -> Data {
        CSVWriter.excelDocument(
            header: RosterColumns.spreadsheet.map(\.header),
            rows: roster.rows.map { row in RosterColumns.spreadsheet.map { $0.value(row) } })
    }

    /// An array of objects with stable snake_case keys; an absent value is null, never left out.
    public static func json(_ roster: Roster) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(roster.rows.map(RosterJSONRow.init))) ?? Data("[]".utf8)
        return data + Data("\n".utf8)
    }

    /// A title, the filter and time, and a pipe table with `|` escaped.
    public static func markdown(_ roster: Roster) -> String {
        let columns = RosterColumns.printed
        var lines = [
            "# " + markdownCell(roster.title), "",
            "- 筛选条件: " + markdownCell(roster.filterSummary),
            "- 生成时间: " + roster.generatedAtText,
            "- 人数: \(roster.rows.count)" + (roster.piiMasked ? "（身份证号、手机号已遮蔽）" : ""), "",
            "| 序号 | " + columns.map { markdownCell($0.header) }.joined(separator: " | ") + " |",
            "|---:|" + String(repeating: "---|", count: columns.count),
        ]
        for (index, row) in roster.rows.enumerated() {
            lines.append("| \(index + 1) | " + columns.map { markdownCell($0.value(row)) }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A cell that cannot break the table: backslashes and pipes escaped, line breaks as spaces.
    static func markdownCell(_ text: String) -> String {
        var cell = ""
        for character in text {
            switch character {
            case "\\": cell += "\\\\"
            case "|": cell += "\\|"
            case "\n", "\r", "\r\n": cell += " "
            default: cell.append(character)
            }
        }
        return cell
    }
}

/// One trainee in the JSON roster.
struct RosterJSONRow: Encodable {
    let row: RosterRow

    init(_ row: RosterRow) { self.row = row }

    enum Key: String, CodingKey {
        case studentNumber = "student_number", name, identityNumber = "identity_number", mobile, university
        case universityCode = "university_code", field, cohort, cohortYear = "cohort_year"
        case directFromBachelor = "direct_from_bachelor", campusSupervisor = "campus_supervisor"
        case enterpriseMentor = "enterprise_mentor", hostEnterprise = "host_enterprise"
        case hostEnterpriseCode = "host_enterprise_code", positionCode = "position_code", position, projects
        case startOn = "start_on", endOn = "end_on", startedOn = "started_on", completedOn = "completed_on"
        case status, withdrawalReason = "withdrawal_reason", midTermGrade = "mid_term_grade"
        case finalGrade = "final_grade", assessment, reportTitle = "report_title"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(row.studentNumber, forKey: .studentNumber)
        try c.encode(row.name, forKey: .name)
        try c.encode(row.identityKey, forKey: .identityNumber)
        try c.encode(row.mobile, forKey: .mobile)
        try c.encode(row.universityName, forKey: .university)
        try c.encode(row.universityCode, forKey: .universityCode)
        try c.encode(row.field, forKey: .field)
        try c.encode(row.cohortName, forKey: .cohort)
        try c.encode(row.cohortYear, forKey: .cohortYear)
        try c.encode(row.directFromBachelor, forKey: .directFromBachelor)
        try c.encode(row.campusSupervisor, forKey: .campusSupervisor)
        try c.encode(row.mentorName, forKey: .enterpriseMentor)
        try c.encode(row.enterpriseName, forKey: .hostEnterprise)
        try c.encode(row.enterpriseCode, forKey: .hostEnterpriseCode)
        try c.encode(row.positionCode, forKey: .positionCode)
        try c.encode(row.positionTitle, forKey: .position)
        try c.encode(row.projects, forKey: .projects)
        try c.encode(row.startOn?.description, forKey: .startOn)
        try c.encode(row.endOn?.description, forKey: .endOn)
        try c.encode(row.startedOn?.description, forKey: .startedOn)
        try c.encode(row.completedOn?.description, forKey: .completedOn)
        try c.encode(row.status.rawValue, forKey: .status)
        try c.encode(row.withdrawalReason, forKey: .withdrawalReason)
        try c.encode(row.midTermGrade?.rawValue, forKey: .midTermGrade)
        try c.encode(row.finalGrade?.rawValue, forKey: .finalGrade)
        try c.encode(row.assessment?.rawValue, forKey: .assessment)
        try c.encode(row.reportTitle, forKey: .reportTitle)
    }
}
