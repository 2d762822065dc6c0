import Foundation

/// The country that issued a foreign passport: an ISO 3166-1 alpha-2 or alpha-3 code, uppercased.
///
/// Only the shape is checked, not membership in the ISO list. China (`CN`, `CHN`) is refused:
/// mainland citizens are registered with their resident identity number.
public struct Nationality: Hashable, Sendable, ValidatedText {
    /// The uppercased code, e.g. `USA` or `DE`.
    public let code: String

    static let field = "nationality"

    /// Validates a nationality code; surrounding spaces are ignored and letters uppercased.
    public init(_ raw: String) throws(ValidationError) {
        let text = raw.trimmingWhitespace().uppercased()
        guard (2...3).contains(text.count), text.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw ValidationError(
                field: Self.field, value: raw, reason: "must be a 2- or 3-letter ISO 3166-1 country code",
                hint: "Use the code printed on the passport, e.g. USA, DEU or GB.")
        }
        guard text != "CN", text != "CHN" else {
            throw ValidationError(
                field: Self.field, value: raw, reason: "Chinese citizens are not registered by passport",
                hint: "Use the resident identity number (id_number) instead.")
        }
        self.code = text
    }

    public var description: String { code }
}
