import TalentDomain
import TalentRules
import TalentStore

/// Housing applications: submitted by a certified talent (or by the employer on their behalf) with the
/// household and the unit categories wanted, checked against the entitlement of the policy in force on
/// the application date; one open application per talent (the database enforces it too); withdrawn
/// while still open. One transaction per use case, audited in it with the policy stamp.
public struct HousingApplicationService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }
}

// The API other parts rely on.
extension HousingApplicationService {
    /// `input.appliedOn` may not be after `today` (an application is recorded on the day it is made, or later).
    public func submit(_ input: HousingApplicationInput, today: CalendarDate = .today(),
                       actor: Principal) async throws(ServiceError) -> HousingApplicationRecord {
        let access = try AccessTable.authorize(.housingApply, actor)
        try input.appliedOn.requireHappened(by: today, "an application")
        let household = try HousingApplicationRules.household(input.household)
        let preferences = try HousingApplicationRules.preferences(input.preferences)
        let key = input.talent.trimmed.uppercased()
        var employerCode = input.submittedByEmployer?.trimmed.uppercased().nonEmpty
        let date = input.appliedOn
        let talentKey: TalentKey = input.talentID.map(TalentKey.id) ?? .identity(key)
        do {
            return try await store.write { session in
                let talent = try await RegistryService.talent(talentKey, access, session)
                // An employer's HR applies on its staff's behalf (the talent themself, for their own).
                if !access.reachesEverything, !access.talents.contains(talent.id), let employer = talent.employer {
                    employerCode = employer.creditCode
                }
                var employerID: Int64?
                if let employerCode {
                    guard let employer = try await session.organisation(creditCode: employerCode) else {
                        throw ServiceError.notFound("no organisation has credit code \(employerCode)", next: .addOrganisation(kind: nil))
                    }
                    guard talent.employer?.creditCode == employer.creditCode else {
                        throw ServiceError.refused(
                            "\(employer.name) (\(employerCode)) is not \(talent.name)'s employer"
                                + (talent.employer.map { " (the registry names \($0.name), \($0.creditCode))" } ?? " (none is registered)")
                                + "; only the talent's own employer may apply on their behalf")
                    }
                    employerID = employer.id
                }
                if let open = try await session.currentHousingApplication(talentID: talent.id) {
                    throw HousingApplicationRules.alreadyOpen(open)
                }
                let inForce = try await PolicyInForce.resolve(on: date, session)
                let facts = try await session.housingFacts(talentIDs: [talent.id])[talent.id]
                let talentClass = try HousingApplicationRules.certifiedClass(facts, name: talent.name, on: date)
                try HousingApplicationRules.checkEntitlement(
                    preferences, class: talentClass, householdSize: household.count + 1, inForce)
                let record = try await session.insertHousingApplication(NewHousingApplication(
                    talentID: talent.id, submittedBy: employerID == nil ? "talent" : "employer", employerID: employerID,
                    household: household, preferences: preferences.map(\.rawValue), appliedOn: date,
                    policyVersion: inForce.version))
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "housing.application.submit", entityType: "housing_application",
                    entityID: record.number, before: Optional<HousingApplicationRecord>.none, after: record,
                    reason: "\(date): class \(talentClass.number), household \(record.householdSize); \(inForce.stamp)"))
                return record
            }
        } catch {
            // Two submissions racing past the check meet the partial unique index; name the one that won.
            if case let .duplicate(constraint, _)? = error as? StoreError, constraint == "housing_applications_one_open",
               let open = try? await openApplication(identityKey: key) {
                throw HousingApplicationRules.alreadyOpen(open)
            }
            throw ServiceError.wrap(error)
        }
    }

    public func withdraw(number: String, on date: CalendarDate, reason: String, today: CalendarDate = .today(),
                         actor: Principal) async throws(ServiceError) -> HousingApplicationRecord {
        let number = number.trimmed.uppercased()
        try date.requireHappened(by: today, "a withdrawal")
        guard let reason = reason.trimmed.nonEmpty else {
            throw .invalid(ValidationError(field: "reason", value: reason, reason: "is empty",
                                           hint: "say why, e.g. --reason \"已购房\""))
        }
        let access = try AccessTable.authorize(.housingApply, actor)
        return try await run {
            try await store.write { session in
                guard let before = try await session.housingApplication(number: number, forUpdate: true),
                      try await access.reaches(talentID: before.talentID, session) else {
                    throw ServiceError.notFound("no housing application has number \(number)", next: .listHousingApplications)
                }
                switch before.status {
                case _ where before.status.canChange(to: .withdrawn): break
                case .offered:
                    throw ServiceError.refused(
                        "\(number) holds a pending offer; decline the pending offer first, then withdraw",
                        next: .declineHousingOffer(application: number))
                case .housed:
                    throw ServiceError.refused("\(number) was housed (the offer was accepted); end the lease instead")
                default:
                    throw ServiceError.refused("\(number) was already withdrawn on \(before.withdrawnOn?.description ?? "?")")
                }
                guard date >= before.appliedOn else {
                    throw ServiceError.refused("\(number) was made on \(before.appliedOn); it cannot be withdrawn on \(date), before that")
                }
                try await session.withdrawHousingApplication(id: before.id, on: date, reason: reason)
                guard let after = try await session.housingApplication(id: before.id) else {
                    throw StoreError.internal("the withdrawn application could not be read back")
                }
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "housing.application.withdraw", entityType: "housing_application",
                    entityID: number, before: before, after: after, reason: reason))
                return after
            }
        }
    }

    public func application(number: String, actor: Principal) async throws(ServiceError) -> HousingApplicationRecord {
        let access = try AccessTable.authorize(.housingRead, actor)
        let number = number.trimmed.uppercased()
        let found = try await run {
            try await store.read { session -> HousingApplicationRecord? in
                guard let record = try await session.housingApplication(number: number),
                      try await access.reaches(talentID: record.talentID, session) else { return nil }
                return record
            }
        }
        guard let record = found else {
            throw .notFound("no housing application has number \(number)", next: .listHousingApplications)
        }
        return record
    }
}

extension HousingApplicationService {
    /// The applications with this status (all when nil) of this talent (identity key; all when nil), oldest first.
    public func applications(status: HousingApplicationStatus? = nil, talent: String? = nil,
                             actor: Principal) async throws(ServiceError) -> [HousingApplicationRecord] {
        let access = try AccessTable.authorize(.housingList, actor)
        let key = talent?.trimmed.uppercased().nonEmpty
        return try await run {
            try await store.read { session in
                var talentID: Int64?
                if let key { talentID = try await RegistryService.talent(key, access, session).id }
                return try await session.housingApplications(HousingApplicationFilter(status: status, talentID: talentID))
            }
        }
    }
}

extension HousingApplicationService {
    private func openApplication(identityKey: String) async throws -> HousingApplicationRecord? {
        try await store.read { session in
            guard let talent = try await session.talent(identityKey: identityKey) else { return nil }
            return try await session.currentHousingApplication(talentID: talent.id)
        }
    }
}

/// The checks an application passes before it is stored.
enum HousingApplicationRules {
    static let relations: [String: String] = [
        "spouse": "spouse", "配偶": "spouse", "夫": "spouse", "妻": "spouse", "丈夫": "spouse", "妻子": "spouse",
        "child": "child", "子女": "child", "儿子": "child", "女儿": "child", "子": "child", "女": "child",
        "parent": "parent", "父母": "parent", "父亲": "parent", "母亲": "parent", "父": "parent", "母": "parent",
        "other": "other", "其他": "other",
    ]

    /// The members with names checked and relations in their codes (spouse, child, parent, other).
    static func household(_ members: [HouseholdMember]) throws(ServiceError) -> [HouseholdMember] {
        guard members.count <= 11 else {
            throw .invalid(ValidationError(field: "member", value: String(members.count),
                                           reason: "a household has at most 12 people (11 members besides the applicant)"))
        }
        var clean: [HouseholdMember] = []
        for member in members {
            let name: PersonName
            do {
                name = try PersonName(member.name)
            } catch {
                throw .invalid(ValidationError(field: "member", value: member.name, reason: "the member's name: \(error.reason)",
                                               hint: "write NAME:RELATION, e.g. --member \"李四:spouse\""))
            }
            guard let relation = relations[member.relation.trimmed.lowercased()] else {
                throw .invalid(ValidationError(field: "member", value: "\(member.name):\(member.relation)",
                                               reason: "the relation must be spouse, child, parent or other (配偶/子女/父母/其他)"))
            }
            if relation == "spouse", clean.contains(where: { $0.relation == "spouse" }) {
                throw .invalid(ValidationError(field: "member", value: "\(member.name):\(member.relation)",
                                               reason: "a household has at most one spouse"))
            }
            clean.append(HouseholdMember(name: name.value, relation: relation))
        }
        return clean
    }

    /// The preferences, non-empty and without repeats.
    static func preferences(_ preferences: [UnitCategory]) throws(ServiceError) -> [UnitCategory] {
        guard !preferences.isEmpty else {
            throw .invalid(ValidationError(field: "prefer", value: "", reason: "no unit category is preferred",
                                           hint: "list the categories wanted, most wanted first, e.g. --prefer 1BR,studio"))
        }
        var seen: Set<UnitCategory> = []
        for category in preferences where !seen.insert(category).inserted {
            throw .invalid(ValidationError(field: "prefer", value: preferences.map(\.rawValue).joined(separator: ","),
                                           reason: "\(category.rawValue) is listed twice; list each category once"))
        }
        return preferences
    }

    static func alreadyOpen(_ open: HousingApplicationRecord) -> ServiceError {
        let next = open.status == .offered
            ? "it holds a pending offer: accept it, or decline it and then withdraw \(open.number)"
            : "withdraw \(open.number) first to apply again"
        return .duplicate("\(open.talentName) already has an open application, \(open.number) (\(open.status.rawValue), made "
            + "\(open.appliedOn)); one open application per talent: " + next,
            next: open.status == .offered ? .declineHousingOffer(application: open.number) : nil)
    }

    /// The class the talent is certified in on `date`, or why they may not apply.
    static func certifiedClass(_ facts: HousingFactsRecord?, name: String, on date: CalendarDate) throws(ServiceError)
        -> TalentClass
    {
        guard let facts, let number = facts.certifiedClass, let talentClass = TalentClass(number),
              let from = facts.certificationValidFrom, let until = facts.certificationValidUntil else {
            throw .refused("\(name) is not a certified talent; only certified talents may apply for talent housing",
                           next: .certifyTalent)
        }
        guard from <= date, date <= until else {
            throw .refused("\(name)'s class \(number) certification is in force from \(from) to \(until), not on \(date); "
                + "only talents with a certification in force on the application date may apply")
        }
        return talentClass
    }

    /// Refuses preferences outside what the class and household may be offered under the policy in force.
    static func checkEntitlement(_ preferences: [UnitCategory], class talentClass: TalentClass, householdSize: Int,
                                 _ inForce: PolicyInForce) throws(ServiceError) {
        let allowed = inForce.policy.entitlement(class: talentClass, householdSize: householdSize)
        let outside = preferences.filter { wanted in !allowed.contains { $0.category == wanted } }
        guard !outside.isEmpty else { return }
        let who = "class \(talentClass.number) with a household of \(householdSize)"
        let may = allowed.isEmpty ? "may apply for no unit category"
            : "may apply for " + allowed.map { "\($0.category.rawValue) (up to \($0.maxAreaM2) m²)" }.joined(separator: ", ")
        throw .refused("\(outside.map(\.rawValue).joined(separator: ", ")) \(outside.count == 1 ? "is" : "are") outside the "
            + "entitlement: under policy \(inForce.version), \(who) \(may)")
    }
}
