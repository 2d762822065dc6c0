import Foundation
import TalentDomain
import TalentText

/// The validated-CSV reading step shared by the practice-base imports: decode (UTF-8 or GB18030),
/// split into records, check the header against the known columns, and hand out cells by column
/// name. File-level problems are reported like bad rows (exit 65, `FILE.errors.csv`), exactly as
/// the talent import reports them, and the same report type carries them.
struct CSVImportFile {
    let path: String
    let fileName: String
    let encoding: String
    let sha256: String
    /// Column name → position in a row.
    let columns: [String: Int]
    /// The data rows (header excluded).
    let rows: [CSVRecord]
    let writeErrorReport: Bool

    /// Reads `path`; `allowed` lists every known column in template order, `required` those that must be present.
    static func read(at path: String, allowed: [String], required: [String],
                     options: TalentImportService.Options) throws(ServiceError) -> CSVImportFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile("cannot read \(path): \(error.localizedDescription)")
        }
        return try read(data, path: path, allowed: allowed, required: required, options: options)
    }

    /// Reads `data`, a file's content: `path` names it in reports (and is where `FILE.errors.csv` goes,
    /// when the options write one); a file sent over HTTP has only its name.
    static func read(_ data: Data, path: String, allowed: [String], required: [String],
                     options: TalentImportService.Options) throws(ServiceError) -> CSVImportFile {
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        func reject(_ issues: [ImportIssue], encoding: String, rows: Int) -> ServiceError {
            rejection(issues, path: path, encoding: encoding, rowsTotal: rows, writeErrorReport: options.writeErrorReport)
        }
        let decoded: (text: String, detected: SourceEncoding, hadBOM: Bool)
        do {
            decoded = try TextDecoding.decode(data, as: options.encoding)
        } catch {
            throw reject([ImportIssue(line: error.line ?? 1, reason: error.description)], encoding: options.encoding.rawValue, rows: 0)
        }
        let records: [CSVRecord]
        do {
            records = try CSVReader.records(in: decoded.text)
        } catch {
            throw reject([ImportIssue(line: error.line, column: error.column.map { "field \($0)" }, reason: error.reason)],
                         encoding: decoded.detected.rawValue, rows: 0)
        }
        guard let header = records.first else {
            throw .unreadableFile("\(fileName) is empty; the first row must name the columns: \(allowed.joined(separator: ", "))")
        }
        var columns: [String: Int] = [:]
        var issues: [ImportIssue] = []
        for (position, raw) in header.fields.enumerated() {
            var name = raw
            if position == 0, name.unicodeScalars.first == "\u{FEFF}" { name.unicodeScalars.removeFirst() }
            name = name.trimmed.lowercased()
            if !allowed.contains(name) {
                issues.append(ImportIssue(
                    line: header.line, column: name.isEmpty ? "#\(position + 1)" : name, value: raw,
                    reason: "unknown column '\(name)'; allowed columns are \(allowed.joined(separator: ", "))"))
            } else if let first = columns[name] {
                issues.append(ImportIssue(
                    line: header.line, column: name, value: raw,
                    reason: "column '\(name)' appears twice (columns \(first + 1) and \(position + 1)); keep one"))
            } else {
                columns[name] = position
            }
        }
        for name in required where columns[name] == nil {
            issues.append(ImportIssue(line: header.line, column: name, reason: "the required column '\(name)' is missing"))
        }
        guard issues.isEmpty else { throw reject(issues, encoding: decoded.detected.rawValue, rows: records.count - 1) }
        return CSVImportFile(
            path: path, fileName: fileName, encoding: decoded.detected.rawValue,
            sha256: TalentImportService.sha256(data), columns: columns, rows: Array(records.dropFirst()),
            writeErrorReport: options.writeErrorReport)
    }

    /// The trimmed cell, nil when the column is absent or the cell empty.
    func cell(_ record: CSVRecord, _ column: String) -> String? {
        guard let position = columns[column], position < record.fields.count else { return nil }
        return record.fields[position].trimmed.nonEmpty
    }

    /// A row with the wrong number of fields, or nil.
    func shapeIssue(_ record: CSVRecord) -> ImportIssue? {
        guard record.fields.count != columns.count else { return nil }
        return ImportIssue(
            line: record.line,
            reason: "expected \(columns.count) fields, found \(record.fields.count); check for a stray comma or a missing quote")
    }

    /// A yes/no cell: true/false, yes/no, 1/0, 是/否.
    static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "y", "1", "是", "t": true
        case "false", "no", "n", "0", "否", "f": false
        default: nil
        }
    }

    /// The report of an import that found bad rows: issues sorted, error report written beside the file.
    func report(issues: [ImportIssue]) -> TalentImportReport {
        let sorted = issues.sorted { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
        var report = TalentImportReport(
            file: fileName, encoding: encoding, rowsTotal: rows.count, added: 0, alreadyRegistered: 0,
            issues: sorted, invalidRows: Set(sorted.map(\.line)).count, written: false)
        if !sorted.isEmpty && writeErrorReport {
            report.errorReportPath = TalentImportService.writeErrorReport(sorted, besides: path)
        }
        return report
    }

    static func rejection(_ issues: [ImportIssue], path: String, encoding: String, rowsTotal: Int,
                          writeErrorReport: Bool) -> ServiceError {
        var report = TalentImportReport(
            file: URL(fileURLWithPath: path).lastPathComponent, encoding: encoding, rowsTotal: rowsTotal, added: 0,
            alreadyRegistered: 0, issues: issues, invalidRows: max(1, Set(issues.map(\.line)).count), written: false)
        if writeErrorReport { report.errorReportPath = TalentImportService.writeErrorReport(issues, besides: path) }
        return .importRejected(report)
    }
}

/// What a practice-base import did.
public struct PracticeImportReport: Sendable, Codable, Equatable {
    /// trainees, positions, preferences or rankings.
    public var kind: String
    public var file: String
    public var encoding: String
    public var rowsTotal: Int
    /// Records written: trainees or positions added, or ranked lists replaced.
    public var added: Int
    /// Rows that match what is already stored (left unchanged, so importing a file twice adds nothing).
    public var unchanged: Int
    /// Rows refused (only with skip-invalid; otherwise the import is refused as a whole).
    public var issues: [ImportIssue]
    public var invalidRows: Int
    public var errorReportPath: String?
    public var batchID: Int64?

    public var summary: String {
        let noun = ["preferences": "trainees' preference lists set", "rankings": "positions' rankings set"][kind] ?? "\(kind) added"
        var parts = ["\(file): \(added) \(noun)"]
        if unchanged > 0 { parts.append("\(unchanged) already there (unchanged)") }
        if invalidRows > 0 { parts.append("\(invalidRows) invalid rows skipped (see \(errorReportPath ?? "above"))") }
        return parts.joined(separator: ", ")
    }
}
