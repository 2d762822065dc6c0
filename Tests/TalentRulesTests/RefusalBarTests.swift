import Testing
import TalentDomain
@testable import TalentRules

/// `offers.penalty` of the default policy: 2 refusals bar for 12 months, expiries count.
@Suite("Refusal bar: from, until and the reason")
struct RefusalBarTests {
    let terms = PolicyFile.standard.policy.offers
    static func date(_ text: String) -> CalendarDate { CalendarDate(text)! }
    static func dates(_ texts: String...) -> [CalendarDate] { texts.map(date) }

    func bar(declined: [CalendarDate], expired: [CalendarDate] = [], terms: OfferPolicy? = nil) -> RefusalBar? {
        RefusalBar.due(declined: declined, expired: expired, terms: terms ?? self.terms, policyVersion: "gz-test.1")
    }

    @Test func oneDeclineBarsNobody() {
        #expect(bar(declined: Self.dates("2026-11-28")) == nil)
        #expect(bar(declined: []) == nil)
    }

    @Test func theSecondDeclineBarsFromItsDay() {
        #expect(bar(declined: Self.dates("2026-11-29", "2026-11-28")) == RefusalBar(
            from: Self.date("2026-11-29"), until: Self.date("2027-11-28"),
            reason: "2 declined or expired offers (offers.penalty of gz-test.1): barred 12 months, 2026-11-29 – 2027-11-28"))
    }

    @Test func expiriesCountOnlyWhenThePolicySays() {
        let mixed = bar(declined: Self.dates("2026-11-28"), expired: Self.dates("2026-12-09"))
        #expect(mixed?.from == Self.date("2026-12-09"))
        #expect(mixed?.until == Self.date("2027-12-08"))
        var strict = terms
        strict.expiryCountsAsDecline = false
        #expect(bar(declined: Self.dates("2026-11-28"), expired: Self.dates("2026-12-09"), terms: strict) == nil)
        let declined = bar(declined: Self.dates("2026-11-28", "2026-12-01"), expired: Self.dates("2026-12-09"), terms: strict)
        #expect(declined?.from == Self.date("2026-12-01"))
        #expect(declined?.reason == "2 declined offers (offers.penalty of gz-test.1): barred 12 months, 2026-12-01 – 2027-11-30")
    }

    /// Refusals while barred do not count; the count starts again after a bar, and the latest bar is the one due.
    @Test func theLatestBarIsDue() {
        let dates = Self.dates("2026-01-10", "2026-02-10", "2026-06-01", "2027-03-01", "2027-04-01")
        let latest = bar(declined: dates)
        #expect(latest?.from == Self.date("2027-04-01"))
        #expect(latest?.until == Self.date("2028-03-31"))
        #expect(bar(declined: Array(dates.prefix(3)))?.from == Self.date("2026-02-10"), "2026-06-01 fell inside the first bar")
    }
}
