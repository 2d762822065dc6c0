import Foundation

extension PersonalDataMask {
    /// The JSON of a stored row (a talent version, an audit entry's before or after) with every identity
    /// and mobile number masked, at any depth: the values of `id_number`, `identity_key`,
    /// `talentIdentityKey`, `mobile`, `talentMobile` (in any spelling of case and `_`), of `passport`,
    /// and of `identity` when it holds an identity key. Text that is not JSON, or has nothing to mask, is
    /// returned as it is.
    public static func json(_ text: String) -> String {
        guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            return text
        }
        var changed = false
        let masked = masking(value, key: nil, changed: &changed)
        guard changed,
              let data = try? JSONSerialization.data(
                  withJSONObject: masked, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        else { return text }
        return String(decoding: data, as: UTF8.self)
    }

    private static func masking(_ value: Any, key: String?, changed: inout Bool) -> Any {
        if let object = value as? [String: Any] {
            var copy = object
            for (name, inner) in object {
                copy[name] = masking(inner, key: normalisedKey(name), changed: &changed)
            }
            return copy
        }
        if let array = value as? [Any] {
            return array.map { masking($0, key: key, changed: &changed) }
        }
        // Already masked text (a view recorded as it was shown) stays as it is.
        guard let key, let text = value as? String, !text.isEmpty, !text.contains("*") else { return value }
        if key == "identity" ? looksLikeIdentityKey(text) : identityKeys.contains(key) {
            changed = true
            return identity(text)
        }
        if key == "passport" {
            changed = true
            return passport(text)
        }
        if mobileKeys.contains(key) {
            changed = true
            return mobile(text)
        }
        return value
    }

    /// A resident identity number (also with a wrong check character) or `NAT:PASSPORT`.
    static func looksLikeIdentityKey(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        if bytes.count == 18, bytes.dropLast().allSatisfy(ResidentIdentityNumber.isDigit),
           let last = bytes.last, ResidentIdentityNumber.isDigit(last) || last == UInt8(ascii: "X") || last == UInt8(ascii: "x") {
            return true
        }
        return text.contains(":") && (try? PersonIdentity(key: text)) != nil
    }
}
