import Foundation

/// A foreign passport number: 5–20 characters of A–Z and 0–9 (uppercased).
public struct PassportNumber: Hashable, Sendable, ValidatedText {
    /// The uppercased number.
    public let value: String

    static let field = "passport"

    /// Validates a passport number; surrounding spaces are ignored and letters uppercased.
    public init(_ raw: String) throws(ValidationError) {
        let text = raw.trimmingWhitespace().uppercased()
        let count = text.count
        guard (5...20).contains(count) else {
            throw ValidationError(
                field: Self.field, value: raw, reason: "must have 5–20 characters, found \(count)",
                hint: "Copy the number from the passport's data page.")
        }
        if let bad = text.first(where: { !($0.isASCIIDigit || ("A"..."Z").contains($0)) }) {
            throw ValidationError(
                field: Self.field, value: raw, reason: "'\(bad)' is not allowed",
                hint: "A passport number has only the letters A–Z and digits; leave out spaces and dashes.")
        }
        self.value = text
    }

    /// First 2 and last 2 characters, the rest as asterisks: `E1****67`.
    public var masked: String { PersonalDataMask.keepingEnds(value, head: 2, tail: 2, minimumLength: 5) }

    public var description: String { value }
}
