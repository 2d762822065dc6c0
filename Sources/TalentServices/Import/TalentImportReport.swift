import Foundation
import TalentDomain

/// What a talent import did, or would have done: counts and every bad row.
public struct TalentImportReport: Sendable, Codable {
    public var file: String
    public var encoding: String
    public var rowsTotal: Int
    /// Rows written by this import.
    public var added: Int
    /// Rows whose identity is already registered under the same name (not changed by an import).
    public var alreadyRegistered: Int
    /// Rows refused, each with line, column and reason.
    public var issues: [ImportIssue]
    /// Distinct bad rows.
    public var invalidRows: Int
    /// Whether anything was written.
    public var written: Bool
    public var batchID: Int64?
    /// Where the error report was written, if there were bad rows.
    public var errorReportPath: String?
    /// Whether the import went on without its invalid rows (`--skip-invalid`) rather than being refused
    /// as a whole; then the good rows were added or were registered already.
    public var invalidRowsSkipped = false

    /// Whether the file as a whole was refused (not valid text in the encoding, not valid CSV, or a
    /// wrong header row), so that no row was checked and none could be imported.
    public var fileRejected: Bool {
        guard invalidRows > 0 && !written else { return false }
        // Decoding and CSV errors come before any row is counted; header errors sit on the header row,
        // line 1 (only blank lines before it could move it down).
        return rowsTotal == 0 || issues.allSatisfy { $0.line <= 1 }
    }

    /// Rows that passed every check and are not stored yet: what --skip-invalid would import.
    public var importableRows: Int {
        fileRejected ? 0 : max(0, rowsTotal - invalidRows - alreadyRegistered)
    }

    /// One line for people.
    public var summary: String {
        if invalidRows > 0 && !written && !invalidRowsSkipped {
            let see = "see \(errorReportPath ?? "the list above")"
            if fileRejected {
                // Header problems name a column; decoding and CSV problems name none, or a `field N`.
                let header = issues.contains { $0.line <= 1 && $0.column.map { !$0.hasPrefix("field ") } ?? false }
                let what = header ? "the header row is wrong" : "the file could not be read as CSV"
                return "\(file): \(what); nothing was imported. Fix the file (\(see)) and import it again."
            }
            // --skip-invalid helps only when some rows are good; a report that reaches here with good rows
            // was refused because the flag was not given (with it, the good rows are written).
            let skip = importableRows > 0 ? " or use --skip-invalid to import the valid rows" : ""
            return "\(file): \(invalidRows) of \(rowsTotal) rows are invalid; nothing was imported. "
                + "Fix them (\(see))\(skip)."
        }
        var parts = ["\(file): \(added) " + (added == 1 ? "talent" : "talents") + " added"]
        if alreadyRegistered > 0 { parts.append("\(alreadyRegistered) already registered (unchanged)") }
        if invalidRows > 0 { parts.append("\(invalidRows) invalid rows skipped (see \(errorReportPath ?? "above"))") }
        if added == 0 && invalidRows == 0 { parts.append("nothing new to import") }
        return parts.joined(separator: ", ")
    }
}
