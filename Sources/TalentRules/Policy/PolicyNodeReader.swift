import Yams

/// Walks a composed YAML node tree, reading typed values and collecting every problem with its key
/// path and line/column, so one pass reports all mistakes. Each read returns nil after recording a
/// problem; callers carry on with the rest.
final class PolicyNodeReader {
    private(set) var problems: [PolicyError.Problem] = []

    /// A mapping read with its allowed keys checked.
    struct Fields {
        let node: Node
        let path: String
        let values: [String: Node]

        subscript(key: String) -> Node? { values[key] }

        func path(_ key: String) -> String { PolicyNodeReader.join(path, key) }
    }

    func fail(_ node: Node?, _ path: String, _ reason: String, hint: String? = nil) {
        problems.append(.init(path: path, line: node?.mark?.line, column: node?.mark?.column, reason: reason, hint: hint))
    }

    /// `a.b`, `a[2]`, and `a["odd key"]` for keys that are not plain words.
    static func join(_ path: String, _ key: String) -> String {
        let plain = !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        if !plain { return path + "[\"" + key.replacingOccurrences(of: "\"", with: "\\\"") + "\"]" }
        return path.isEmpty ? key : path + "." + key
    }

    static func index(_ path: String, _ index: Int) -> String { path + "[\(index)]" }

    /// What a node is, for "not X but Y" messages.
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case let .scalar(scalar):
            if scalar.style == .plain && (scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null") { return "null" }
            return "'\(scalar.string)'"
        }
    }

    /// A mapping whose keys are all in `required` + `optional`; reports unknown keys (with what is
    /// allowed), missing required keys (at the mapping), and keys that are not text.
    func mapping(_ node: Node, _ path: String, required: [String], optional: [String] = [],
                 what: String = "key") -> Fields? {
        guard case let .mapping(mapping) = node else {
            fail(node, path, "must be a mapping, not \(Self.describe(node))",
                 hint: "Allowed keys: \((required + optional).joined(separator: ", ")).")
            return nil
        }
        let allowed = Set(required + optional)
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard case let .scalar(key) = keyNode else {
                fail(keyNode, path, "has a \(Self.describe(keyNode)) as a key", hint: "Keys are plain words.")
                continue
            }
            guard allowed.contains(key.string) else {
                fail(keyNode, Self.join(path, key.string), "unknown \(what)",
                     hint: "Allowed: \((required + optional).joined(separator: ", ")).")
                continue
            }
            values[key.string] = value
        }
        for key in required where values[key] == nil {
            fail(node, Self.join(path, key), "is missing", hint: "Add the \(what) '\(key)' under \(path.isEmpty ? "the top level" : path).")
        }
        return Fields(node: node, path: path, values: values)
    }

    /// A mapping with any text keys, in file order (vocabularies such as honours).
    func pairs(_ node: Node, _ path: String) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case let .mapping(mapping) = node else {
            fail(node, path, "must be a mapping, not \(Self.describe(node))")
            return nil
        }
        var result: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case let .scalar(key) = keyNode else {
                fail(keyNode, path, "has a \(Self.describe(keyNode)) as a key", hint: "Keys are plain words or numbers.")
                continue
            }
            result.append((key.string, keyNode, value))
        }
        return result
    }

    func list(_ node: Node, _ path: String, nonEmpty: Bool = false) -> [Node]? {
        guard case let .sequence(sequence) = node else {
            fail(node, path, "must be a list, not \(Self.describe(node))", hint: "Write [a, b] or one '- item' per line.")
            return nil
        }
        let items = Array(sequence)
        if nonEmpty && items.isEmpty {
            fail(node, path, "must not be empty")
            return nil
        }
        return items
    }

    /// A whole number written in plain decimal (no quotes, no octal or hex), within `range`.
    func int(_ node: Node, _ path: String, _ range: ClosedRange<Int>) -> Int? {
        let allowed = "a whole number from \(range.lowerBound) to \(range.upperBound)"
        guard case let .scalar(scalar) = node, scalar.style == .plain, let value = Self.decimal(scalar.string) else {
            fail(node, path, "must be \(allowed), not \(Self.describe(node))")
            return nil
        }
        guard range.contains(value) else {
            fail(node, path, "must be \(allowed), not \(value)")
            return nil
        }
        return value
    }

    /// Like ``int(_:_:_:)`` but `null` reads as nil (for "no cap").
    func optionalInt(_ node: Node, _ path: String, _ range: ClosedRange<Int>) -> Int?? {
        if Self.describe(node) == "null" { return .some(nil) }
        return int(node, path, range).map { .some($0) }
    }

    static func decimal(_ text: String) -> Int? {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits).map { negative ? -$0 : $0 }
    }

    /// `true` or `false`, plain.
    func bool(_ node: Node, _ path: String) -> Bool? {
        if case let .scalar(scalar) = node, scalar.style == .plain {
            if scalar.string == "true" { return true }
            if scalar.string == "false" { return false }
        }
        fail(node, path, "must be true or false, not \(Self.describe(node))")
        return nil
    }

    /// Requires exactly one boolean value (a predicate that is on or absent).
    func flag(_ node: Node, _ path: String, expected: Bool) {
        guard let value = bool(node, path) else { return }
        if value != expected {
            fail(node, path, "can only be \(expected)", hint: "To drop the rule, remove the line.")
        }
    }

    /// Non-empty text.
    func text(_ node: Node, _ path: String) -> String? {
        guard case let .scalar(scalar) = node, Self.describe(node) != "null", !scalar.string.isEmpty else {
            fail(node, path, "must be text, not \(Self.describe(node))")
            return nil
        }
        return scalar.string
    }

    /// One of a closed vocabulary, by its code.
    func term<T>(_ node: Node, _ path: String, _ parse: (String) -> T?, allowed: [String]) -> T? {
        guard case let .scalar(scalar) = node, let value = parse(scalar.string) else {
            fail(node, path, "must be one of \(allowed.joined(separator: ", ")), not \(Self.describe(node))")
            return nil
        }
        return value
    }

    /// A list of distinct terms.
    func terms<T: Equatable>(_ node: Node, _ path: String, nonEmpty: Bool = true, _ parse: (String) -> T?,
                             allowed: [String]) -> [T]? {
        guard let items = list(node, path, nonEmpty: nonEmpty) else { return nil }
        var result: [T] = []
        var ok = true
        for (index, item) in items.enumerated() {
            let itemPath = Self.index(path, index)
            guard let value = term(item, itemPath, parse, allowed: allowed) else { ok = false; continue }
            if result.contains(value) {
                fail(item, itemPath, "repeats \(Self.describe(item))", hint: "List each once.")
                ok = false
                continue
            }
            result.append(value)
        }
        return ok ? result : nil
    }
}
