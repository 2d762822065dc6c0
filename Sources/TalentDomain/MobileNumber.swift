/// A mainland mobile number: 11 digits matching `^1[3-9]\d{9}$`. It has no check digit.
public struct MobileNumber: Hashable, Sendable, ValidatedText {
    /// The 11 digits, without country prefix, spaces or dashes.
    public let value: String

    static let field = "mobile"

    /// Accepts the number as people write it: `+86 138-0013-8000`, `8613800138000`, `013800138000`.
    public init(_ raw: String) throws(ValidationError) {
        let digits = Self.withoutPrefix(raw)
        func failure(_ reason: String) -> ValidationError {
            ValidationError(
                field: Self.field, value: raw, reason: reason,
                hint: "Give the 11-digit mainland mobile number (it starts with 13–19), optionally with +86.")
        }
        if let bad = digits.first(where: { !("0"..."9").contains($0) }) {
            throw failure("'\(bad)' is not a digit")
        }
        guard digits.count == 11 else {
            throw failure("must have 11 digits, found \(digits.count)")
        }
        let first = digits[digits.startIndex], second = digits[digits.index(after: digits.startIndex)]
        guard first == "1" else { throw failure("must start with 1, not \(first)") }
        guard ("3"..."9").contains(second) else {
            throw failure("the second digit must be 3–9, not \(second)")
        }
        self.value = String(digits)
    }

    /// First 3 and last 4 digits: `138****8000`.
    public var masked: String { PersonalDataMask.keepingEnds(value, head: 3, tail: 4, minimumLength: 8) }

    public var description: String { value }

    /// `raw` without separators and without a `+86`, `0086`, `86` or `0` prefix (not yet checked).
    static func withoutPrefix(_ raw: String) -> String.UnicodeScalarView {
        var digits = raw.unicodeScalars.filter { !isSeparator($0) }
        if digits.starts(with: "+86".unicodeScalars) {
            digits.removeFirst(3)
        } else if digits.count == 15, digits.starts(with: "0086".unicodeScalars) {
            digits.removeFirst(4)
        } else if digits.count == 13, digits.starts(with: "86".unicodeScalars) {
            digits.removeFirst(2)
        } else if digits.count == 12, digits.first == "0" {
            digits.removeFirst()
        }
        return digits
    }

    /// Spaces, tabs, dashes and brackets people put between digit groups.
    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "-", "(", ")", "\u{3000}", "\u{A0}", "\u{2010}", "\u{2011}", "\u{2013}": true
        default: false
        }
    }
}
