/// One record of a CSV file.
public struct CSVRecord: Sendable, Equatable {
    /// 1-based physical line where the record starts (a quoted field may span several lines).
    public var line: Int
    /// The fields, unquoted, exactly as written otherwise (not trimmed).
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A CSV file that does not follow RFC 4180, located by line and field.
///
/// Reads like `line 12, field 3: a quoted field starting here is never closed; …`.
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based physical line.
    public var line: Int
    /// 1-based field number within the record, if the problem is in one field.
    public var column: Int?
    /// What is wrong and what to do.
    public var reason: String

    public init(line: Int, column: Int? = nil, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        if let column { return "line \(line), field \(column): \(reason)" }
        return "line \(line): \(reason)"
    }
}
