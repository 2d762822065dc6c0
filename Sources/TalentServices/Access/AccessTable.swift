/// Who may do what: the one table both front doors go through (`talentctl` as the local operator, an
/// office administrator; `talentd` as the signed-in account). Each use case lists the roles that allow
/// it. The office roles (`office-admin`, `office-reviewer`, `housing-officer`, `auditor`) reach every
/// record; the others reach only their scope: an `employer` its organisation and the talents it
/// employs, a `university` its trainees, programmes and rosters, a `talent` their own record, housing
/// and offers. Something outside the scope is reported as not found, so its existence does not leak;
/// a use case no role allows is refused as not permitted (Docs/access.md).
public enum AccessTable {
    public static let rules: [UseCase: Set<Role>] = [
        // Registry
        .organisationAdd: [.officeAdmin],
        .organisationRead: [.officeAdmin, .officeReviewer, .housingOfficer, .auditor, .employer, .university],
        .talentRegister: [.officeAdmin, .employer],
        .talentRead: [.officeAdmin, .officeReviewer, .housingOfficer, .auditor, .employer, .talent],
        .talentUpdate: [.officeAdmin, .employer, .talent],
        .talentImport: [.officeAdmin],
        .talentHonours: [.officeAdmin, .officeReviewer],
        .certificationApply: [.officeAdmin, .employer, .talent],
        .certificationRecommend: [.officeAdmin, .employer],
        .certificationReview: [.officeAdmin, .officeReviewer],
        .certificationRead: [.officeAdmin, .officeReviewer, .housingOfficer, .auditor, .employer, .talent],
        .certificationList: [.officeAdmin, .officeReviewer, .housingOfficer, .auditor],
        // Rules
        .rulesLoad: [.officeAdmin],
        .rulesRead: [.officeAdmin, .officeReviewer, .housingOfficer, .auditor],
        // Practice base
        .practiceManage: [.officeAdmin],
        .practiceMatch: [.officeAdmin],
        .practiceRead: [.officeAdmin, .officeReviewer, .auditor, .university],
        .rosterRead: [.officeAdmin, .officeReviewer, .auditor, .university],
        .reportRead: [.officeAdmin, .officeReviewer, .housingOfficer, .auditor],
        // Housing
        .housingInventoryManage: [.officeAdmin, .housingOfficer],
        .housingInventoryRead: [.officeAdmin, .housingOfficer, .auditor],
        .housingApply: [.officeAdmin, .housingOfficer, .employer, .talent],
        .housingRoundManage: [.officeAdmin, .housingOfficer],
        .housingRoundRead: [.officeAdmin, .housingOfficer, .auditor],
        .housingOfferRespond: [.officeAdmin, .housingOfficer, .talent],
        .housingOfferManage: [.officeAdmin, .housingOfficer],
        .housingLeaseManage: [.officeAdmin, .housingOfficer],
        .housingRead: [.officeAdmin, .housingOfficer, .auditor, .employer, .talent],
        .housingList: [.officeAdmin, .housingOfficer, .auditor],
        // The office
        .auditRead: [.officeAdmin, .auditor],
        .accountManage: [.officeAdmin],
    ]

    /// The roles that allow `useCase` (none for a use case missing from the table: closed by default).
    public static func roles(allowing useCase: UseCase) -> Set<Role> { rules[useCase] ?? [] }

    /// What `principal` may reach in `useCase`, or `notPermitted` when none of its roles allows it.
    public static func authorize(_ useCase: UseCase, _ principal: Principal) throws(ServiceError) -> Access {
        let allowed = roles(allowing: useCase)
        let grants = principal.grants.filter { allowed.contains($0.role) }
        guard !grants.isEmpty else {
            let held = principal.roles.map(\.rawValue).joined(separator: ", ")
            throw .notPermitted("\(principal.auditName) (\(held.isEmpty ? "no role" : held)) may not do \(useCase.rawValue); "
                + "it needs one of the roles " + allowed.sorted().map(\.rawValue).joined(separator: ", "))
        }
        return Access(useCase: useCase, principal: principal, grants: grants)
    }
}
