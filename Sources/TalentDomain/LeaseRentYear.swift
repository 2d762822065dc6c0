/// The monthly rent of one lease year of a lease, from its first to its last day: what
/// `LeaseSchedule.rents` (TalentRules) works out and the store keeps as `housing_lease_rents` rows.
public struct LeaseRentYear: Sendable, Codable, Equatable {
    /// The talent's year of talent housing (1-based, counting earlier leases).
    public var leaseYear: Int
    public var fromDate: CalendarDate
    public var untilDate: CalendarDate
    public var fullFen: Int
    public var percentPayable: Int
    public var monthlyFen: Int
    /// Whether this year counts toward `rent.max_discounted_years`.
    public var discounted: Bool
    public var breakdown: [String]

    public init(leaseYear: Int, fromDate: CalendarDate, untilDate: CalendarDate, fullFen: Int, percentPayable: Int,
                monthlyFen: Int, discounted: Bool, breakdown: [String]) {
        self.leaseYear = leaseYear
        self.fromDate = fromDate
        self.untilDate = untilDate
        self.fullFen = fullFen
        self.percentPayable = percentPayable
        self.monthlyFen = monthlyFen
        self.discounted = discounted
        self.breakdown = breakdown
    }
}
