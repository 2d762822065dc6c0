import Testing
@testable import TalentDomain

func headerIssues(_ header: [String]) -> [ImportIssue] {
    do {
        _ = try TalentImportHeader(header)
        return []
    } catch {
        return error.issues
    }
}

@Suite struct TalentImportHeaderTests {
    @Test func fullTemplateIsAccepted() throws {
        let header = try TalentImportHeader(TalentImportHeader.columns)
        #expect(header.fieldCount == 16)
        #expect(TalentImportHeader.columns.allSatisfy(header.contains))
    }

    @Test func namesAreTrimmedCaseInsensitiveAndBOMIsStripped() throws {
        let header = try TalentImportHeader(["\u{FEFF}Name", " ID_NUMBER ", "Mobile"])
        #expect(header.names == ["name", "id_number", "mobile"])
    }

    @Test func unknownColumnIsNamedWithTheAllowedList() {
        let issues = headerIssues(["name", "id_number", "phone"])
        #expect(issues.count == 1)
        #expect(issues.first?.column == "phone")
        #expect(issues.first?.reason.contains("unknown column 'phone'") == true)
        #expect(issues.first?.reason.contains("mobile") == true)
        #expect(issues.first?.line == 1)
    }

    @Test func duplicateColumnIsReported() {
        let issues = headerIssues(["name", "id_number", "Name"])
        #expect(issues.map(\.column) == ["name"])
        #expect(issues.first?.reason.contains("appears twice (columns 1 and 3)") == true)
    }

    @Test func missingNameIsReported() {
        let issues = headerIssues(["id_number", "mobile"])
        #expect(issues.map(\.column) == ["name"])
    }

    @Test func missingIdentityColumnsAreReported() throws {
        let issues = headerIssues(["name", "mobile"])
        #expect(issues.map(\.column) == ["id_number"])
        #expect(try TalentImportHeader(["name", "passport", "nationality"]).contains("passport"))
    }

    @Test func allHeaderProblemsAreReportedTogether() {
        let issues = headerIssues(["phone", "phone", "email", "email"])
        // phone twice unknown, email duplicate, name missing, identity missing.
        #expect(issues.count == 5)
        #expect(ImportIssues(issues).description.split(separator: "\n").count == 5)
    }
}
