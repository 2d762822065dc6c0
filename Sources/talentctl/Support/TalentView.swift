import Foundation
import TalentServices

/// A talent as shown to people: identity and mobile as the service gave them (masked unless revealed).
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

    init(_ record: TalentRecord) {
        id = record.id
        name = record.name
        identityKind = record.idNumber != nil ? "resident" : "passport"
        identity = record.identityKey.description
        birthDate = record.birthDate?.description
        sex = record.sex?.rawValue
        mobile = record.mobile?.description
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
        piiMasked = !record.identityKey.isRevealed
    }
}
