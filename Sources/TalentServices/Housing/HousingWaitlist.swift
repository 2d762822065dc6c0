import Foundation
import TalentDomain
import TalentRules
import TalentStore

/// A bar after declined (or expired) offers.
public struct HousingBar: Sendable, Codable, Equatable {
    public var talentID: Int64
    public var fromDate: CalendarDate
    public var untilDate: CalendarDate
    public var reason: String
    public var policyVersion: String
}

/// What happened when an offer was declined or left to expire: the offer as it now stands, the offer
/// the unit was passed on with (or the unit went back to stock), and the bar it led to, if any.
public struct HousingOfferOutcome: Sendable, Codable, Equatable {
    public var offer: HousingOfferRecord
    public var passedOn: HousingOfferRecord?
    public var unitReturnedToStock: Bool
    public var bar: HousingBar?
}

/// Passing a refused unit on through the round's order, and the refusal penalty. Runs inside the
/// caller's transaction; the round row is locked first, so the units of one round are handed out one
/// decision at a time.
enum HousingWaitlist {
    /// Marks `offer` declined or expired on `date`, reopens its application, passes the unit on, applies
    /// the penalty and writes the audit rows.
    static func refuse(_ offer: HousingOfferRecord, as status: HousingOfferStatus, reason: String?, on date: CalendarDate,
                       actor: Principal, _ session: StoreSession) async throws -> HousingOfferOutcome {
        guard let round = try await session.housingOfferRound(id: offer.roundID, forUpdate: true) else {
            throw ServiceError.notFound("offer #\(offer.id) names round #\(offer.roundID), which does not exist")
        }
        let policy = try await PolicyInForce.resolve(version: round.policyVersion, session)
        try await session.decideHousingOffer(id: offer.id, status: status, on: date, declineReason: reason)
        try await session.updateHousingApplicationStatus(id: offer.applicationID, to: .open)
        guard let after = try await session.housingOffer(id: offer.id) else {
            throw StoreError.internal("offer #\(offer.id) could not be read back")
        }
        let passedOn = try await passOn(offer, round: round, policy: policy, on: date, session)
        if passedOn == nil { try await session.setHousingUnitStatus(id: offer.unitID, .available) }
        let bar = try await penalise(talentID: offer.talentID, policy: policy, session)
        let outcome = HousingOfferOutcome(offer: after, passedOn: passedOn, unitReturnedToStock: passedOn == nil, bar: bar)

        try await session.appendAudit(AuditRecord(
            actor: actor.auditName, action: "housing.offer.\(status == .declined ? "decline" : "expire")", entityType: "housing_offer",
            entityID: String(offer.id), before: offer, after: outcome,
            reason: [reason, "round \(round.code)", policy.stamp].compactMap { $0 }.joined(separator: "; ")))
        if let passedOn {
            try await session.appendAudit(AuditRecord(
                actor: actor.auditName, action: "housing.offer.pass-on", entityType: "housing_offer", entityID: String(passedOn.id),
                before: Optional<HousingOfferRecord>.none, after: passedOn,
                reason: "unit \(offer.unitCode) passed on after offer #\(offer.id) was \(status.rawValue), to "
                    + "\(passedOn.applicationNumber), the next waiting applicant of round \(round.code); \(policy.stamp)"))
        }
        if let bar {
            try await session.appendAudit(AuditRecord(
                actor: actor.auditName, action: "housing.bar", entityType: "talent", entityID: String(offer.talentID),
                before: Optional<HousingBar>.none, after: bar, reason: bar.reason))
        }
        return outcome
    }

    /// The first applicant in the round's order who is still waiting, wants the offer's category, is
    /// within the employer cap (``Waitlist``, ``EmployerCap``) and is still eligible on `date` (under the
    /// round's policy) gets a new offer; nil when nobody does.
    static func passOn(_ offer: HousingOfferRecord, round: HousingOfferRoundRow, policy: PolicyInForce,
                       on date: CalendarDate, _ session: StoreSession) async throws -> HousingOfferRecord? {
        let waitlist = try await session.housingWaitlist(roundID: round.id).map(Waitlist.Entry.init)
        let input = RoundInput(json: round.inputJSON)
        let cap = EmployerCap(
            limit: EmployerCap.limit(roundQuotas: input.quotas, policy: policy.policy.quotas), waitlist: waitlist,
            roundEmployers: input.employers, liveApplications: try await session.liveHousingOfferApplications(roundID: round.id))
        let chosen = try await Waitlist.first(waitlist, category: offer.category, on: date, cap: cap) { entry in
            // The round checked eligibility on its own day; the unit passes on later, so check again.
            guard try await HousingEligibilityCheck.failures(
                talentID: entry.talentID, applicationID: entry.applicationID, policy: policy, on: date, session).isEmpty
            else { return false }
            return try await session.lockWaitingHousingApplication(id: entry.applicationID)
        }
        guard let entry = chosen else { return nil }
        let id = try await session.insertHousingOffer(NewHousingOffer(
            roundID: round.id, applicationID: entry.applicationID, talentID: entry.talentID, unitID: offer.unitID,
            category: offer.category, source: "waitlist", offeredOn: date,
            expiresOn: policy.policy.offers.expiresOn(offeredOn: date), policyVersion: round.policyVersion))
        try await session.updateHousingApplicationStatus(id: entry.applicationID, to: .offered)
        return try await session.housingOffer(id: id)
    }

    /// The round's applicants who may take a unit of `category` now, in serving order
    /// (``Waitlist/candidates(_:category:on:)`` on the stored rows).
    static func candidates(_ waitlist: [HousingWaitlistRow], category: String, on date: CalendarDate) -> [HousingWaitlistRow] {
        let rows = Dictionary(waitlist.map { ($0.applicationID, $0) }, uniquingKeysWith: { first, _ in first })
        return Waitlist.candidates(waitlist.map(Waitlist.Entry.init), category: category, on: date)
            .compactMap { rows[$0.applicationID] }
    }

    /// Applies `offers.penalty` to the talent's declines (and expiries when they count): records a bar
    /// (``RefusalBar``) when the count reaches a new one.
    static func penalise(talentID: Int64, policy: PolicyInForce, _ session: StoreSession) async throws -> HousingBar? {
        let refusals = try await session.housingOfferRefusals(talentID: talentID)
        guard let due = RefusalBar.due(declined: refusals.declined, expired: refusals.expired, terms: policy.policy.offers,
                                       policyVersion: policy.version),
              try await !session.hasHousingBar(talentID: talentID, until: due.until) else { return nil }
        let bar = HousingBar(talentID: talentID, fromDate: due.from, untilDate: due.until, reason: due.reason,
                             policyVersion: policy.version)
        try await session.insertHousingBar(talentID: talentID, from: due.from, until: due.until, reason: bar.reason,
                                           policyVersion: policy.version)
        return bar
    }

    /// What the offers need from a round's stored input document (the export without its outcome):
    /// each applicant's employer, and the per-employer cap the draw applied.
    struct RoundInput {
        var employers: [String: String] = [:]
        /// The quotas the draw applied, nil when the document records none.
        var quotas: EmployerCap.RoundQuotas?

        init(json: String?) {
            guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
                return
            }
            for applicant in object["applicants"] as? [[String: Any]] ?? [] {
                if let id = applicant["id"] as? String, let employer = applicant["employer"] as? String {
                    employers[id] = employer
                }
            }
            if let quotas = object["quotas"] as? [String: Any], quotas.keys.contains("per_employer_cap") {
                self.quotas = EmployerCap.RoundQuotas(perEmployerCap: (quotas["per_employer_cap"] as? NSNumber)?.intValue)
            }
        }
    }
}

extension Waitlist.Entry {
    init(_ row: HousingWaitlistRow) {
        self.init(applicationID: row.applicationID, applicationNumber: row.applicationNumber, talentID: row.talentID,
                  position: row.position, preferences: row.preferences, applicationStatus: row.applicationStatus,
                  currentEmployer: row.currentEmployer, offeredInRound: row.offeredInRound,
                  hasPendingOffer: row.hasPendingOffer, allocatedCategory: row.allocatedCategory,
                  barredUntil: row.barredUntil)
    }
}
