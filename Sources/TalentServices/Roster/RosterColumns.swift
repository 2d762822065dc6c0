import TalentDomain
import TalentStore

/// One column of a printed roster: its Chinese header and how a row reads in it. The CSV file, the
/// terminal table, the HTML page and the Markdown table all take their columns from here.
struct RosterColumn: Sendable {
    let header: String
    let value: @Sendable (RosterRow) -> String
}

enum RosterColumns {
    static let studentNumber = RosterColumn(header: "学号") { $0.studentNumber }
    static let name = RosterColumn(header: "姓名") { $0.name }
    static let identity = RosterColumn(header: "身份证号") { $0.identityKey.description }
    static let mobile = RosterColumn(header: "手机号") { $0.mobile?.description ?? "" }
    static let university = RosterColumn(header: "培养高校") { $0.universityName }
    static let universityCode = RosterColumn(header: "高校统一社会信用代码") { $0.universityCode }
    static let field = RosterColumn(header: "专业领域") { $0.field }
    static let cohort = RosterColumn(header: "年级") { $0.cohortName }
    static let directFromBachelor = RosterColumn(header: "本科直读") { $0.directFromBachelor ? "是" : "否" }
    static let supervisor = RosterColumn(header: "校内导师") { $0.campusSupervisor }
    static let mentor = RosterColumn(header: "企业导师") { $0.mentorName ?? "" }
    static let enterprise = RosterColumn(header: "实践单位") { $0.enterpriseName ?? "" }
    static let enterpriseCode = RosterColumn(header: "实践单位统一社会信用代码") { $0.enterpriseCode ?? "" }
    static let positionCode = RosterColumn(header: "岗位编号") { $0.positionCode ?? "" }
    static let position = RosterColumn(header: "实践岗位") { $0.positionTitle ?? "" }
    static let projects = RosterColumn(header: "合作项目") { $0.projects.joined(separator: "；") }
    static let start = RosterColumn(header: "开始日期") { RosterText.start($0) }
    static let end = RosterColumn(header: "结束日期") { RosterText.end($0) }
    static let period = RosterColumn(header: "实践起止") { RosterText.period($0) }
    static let status = RosterColumn(header: "状态") { RosterText.status($0) }
    static let midTerm = RosterColumn(header: "中期考核") { $0.midTermGrade.map(RosterText.grade) ?? "" }
    static let final = RosterColumn(header: "终期考核") { $0.finalGrade.map(RosterText.grade) ?? "" }
    static let assessment = RosterColumn(header: "结业考核") { $0.assessment.map(RosterText.result) ?? "" }
    static let reportTitle = RosterColumn(header: "实践报告") { $0.reportTitle ?? "" }

    /// Everything, for the CSV file a base office edits in Excel.
    static let spreadsheet = [
        studentNumber, name, identity, mobile, university, universityCode, field, cohort, directFromBachelor, supervisor,
        mentor, enterprise, enterpriseCode, positionCode, position, projects, start, end, status, midTerm, final,
        assessment, reportTitle,
    ]

    /// The printed page (HTML, Markdown): what fits an A4 landscape sheet.
    static let printed = [
        studentNumber, name, identity, university, field, supervisor, mentor, enterprise, position, projects, period,
        status, midTerm, final, assessment,
    ]

    /// The terminal.
    static let terminal = [
        studentNumber, name, identity, university, field, supervisor, mentor, enterprise, position, period, status,
        assessment,
    ]
}

/// How roster values read in Chinese.
enum RosterText {
    /// The actual start when the practice has started, else the planned one.
    static func start(_ row: RosterRow) -> String { (row.startedOn ?? row.startOn)?.description ?? "" }

    /// The completion day when completed, else the planned end.
    static func end(_ row: RosterRow) -> String { (row.completedOn ?? row.endOn)?.description ?? "" }

    static func period(_ row: RosterRow) -> String {
        let start = start(row), end = end(row)
        return start.isEmpty && end.isEmpty ? "" : "\(start) 至 \(end)"
    }

    static func status(_ row: RosterRow) -> String {
        guard row.status == .withdrawn, let reason = row.withdrawalReason, !reason.isEmpty else {
            return row.status.chineseName
        }
        return "\(row.status.chineseName)（\(reason)）"
    }

    static func grade(_ grade: MentorGrade) -> String {
        switch grade {
        case .excellent: "优秀"
        case .good: "良好"
        case .pass: "合格"
        case .fail: "不合格"
        }
    }

    static func result(_ result: AssessmentResult) -> String {
        switch result {
        case .pass: "通过"
        case .fail: "未通过"
        }
    }
}
