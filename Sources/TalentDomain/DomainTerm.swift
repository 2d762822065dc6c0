/// A closed list of domain terms with an English code (the raw value, stored in the database and
/// used on the command line) and a simplified Chinese name (shown to people).
///
/// ``parse(_:)`` accepts, case-insensitively and with `_`, `-` or a space between words, the English
/// code, the simplified Chinese name and anything in ``aliases`` (traditional Chinese, synonyms).
public protocol DomainTerm: RawRepresentable<String>, CaseIterable, Sendable {
    /// The simplified Chinese term, e.g. 本科.
    var chineseName: String { get }
    /// Reads a term as a person may write it; nil if it is not one of the accepted spellings.
    static func parse(_ term: String) -> Self?
    /// Other accepted spellings, keyed in normalized form (lowercase, words joined by `-`).
    static var aliases: [String: Self] { get }
}

extension DomainTerm {
    public static var aliases: [String: Self] { [:] }

    public static func parse(_ term: String) -> Self? {
        let key = normalizedTermKey(term)
        guard !key.isEmpty else { return nil }
        if let match = allCases.first(where: { $0.rawValue == key || $0.chineseName == key }) {
            return match
        }
        return aliases[key]
    }

    /// The accepted codes and Chinese terms for error messages:
    /// `none|associate|bachelor|master|doctorate (无|大专|本科|硕士|博士)`.
    public static var allowedTermsDescription: String {
        allCases.map(\.rawValue).joined(separator: "|") + " ("
            + allCases.map(\.chineseName).joined(separator: "|") + ")"
    }
}

/// Lowercases and joins words with `-`, so `Associate_Senior` and `associate senior` both read as
/// `associate-senior`.
func normalizedTermKey(_ term: String) -> String {
    if isNormalizedTermKey(term) { return term }
    var key = ""
    var pendingDash = false
    for scalar in term.unicodeScalars {
        if scalar == "_" || scalar == "-" || String.isTrimmable(scalar) {
            pendingDash = !key.isEmpty
            continue
        }
        if pendingDash { key.append("-"); pendingDash = false }
        if scalar.isASCII, ("A"..."Z").contains(scalar) {
            key.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
        } else {
            key.unicodeScalars.append(scalar)
        }
    }
    return key
}

/// Already lowercase, no `_`, no whitespace, and `-` only between words: most input, which then
/// needs no copy.
private func isNormalizedTermKey(_ term: String) -> Bool {
    var previous: UInt8 = UInt8(ascii: "-")
    for byte in term.utf8 {
        switch byte {
        case 0x41...0x5A, UInt8(ascii: "_"), 0x00...0x20, 0x7F, 0xC2, 0xE1, 0xE2, 0xE3, 0xEF: return false
        case UInt8(ascii: "-") where previous == UInt8(ascii: "-"): return false
        default: previous = byte
        }
    }
    return previous != UInt8(ascii: "-")
}
