import Crypto
import Foundation
import Yams

/// A policy as loaded from a file: the checked ``Policy``, the exact text and the SHA-256 of its bytes
/// (what the database stores and every decision records next to the version).
public struct PolicyFile: Sendable, Equatable {
    public let policy: Policy
    /// The file's text, exactly as read.
    public let text: String
    /// Lowercase hex SHA-256 of the file's bytes.
    public let sha256: String

    /// Reads and checks a policy. Throws a ``PolicyError`` listing every problem (YAML syntax, a
    /// missing section, an unknown key or predicate, a wrong type, a number out of range, a class
    /// defined twice, …), each with its key path and line/column. `file` only names the file in messages.
    public init(data: Data, file: String? = nil) throws(PolicyError) {
        guard let text = String(data: data, encoding: .utf8) else {
            throw PolicyError(file: file, [.init(path: "", line: nil, column: nil, reason: "is not UTF-8 text",
                                                 hint: "Save the policy as UTF-8.")])
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw PolicyError(file: file, [Self.problem(error)])
        } catch {
            throw PolicyError(file: file, [.init(path: "", line: nil, column: nil, reason: "cannot be read as YAML: \(error)")])
        }
        guard let root else {
            throw PolicyError(file: file, [.init(path: "", line: nil, column: nil, reason: "is empty",
                                                 hint: "Start from the default policy (Docs/rules.md).")])
        }
        let parser = PolicyParser()
        guard let policy = parser.parse(root) else { throw PolicyError(file: file, parser.reader.problems) }
        self.policy = policy
        self.text = text
        self.sha256 = LotteryKey.hex(SHA256.hash(data: data))
    }

    /// Reads and checks a policy given as text (hashed as its UTF-8 bytes).
    public init(text: String, file: String? = nil) throws(PolicyError) {
        try self.init(data: Data(text.utf8), file: file)
    }

    /// The policy that ships with the package (Guiyang talent town; Docs/rules.md).
    public static var standard: PolicyFile {
        // The default text is checked by the tests; failing here is a build defect, not bad input.
        do { return try PolicyFile(text: DefaultPolicy.yaml, file: "default-policy.yaml") } catch {
            preconditionFailure("the default policy does not load: \(error)")
        }
    }

    static func problem(_ error: YamlError) -> PolicyError.Problem {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = context.map { "\($0.text) at \($0.mark.line):\($0.mark.column), " } ?? ""
            return .init(path: "", line: mark.line, column: mark.column, reason: "is not valid YAML: \(detail)\(problem)",
                         hint: "Check the indentation and quoting around this place.")
        case let .duplicatedKeysInMapping(duplicates, context):
            return .init(path: "", line: context.mark.line, column: context.mark.column,
                         reason: "repeats the key(s) \(duplicates.sorted().joined(separator: ", ")) in one mapping",
                         hint: "Give each key once.")
        default:
            return .init(path: "", line: nil, column: nil, reason: "cannot be read as YAML: \(error)")
        }
    }
}
