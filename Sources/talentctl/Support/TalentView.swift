import Foundation
import TalentDomain
import TalentStore

/// A talent as shown to people: identity and mobile masked unless revealed.
struct TalentView: Encodable {
    var id: Int64
    var name: String
    var identity: String
    var identityKind: String
    var birthDate: String?
    var sex: String?
    var mobile: String?
    var email: String?
    var degree: String?
    var university: String?
    var major: String?
    var title: String
    var skillLevel: String
    var employerCreditCode: String?
    var employerName: String?
    var contractStart: String?
    var contractEnd: String?
    var insuranceSince: String?
    var ownsHousing: Bool
    var version: Int
    var piiMasked: Bool

    init(_ record: TalentRecord, reveal: Bool) {
        id = record.id
        name = record.name
        identityKind = record.idNumber != nil ? "resident" : "passport"
        identity = reveal ? record.identityKey : Self.maskIdentity(record.identityKey)
        birthDate = record.birthDate?.description
        sex = record.sex?.rawValue
        mobile = record.mobile.map { reveal ? $0 : Self.maskMobile($0) }
        email = record.email
        degree = record.degree?.rawValue
        university = record.university
        major = record.major
        title = record.title.rawValue
        skillLevel = record.skillLevel.rawValue
        employerCreditCode = record.employer?.creditCode
        employerName = record.employer?.name
        contractStart = record.contractStart?.description
        contractEnd = record.contractEnd?.description
        insuranceSince = record.insuranceSince?.description
        ownsHousing = record.ownsHousing
        version = record.version
        piiMasked = !reveal
    }

    static func maskIdentity(_ key: String) -> String {
        let far = CalendarDate(year: 9999, month: 12, day: 31)!
        if !key.contains(":"), let number = try? ResidentIdentityNumber(key, today: far) { return number.masked }
        return (try? PersonIdentity(key: key))?.masked ?? String(repeating: "*", count: key.count)
    }

    /// Keys, lowercased with `_` removed, whose string values are identity keys (always masked).
    static let identityKeys: Set<String> = ["idnumber", "identitykey", "talentidentitykey"]
    /// Keys, normalised the same way, whose string values are mobile numbers.
    static let mobileKeys: Set<String> = ["mobile", "talentmobile"]

    /// The JSON of a stored row (a talent version, an audit entry's before or after) with every identity
    /// and mobile number masked, at any depth: the values of `id_number`, `identity_key`,
    /// `talentIdentityKey`, `mobile`, `talentMobile` (in any spelling of case and `_`), and of
    /// `identity` when it holds an identity key. Text that is not JSON, or has nothing to mask, is
    /// returned as it is.
    static func maskPII(inJSON text: String) -> String {
        guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            return text
        }
        var changed = false
        let masked = maskPII(in: value, key: nil, changed: &changed)
        guard changed,
              let data = try? JSONSerialization.data(
                  withJSONObject: masked, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        else { return text }
        return String(decoding: data, as: UTF8.self)
    }

    private static func maskPII(in value: Any, key: String?, changed: inout Bool) -> Any {
        if let object = value as? [String: Any] {
            var copy = object
            for (name, inner) in object {
                copy[name] = maskPII(in: inner, key: name.lowercased().replacingOccurrences(of: "_", with: ""), changed: &changed)
            }
            return copy
        }
        if let array = value as? [Any] {
            return array.map { maskPII(in: $0, key: key, changed: &changed) }
        }
        // Already masked text (a view recorded as it was shown) stays as it is.
        guard let key, let text = value as? String, !text.isEmpty, !text.contains("*") else { return value }
        if identityKeys.contains(key) || (key == "identity" && looksLikeIdentityKey(text)) {
            changed = true
            return maskIdentity(text)
        }
        if mobileKeys.contains(key) {
            changed = true
            return maskMobile(text)
        }
        return value
    }

    /// A resident identity number (also with a wrong check character) or `NAT:PASSPORT`.
    static func looksLikeIdentityKey(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        if scalars.count == 18, scalars.dropLast().allSatisfy({ ("0"..."9").contains($0) }),
           let last = scalars.last, ("0"..."9").contains(last) || last == "X" || last == "x" {
            return true
        }
        return text.contains(":") && (try? PersonIdentity(key: text)) != nil
    }

    static func maskMobile(_ number: String) -> String {
        (try? MobileNumber(number))?.masked ?? String(repeating: "*", count: number.count)
    }
}
