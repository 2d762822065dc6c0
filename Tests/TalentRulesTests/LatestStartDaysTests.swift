import Testing
import TalentDomain
@testable import TalentRules

/// `lease.latest_start_days`: optional, 90 when absent, 1–365, written and read back.
@Suite("Policy: lease.latest_start_days")
struct LatestStartDaysTests {
    typealias Files = PolicyFileTests

    static func withLatestStart(_ value: String) -> String {
        Files.edited("  move_out_days: 60\n", "  move_out_days: 60\n  latest_start_days: \(value)\n")
    }

    @Test func aFileWithoutTheKeyGets90Days() throws {
        #expect(!DefaultPolicy.yaml.contains("latest_start_days"))
        let lease = try PolicyFile(text: DefaultPolicy.yaml).policy.lease
        #expect(lease.latestStartDays == 90)
        #expect(lease.latestStart(acceptedOn: CalendarDate("2026-12-01")!) == CalendarDate("2027-03-01"))
    }

    @Test func theKeyIsRead() throws {
        let lease = try PolicyFile(text: Self.withLatestStart("30")).policy.lease
        #expect(lease == LeasePolicy(maxTermMonths: 24, renewalWindowMonths: 3, cumulativeCapYears: 6, moveOutDays: 60,
                                     latestStartDays: 30))
        #expect(lease.latestStart(acceptedOn: CalendarDate("2026-12-01")!) == CalendarDate("2026-12-31"))
    }

    @Test(arguments: ["0", "-1", "366", "ninety", "null", "[90]"])
    func aValueOutsideTheRangeIsRefused(value: String) {
        let text = Self.withLatestStart(value)
        let problems = Files.problems(text)
        #expect(problems.map(\.path) == ["lease.latest_start_days"])
        #expect(problems.first?.line == Files.line(of: "latest_start_days:", in: text))
        #expect(problems.first?.reason.hasPrefix("must be a whole number from 1 to 365, not ") == true)
    }

    @Test func theBoundsAreAccepted() throws {
        #expect(try PolicyFile(text: Self.withLatestStart("1")).policy.lease.latestStartDays == 1)
        #expect(try PolicyFile(text: Self.withLatestStart("365")).policy.lease.latestStartDays == 365)
    }

    @Test func anUnknownLeaseKeyListsIt() {
        let text = Files.edited("  move_out_days: 60\n", "  move_out_days: 60\n  latest_start: 30\n")
        #expect(Files.problems(text).first?.hint
                == "Allowed: max_term_months, renewal_window_months, cumulative_cap_years, move_out_days, latest_start_days.")
    }

    @Test(arguments: [90, 14, 365])
    func theWriterRoundTripsIt(days: Int) throws {
        var policy = try PolicyFile(text: DefaultPolicy.yaml).policy
        policy.lease.latestStartDays = days
        let written = policy.yaml()
        #expect(written.contains("\n  latest_start_days: \(days)\n"))
        let reread = try PolicyFile(text: written).policy
        #expect(reread == policy)
        #expect(reread.lease.latestStartDays == days)
        #expect(reread.yaml() == written)
    }
}
