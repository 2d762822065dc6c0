/// The header row of a talent import CSV: which of the known columns are present, and where.
///
/// Columns may come in any order and any subset, as long as `name` is there and at least one of
/// `id_number` or `passport`. Build it once per file, then turn each row into a ``TalentDraft`` with
/// ``draft(from:line:today:)``.
public struct TalentImportHeader: Sendable {
    /// Every column the importer understands, in the order of the template.
    public static let columns = [
        "name", "id_number", "passport", "nationality", "mobile", "email", "degree", "university",
        "major", "title", "skill_level", "employer_credit_code", "contract_start", "contract_end",
        "insurance_since", "owns_housing",
    ]

    /// The header's column names, normalized (trimmed, lowercased), in file order.
    public let names: [String]
    /// Position of each present column in a row.
    let index: [String: Int]

    /// Reads a header row. Names are trimmed and case-insensitive; a leading byte-order mark is ignored.
    ///
    /// Reports every unknown and duplicate column, a missing `name`, and the lack of both
    /// `id_number` and `passport`.
    public init(_ header: [String], line: Int = 1) throws(ImportIssues) {
        var names: [String] = []
        var index: [String: Int] = [:]
        var issues: [ImportIssue] = []
        for (position, raw) in header.enumerated() {
            var name = raw
            if position == 0, name.unicodeScalars.first == "\u{FEFF}" { name.unicodeScalars.removeFirst() }
            name = name.trimmingWhitespace().lowercased()
            names.append(name)
            if !Self.columns.contains(name) {
                issues.append(ImportIssue(
                    line: line, column: name.isEmpty ? "#\(position + 1)" : name, value: raw,
                    reason: "unknown column '\(name)'; allowed columns are \(Self.columns.joined(separator: ", "))"))
            } else if let first = index[name] {
                issues.append(ImportIssue(
                    line: line, column: name, value: raw,
                    reason: "column '\(name)' appears twice (columns \(first + 1) and \(position + 1)); keep one"))
            } else {
                index[name] = position
            }
        }
        if index["name"] == nil {
            issues.append(ImportIssue(line: line, column: "name", reason: "the required column 'name' is missing"))
        }
        if index["id_number"] == nil, index["passport"] == nil {
            issues.append(ImportIssue(
                line: line, column: "id_number",
                reason: "the file needs an 'id_number' column, or 'passport' and 'nationality' columns for foreign talent"))
        }
        guard issues.isEmpty else { throw ImportIssues(issues) }
        self.names = names
        self.index = index
    }

    /// How many fields every row must have.
    public var fieldCount: Int { names.count }

    /// Whether the file has this column.
    public func contains(_ column: String) -> Bool { index[column] != nil }
}
