import TalentDomain
import TalentRules
import TalentStore

/// A lease with its rent schedule.
public struct HousingLeaseDetail: Sendable, Codable, Equatable {
    public var lease: HousingLeaseRecord
    /// One row per lease year the lease covers.
    public var rents: [HousingLeaseRentRecord]

    public init(lease: HousingLeaseRecord, rents: [HousingLeaseRentRecord]) {
        self.lease = lease
        self.rents = rents
    }

    /// The monthly rent row in force on `date` (the last one after the end).
    public func rent(on date: CalendarDate) -> HousingLeaseRentRecord? {
        LeaseSchedule.rent(on: date, in: rents)
    }
}

/// Creates a lease (on acceptance or renewal) inside the caller's transaction: checks the cumulative
/// cap against the talent's earlier leases, sets the term and end, numbers it, and stores the rent of
/// each lease year it covers.
enum LeaseWriter {
    struct Request {
        var talentID: Int64
        var talentName: String
        var unitID: Int64
        var unit: UnitFacts
        var offerID: Int64?
        var applicationID: Int64?
        /// The lease renewed, which the talent holds until the new one starts.
        var renewalOf: HousingLeaseRecord?
        var start: CalendarDate
        /// The year in the lease number (`L-<year>-…`): the year of the decision.
        var numberYear: Int
    }

    static func create(_ request: Request, policy inForce: PolicyInForce, _ session: StoreSession) async throws
        -> HousingLeaseDetail
    {
        let terms = inForce.policy.lease
        let earlier = try await session.housingLeases(HousingLeaseFilter(talentID: request.talentID))
        if let active = earlier.first(where: { $0.status == .active && $0.id != request.renewalOf?.id }) {
            throw ServiceError.duplicate(
                "\(request.talentName) already holds lease \(active.number) (unit \(active.unitCode), \(active.startDate) – "
                    + "\(active.endDate)); one active lease per talent")
        }
        let leased = LeaseSchedule.leasedMonths(earlier)
        let months = terms.nextTermMonths(leasedMonths: leased)
        guard !terms.isCumulativeCapReached(leasedMonths: leased), months > 0 else {
            throw ServiceError.refused(
                "\(request.talentName) has held talent housing for \(leased) months; the cumulative cap of "
                    + "\(terms.cumulativeCapYears) years (lease.cumulative_cap_years of \(inForce.version)) is reached")
        }
        guard let record = try await session.housingFacts(talentIDs: [request.talentID])[request.talentID],
              let talentClass = record.certifiedClass.flatMap(TalentClass.init) else {
            throw ServiceError.refused(
                "\(request.talentName) holds no certification in force, so no rent can be set (it depends on the "
                    + "certified class)", next: .certifyTalent)
        }
        let end = LeaseSchedule.end(start: request.start, months: months)
        let rents = LeaseSchedule.rents(
            policy: inForce.policy, unit: request.unit, class: talentClass, start: request.start, end: end,
            earlierMonths: leased, discountedYears: try await session.discountedHousingLeaseYears(talentID: request.talentID))
        let id = try await session.insertHousingLease(NewHousingLease(
            talentID: request.talentID, unitID: request.unitID, offerID: request.offerID, applicationID: request.applicationID,
            renewalOf: request.renewalOf?.id, startDate: request.start, endDate: end, policyVersion: inForce.version,
            policySHA256: inForce.sha256, numberYear: request.numberYear))
        try await session.insertHousingLeaseRents(leaseID: id, rents)
        guard let lease = try await session.housingLease(id: id) else {
            throw StoreError.internal("lease #\(id) could not be read back")
        }
        return HousingLeaseDetail(lease: lease, rents: rents)
    }
}
