import Foundation

/// A person's name as written on their identity document, in any script: 王小明,
/// 阿卜杜拉·买买提, María José, ئەخمەت.
///
/// Trimmed, NFC-normalized, 1–100 characters, no control characters, no U+FFFD replacement character.
public struct PersonName: Hashable, Sendable, ValidatedText {
    /// The trimmed, NFC-normalized name.
    public let value: String

    static let field = "name"

    /// Validates a name.
    public init(_ raw: String) throws(ValidationError) {
        let text = Self.nfc(raw.trimmingWhitespace())
        guard !text.isEmpty else {
            throw ValidationError(field: Self.field, value: raw, reason: "is empty", hint: "Give the name as on the identity document.")
        }
        guard text.count <= 100 else {
            throw ValidationError(
                field: Self.field, value: raw, reason: "has \(text.count) characters, more than 100",
                hint: "Give the name only, as on the identity document.")
        }
        // U+FFFD stands in for bytes that were not text (a GBK terminal or file read as UTF-8): no real name has it.
        if text.unicodeScalars.contains("\u{FFFD}") {
            throw ValidationError(
                field: Self.field, value: raw, reason: "contains U+FFFD (�), which stands for bytes that were not valid text",
                hint: "The name was garbled on the way in; type it again in UTF-8, or fix the file's encoding.")
        }
        if let bad = text.unicodeScalars.first(where: Self.isForbidden) {
            throw ValidationError(
                field: Self.field, value: raw,
                reason: "contains the control character \(bad.escaped(asASCII: true))",
                hint: "Retype the name; it may have been pasted with a line break or tab.")
        }
        self.value = text
    }

    public var description: String { value }

    /// NFC form. Skips Foundation when every scalar is already stable under NFC (ASCII, Latin-1 and
    /// other scalars below U+0300, CJK unified ideographs), which is nearly every name.
    static func nfc(_ text: String) -> String {
        let stable = text.unicodeScalars.allSatisfy { $0.value < 0x300 || (0x3400...0x9FFF).contains($0.value) }
        return stable ? text : text.precomposedStringWithCanonicalMapping
    }

    // Private-use and unassigned scalars stay allowed: rare name characters were mapped to the
    // private-use area by older GB18030 versions.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value < 0x20 || scalar.value == 0x7F }
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator, .surrogate: return true
        default: return false
        }
    }
}
