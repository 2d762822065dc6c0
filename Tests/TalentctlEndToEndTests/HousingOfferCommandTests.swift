import Foundation
import Testing
@testable import TalentStore
import TalentDomain
import TestSupport

/// `talentctl housing offer|offers|lease|status|report` on the database of ``HousingRoundCommandTests``
/// after round R1 is committed on 2026-11-26: A (class 4) is offered U-101 (1BR, 52.00 m² at 32.00 yuan),
/// B (class 5) U-102 (studio), and C (class 6, wants 1BR then studio) waits.
@Suite("talentctl housing offers, leases, status and reports")
struct HousingOfferCommandTests {
    typealias R = HousingRoundCommandTests

    static func committed(_ label: String = #function) async throws -> CLISession {
        let cli = try await R.seeded(label)
        try cli.ok(["housing", "round", "create", "R1", "--name", "2026 第一轮", "--as-of", "2026-11-20"])
        try cli.ok(["housing", "round", "commit", "R1", "--seed", R.seed, "--on", "2026-11-26"])
        return cli
    }

    static func offerID(_ cli: CLISession, application: String) throws -> Int {
        let offers = try cli.jsonArray(["housing", "offers", "list", "--status", "pending", "--json"])
        let offer = try #require(offers.first { $0["application_number"] as? String == application }, "\(offers)")
        return try #require(offer["id"] as? Int)
    }

    @Test func helpHasAnExample() throws {
        for command in [["offer"], ["offer", "show"], ["offer", "accept"], ["offer", "decline"], ["offers"], ["offers", "list"],
                        ["offers", "expire"], ["lease"], ["lease", "list"], ["lease", "show"], ["lease", "renew"],
                        ["lease", "terminate"], ["lease", "move-out"], ["lease", "close-ended"], ["status"], ["report"],
                        ["report", "occupancy"], ["report", "vacancies"], ["report", "expiring"], ["report", "rent-roll"]] {
            let result = try Talentctl.run(["housing"] + command + ["--help"], environment: [:])
            #expect(result.status == 0)
            #expect(result.stdout.contains("Example"), "housing \(command.joined(separator: " ")) --help has no example")
        }
    }

    @Test func aBadDeclineReasonExitsSixtyFiveAndWritesNothing() async throws {
        let cli = try await Self.committed()
        let id = try Self.offerID(cli, application: "HA-2026-00001")
        let audit = try cli.audit().count
        let bad = try cli.run(["housing", "offer", "decline", String(id), "--reason", "too-far", "--on", "2026-11-28"])
        #expect(bad.status == 65)
        expectNoCrash(bad)
        #expect(bad.stderr.contains("reason") && bad.stderr.contains("location"))
        #expect(try cli.audit().count == audit)
        let shown = try #require(try cli.json(["housing", "offer", "show", String(id), "--json"]) as? [String: Any])
        #expect(shown["status"] as? String == "pending")
        #expect(shown["talent_identity_key"] as? String != R.keyA, "identity masked")
        let missing = try cli.run(["housing", "offer", "accept", "999", "--on", "2026-11-28"])
        #expect(missing.status == 65 && missing.stderr.contains("#999"))
    }

    @Test func declinePassesTheUnitOnAndAcceptCreatesTheLease() async throws {
        let cli = try await Self.committed()
        let a = try Self.offerID(cli, application: "HA-2026-00001")
        let declined = try cli.ok(["housing", "offer", "decline", String(a), "--reason", "location", "--on", "2026-11-28"])
        #expect(declined.contains("passed on to 孙技师 (HA-2026-00003)"))

        let c = try Self.offerID(cli, application: "HA-2026-00003")
        let lease = try #require(try cli.json(["housing", "offer", "accept", String(c), "--on", "2026-12-01", "--json"]) as? [String: Any])
        let record = try #require(lease["lease"] as? [String: Any])
        let number = try #require(record["number"] as? String)
        #expect(record["start_date"] as? String == "2026-12-01")
        #expect(record["end_date"] as? String == "2028-11-30")
        // Class 6 pays 80% of 3200 × 52.00 = 166400 fen: 133120 fen.
        let rents = try #require(lease["rents"] as? [[String: Any]])
        #expect(rents.map { $0["monthly_fen"] as? Int } == [133120, 133120])
        let shown = try cli.ok(["housing", "lease", "show", number])
        #expect(shown.contains("1331.20") && shown.contains("80%"))
        // A day after today is refused by the lease service (bad data, like every step dated ahead).
        let future = try cli.run(["housing", "lease", "move-out", number, "--on", "2999-01-01"])
        #expect(future.status == 65)
        #expect(future.stderr.contains("is after today"))
        expectNoCrash(future)

        let occupancy = try #require(try cli.json(["housing", "report", "occupancy", "--on", "2027-01-15", "--json"]) as? [String: Any])
        let total = try #require(occupancy["total"] as? [String: Any])
        #expect(total["units"] as? Int == 2)
        #expect(total["leased"] as? Int == 1)
        #expect(total["offered"] as? Int == 1)
        #expect(total["let_on"] as? Int == 1)
        #expect(total["occupancy_percent"] as? Double == 50)
        // The lease starts on 2026-12-01: leased from acceptance, let from its first day.
        let before = try #require(try cli.json(["housing", "report", "occupancy", "--on", "2026-11-30", "--json"]) as? [String: Any])
        let early = try #require(before["total"] as? [String: Any])
        #expect(early["leased"] as? Int == 1)
        #expect(early["let_on"] as? Int == 0)
        #expect(early["occupancy_percent"] as? Double == 0)
        let bad = try cli.run(["housing", "report", "expiring", "--within", "-1"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--within must be 0 to 3660 days"))
        expectNoCrash(bad)

        let roll = try #require(try cli.json(["housing", "report", "rent-roll", "--month", "2027-01", "--json"]) as? [String: Any])
        #expect(roll["total_fen"] as? Int == 133120)
        #expect(roll["total_yuan"] as? String == "1331.20")
        let folder = try Workspace()
        try cli.ok(["housing", "report", "rent-roll", "--month", "2027-01", "--csv", "--output", "roll.csv"], in: folder.path)
        let csv = try Data(contentsOf: folder.folder.appendingPathComponent("roll.csv"))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: csv, as: UTF8.self).contains("\(number),孙技师,U-101,2027-01-01,1,166400,20,133120,1331.20\r\n"))
        let both = try cli.run(["housing", "report", "rent-roll", "--month", "2027-01", "--csv", "--json"])
        #expect(both.status == 64)

        let status = try #require(try cli.json(["housing", "status", "--talent", R.keyC, "--on", "2027-01-15", "--json"]) as? [String: Any])
        #expect((status["lease"] as? [String: Any])?["number"] as? String == number)
        #expect((status["monthly_rent"] as? [String: Any])?["monthly_fen"] as? Int == 133120)
        #expect((status["round"] as? [String: Any])?["position"] as? Int == 3)
        let text = try cli.ok(["housing", "status", "--talent", R.keyC, "--on", "2027-01-15"])
        #expect(text.contains("FAIL no_active_lease") && text.contains("1331.20 yuan a month"))

        // Terminated the day after the lease began (a termination is recorded once it has happened).
        try cli.ok(["housing", "lease", "terminate", number, "--reason", "voluntary", "--on", "2026-12-02"])
        let terminated = try cli.ok(["housing", "status", "--talent", R.keyC, "--on", "2026-12-10"])
        #expect(terminated.contains("terminated 2026-12-02 (voluntary); must move out by 2027-01-31"), "\(terminated)")
    }
}
