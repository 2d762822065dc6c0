import Testing
@testable import TalentDomain

@Suite struct TalentImportRowTests {
    let today = CalendarDate(year: 2025, month: 6, day: 1)!
    let header = try! TalentImportHeader(TalentImportHeader.columns)

    /// A full valid row, with cells replaced by column name.
    func row(_ changes: [String: String] = [:]) -> [String] {
        let base: [String: String] = [
            "name": "王小明", "id_number": "11010519491231002X", "mobile": "+86 138 0013 8000",
            "email": "wang@example.com", "degree": "博士", "university": "清华大学", "major": "自动化",
            "title": "副高级", "skill_level": "", "employer_credit_code": " 91520115ma6h12345x ",
            "contract_start": "2024-03-01", "contract_end": "2027-02-28", "insurance_since": "2024-03",
            "owns_housing": "否",
        ]
        let merged = base.merging(changes) { $1 }
        return TalentImportHeader.columns.map { merged[$0] ?? "" }
    }

    func issues(_ fields: [String], line: Int = 7) -> [ImportIssue] {
        switch header.draft(from: fields, line: line, today: today) {
        case .success: return []
        case .failure(let failure): return failure.issues
        }
    }

    @Test func validRowBecomesADraft() throws {
        let draft = try header.draft(from: row(), line: 2, today: today).get()
        #expect(draft.name.value == "王小明")
        #expect(draft.identity.key == "11010519491231002X")
        #expect(draft.mobile?.value == "13800138000")
        #expect(draft.degree == .doctorate)
        #expect(draft.title == .associateSenior)
        #expect(draft.skillLevel == SkillLevel.none)
        #expect(draft.employerCreditCode == "91520115MA6H12345X")
        #expect(draft.contractEnd == CalendarDate("2027-02-28"))
        #expect(draft.insuranceSince == YearMonth("2024-03"))
        #expect(draft.ownsHousing == false)
        #expect(draft.university == "清华大学")
    }

    @Test func passportRowBecomesADraft() throws {
        let draft = try header.draft(
            from: row(["id_number": "", "passport": "e1234567", "nationality": "usa", "name": "John Smith"]),
            line: 3, today: today
        ).get()
        #expect(draft.identity.key == "USA:E1234567")
    }

    @Test(arguments: [("是", true), ("否", false), ("yes", true), ("No", false), ("1", true), ("0", false), ("TRUE", true), ("", false)])
    func booleans(cell: String, expected: Bool) throws {
        #expect(try header.draft(from: row(["owns_housing": cell]), line: 2, today: today).get().ownsHousing == expected)
    }

    @Test func fieldCountMismatchIsASingleIssue() {
        let found = issues(Array(row().dropLast()))
        #expect(found.count == 1)
        #expect(found.first?.column == nil)
        #expect(found.first?.reason.hasPrefix("expected 16 fields, found 15") == true)
        #expect(found.first?.description.hasPrefix("line 7: expected 16 fields, found 15") == true)
    }

    @Test(arguments: [
        ("name", "王\n小明"), ("id_number", "110105194912310021"), ("mobile", "12800138000"),
        ("email", "wang.example.com"), ("degree", "diploma"), ("title", "senior"), ("skill_level", "master"),
        ("contract_start", "2024-02-30"), ("contract_end", "next year"), ("insurance_since", "2024-13"),
        ("owns_housing", "maybe"),
    ])
    func invalidCellIsReportedInItsColumn(column: String, value: String) {
        let found = issues(row([column: value]))
        #expect(found.count == 1)
        #expect(found.first?.column == column)
        #expect(found.first?.line == 7)
        #expect(found.first?.value == PersonalDataMask.value(value, field: column))
        #expect(found.first?.value == (column == "id_number" ? "1101**********0021" : column == "mobile" ? "128****8000" : value))
    }

    @Test func checkCharacterIssueReadsWell() {
        let found = issues(row(["id_number": "110105194912310021"]))
        #expect(found.first?.description.hasPrefix("line 7, column id_number: check character should be X, not 1") == true)
    }

    @Test func unknownTermListsTheAllowedOnes() {
        let found = issues(row(["degree": "diploma"]))
        #expect(found.first?.reason == "'diploma' is not one of none|associate|bachelor|master|doctorate (无|大专|本科|硕士|博士)")
    }

    @Test func everyIssueOfARowIsReported() {
        let found = issues(row(["mobile": "123", "email": "x", "degree": "?", "owns_housing": "maybe"]))
        #expect(found.map(\.column) == ["mobile", "email", "degree", "owns_housing"])
    }

    @Test func missingNameIsAnIssue() {
        #expect(issues(row(["name": " "])).map(\.column) == ["name"])
    }

    @Test func identityRules() {
        #expect(issues(row(["id_number": ""])).map(\.column) == ["id_number"])
        #expect(issues(row(["passport": "E1234567", "nationality": "USA"])).map(\.column) == ["passport"])
        #expect(issues(row(["id_number": "", "passport": "E1234567"])).map(\.column) == ["nationality"])
        #expect(issues(row(["id_number": "", "passport": "E1234567", "nationality": "CHN"])).map(\.column) == ["nationality"])
        #expect(issues(row(["nationality": "USA"])).map(\.column) == ["nationality"])
    }

    @Test func contractEndBeforeStartIsAnIssue() {
        let found = issues(row(["contract_start": "2024-03-01", "contract_end": "2024-02-29"]))
        #expect(found.map(\.column) == ["contract_end"])
        #expect(found.first?.reason.contains("before it starts") == true)
    }

    @Test func insuranceInTheFutureIsAnIssue() {
        #expect(issues(row(["insurance_since": "2025-07"])).map(\.column) == ["insurance_since"])
        #expect(issues(row(["insurance_since": "2025-06-30"])).isEmpty)
    }

    @Test func spreadsheetDatesAreAccepted() throws {
        let draft = try header.draft(
            from: row(["contract_start": "2024/3/1", "insurance_since": "2024/3"]), line: 2, today: today
        ).get()
        #expect(draft.contractStart == CalendarDate("2024-03-01"))
        #expect(draft.insuranceSince == YearMonth("2024-03"))
    }

    @Test func subsetHeaderReadsOnlyItsColumns() throws {
        let small = try TalentImportHeader(["id_number", "name"])
        let draft = try small.draft(from: ["360426199101010071", "李娜"], line: 2, today: today).get()
        #expect(draft.name.value == "李娜")
        #expect(draft.mobile == nil)
        #expect(draft.title == ProfessionalTitle.none)
    }
}
