import Foundation
import TalentDomain
import TalentRules
import TalentStore

/// Where a talent stands in talent housing on a day (`talentctl housing status`): the application,
/// eligibility rule by rule under the policy in force, the score and group, the place in the latest
/// committed round, the offer and the lease with its monthly rent.
public struct HousingStanding: Sendable, Codable, Equatable {
    /// One eligibility rule's verdict.
    public struct Rule: Sendable, Codable, Equatable {
        public var rule: String
        public var passed: Bool
        public var explanation: String
    }

    /// One line of the score.
    public struct Points: Sendable, Codable, Equatable {
        public var factor: String
        public var points: Int
        public var why: String
    }

    public var talentID: Int64
    public var name: String
    public var identityKey: IdentityOnRecord
    public var on: CalendarDate
    public var policyVersion: String
    public var policySHA256: String
    /// The open (or offered) application, else the latest one.
    public var application: HousingApplicationRecord?
    public var certifiedClass: Int?
    public var eligible: Bool
    public var eligibility: [Rule]
    /// The categories the class and household may be offered.
    public var entitlement: [String]
    public var priorityGroup: Int?
    public var points: Int
    public var breakdown: [Points]
    /// The latest committed round that drew the application.
    public var round: HousingRoundStandingRow?
    /// The pending offer, else the latest one.
    public var offer: HousingOfferRecord?
    /// The lease in force on the day, else the talent's latest lease.
    public var lease: HousingLeaseRecord?
    /// The lease's monthly rent on the day (or its first, for a lease not yet started).
    public var monthlyRent: HousingLeaseRentRecord?
    /// The last day of the talent's latest bar after declined offers, when it is not over.
    public var barredUntil: CalendarDate?
}

/// `housing status --talent X`.
public struct HousingStatusService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }
}

extension HousingStatusService {
    /// Where the talent with `identityKey` stands on `date`, under the policy in force on it.
    public func status(talent identityKey: String, on date: CalendarDate, actor: Principal) async throws(ServiceError) -> HousingStanding {
        try await status(.identity(identityKey), on: date, actor: actor)
    }

    /// ``status(talent:on:actor:)`` by the talent's record number (the API's address).
    public func status(talentID: Int64, on date: CalendarDate, actor: Principal) async throws(ServiceError) -> HousingStanding {
        try await status(.id(talentID), on: date, actor: actor)
    }

    private func status(_ key: TalentKey, on date: CalendarDate, actor: Principal) async throws(ServiceError) -> HousingStanding {
        let access = try AccessTable.authorize(.housingRead, actor)
        return try await housingRun {
            try await store.read { session in
                let talentID = try await RegistryService.talent(key, access, session).id
                guard let record = try await session.housingFacts(talentIDs: [talentID])[talentID] else {
                    throw ServiceError.notFound("no talent #\(talentID)")
                }
                let inForce = try await PolicyInForce.resolve(on: date, session)
                let applications = try await session.housingApplications(HousingApplicationFilter(talentID: talentID))
                let application = applications.last { [.open, .offered].contains($0.status) } ?? applications.last
                let facts = HousingFacts(record, householdSize: application?.householdSize ?? 1,
                                         applicationDate: application?.appliedOn).facts
                let policy = inForce.policy
                let score = policy.priority(facts, on: date)
                let offers = try await session.housingOffers(HousingOfferFilter(talentID: talentID))
                let leases = try await session.housingLeases(HousingLeaseFilter(talentID: talentID))
                let lease = leases.last { $0.startDate <= date && date <= $0.lastDay && $0.status != .ended }
                    ?? leases.last { $0.status == .active } ?? leases.last
                var rents: [HousingLeaseRentRecord] = []
                if let lease { rents = try await session.housingLeaseRents(leaseID: lease.id) }
                var round: HousingRoundStandingRow?
                if let application { round = try await session.latestHousingRoundStanding(applicationID: application.id) }
                return HousingStanding(
                    talentID: talentID, name: record.name, identityKey: IdentityOnRecord(stored: record.identityKey), on: date,
                    policyVersion: inForce.version, policySHA256: inForce.sha256, application: application,
                    certifiedClass: record.certifiedClass, eligible: policy.isEligible(facts, on: date),
                    eligibility: policy.eligibility(facts, on: date).map {
                        HousingStanding.Rule(rule: $0.rule, passed: $0.passed, explanation: $0.explanation)
                    },
                    entitlement: facts.certifiedClass.map {
                        policy.entitlement(class: $0, householdSize: facts.householdSize).map(\.category.rawValue)
                    } ?? [],
                    priorityGroup: score.group, points: score.points,
                    breakdown: score.breakdown.map { HousingStanding.Points(factor: $0.factor, points: $0.points, why: $0.why) },
                    round: round,
                    offer: offers.first { $0.status == .pending } ?? offers.first,
                    lease: lease, monthlyRent: LeaseSchedule.rent(on: date, in: rents),
                    barredUntil: record.barredUntil.flatMap { $0 >= date ? $0 : nil })
            }
        }
    }
}
