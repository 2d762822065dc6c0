import Foundation
import Testing
@testable import TalentStore
import TestSupport
import TalentDomain

@Suite("talentctl cert")
struct CertificationCommandTests {
    static let key = "11010519491231002X"

    static func certification(_ cli: CLISession) throws -> [String: Any] {
        let list = try cli.jsonArray(["cert", "list", "--json"])
        #expect(list.count == 1)
        return try #require(list.first)
    }

    @Test func approvalOnTheDayOfPublicationIsRefusedUntilTheNoticeEnds() async throws {
        let cli = try await CLISession.fresh()
        try cli.addEmployer()
        try cli.registerWang()
        let today = CalendarDate.today()

        let applied = try #require(try cli.json(["cert", "apply", Self.key, "--class", "5", "--json"]) as? [String: Any])
        #expect(applied["status"] as? String == "applied")
        // JSON masks the identity number as the tables do.
        #expect(applied["identity_key"] as? String == "1101**********002X")
        #expect(try Self.certification(cli)["identity_key"] as? String == "1101**********002X")
        #expect(try !cli.run(["cert", "list", "--json"]).stdout.contains(Self.key))
        #expect(applied["requested_class"] as? Int == 5)
        #expect(applied["applied_on"] as? String == today.description)

        let early = try cli.run(["cert", "approve", Self.key])
        #expect(early.status == 65)
        #expect(early.stderr.contains("cannot approve a certification that is applied"))

        try cli.ok(["cert", "recommend", Self.key])
        try cli.ok(["cert", "review", Self.key])
        let published = try #require(try cli.json(["cert", "publish", Self.key, "--days", "1", "--json"]) as? [String: Any])
        #expect(published["status"] as? String == "public-notice")
        #expect(published["notice_end"] as? String == today.description)

        let refused = try cli.run(["cert", "approve", Self.key, "--class", "5"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("public notice runs until \(today)"))
        expectNoCrash(refused)
        #expect(try Self.certification(cli)["status"] as? String == "public-notice")

        let noReason = try cli.run(["cert", "reject", Self.key])
        #expect(noReason.status == 64)
        try cli.ok(["cert", "reject", Self.key, "--reason", "degree certificate not verifiable on CHSI"])
        let rejected = try Self.certification(cli)
        #expect(rejected["status"] as? String == "rejected")
        #expect(rejected["decision_reason"] as? String == "degree certificate not verifiable on CHSI")

        let revoke = try cli.run(["cert", "revoke", Self.key, "--reason", "x"])
        #expect(revoke.status == 65)
        expectNoCrash(revoke)

        let actions = try cli.jsonArray(["audit", "list", "--json", "--entity", "certification"]).compactMap { $0["action"] as? String }
        #expect(actions == ["certification.reject", "certification.publish", "certification.review", "certification.recommend",
                            "certification.apply"])
    }

    @Test func theFullPathOnceTheNoticeHasEnded() async throws {
        let cli = try await CLISession.fresh()
        try cli.addEmployer()
        try cli.registerWang()
        for step in [["apply", Self.key, "--class", "5"], ["recommend", Self.key], ["review", Self.key],
                     ["publish", Self.key, "--days", "7"]] {
            try cli.ok(["cert"] + step)
        }
        let second = try cli.run(["cert", "apply", Self.key, "--class", "4"])
        #expect(second.status == 65)
        #expect(second.stderr.contains("already has certification"))

        // Move the notice into the past (not a status change, so the transition trigger allows it).
        let id = try #require(try Self.certification(cli)["id"] as? Int)
        try await Store.withStore(cli.settings) { store in
            try await store.write { session in
                try await session.execute(sql: """
                    UPDATE certifications SET notice_start = notice_start - 10, notice_end = notice_end - 10 WHERE id = \(id)
                    """)
            }
        }
        let today = CalendarDate.today()
        let approved = try #require(try cli.json(["cert", "approve", Self.key, "--json"]) as? [String: Any])
        #expect(approved["status"] as? String == "certified")
        #expect(approved["talent_class"] as? Int == 5)
        #expect(approved["valid_from"] as? String == today.description)
        #expect(approved["valid_until"] as? String == today.adding(years: 6).adding(days: -1).description)
        #expect(try cli.jsonArray(["cert", "list", "--status", "certified", "--json"]).count == 1)
        #expect(try cli.jsonArray(["cert", "list", "--class", "5", "--json"]).count == 1)
        #expect(try cli.jsonArray(["cert", "list", "--status", "applied", "--json"]).isEmpty)

        let shown = try #require(try cli.json(["talent", "show", Self.key, "--json"]) as? [String: Any])
        #expect((shown["certifications"] as? [[String: Any]])?.first?["status"] as? String == "certified")

        let renewed = try #require(try cli.json(["cert", "renew", Self.key, "--years", "3", "--json"]) as? [String: Any])
        #expect(renewed["valid_until"] as? String == today.adding(years: 3).adding(days: -1).description)
        let expired = try cli.jsonArray(["cert", "expire", "--json"])
        #expect(expired.isEmpty)

        try cli.ok(["cert", "revoke", Self.key, "--reason", "left the zone's employer"])
        #expect(try Self.certification(cli)["status"] as? String == "revoked")
        let classes = try cli.jsonArray(["cert", "classes", "--json"])
        #expect(classes.count == 6)
    }
}
