import TalentDomain

/// The days a lease covers: from its start to its last day (the termination day for a terminated one).
public struct LeaseTerm: Sendable, Equatable {
    public var start: CalendarDate
    public var lastDay: CalendarDate

    public init(start: CalendarDate, lastDay: CalendarDate) {
        self.start = start
        self.lastDay = lastDay
    }
}

/// The term and rent schedule of a new lease (or renewal), worked out from the policy and the talent's
/// earlier leases. Pure: the services gather the inputs in their transaction.
public enum LeaseSchedule {
    /// Months from `start` through `last`, a started month counting whole (Jan 1 – Dec 31 is 12;
    /// Jan 1 – Jan 20 is 1). Zero when `last` is before `start`.
    public static func months(from start: CalendarDate, through last: CalendarDate) -> Int {
        let after = last.adding(days: 1)
        guard after > start else { return 0 }
        let whole = start.months(until: after)
        return start.adding(months: whole) < after ? whole + 1 : whole
    }

    /// The months a talent has held talent housing, counting every lease to its last day.
    public static func leasedMonths(_ leases: [LeaseTerm]) -> Int {
        leases.reduce(0) { $0 + months(from: $1.start, through: $1.lastDay) }
    }

    /// The last day of a term of `months` months from `start`.
    public static func end(start: CalendarDate, months: Int) -> CalendarDate {
        start.adding(months: months).adding(days: -1)
    }

    /// One rent row per lease year the lease covers. Lease years continue the talent's count:
    /// month `k` of this lease falls in year `(earlierMonths + k) / 12 + 1`. A year already discounted
    /// under an earlier lease is not counted again toward `max_discounted_years`.
    public static func rents(policy: Policy, unit: UnitFacts, class talentClass: TalentClass, start: CalendarDate,
                             end: CalendarDate, earlierMonths: Int, discountedYears: Set<Int>) -> [LeaseRentYear] {
        let term = months(from: start, through: end)
        var discounted = discountedYears
        var result: [LeaseRentYear] = []
        var k = 0
        while k < term {
            let year = (earlierMonths + k) / 12 + 1
            let monthsLeftInYear = 12 - (earlierMonths + k) % 12
            let next = min(term, k + monthsLeftInYear)
            let from = start.adding(months: k)
            let until = min(end, start.adding(months: next).adding(days: -1))
            let soFar = discounted.filter { $0 < year }.count
            let quote = policy.rent(unit: unit, class: talentClass, leaseYear: year, discountedYearsSoFar: soFar)
            if quote.discounted { discounted.insert(year) }
            result.append(LeaseRentYear(
                leaseYear: year, fromDate: from, untilDate: until, fullFen: quote.fullFen,
                percentPayable: quote.percentPayable, monthlyFen: quote.fen, discounted: quote.discounted,
                breakdown: quote.breakdown))
            k = next
        }
        return result
    }

    /// The rent row in force on `date` (the last one after the end, the first one before the start).
    public static func rent(on date: CalendarDate, in rents: [LeaseRentYear]) -> LeaseRentYear? {
        rents.first { $0.fromDate <= date && date <= $0.untilDate }
            ?? (rents.last.map { date > $0.untilDate } == true ? rents.last : rents.first)
    }
}
