extension String {
    /// Drops Unicode whitespace (spaces, tabs, line breaks, the ideographic space U+3000, NBSP) at both
    /// ends. Much faster than Foundation's `trimmingCharacters(in:)` on the import path, and returns
    /// `self` unchanged when there is nothing to trim.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !Self.isTrimmable(first), !Self.isTrimmable(last) { return self }
        guard let start = scalars.firstIndex(where: { !Self.isTrimmable($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !Self.isTrimmable($0) })!
        return String(scalars[start...end])
    }

    /// Unicode White_Space, listed out (the property lookup is slow), plus the byte-order mark.
    static func isTrimmable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
            0x3000, 0xFEFF:
            true
        default: false
        }
    }

    /// Whether every byte is ASCII (so Character-level work can be done on bytes).
    var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }
}
