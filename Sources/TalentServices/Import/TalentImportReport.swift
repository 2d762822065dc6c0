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

    /// One line for people.
    public var summary: String {
        if invalidRows > 0 && !written {
            let what = rowsTotal == 0 ? "the file could not be read as CSV" : "\(invalidRows) of \(rowsTotal) rows are invalid"
            return "\(file): \(what); nothing was imported. "
                + "Fix them (see \(errorReportPath ?? "the list above")) or use --skip-invalid to import the valid rows."
        }
        var parts = ["\(file): \(added) talents added"]
        if alreadyRegistered > 0 { parts.append("\(alreadyRegistered) already registered (unchanged)") }
        if invalidRows > 0 { parts.append("\(invalidRows) invalid rows skipped (see \(errorReportPath ?? "above"))") }
        if added == 0 && invalidRows == 0 { parts.append("nothing new to import") }
        return parts.joined(separator: ", ")
    }
}
