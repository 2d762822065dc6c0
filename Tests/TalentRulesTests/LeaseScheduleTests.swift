import Testing
import TalentDomain
@testable import TalentRules

/// The lease term and rent schedule of the default policy: class 4 pays 50% in lease years 1–3,
/// `rent.max_discounted_years` is 5.
@Suite("Lease schedule: months, end, rents")
struct LeaseScheduleTests {
    let policy = PolicyFile.standard.policy
    /// 65.40 m² at 3200 fen/m²: 209 280 fen in full, 104 640 at 50%.
    let unit = UnitFacts(category: .twoBedroom, areaHundredthsM2: 6540, benchmarkFenPerM2: 3200)
    static func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

    @Test func aStartedMonthCountsWhole() {
        func months(_ start: String, _ last: String) -> Int {
            LeaseSchedule.months(from: Self.date(start), through: Self.date(last))
        }
        #expect(months("2026-01-01", "2026-12-31") == 12)
        #expect(months("2026-01-01", "2026-01-20") == 1)
        #expect(months("2026-01-01", "2026-01-01") == 1)
        #expect(months("2026-01-15", "2026-02-14") == 1)
        #expect(months("2026-01-15", "2026-02-15") == 2)
        #expect(months("2026-12-01", "2028-11-30") == 24)
        #expect(months("2026-01-02", "2026-01-01") == 0)
        #expect(months("2026-06-01", "2026-01-01") == 0)
    }

    @Test func leasedMonthsAddEveryTerm() {
        let terms = [LeaseTerm(start: Self.date("2020-01-01"), lastDay: Self.date("2021-12-31")),
                     LeaseTerm(start: Self.date("2022-01-01"), lastDay: Self.date("2022-03-10"))]
        #expect(LeaseSchedule.leasedMonths(terms) == 27)
        #expect(LeaseSchedule.leasedMonths([]) == 0)
    }

    @Test func theEndIsTheDayBeforeTheSameDayLater() {
        #expect(LeaseSchedule.end(start: Self.date("2026-12-01"), months: 24) == Self.date("2028-11-30"))
        #expect(LeaseSchedule.end(start: Self.date("2027-03-01"), months: 12) == Self.date("2028-02-29"))
    }

    func rents(start: String, months: Int, earlier: Int, discounted: Set<Int> = [], policy: Policy? = nil) -> [LeaseRentYear] {
        let start = Self.date(start)
        return LeaseSchedule.rents(policy: policy ?? self.policy, unit: unit, class: TalentClass(4)!, start: start,
                                   end: LeaseSchedule.end(start: start, months: months), earlierMonths: earlier,
                                   discountedYears: discounted)
    }

    @Test func aFirstLeaseHasOneRowPerYear() {
        let rows = rents(start: "2026-12-01", months: 24, earlier: 0)
        #expect(rows.map(\.leaseYear) == [1, 2])
        #expect(rows.map(\.fromDate) == [Self.date("2026-12-01"), Self.date("2027-12-01")])
        #expect(rows.map(\.untilDate) == [Self.date("2027-11-30"), Self.date("2028-11-30")])
        #expect(rows.map(\.monthlyFen) == [104_640, 104_640])
        #expect(rows.allSatisfy { $0.fullFen == 209_280 && $0.percentPayable == 50 && $0.discounted })
        #expect(rows[0].breakdown == ["benchmark 3200 fen/m² × 65.4 m² = 209280 fen", "class 4, lease year 1 of 3: 50% payable",
                                      "209280 fen × 50% = 104640 fen"])
    }

    /// 18 months held before: this lease's first 6 months finish year 2, then years 3 and 4 follow.
    @Test func leaseYearsContinueTheTalentsCount() {
        let rows = rents(start: "2027-01-01", months: 24, earlier: 18, discounted: [1, 2])
        #expect(rows.map(\.leaseYear) == [2, 3, 4])
        #expect(rows.map(\.fromDate) == [Self.date("2027-01-01"), Self.date("2027-07-01"), Self.date("2028-07-01")])
        #expect(rows.map(\.untilDate) == [Self.date("2027-06-30"), Self.date("2028-06-30"), Self.date("2028-12-31")])
        // Class 4's discount covers lease years 1–3; year 4 is full rent.
        #expect(rows.map(\.percentPayable) == [50, 50, 100])
        #expect(rows.map(\.discounted) == [true, true, false])
        #expect(rows.map(\.monthlyFen) == [104_640, 104_640, 209_280])
    }

    /// With `max_discounted_years: 1`, year 1 is discounted once, whether under this lease or an earlier one.
    @Test func aDiscountedYearCountsOnce() {
        var capped = policy
        capped.rent.maxDiscountedYears = 1
        let first = rents(start: "2026-12-01", months: 24, earlier: 0, policy: capped)
        #expect(first.map(\.discounted) == [true, false], "year 1 of this lease uses the one discounted year")
        // Year 1 began under an earlier lease and was discounted there; finishing it here is not a second year.
        let continued = rents(start: "2027-06-01", months: 12, earlier: 6, discounted: [1], policy: capped)
        #expect(continued.map(\.leaseYear) == [1, 2])
        #expect(continued.map(\.discounted) == [true, false])
        #expect(continued.map(\.percentPayable) == [50, 100])
    }

    @Test func aTermShorterThanAYearHasOneRow() {
        let rows = rents(start: "2026-12-01", months: 3, earlier: 0)
        #expect(rows.count == 1)
        #expect(rows.first?.untilDate == Self.date("2027-02-28"))
    }

    @Test func theRentInForceOnADay() {
        let rows = rents(start: "2026-12-01", months: 24, earlier: 0)
        func year(_ day: String) -> Int? { LeaseSchedule.rent(on: Self.date(day), in: rows)?.leaseYear }
        #expect(year("2026-12-01") == 1)
        #expect(year("2027-11-30") == 1)
        #expect(year("2027-12-01") == 2)
        #expect(year("2028-11-30") == 2)
        #expect(year("2030-01-01") == 2, "after the end: the last row")
        #expect(year("2026-01-01") == 1, "before the start: the first row")
        #expect(LeaseSchedule.rent(on: Self.date("2027-01-01"), in: []) == nil)
    }
}
