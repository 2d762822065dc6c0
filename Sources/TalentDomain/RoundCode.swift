import Foundation

/// The code of a housing allocation round, e.g. `2026-R1`: 1–40 ASCII letters, digits, `-` or `_`,
/// starting with a letter or digit (``HousingCodeSyntax``, the rule of project, building and unit codes).
/// Codable as the string, checked again when decoded (``ValidatedText``).
public struct RoundCode: Hashable, Sendable, ValidatedText {
    /// The code as stored, whitespace around it dropped; letter case is kept.
    public let value: String

    static let field = "code"

    /// Validates a code as typed (spaces around it ignored).
    public init(_ raw: String) throws(ValidationError) {
        let code = raw.trimmingWhitespace()
        guard HousingCodeSyntax.isWellFormed(code) else {
            throw ValidationError(field: Self.field, value: HousingCodeSyntax.shown(raw),
                                  reason: HousingCodeSyntax.rule + HousingCodeSyntax.whatIsWrong(code),
                                  hint: "e.g. 2026-R1")
        }
        self.value = code
    }

    public var description: String { value }
}

/// The code rule of housing projects, buildings, units and rounds: 1–40 ASCII letters, digits, `-` or
/// `_`, starting with a letter or digit (no Chinese characters, no spaces), so a code can be typed in
/// any shell and used in a file name.
public enum HousingCodeSyntax {
    public static let maxLength = 40

    /// The rule in words, as a validation reason.
    public static let rule = "must be 1–40 letters, digits, '-' or '_', starting with a letter or digit"

    /// Whether `code` (already trimmed) follows the rule.
    public static func isWellFormed(_ code: String) -> Bool {
        guard let first = code.unicodeScalars.first, code.count <= maxLength else { return false }
        return isLetterOrDigit(first) && code.unicodeScalars.allSatisfy { isLetterOrDigit($0) || $0 == "-" || $0 == "_" }
    }

    /// What breaks the rule in `code` (trimmed), as a parenthesis to append to ``rule``: empty, too
    /// long, or the first character that is not allowed; empty text when the code is well formed.
    public static func whatIsWrong(_ code: String) -> String {
        guard let first = code.first else { return " (it is empty)" }
        if code.count > maxLength { return " (it has \(code.count) characters)" }
        guard let index = code.firstIndex(where: { char in
            !char.unicodeScalars.allSatisfy { isLetterOrDigit($0) || $0 == "-" || $0 == "_" }
        }) else {
            return isWellFormed(code) ? "" : " (it starts with '\(first)')"
        }
        return " (character \(code.distance(from: code.startIndex, to: index) + 1) is '\(code[index])')"
    }

    /// `raw` as a validation error shows it: a long text cut to its first 40 characters and its length.
    public static func shown(_ raw: String) -> String {
        raw.count > 60 ? "\(raw.prefix(40))… (\(raw.count) characters)" : raw
    }

    static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (("0"..."9").contains(scalar) || ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar))
    }
}
