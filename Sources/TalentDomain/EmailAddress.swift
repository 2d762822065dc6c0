/// An e-mail address, checked pragmatically: one `@`, a non-empty local part, and a domain of
/// dot-separated labels with a top-level part of at least two characters. The domain is lowercased.
public struct EmailAddress: Hashable, Sendable, ValidatedText {
    /// The address, trimmed, with a lowercased domain.
    public let value: String

    static let field = "email"

    /// Validates an address; surrounding spaces are ignored.
    public init(_ raw: String) throws(ValidationError) {
        let text = raw.trimmingWhitespace()
        func failure(_ reason: String) -> ValidationError {
            ValidationError(field: Self.field, value: raw, reason: reason, hint: "Write it like name@example.com.")
        }
        let bytes = Array(text.utf8)
        guard bytes.count <= 254 else { throw failure("is longer than 254 characters") }
        let ats = bytes.indices.filter { bytes[$0] == UInt8(ascii: "@") }
        guard ats.count == 1, let at = ats.first else {
            throw failure(ats.isEmpty ? "has no @" : "has more than one @")
        }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
        guard !local.isEmpty, local.count <= 64 else { throw failure("the part before @ must have 1–64 characters") }
        if let bad = Self.firstForbidden(text) {
            throw failure("contains '\(bad.escaped(asASCII: true))', which is not allowed in an address")
        }
        let dot = UInt8(ascii: ".")
        guard local.first != dot, local.last != dot, !zip(local, local.dropFirst()).contains(where: { $0 == dot && $1 == dot }) else {
            throw failure("the part before @ has a misplaced dot")
        }
        let labels = domain.split(separator: dot, omittingEmptySubsequences: false)
        let dash = UInt8(ascii: "-")
        guard labels.count >= 2, let top = labels.last, top.count >= 2,
            labels.allSatisfy({ label in
                !label.isEmpty && label.first != dash && label.last != dash
                    && label.allSatisfy { Self.isDomainByte($0) }
            })
        else {
            throw failure("the domain '\(String(decoding: domain, as: UTF8.self))' is not a valid domain name")
        }
        self.value = String(decoding: local, as: UTF8.self) + "@" + String(decoding: domain, as: UTF8.self)
    }

    public var description: String { value }

    /// Letters, digits, `-`, and any non-ASCII byte (internationalized domain names).
    static func isDomainByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x61...0x7A, UInt8(ascii: "-"), 0x80...: true
        default: false
        }
    }

    static func firstForbidden(_ text: String) -> Unicode.Scalar? {
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                switch scalar {
                case "\u{0}"..."\u{20}", "\u{7F}", "<", ">", "(", ")", "[", "]", "\\", ",", ";", ":", "\"": return scalar
                default: continue
                }
            }
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control { return scalar }
        }
        return nil
    }
}
