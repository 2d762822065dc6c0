import TalentDomain
import TalentRules
import TalentStore

/// The stored leases and rent rows as the values ``LeaseSchedule`` (TalentRules) works on, and back.
extension LeaseSchedule {
    /// The months a talent has held talent housing, counting every lease to its last day (the
    /// termination day for a terminated one).
    static func leasedMonths(_ leases: [HousingLeaseRecord]) -> Int {
        leasedMonths(leases.map(LeaseTerm.init))
    }

    /// The stored rent row in force on `date` (the last one after the end, the first one before the start).
    static func rent(on date: CalendarDate, in rents: [HousingLeaseRentRecord]) -> HousingLeaseRentRecord? {
        rent(on: date, in: rents.map(LeaseRentYear.init)).map(HousingLeaseRentRecord.init)
    }
}

extension LeaseTerm {
    init(_ lease: HousingLeaseRecord) {
        self.init(start: lease.startDate, lastDay: lease.lastDay)
    }
}

extension LeaseRentYear {
    init(_ rent: HousingLeaseRentRecord) {
        self.init(leaseYear: rent.leaseYear, fromDate: rent.fromDate, untilDate: rent.untilDate, fullFen: rent.fullFen,
                  percentPayable: rent.percentPayable, monthlyFen: rent.monthlyFen, discounted: rent.discounted,
                  breakdown: rent.breakdown)
    }
}

extension HousingLeaseRentRecord {
    init(_ rent: LeaseRentYear) {
        self.init(leaseYear: rent.leaseYear, fromDate: rent.fromDate, untilDate: rent.untilDate, fullFen: rent.fullFen,
                  percentPayable: rent.percentPayable, monthlyFen: rent.monthlyFen, discounted: rent.discounted,
                  breakdown: rent.breakdown)
    }
}
