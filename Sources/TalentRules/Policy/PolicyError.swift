/// Why a policy file was refused: every problem found, each with its key path, line and column, and
/// what is allowed.
///
/// The description reads like
/// ```
/// policy.yaml has 2 problems:
///   policy.yaml:41:24: rent.discounts[1].percent_payable: must be a whole number from 0 to 100, not 150.
///   policy.yaml:12:3: eligibility.owns_housin: unknown predicate. Allowed: certified_class_in, …
/// ```
public struct PolicyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One problem at one place of the file.
    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        /// The key path: `rent.discounts[1].percent_payable`; empty for the document itself.
        public var path: String
        /// 1-based line and column of the offending node (or of the mapping a key is missing from);
        /// nil only when the file has no node there (an empty file).
        public var line: Int?
        public var column: Int?
        /// What is wrong, without a trailing period.
        public var reason: String
        /// What is allowed, or what to do.
        public var hint: String?

        public init(path: String, line: Int?, column: Int?, reason: String, hint: String? = nil) {
            self.path = path
            self.line = line
            self.column = column
            self.reason = reason
            self.hint = hint
        }

        /// `12:3: eligibility.owns_housin: unknown predicate. Allowed: …`
        public var description: String {
            var text = ""
            if let line { text += "\(line):\(column ?? 1): " }
            text += path.isEmpty ? "(document)" : path
            text += ": \(reason)."
            if let hint { text += " \(hint)" }
            return text
        }
    }

    /// The file's name for messages, when known.
    public var file: String?
    /// Every problem, in document order.
    public var problems: [Problem]

    public init(file: String? = nil, _ problems: [Problem]) {
        self.file = file
        self.problems = problems
    }

    public var description: String {
        let name = file ?? "the policy"
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        let prefix = file.map { $0 + ":" } ?? ""
        return "\(name) has \(count):\n" + problems.map { "  \(prefix)\($0)" }.joined(separator: "\n")
    }
}
