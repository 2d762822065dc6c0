import TalentDomain
import TalentRules
import TalentStore

/// Offers of units made by allocation rounds (and passed on after declines): look them up, accept one
/// (which creates the lease), decline one with a coded reason, and expire the overdue ones. A declined
/// or expired offer's unit goes to the next waiting applicant of the round who wants that category, and
/// the refusal penalty is applied in the same transaction (``HousingWaitlist``).
public struct HousingOfferService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }
}

extension HousingOfferService {
    /// Offers, newest first; `round` is a round code, `talent` an identity key. An unknown round code is
    /// refused (a typo would otherwise look like a round without offers).
    public func offers(round: String? = nil, status: HousingOfferStatus? = nil,
                       talent: String? = nil, actor: Principal) async throws(ServiceError) -> [HousingOfferRecord] {
        let access = try AccessTable.authorize(.housingList, actor)
        let round = round?.trimmed.nonEmpty
        return try await housingRun {
            try await store.read { session in
                if let round, try await session.housingRound(code: round) == nil {
                    throw ServiceError.notFound("no housing round \(round)", next: .listHousingRounds)
                }
                var talentID: Int64?
                if let talent { talentID = try await Self.talentID(talent, access, session) }
                return try await session.housingOffers(HousingOfferFilter(roundCode: round, status: status, talentID: talentID))
            }
        }
    }

    /// One offer with its unit, talent, round, category and dates.
    public func offer(id: Int64, actor: Principal) async throws(ServiceError) -> HousingOfferRecord {
        let access = try AccessTable.authorize(.housingRead, actor)
        return try await housingRun {
            try await store.read { session in try await Self.offer(id, session, forUpdate: false, access: access) }
        }
    }

    /// Accepts a pending, unexpired offer on `date`, in one transaction: the offer is accepted, the
    /// application housed, the unit leased, and the lease created from `start` (default: `date`) for the
    /// policy's next term, with its rent schedule, under the policy in force on `date`.
    /// `date` may not be after `today`; `start` may (up to `lease.latest_start_days` of that policy after `date`).
    public func accept(offerID: Int64, on date: CalendarDate, start: CalendarDate? = nil, today: CalendarDate = .today(),
                       actor: Principal) async throws(ServiceError) -> HousingLeaseDetail {
        let access = try AccessTable.authorize(.housingOfferRespond, actor)
        try date.requireHappened(by: today, "an acceptance")
        return try await housingRun {
            try await store.write { session in
                let offer = try await Self.offer(offerID, session, forUpdate: true, access: access)
                try Self.requireOpen(offer, on: date, to: .accepted)
                let inForce = try await PolicyInForce.resolve(on: date, session)
                let terms = inForce.policy.lease
                // The unit may still be held by its previous lease (a move-out recorded today holds it through today).
                let freeFrom = try await session.housingUnitFreeFrom(unitID: offer.unitID)
                let start = start ?? max(date, freeFrom ?? date)
                guard start >= offer.offeredOn else {
                    throw ServiceError.refused("the lease cannot start on \(start), before the offer was made (\(offer.offeredOn))")
                }
                guard start <= terms.latestStart(acceptedOn: date) else {
                    throw ServiceError.refused(
                        "the lease cannot start on \(start): at most \(terms.latestStartDays) days after the acceptance (\(date)), "
                            + "so that a unit is not held empty for long (lease.latest_start_days of \(inForce.version))")
                }
                if let freeFrom, start < freeFrom {
                    throw ServiceError.refused(
                        "unit \(offer.unitCode) is held by its previous lease through \(freeFrom.adding(days: -1)); "
                            + "the new lease can start on \(freeFrom) at the earliest (--start \(freeFrom))")
                }
                // Eligibility can change between the offer and its acceptance (a contract ends, housing bought).
                let failed = try await HousingEligibilityCheck.failures(
                    talentID: offer.talentID, applicationID: offer.applicationID, policy: inForce, on: date, session)
                guard failed.isEmpty else {
                    throw ServiceError.refused(
                        "\(offer.talentName) is no longer eligible on \(date) under \(inForce.version), so offer #\(offer.id) "
                            + "cannot be accepted: " + HousingEligibilityCheck.describe(failed))
                }
                let lease = try await LeaseWriter.create(
                    LeaseWriter.Request(talentID: offer.talentID, talentName: offer.talentName, unitID: offer.unitID,
                                        unit: try UnitFacts(offer), offerID: offer.id, applicationID: offer.applicationID,
                                        renewalOf: nil, start: start, numberYear: date.year),
                    policy: inForce, session)
                try await session.decideHousingOffer(id: offer.id, status: .accepted, on: date)
                try await session.updateHousingApplicationStatus(id: offer.applicationID, to: .housed)
                try await session.setHousingUnitStatus(id: offer.unitID, .leased)
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "housing.offer.accept", entityType: "housing_offer", entityID: String(offer.id),
                    before: offer, after: lease, reason: "lease \(lease.lease.number); \(inForce.stamp)"))
                return lease
            }
        }
    }

    /// Declines a pending offer with one of the policy's reason codes; the unit passes on (or returns to
    /// stock) and the refusal penalty applies. `date` may not be after `today`.
    public func decline(offerID: Int64, reason: String, on date: CalendarDate, today: CalendarDate = .today(),
                        actor: Principal) async throws(ServiceError) -> HousingOfferOutcome {
        let code = reason.trimmingCharacters(in: .whitespaces)
        let access = try AccessTable.authorize(.housingOfferRespond, actor)
        try date.requireHappened(by: today, "a decline")
        return try await housingRun {
            try await store.write { session in
                let offer = try await Self.offer(offerID, session, forUpdate: true, access: access)
                let terms = try await PolicyInForce.resolve(version: offer.policyVersion, session).policy.offers
                guard terms.isDeclineReason(code) else {
                    throw ServiceError.invalid(ValidationError(
                        field: "reason", value: reason, reason: "is not a decline reason of policy \(offer.policyVersion)",
                        hint: "use one of: " + terms.declineReasons.map { "\($0.code) (\($0.meaning))" }.joined(separator: ", ")))
                }
                try Self.requireOpen(offer, on: date, to: .declined)
                return try await HousingWaitlist.refuse(offer, as: .declined, reason: code, on: date, actor: actor, session)
            }
        }
    }

    /// Expires every pending offer whose last day is before `date` (for cron): each unit passes on or
    /// returns to stock and the penalty applies when expiries count as declines. Running it again on the
    /// same day does nothing. `date` may not be after `today`: an offer still open must not expire early.
    public func expire(on date: CalendarDate, today: CalendarDate = .today(),
                       actor: Principal) async throws(ServiceError) -> [HousingOfferOutcome] {
        _ = try AccessTable.authorize(.housingOfferManage, actor)
        try date.requireHappened(by: today, "the expiry of offers")
        return try await housingRun {
            try await store.write { session in
                var outcomes: [HousingOfferOutcome] = []
                for offer in try await session.overdueHousingOffers(before: date) {
                    outcomes.append(try await HousingWaitlist.refuse(offer, as: .expired, reason: nil, on: date,
                                                                     actor: actor, session))
                }
                return outcomes
            }
        }
    }

    // MARK: Shared

    /// The offer, when it exists and its talent is in the access's reach; otherwise not found, in the same words.
    static func offer(_ id: Int64, _ session: StoreSession, forUpdate: Bool, access: Access) async throws -> HousingOfferRecord {
        guard let offer = try await session.housingOffer(id: id, forUpdate: forUpdate),
              try await access.reaches(talentID: offer.talentID, session) else {
            throw ServiceError.notFound("no housing offer #\(id)", next: .listHousingOffers)
        }
        return offer
    }

    static func talentID(_ identityKey: String, _ access: Access, _ session: StoreSession) async throws -> Int64 {
        try await RegistryService.talent(identityKey, access, session).id
    }

    /// Only an offer that may become `next` (a pending one), on a day from its offer date to its last day,
    /// may be decided.
    static func requireOpen(_ offer: HousingOfferRecord, on date: CalendarDate, to next: HousingOfferStatus) throws(ServiceError) {
        let done = next.rawValue
        guard offer.status.canChange(to: next) else {
            throw .refused("offer #\(offer.id) (unit \(offer.unitCode) to \(offer.talentName)) was \(offer.status.rawValue)"
                + (offer.decidedOn.map { " on \($0)" } ?? "") + "; only a pending offer can be \(done)")
        }
        if date > offer.expiresOn {
            throw .refused("offer #\(offer.id) expired on \(offer.expiresOn) (it is \(date)); it can no longer be "
                + "\(done).", next: .expireHousingOffers)
        }
        if date < offer.offeredOn {
            throw .refused("offer #\(offer.id) was made on \(offer.offeredOn); it cannot be \(done) on \(date)")
        }
    }
}

extension UnitFacts {
    /// The rent facts of an offered unit.
    init(_ offer: HousingOfferRecord) throws(ServiceError) {
        try self.init(unit: offer.unitCode, category: offer.unitCategory, areaHundredthsM2: offer.areaHundredths,
                      benchmarkFenPerM2: offer.benchmarkFenPerM2)
    }

    /// The rent facts of a leased unit (its building's benchmark now).
    init(_ lease: HousingLeaseRecord) throws(ServiceError) {
        try self.init(unit: lease.unitCode, category: lease.unitCategory, areaHundredthsM2: lease.areaHundredths,
                      benchmarkFenPerM2: lease.benchmarkFenPerM2)
    }

    /// The rent facts of unit `unit` whose stored category is `category`; an unknown category is an
    /// error, never read as some other one.
    init(unit: String, category: String, areaHundredthsM2: Int, benchmarkFenPerM2: Int) throws(ServiceError) {
        self.init(category: try UnitCategory.stored(category, unit: unit), areaHundredthsM2: areaHundredthsM2,
                  benchmarkFenPerM2: benchmarkFenPerM2)
    }
}

extension UnitCategory {
    /// The category stored for unit `unit` (the schema allows only the four codes; a database edited by
    /// hand or written by another version may hold something else).
    static func stored(_ text: String, unit: String) throws(ServiceError) -> UnitCategory {
        guard let category = UnitCategory(rawValue: text) else {
            throw .unknownUnitCategory(unit: unit, category: text)
        }
        return category
    }
}
