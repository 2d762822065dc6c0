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

    /// The JSON of a stored row with `id_number`, `identity_key` and `mobile` masked.
    static func maskPII(inJSON text: String) -> String {
        guard var object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else { return text }
        for key in ["id_number", "identity_key"] {
            if let value = object[key] as? String { object[key] = maskIdentity(value) }
        }
        if let value = object["mobile"] as? String { object["mobile"] = maskMobile(value) }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return text }
        return String(decoding: data, as: UTF8.self)
    }

    static func maskMobile(_ number: String) -> String {
        (try? MobileNumber(number))?.masked ?? String(repeating: "*", count: number.count)
    }
}
