/// Every use case the access table rules on, by a stable name (`room.thing.verb`), the same in the
/// table, the audit log's refusals, the API document and the access matrix test.
public enum UseCase: String, Sendable, CaseIterable, Codable {
    // Registry
    case organisationAdd = "organisation.add"
    case organisationRead = "organisation.read"
    case talentRegister = "talent.register"
    case talentRead = "talent.read"
    case talentUpdate = "talent.update"
    case talentImport = "talent.import"
    case talentHonours = "talent.honours"
    case certificationApply = "certification.apply"
    case certificationRecommend = "certification.recommend"
    case certificationReview = "certification.review"
    case certificationRead = "certification.read"
    case certificationList = "certification.list"
    // Rules
    case rulesLoad = "rules.load"
    case rulesRead = "rules.read"
    // Practice base
    case practiceManage = "practice.manage"
    case practiceMatch = "practice.match"
    case practiceRead = "practice.read"
    case rosterRead = "roster.read"
    case reportRead = "report.read"
    // Housing
    case housingInventoryManage = "housing.inventory.manage"
    case housingInventoryRead = "housing.inventory.read"
    case housingApply = "housing.apply"
    case housingRoundManage = "housing.round.manage"
    case housingRoundRead = "housing.round.read"
    case housingOfferRespond = "housing.offer.respond"
    case housingOfferManage = "housing.offer.manage"
    case housingLeaseManage = "housing.lease.manage"
    case housingRead = "housing.read"
    case housingList = "housing.list"
    // The office
    case auditRead = "audit.read"
    case accountManage = "account.manage"

    /// Whether the use case changes data (an auditor may do none of these).
    public var changesData: Bool {
        switch self {
        case .organisationRead, .talentRead, .certificationRead, .rulesRead, .practiceRead, .rosterRead, .reportRead,
             .housingInventoryRead, .housingRoundRead, .housingRead, .housingList, .certificationList, .auditRead:
            false
        default: true
        }
    }
}
