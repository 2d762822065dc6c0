import Foundation
import Testing
import TalentDomain
import TestSupport

/// A command that records something that happened refuses a day after today (China Standard Time),
/// exit 65, and changes nothing; where a day ahead makes sense (a lease's first day, a practice window,
/// a policy's first day), its --help says so.
@Suite("talentctl: no step recorded ahead of today")
struct FutureDayCommandTests {
    typealias Offers = HousingOfferCommandTests

    static var today: CalendarDate { CalendarDate.today() }

    static func expectRefused(_ result: Talentctl.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        expectNoCrash(result, sourceLocation: sourceLocation)
        #expect(result.status == 65, "\(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains("is after today (") && result.stderr.contains("in China Standard Time, UTC+8)")
                && result.stderr.contains("is recorded once it has happened"), "\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test func closeEndedAndOffersExpireRefuseADayAhead() async throws {
        let cli = try await Offers.committed()
        let offer = try Offers.offerID(cli, application: "HA-2026-00001")
        let lease = try #require(try cli.json(["housing", "offer", "accept", String(offer), "--on", "2026-12-01", "--json"]) as? [String: Any])
        let number = try #require((lease["lease"] as? [String: Any])?["number"] as? String)
        let audits = try cli.audit().count

        // Leases running to 2028, closed "on 2028-12-04" in 2026: refused, the unit stays let.
        Self.expectRefused(try cli.run(["housing", "lease", "close-ended", "--on", "2028-12-04"]))
        let leases = try cli.jsonArray(["housing", "lease", "list", "--json"])
        #expect(leases.first { $0["number"] as? String == number }?["status"] as? String == "active")
        #expect(try cli.jsonArray(["housing", "unit", "list", "--status", "leased", "--json"]).count == 1)

        let pending = try cli.jsonArray(["housing", "offers", "list", "--status", "pending", "--json"]).count
        Self.expectRefused(try cli.run(["housing", "offers", "expire", "--on", Self.today.adding(days: 7).description]))
        #expect(try cli.jsonArray(["housing", "offers", "list", "--status", "pending", "--json"]).count == pending)

        let tomorrow = Self.today.adding(days: 1).description
        Self.expectRefused(try cli.run(["housing", "lease", "renew", number, "--on", "2028-10-15"]))
        Self.expectRefused(try cli.run(["housing", "lease", "terminate", number, "--reason", "voluntary", "--on", tomorrow]))
        #expect(try cli.audit().count == audits, "nothing was recorded")
        // Today itself is fine.
        try cli.ok(["housing", "lease", "close-ended", "--on", Self.today.description])
    }

    @Test func practiceStepsAndAwardsRefuseADayAhead() async throws {
        let cli = try await CLISession.fresh()
        let tomorrow = Self.today.adding(days: 1).description
        let student = ["--student", "2026210001"]
        for command in [
            ["practice", "complete"] + student + ["--on", tomorrow],
            ["practice", "assess"] + student + ["--result", "pass", "--title", "x", "--on", tomorrow],
            ["practice", "report", "submit"] + student + ["--stage", "mid-term", "--grade", "good", "--on", tomorrow],
            ["practice", "start"] + student + ["--mentor", "110105194912310046", "--on", tomorrow],
            ["practice", "withdraw"] + student + ["--reason", "转学", "--on", tomorrow],
            ["practice", "problem", "add", "--enterprise", CLISession.employerCode, "--title", "x", "--posed-on", tomorrow],
            ["practice", "problem", "solve", "1", "--project", "1", "--on", tomorrow],
        ] {
            Self.expectRefused(try cli.run(command))
        }
        let award = try cli.run(["practice", "award", "add", "--project", "1", "--level", "city", "--year",
                                 String(Self.today.year + 1), "--name", "x"])
        #expect(award.status == 65 && award.stderr.contains("is after this year"), "\(award.stderr)")
    }

    @Test func helpSaysWhichDaysMayLieAhead() throws {
        for (command, text) in [
            (["housing", "lease", "close-ended"], "not after today"), (["housing", "offers", "expire"], "not after today"),
            (["housing", "lease", "renew"], "not after today"), (["housing", "lease", "terminate"], "not after today"),
            (["practice", "complete"], "not after today"), (["practice", "assess"], "not after today"),
            (["practice", "report", "submit"], "not after today"), (["practice", "award", "add"], "not after this year"),
            (["housing", "offer", "accept"], "may be after today"), (["practice", "cohort", "create"], "may be after today"),
            (["rules", "load"], "may be after today"),
        ] {
            let help = try Talentctl.run(command + ["--help"], environment: [:])
            #expect(help.status == 0)
            let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(words.contains(text), "\(command) --help: \(help.stdout)")
        }
    }
}
