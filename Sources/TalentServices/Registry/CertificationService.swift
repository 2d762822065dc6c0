import Foundation
import TalentDomain
import TalentRules
import TalentStore

/// Moves talents through certification: applied → recommended → under review → public notice →
/// certified | rejected; later revoked, expired or renewed. Each step is one audited transaction,
/// checked by the state machine here and again by the database.
public struct CertificationService: Sendable {
    let store: Store
    /// The terms applied when the service does not follow the stored policy.
    public let terms: CertificationTerms
    /// Whether each step takes its terms from the policy in force on the step's date (read in the step's
    /// transaction) and records that policy's version and SHA-256 in its audit row.
    public let followsStoredPolicy: Bool

    /// Applies fixed terms (tests, tools); the audit rows name no policy version.
    public init(store: Store, terms: CertificationTerms = .standard) {
        self.store = store
        self.terms = terms
        self.followsStoredPolicy = false
    }

    /// Applies the stored policy in force on each step's date (`PolicyFile.standard` when none is stored).
    public static func followingStoredPolicy(store: Store) -> CertificationService {
        CertificationService(store: store, followsStoredPolicy: true)
    }

    private init(store: Store, followsStoredPolicy: Bool) {
        self.store = store
        self.terms = .standard
        self.followsStoredPolicy = followsStoredPolicy
    }

    /// What a step needs besides the event.
    public struct Step: Sendable {
        public var event: CertificationEvent
        public var on: CalendarDate
        public var talentClass: TalentClass?
        public var reason: String?
        public var noticeDays: Int?
        public var validityYears: Int?

        public init(_ event: CertificationEvent, on: CalendarDate = .today(), talentClass: TalentClass? = nil,
                    reason: String? = nil, noticeDays: Int? = nil, validityYears: Int? = nil) {
            self.event = event
            self.on = on
            self.talentClass = talentClass
            self.reason = reason
            self.noticeDays = noticeDays
            self.validityYears = validityYears
        }
    }

    /// Opens a certification for the talent (one open at a time; the database enforces it too).
    public func apply(identityKey: String, requestedClass: TalentClass?, on date: CalendarDate = .today(),
                      actor: Principal) async throws(ServiceError) -> CertificationRecord {
        try await apply(.identity(identityKey), requestedClass: requestedClass, on: date, actor: actor)
    }

    /// ``apply(identityKey:requestedClass:on:actor:)`` by the talent's record number (the API's address).
    public func apply(talentID: Int64, requestedClass: TalentClass?, on date: CalendarDate = .today(),
                      actor: Principal) async throws(ServiceError) -> CertificationRecord {
        try await apply(.id(talentID), requestedClass: requestedClass, on: date, actor: actor)
    }

    private func apply(_ key: TalentKey, requestedClass: TalentClass?, on date: CalendarDate,
                       actor: Principal) async throws(ServiceError) -> CertificationRecord {
        let access = try AccessTable.authorize(.certificationApply, actor)
        return try await run {
            try await store.write { session in
                // Locks the row, so that two applications for the same talent cannot both pass the checks.
                let talent = try await RegistryService.talent(key, access, session, forUpdate: true)
                let existing = try await session.certifications(talentID: talent.id)
                if let open = existing.first(where: { $0.status.isOpen }) {
                    throw ServiceError.duplicate(
                        "talent #\(talent.id) (\(talent.name)) already has certification #\(open.id) in progress "
                            + "(\(open.status.rawValue))",
                        next: .continueCertification(id: open.id, event: open.status.allowedEvents.first))
                }
                if let current = existing.first(where: { $0.status == .certified }) {
                    throw ServiceError.refused(
                        "talent #\(talent.id) (\(talent.name)) is already certified (class \(current.talentClass.map(String.init) ?? "?"), "
                            + "valid until \(current.validUntil?.description ?? "?"))",
                        next: .renewCertification(id: current.id))
                }
                let record = try await session.insertCertification(
                    talentID: talent.id, requestedClass: requestedClass?.number, appliedOn: date)
                try await session.appendCertificationEvent(
                    certificationID: record.id, event: "apply", from: nil, to: .applied, on: date, actor: actor.auditName, reason: nil)
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "certification.apply", entityType: "certification", entityID: String(record.id),
                    before: Optional<CertificationRecord>.none, after: record))
                return record
            }
        }
    }

    /// Applies one step to the talent's certification: the open one, or for revoke/expire/renew the
    /// one in force (or expired, for renew).
    public func advance(identityKey: String, _ step: Step, actor: Principal) async throws(ServiceError) -> CertificationRecord {
        try await advance(.identity(identityKey), step, actor: actor)
    }

    /// ``advance(identityKey:_:actor:)`` by the talent's record number (the API's address).
    public func advance(talentID: Int64, _ step: Step, actor: Principal) async throws(ServiceError) -> CertificationRecord {
        try await advance(.id(talentID), step, actor: actor)
    }

    private func advance(_ key: TalentKey, _ step: Step, actor: Principal) async throws(ServiceError) -> CertificationRecord {
        // The employer recommends its own staff; every other step is the office's review.
        let access = try AccessTable.authorize(step.event == .recommend ? .certificationRecommend : .certificationReview, actor)
        return try await run {
            try await store.write { session in
                let talent = try await RegistryService.talent(key, access, session)
                let all = try await session.certifications(talentID: talent.id)
                guard let target = Self.target(for: step.event, in: all) else {
                    throw ServiceError.notFound(
                        "talent #\(talent.id) (\(talent.name)) has no certification to \(step.event.rawValue)",
                        next: all.isEmpty ? .applyForCertification : nil)
                }
                return try await apply(step, to: target, session: session, actor: actor)
            }
        }
    }

    /// Marks every certification whose validity ended before `date` as expired.
    public func expireDue(on date: CalendarDate = .today(), actor: Principal) async throws(ServiceError) -> [CertificationRecord] {
        _ = try AccessTable.authorize(.certificationReview, actor)
        return try await run {
            try await store.write { session in
                var expired: [CertificationRecord] = []
                for record in try await session.certificationsDueToExpire(before: date) {
                    expired.append(try await apply(Step(.expire, on: date), to: record, session: session, actor: actor))
                }
                return expired
            }
        }
    }

    public func list(_ filter: CertificationFilter, actor: Principal) async throws(ServiceError) -> [CertificationRecord] {
        _ = try AccessTable.authorize(.certificationList, actor)
        return try await run { try await store.read { try await $0.certifications(filter) } }
    }

    public func certifications(identityKey: String, actor: Principal) async throws(ServiceError) -> [CertificationRecord] {
        let access = try AccessTable.authorize(.certificationRead, actor)
        return try await run {
            try await store.read { session in
                guard let talent = try await session.talent(identityKey: identityKey),
                      access.reaches(talentID: talent.id, employerID: talent.employer?.id) else {
                    throw ServiceError.notFound("no talent is registered with identity \(PersonalDataMask.identity(identityKey))")
                }
                return try await session.certifications(talentID: talent.id)
            }
        }
    }

    public func classes() async throws(ServiceError) -> [TalentClassDefinition] {
        try await run { try await store.read { try await $0.talentClasses() } }
    }

    // MARK: The step itself

    private func apply(_ step: Step, to before: CertificationRecord, session: StoreSession, actor: Principal) async throws -> CertificationRecord {
        let subject = "certification #\(before.id) of \(before.talentName)"
        let next: CertificationStatus
        do {
            next = try before.status.applying(step.event)
        } catch {
            throw ServiceError.illegalTransition(error, subject: subject)
        }
        var after = before
        after.status = next
        // The terms in force on the step's date; the decisions that use them record which policy that was.
        let inForce = followsStoredPolicy ? try await PolicyInForce.resolve(on: step.on, session) : nil
        let terms = inForce?.policy.certification ?? terms
        let usesTerms = [.publish, .approve, .renew].contains(step.event)
        var classNote: String?  // how an approval's class was decided, when the classification had a say
        switch step.event {
        case .publish:
            let days = step.noticeDays ?? terms.noticeDays
            guard days >= 1 else { throw ServiceError.refused("the public notice must last at least 1 day") }
            after.noticeStart = step.on
            after.noticeEnd = terms.noticeEnd(startingOn: step.on, days: days)
        case .approve:
            let approved = try await approvedClass(step, before, policy: inForce, subject: subject, session)
            let talentClass = approved.talentClass
            classNote = approved.note
            if let end = before.noticeEnd, !terms.mayApprove(on: step.on, noticeEnd: end) {
                throw ServiceError.refused(
                    "\(subject): the public notice runs until \(end); approve on or after \(end.adding(days: 1))")
            }
            after.talentClass = talentClass.number
            after.validFrom = step.on
            after.validUntil = terms.validUntil(from: step.on, years: step.validityYears)
        case .renew:
            after.validFrom = step.on
            after.validUntil = terms.validUntil(from: step.on, years: step.validityYears)
        case .reject, .revoke:
            guard let reason = step.reason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
                throw ServiceError.refused("\(subject): \(step.event.rawValue) needs a reason; add --reason \"…\"")
            }
            after.decisionReason = reason
        case .recommend, .startReview, .expire:
            break
        }
        try await session.updateCertification(after)
        try await session.appendCertificationEvent(
            certificationID: after.id, event: step.event.rawValue, from: before.status, to: next, on: step.on, actor: actor.auditName,
            reason: step.reason)
        try await session.appendAudit(AuditRecord(
            actor: actor.auditName, action: "certification.\(step.event.rawValue)", entityType: "certification",
            entityID: String(after.id), before: before, after: after,
            reason: usesTerms ? [step.reason, classNote, inForce?.stamp].compactMap { $0 }.joined(separator: "; ").nonEmpty
                              : step.reason))
        return after
    }

    /// The class an approval grants: the one given, else the one applied for, else (following a policy)
    /// the class the policy's classification proposes from the registry's qualifications. A proposal
    /// that was used, or that differs from the class granted, is noted for the audit row.
    private func approvedClass(_ step: Step, _ before: CertificationRecord, policy: PolicyInForce?, subject: String,
                               _ session: StoreSession) async throws -> (talentClass: TalentClass, note: String?) {
        let chosen = step.talentClass ?? before.requestedClass.flatMap(TalentClass.init)
        guard let policy else {
            guard let chosen else { throw ServiceError.refused("\(subject): approving needs a talent class; add --class 1…6") }
            return (chosen, nil)
        }
        guard let record = try await session.housingFacts(talentIDs: [before.talentID])[before.talentID] else {
            throw ServiceError.notFound("\(subject): the talent's qualifications could not be read")
        }
        let proposal = policy.policy.classify(HousingFacts(record).facts)
        if let chosen {
            guard let proposed = proposal.talentClass, proposed != chosen else { return (chosen, nil) }
            return (chosen, "class \(chosen.number) granted; the classification proposes \(proposal.reason)")
        }
        guard let proposed = proposal.talentClass else {
            throw ServiceError.refused(
                "\(subject): approving needs a talent class and the policy proposes none (\(proposal.reason)); add --class 1…6")
        }
        return (proposed, "class proposed by the classification: \(proposal.reason)")
    }

    private static func target(for event: CertificationEvent, in all: [CertificationRecord]) -> CertificationRecord? {
        switch event {
        case .revoke, .expire: all.first { $0.status == .certified }
        case .renew: all.first { $0.status == .certified || $0.status == .expired }
        default: all.first { $0.status.isOpen } ?? all.first
        }
    }
}
