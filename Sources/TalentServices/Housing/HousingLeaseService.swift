import TalentDomain
import TalentRules
import TalentStore

/// Leases: look them up with their rent schedules, renew within the window and the cumulative cap after
/// re-checking eligibility, terminate with a coded reason, record the move-out (the unit returns to
/// stock), and close the leases that ran out. Each change is one audited transaction.
public struct HousingLeaseService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// The termination reasons the schema allows, with what they mean.
    public static let terminationReasons: [(code: String, meaning: String)] = [
        ("left-employer", "left the employer in the zone (离职)"),
        ("bought-housing", "bought housing in the city (购房)"),
        ("sublet", "sublet the unit (转租)"),
        ("exceeded-term", "stayed beyond the permitted term (超期)"),
        ("vacant-too-long", "left the unit vacant too long (长期空置)"),
        ("damage", "damaged the unit (损坏)"),
        ("breach", "breach of the lease (违约)"),
        ("voluntary", "the talent gave the unit up (自愿退租)"),
        ("no-longer-eligible", "no longer eligible (不再符合条件)"),
    ]
}

extension HousingLeaseService {
    /// Leases sorted by start date; `talent` is an identity key.
    public func leases(status: HousingLeaseStatus? = nil, talent: String? = nil,
                       unit: String? = nil, actor: Principal) async throws(ServiceError) -> [HousingLeaseRecord] {
        let access = try AccessTable.authorize(.housingList, actor)
        let unit = unit.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        return try await housingRun {
            try await store.read { session in
                if let unit, try await session.housingUnit(code: unit) == nil {
                    throw ServiceError.notFound("no unit has code \(unit)", next: .listHousingUnits)
                }
                var talentID: Int64?
                if let talent { talentID = try await HousingOfferService.talentID(talent, access, session) }
                return try await session.housingLeases(HousingLeaseFilter(status: status, talentID: talentID, unitCode: unit))
            }
        }
    }

    /// One lease with its rent schedule and breakdown.
    public func lease(number: String, actor: Principal) async throws(ServiceError) -> HousingLeaseDetail {
        let access = try AccessTable.authorize(.housingRead, actor)
        return try await housingRun {
            try await store.read { session in
                let lease = try await Self.lease(number, session, forUpdate: false)
                guard try await access.reaches(talentID: lease.talentID, session) else {
                    throw ServiceError.notFound("no lease \(number.trimmingCharacters(in: .whitespaces).uppercased())", next: .listHousingLeases)
                }
                return HousingLeaseDetail(lease: lease, rents: try await session.housingLeaseRents(leaseID: lease.id))
            }
        }
    }

    /// Renews an active lease on `date`: only within the renewal window, under the cumulative cap, and when
    /// the talent is eligible on `date` (the lease renewed does not count as another lease). The renewal
    /// runs on the same unit from the day after the old end; the old lease becomes `renewed`. `date` may not be
    /// after `today` (a request is recorded once it is made).
    public func renew(number: String, on date: CalendarDate, today: CalendarDate = .today(),
                      actor: Principal) async throws(ServiceError) -> HousingLeaseDetail {
        _ = try AccessTable.authorize(.housingLeaseManage, actor)
        try date.requireHappened(by: today, "a lease renewal")
        return try await housingRun {
            try await store.write { session in
                let old = try await Self.lease(number, session, forUpdate: true)
                try Self.require(old, becoming: .renewed, to: "renew")
                let inForce = try await PolicyInForce.resolve(on: date, session)
                let terms = inForce.policy.lease
                guard terms.isRenewalWindowOpen(leaseEnd: old.endDate, on: date) else {
                    let opens = terms.renewalWindowOpens(leaseEnd: old.endDate)
                    throw ServiceError.refused(
                        "lease \(old.number) ends \(old.endDate); a renewal may be requested from \(opens) to \(old.endDate) "
                            + "(lease.renewal_window_months: \(terms.renewalWindowMonths) of \(inForce.version)), not on \(date)")
                }
                try await Self.requireEligible(old, policy: inForce, on: date, session)
                try await session.setHousingLeaseStatus(id: old.id, .renewed)
                let renewal = try await LeaseWriter.create(
                    LeaseWriter.Request(talentID: old.talentID, talentName: old.talentName, unitID: old.unitID,
                                        unit: try UnitFacts(old), offerID: nil, applicationID: old.applicationID,
                                        renewalOf: old, start: old.endDate.adding(days: 1), numberYear: date.year),
                    policy: inForce, session)
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "housing.lease.renew", entityType: "housing_lease", entityID: old.number,
                    before: old, after: renewal, reason: "renewed as \(renewal.lease.number); \(inForce.stamp)"))
                return renewal
            }
        }
    }

    /// Terminates an active lease on `date` with a coded reason; the talent must move out by the lease
    /// policy's deadline (`lease.move_out_days` of the policy the lease was made under). `date` may not be
    /// after `today`.
    public func terminate(number: String, reason: String, on date: CalendarDate, today: CalendarDate = .today(),
                          actor: Principal) async throws(ServiceError) -> HousingLeaseRecord {
        _ = try AccessTable.authorize(.housingLeaseManage, actor)
        let code = reason.trimmingCharacters(in: .whitespaces)
        try date.requireHappened(by: today, "a termination")
        guard Self.terminationReasons.contains(where: { $0.code == code }) else {
            throw .invalid(ValidationError(
                field: "reason", value: reason, reason: "is not a termination reason",
                hint: "use one of: " + Self.terminationReasons.map { "\($0.code) (\($0.meaning))" }.joined(separator: ", ")))
        }
        return try await housingRun {
            try await store.write { session in
                let before = try await Self.lease(number, session, forUpdate: true)
                try Self.require(before, becoming: .terminated, to: "terminate")
                guard date >= before.startDate else {
                    throw ServiceError.refused("lease \(before.number) starts on \(before.startDate); it cannot be terminated on \(date)")
                }
                // After its end a lease is over (`lease close-ended`), not terminated.
                guard date <= before.endDate else {
                    throw ServiceError.refused(
                        "lease \(before.number) ended on \(before.endDate); it cannot be terminated on \(date), after that "
                            + "(the lease is over)", next: .closeEndedLeases)
                }
                let inForce = try await PolicyInForce.resolve(version: before.policyVersion, session)
                let moveOutBy = inForce.policy.lease.moveOutDeadline(terminatedOn: date)
                try await session.terminateHousingLease(id: before.id, on: date, reason: code, moveOutBy: moveOutBy)
                let after = try await Self.lease(number, session, forUpdate: false)
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "housing.lease.terminate", entityType: "housing_lease", entityID: before.number,
                    before: before, after: after, reason: "\(code); move out by \(moveOutBy); \(inForce.stamp)"))
                return after
            }
        }
    }

    /// Records that the talent of a terminated lease moved out on `date` (not after `today`); the unit
    /// returns to stock at once, so it can be offered.
    public func recordMoveOut(number: String, on date: CalendarDate, today: CalendarDate = .today(),
                              actor: Principal) async throws(ServiceError) -> HousingLeaseRecord {
        _ = try AccessTable.authorize(.housingLeaseManage, actor)
        try date.requireHappened(by: today, "a move-out")
        return try await housingRun {
            try await store.write { session in
                let before = try await Self.lease(number, session, forUpdate: true)
                try Self.require(before, .terminated, to: "record a move-out from")
                if let vacated = before.vacatedOn {
                    throw ServiceError.duplicate("the move-out from lease \(before.number) was recorded already (\(vacated))")
                }
                guard date >= before.startDate else {
                    throw ServiceError.refused("lease \(before.number) starts on \(before.startDate); a move-out on \(date) is before it")
                }
                if let terminated = before.terminatedOn, date < terminated {
                    throw ServiceError.refused(
                        "lease \(before.number) is terminated as of \(terminated); record the move-out on or after that day, "
                            + "once it has happened (the talent has until \(before.moveOutBy.map(\.description) ?? "the deadline"))")
                }
                try await session.recordHousingLeaseMoveOut(id: before.id, on: date)
                try await Self.returnUnitToStock(before, after: date, session)
                let after = try await Self.lease(number, session, forUpdate: false)
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "housing.lease.move-out", entityType: "housing_lease", entityID: before.number,
                    before: before, after: after, reason: "unit \(before.unitCode) back in stock"))
                return after
            }
        }
    }

    /// Marks every active lease whose end is before `date` (so it was not renewed) as ended, and returns its
    /// unit to stock (for cron). Running it again on the same day does nothing. `date` may not be after
    /// `today`: a lease that runs on is still let, and its unit must not be offered again.
    public func closeEnded(on date: CalendarDate, today: CalendarDate = .today(),
                           actor: Principal) async throws(ServiceError) -> [HousingLeaseRecord] {
        _ = try AccessTable.authorize(.housingLeaseManage, actor)
        try date.requireHappened(by: today, "the end of leases")
        return try await housingRun {
            try await store.write { session in
                var closed: [HousingLeaseRecord] = []
                for before in try await session.housingLeasesRunOut(before: date) {
                    try await session.setHousingLeaseStatus(id: before.id, .ended)
                    try await Self.returnUnitToStock(before, after: before.endDate, session)
                    let after = try await Self.lease(before.number, session, forUpdate: false)
                    try await session.appendAudit(AuditRecord(
                        actor: actor.auditName, action: "housing.lease.end", entityType: "housing_lease", entityID: before.number,
                        before: before, after: after, reason: "ended \(before.endDate) without a renewal"))
                    closed.append(after)
                }
                return closed
            }
        }
    }

    // MARK: Shared

    static func lease(_ number: String, _ session: StoreSession, forUpdate: Bool) async throws -> HousingLeaseRecord {
        let number = number.trimmingCharacters(in: .whitespaces).uppercased()
        guard let lease = try await session.housingLease(number: number, forUpdate: forUpdate) else {
            throw ServiceError.notFound("no lease \(number)", next: .listHousingLeases)
        }
        return lease
    }

    /// Refused unless the lease may become `next`, naming the status it would need (an active one).
    static func require(_ lease: HousingLeaseRecord, becoming next: HousingLeaseStatus, to action: String) throws(ServiceError) {
        guard !lease.status.canChange(to: next) else { return }
        try require(lease, next.allowedPrevious.first ?? next, to: action)
    }

    static func require(_ lease: HousingLeaseRecord, _ status: HousingLeaseStatus, to action: String) throws(ServiceError) {
        guard lease.status == status else {
            let state: String = switch lease.status {
            case .active: "is active"
            case .renewed: "was renewed"
            case .ended: "ended on \(lease.endDate)"
            case .terminated: "was terminated on \(lease.terminatedOn?.description ?? "?") (\(lease.terminationReason ?? "?"))"
            }
            throw .refused("cannot \(action) lease \(lease.number): it \(state); only \(status.rawValue == "active" ? "an" : "a") "
                + "\(status.rawValue) lease can")
        }
    }

    /// Every eligibility rule of `policy` on `date`, with the lease being renewed not counting as another
    /// lease; refused with each failing rule.
    static func requireEligible(_ lease: HousingLeaseRecord, policy inForce: PolicyInForce, on date: CalendarDate,
                                _ session: StoreSession) async throws {
        let failed = try await HousingEligibilityCheck.failures(
            talentID: lease.talentID, applicationID: lease.applicationID, policy: inForce, on: date, renewing: true, session)
        guard failed.isEmpty else {
            throw ServiceError.refused(
                "\(lease.talentName) is not eligible to renew lease \(lease.number) on \(date) under \(inForce.version): "
                    + HousingEligibilityCheck.describe(failed))
        }
    }

    /// Puts a leased unit back to `available` unless another lease still takes it after `date`.
    static func returnUnitToStock(_ lease: HousingLeaseRecord, after date: CalendarDate, _ session: StoreSession) async throws {
        guard try await !session.housingUnitTakenAfter(unitID: lease.unitID, date: date, exceptLeaseID: lease.id) else { return }
        try await session.releaseLeasedHousingUnit(id: lease.unitID)
    }
}
