import TalentDomain
import TalentRules
import TalentStore

/// A talent's housing facts as the rules see them, with who the talent is.
public struct HousingFacts: Sendable, Equatable {
    public var talentID: Int64
    public var name: String
    public var identityKey: String
    public var employerCreditCode: String?
    public var facts: ApplicantFacts

    /// The facts of `record`, for an application of `householdSize` people made on `applicationDate`
    /// (nil before applying).
    public init(_ record: HousingFactsRecord, householdSize: Int = 1, applicationDate: CalendarDate? = nil) {
        talentID = record.talentID
        name = record.name
        identityKey = record.identityKey
        employerCreditCode = record.employerCreditCode
        facts = ApplicantFacts(
            certifiedClass: record.certifiedClass.flatMap(TalentClass.init),
            certificationValidFrom: record.certificationValidFrom,
            certificationValidUntil: record.certificationValidUntil,
            contractEnd: record.contractEnd,
            employerInZone: record.employerInZone,
            employerChain: record.employerChain.flatMap(IndustryChain.init(rawValue:)),
            insuranceInZoneSince: record.insuranceSince.map(YearMonth.init),
            ownsHousing: record.ownsHousing,
            hasActiveLease: record.hasActiveLease,
            barredUntil: record.barredUntil,
            householdSize: householdSize,
            degree: record.degree.flatMap(Degree.init(rawValue:)),
            title: ProfessionalTitle(rawValue: record.title) ?? .none,
            skillLevel: SkillLevel(rawValue: record.skillLevel) ?? .none,
            honours: record.honours,
            applicationDate: applicationDate)
    }

    /// Reads the facts of the talents of `talentIDs` inside the caller's session.
    static func load(talentIDs: [Int64], _ session: StoreSession) async throws -> [Int64: HousingFactsRecord] {
        try await session.housingFacts(talentIDs: talentIDs)
    }
}
