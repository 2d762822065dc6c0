import Testing
import TalentDomain
@testable import TalentServices

/// The one line printed for a refused import suggests --skip-invalid only when it would import something:
/// some rows good, some bad (a refused report with good rows was refused because the flag was not given).
@Suite("TalentImportReport summary advice")
struct ImportReportCLIFixesTests {
    static func refused(rows: Int, issues: [ImportIssue], alreadyRegistered: Int = 0) -> TalentImportReport {
        TalentImportReport(
            file: "f.csv", encoding: "utf-8", rowsTotal: rows, added: 0, alreadyRegistered: alreadyRegistered,
            issues: issues, invalidRows: max(1, Set(issues.map(\.line)).count), written: false,
            errorReportPath: "f.csv.errors.csv")
    }

    @Test func anUndecodableFileOrAnUnclosedQuoteIsAFileProblem() {
        for issue in [ImportIssue(line: 3, reason: "the file is neither UTF-8 nor GB18030"),
                      ImportIssue(line: 2, column: "field 1", reason: "a quoted field starting here is never closed")] {
            let report = Self.refused(rows: 0, issues: [issue])
            #expect(report.fileRejected)
            #expect(report.importableRows == 0)
            #expect(report.summary.contains("could not be read as CSV") && report.summary.contains("nothing was imported"))
            #expect(!report.summary.contains("--skip-invalid"), "\(report.summary)")
        }
    }

    @Test func aWrongHeaderIsAFileProblemEvenWithDataRows() {
        let report = Self.refused(rows: 5, issues: [
            ImportIssue(line: 1, column: "nmae", value: "nmae", reason: "unknown column 'nmae'"),
            ImportIssue(line: 1, column: "name", reason: "the required column 'name' is missing"),
        ])
        #expect(report.fileRejected && report.importableRows == 0)
        #expect(report.summary.contains("header row is wrong"), "\(report.summary)")
        #expect(!report.summary.contains("--skip-invalid"), "\(report.summary)")
    }

    @Test func goodAndBadRowsSuggestSkipInvalid() {
        let report = Self.refused(rows: 3, issues: [ImportIssue(line: 3, column: "id_number", reason: "bad check character")])
        #expect(!report.fileRejected && report.importableRows == 2)
        #expect(report.summary.contains("1 of 3 rows are invalid")
                && report.summary.hasSuffix("or use --skip-invalid to import the valid rows."), "\(report.summary)")
    }

    @Test func noGoodRowLeftMeansNoAdvice() {
        let allBad = Self.refused(rows: 2, issues: [ImportIssue(line: 2, column: "mobile", reason: "x"),
                                                    ImportIssue(line: 3, column: "mobile", reason: "y")])
        #expect(!allBad.summary.contains("--skip-invalid"), "\(allBad.summary)")
        let restStored = Self.refused(rows: 2, issues: [ImportIssue(line: 3, column: "mobile", reason: "x")], alreadyRegistered: 1)
        #expect(restStored.importableRows == 0)
        #expect(!restStored.summary.contains("--skip-invalid"), "\(restStored.summary)")
    }
}
