import Foundation
import Testing
@testable import TalentStore
import TalentDomain
import TalentRules
import TestSupport

/// `talentctl rules explain / classify / simulate` and `talent honours`, on HousingRoundCommandTests' data.
@Suite("talentctl rules explain, classify, simulate; talent honours")
struct RulesExplainCommandTests {
    typealias H = HousingRoundCommandTests

    @Test func explainShowsEveryRuleTheEntitlementAndTheScore() async throws {
        let cli = try await H.seeded()
        let text = try cli.ok(["rules", "explain", "--talent", H.keyA, "--on", "2026-11-20"])
        #expect(text.contains("Eligibility: eligible"))
        #expect(text.contains("certified_class_in"))
        #expect(text.contains("Priority: group 2, 72 points"))
        #expect(text.contains("household of 1: application HA-2026-00001): studio up to 40 m², 1BR up to 60 m²\n"))
        #expect(text.contains("application HA-2026-00001"))
        #expect(text.contains("class 4 proposed (class 4: degree doctorate (at least doctorate))"))
        #expect(!text.contains(H.keyA))

        let json = try H.object(try cli.json(["rules", "explain", "--talent", H.keyB, "--on", "2026-11-20", "--json"]))
        #expect(json["eligible"] as? Bool == true)
        #expect(json["score"] as? Int == 54)
        #expect(json["priority_group"] as? Int == 2)
        #expect((json["identity"] as? String)?.contains("*") == true)
        #expect((json["breakdown"] as? [[String: Any]])?.map { $0["points"] as? Int } == [20, 12, 4, 0, 10, 8])

        let both = try cli.run(["rules", "explain", "--talent", H.keyA, "--policy-version", "x", "--policy", "y.yaml"])
        #expect(both.status == 64)
        let missing = try cli.run(["rules", "explain", "--talent", H.keyA, "--policy-version", "gz-none"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("gz-none"))
    }

    @Test func classifyAndHonours() async throws {
        let cli = try await H.seeded()
        #expect(try H.object(try cli.json(["rules", "classify", H.keyA, "--json"]))["proposed_class"] as? Int == 4)
        #expect(try cli.ok(["talent", "honours", H.keyA]).contains("no honours"))
        #expect(try cli.ok(["talent", "honours", H.keyA, "--set", "academician"]).contains("academician"))
        let classified = try cli.ok(["rules", "classify", H.keyA])
        #expect(classified.contains("class 1 — class 1: honour academician"))
        let bad = try cli.run(["talent", "honours", H.keyA, "--set", "nobel"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("academician"))
        #expect(try cli.audit().contains { $0["action"] as? String == "talent.honours" })
    }

    @Test func simulateReportsGainsLossesAndChanges() async throws {
        let cli = try await H.seeded()
        try cli.ok(["housing", "round", "create", "R1", "--name", "第一轮", "--as-of", "2026-11-20"])
        let files = try Workspace()
        let path = try files.write("no-four.yaml", RulesCommandTests.policy(
            "gz-no-four", effective: "2026-01-01",
            ["certified_class_in: [1, 2, 3, 4, 5, 6]": "certified_class_in: [1, 2, 3, 5, 6]"]))
        let report = try H.object(try cli.json(["rules", "simulate", "--round", "R1", "--policy", path, "--seed", H.seed, "--json"]))
        #expect(report["what_if_policy"] as? String == "gz-no-four")
        let losses = try #require(report["losses"] as? [[String: Any]])
        let gains = try #require(report["gains"] as? [[String: Any]])
        let changes = try #require(report["changes"] as? [[String: Any]])
        #expect(losses.map { $0["application"] as? String } == ["HA-2026-00001"])
        #expect(gains.map { $0["application"] as? String } == ["HA-2026-00003"])
        #expect(changes.map { $0["application"] as? String } == ["HA-2026-00002"])
        #expect(changes.first?["baseline"] as? String == "studio")
        #expect(changes.first?["what_if"] as? String == "1BR")
        let text = try cli.ok(["rules", "simulate", "--round", "R1", "--policy", path])
        #expect(text.contains("1 would gain an offer"))
        #expect(text.contains("1 would lose their offer"))
        #expect(try cli.jsonArray(["housing", "round", "list", "--json"]).first?["status"] as? String == "draft")
    }
}
