/// Why a matching instance was refused: every problem found, each with where it is and what to do.
///
/// The description reads like
/// ```
/// the matching instance has 2 problems:
///   trainees.T7[2]: position 'P9' does not exist. Add it under "positions" or remove it from the list.
///   positions.P1.capacity: must not be negative, not -1. Use 0 for a position that takes nobody.
/// ```
public struct MatchingInstanceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One problem at one place of the instance.
    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        /// Where, in the JSON document's terms: `trainees.T7[2]`, `positions.P1.capacity`,
        /// `positions.P1.ranking[0]`; ids that are not plain words are quoted: `trainees["a b"]`.
        public var path: String
        /// What is wrong, without a trailing period.
        public var reason: String
        /// What the person can do about it.
        public var hint: String?

        public init(path: String, reason: String, hint: String? = nil) {
            self.path = path
            self.reason = reason
            self.hint = hint
        }

        /// `path: reason. hint`
        public var description: String {
            var text = "\(path.isEmpty ? "(document)" : path): \(reason)."
            if let hint { text += " \(hint)" }
            return text
        }
    }

    /// Every problem, in document order (trainees by id, then positions by id).
    public var problems: [Problem]

    public init(_ problems: [Problem]) {
        self.problems = problems
    }

    public var description: String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return "the matching instance has \(count):\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}

/// Paths into an instance document, as ``MatchingInstanceError/Problem/path`` shows them.
enum MatchingPath {
    static func trainee(_ id: String) -> String { "trainees" + key(id) }
    static func trainee(_ id: String, _ index: Int) -> String { trainee(id) + "[\(index)]" }
    static func position(_ id: String) -> String { "positions" + key(id) }
    static func capacity(_ id: String) -> String { position(id) + ".capacity" }
    static func ranking(_ id: String) -> String { position(id) + ".ranking" }
    static func ranking(_ id: String, _ index: Int) -> String { ranking(id) + "[\(index)]" }

    /// `.T7` for a plain id, `["a b"]` for anything else (spaces, dots, brackets, the empty id).
    static func key(_ id: String) -> String {
        let plain = !id.isEmpty && id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        if plain { return "." + id }
        let escaped = id.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "[\"\(escaped)\"]"
    }

    /// A decoder's coding path in the same notation.
    static func from(codingPath: [any CodingKey]) -> String {
        var path = ""
        for (depth, key) in codingPath.enumerated() {
            if let index = key.intValue, key.stringValue == "Index \(index)" {  // an array element, not a numeric id
                path += "[\(index)]"
            } else if depth == 0 {
                path += key.stringValue
            } else {
                path += Self.key(key.stringValue)
            }
        }
        return path
    }
}
