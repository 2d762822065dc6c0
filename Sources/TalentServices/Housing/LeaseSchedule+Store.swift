import TalentDomain
import TalentRules
import TalentStore

/// The stored leases as the terms ``LeaseSchedule`` (TalentRules) counts (the rent rows are the domain's
/// ``LeaseRentYear`` in both rooms).
extension LeaseSchedule {
    /// The months a talent has held talent housing, counting every lease to its last day (the
    /// termination day for a terminated one).
    static func leasedMonths(_ leases: [HousingLeaseRecord]) -> Int {
        leasedMonths(leases.map(LeaseTerm.init))
    }
}

extension LeaseTerm {
    init(_ lease: HousingLeaseRecord) {
        self.init(start: lease.startDate, lastDay: lease.lastDay)
    }
}
