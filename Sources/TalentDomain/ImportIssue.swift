/// One problem found in an import file, located by line and column.
///
/// Reads like `line 7, column id_number: check character should be X, not 1`.
public struct ImportIssue: Error, Equatable, Sendable, Codable, CustomStringConvertible {
    /// 1-based physical line of the file where the record starts.
    public var line: Int
    /// The header name of the column, if the problem is in one cell.
    public var column: String?
    /// The cell's content as given; identity and mobile numbers masked (``PersonalDataMask``), so the
    /// list of bad rows and `FILE.errors.csv` never repeat them in full.
    public var value: String?
    /// What is wrong and, where useful, what to do.
    public var reason: String

    public init(line: Int, column: String? = nil, value: String? = nil, reason: String) {
        self.line = line
        self.column = column
        self.value = value.map { PersonalDataMask.value($0, field: column ?? "") }
        self.reason = reason
    }

    /// An issue for a cell that failed a value type's validation; the hint is kept in the reason.
    public init(line: Int, column: String, _ error: ValidationError) {
        var reason = error.reason
        if let hint = error.hint { reason += ". " + hint }
        self.init(line: line, column: column, value: error.value, reason: reason)
    }

    public var description: String {
        if let column { return "line \(line), column \(column): \(reason)" }
        return "line \(line): \(reason)"
    }
}

/// All problems found in a header or a row, so a person can fix them in one pass.
public struct ImportIssues: Error, Sendable, CustomStringConvertible {
    public var issues: [ImportIssue]

    public init(_ issues: [ImportIssue]) {
        self.issues = issues
    }

    /// One issue per line.
    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
