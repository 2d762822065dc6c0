import TalentDomain
import TalentStore

extension TalentDraft {
    /// The editable fields of a stored talent, for updates.
    init(record: TalentRecord) throws {
        let identity: PersonIdentity
        if let number = record.idNumber {
            // Stored numbers were valid when registered; do not re-check the birth date against today.
            identity = .resident(try ResidentIdentityNumber(number.fullValue, today: CalendarDate(year: 9999, month: 12, day: 31)!))
        } else {
            identity = .passport(try PassportNumber(record.passport?.fullValue ?? ""), try Nationality(record.nationality ?? ""))
        }
        self.init(
            name: try PersonName(record.name), identity: identity,
            mobile: try record.mobile.map { try MobileNumber($0.fullValue) }, email: try record.email.map { try EmailAddress($0) },
            degree: record.degree, university: record.university, major: record.major, title: record.title,
            skillLevel: record.skillLevel, employerCreditCode: record.employer?.creditCode,
            contractStart: record.contractStart, contractEnd: record.contractEnd,
            insuranceSince: record.insuranceSince, ownsHousing: record.ownsHousing)
    }
}
