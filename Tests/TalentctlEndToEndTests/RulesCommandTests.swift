import Foundation
import Testing
import TalentRules
import TestSupport

@Suite("talentctl rules: load, list, show, diff, current")
struct RulesCommandTests {
    static func policy(_ version: String, effective: String, _ edits: [String: String] = [:]) -> String {
        var text = PolicyFile.standard.text
            .replacingOccurrences(of: "version: gz-talent-town-2026.1", with: "version: \(version)")
            .replacingOccurrences(of: "effective: 2026-01-01", with: "effective: \(effective)")
        for (old, new) in edits { text = text.replacingOccurrences(of: old, with: new) }
        return text
    }

    @Test func theBuiltInPolicyIsTheStartingPointOfANewVersion() async throws {
        let cli = try await CLISession.fresh()
        let files = try Workspace()
        let shown = try cli.run(["rules", "show", "default"])
        #expect(shown.status == 0)
        #expect(shown.stdout == PolicyFile.standard.text + (PolicyFile.standard.text.hasSuffix("\n") ? "" : "\n"))
        let edited = shown.stdout.replacingOccurrences(of: "version: gz-talent-town-2026.1", with: "version: gz-next")
        let path = try files.write("next.yaml", edited)
        #expect(try cli.ok(["rules", "load", path]).contains("Stored policy gz-next"))
        #expect(try cli.jsonArray(["rules", "list", "--json"]).map { $0["version"] as? String } == ["gz-next"])
    }

    @Test func loadListShowDiffAndCurrent() async throws {
        let cli = try await CLISession.fresh()
        let files = try Workspace()
        let before = try cli.ok(["rules", "current", "--on", "2027-06-01"])
        #expect(before.contains("built-in default"))
        #expect(try cli.jsonArray(["rules", "list", "--json"]).isEmpty)

        let first = try files.write("a.yaml", Self.policy("gz-a", effective: "2026-01-01"))
        let loaded = try cli.ok(["rules", "load", first])
        #expect(loaded.contains("Stored policy gz-a, effective 2026-01-01"))
        let second = try files.write("b.yaml", Self.policy("gz-b", effective: "2026-01-01", ["  notice_days: 7": "  notice_days: 14"]))
        try cli.ok(["rules", "load", second, "--effective", "2027-01-01"])

        let list = try cli.jsonArray(["rules", "list", "--json"])
        #expect(list.map { $0["version"] as? String } == ["gz-b", "gz-a"])
        #expect(list.first?["effective"] as? String == "2027-01-01")
        #expect((list.first?["sha256"] as? String)?.count == 64)
        #expect(list.first?["loaded_by"] as? String == "cli:cli-tester")
        #expect(try cli.ok(["rules", "list"]).contains("gz-a"))

        let shown = try cli.run(["rules", "show", "gz-a"])
        #expect(shown.status == 0)
        #expect(shown.stdout == Self.policy("gz-a", effective: "2026-01-01"))
        #expect(shown.stderr.contains("effective 2026-01-01"))
        let json = try #require(try cli.json(["rules", "show", "gz-b", "--json"]) as? [String: Any])
        #expect((json["content"] as? String)?.contains("notice_days: 14") == true)

        let diff = try cli.ok(["rules", "diff", "gz-a", "gz-b"])
        #expect(diff.hasPrefix("--- gz-a\n+++ gz-b\n@@ "))
        #expect(diff.contains("\n-  notice_days: 7\n+  notice_days: 14\n"))

        let current = try #require(try cli.json(["rules", "current", "--on", "2027-06-01", "--json"]) as? [String: Any])
        #expect(current["version"] as? String == "gz-b")
        #expect(current["stored"] as? Bool == true)
        #expect(try cli.ok(["rules", "current", "--on", "2026-06-01"]).contains("policy gz-a"))

        let audit = try cli.jsonArray(["audit", "list", "--json", "--action", "policy.load"])
        #expect(audit.count == 2)
    }

    @Test func aBrokenFileIsRefusedOneProblemPerLineWithItsPlace() async throws {
        let cli = try await CLISession.fresh()
        let files = try Workspace()
        let broken = try files.write("broken.yaml", Self.policy("gz-bad", effective: "2026-01-01", [
            "  notice_days: 7": "  notice_days: 700", "  minimum_months: 6": "  minimum_months: 'six'",
        ]))
        let result = try cli.run(["rules", "load", broken])
        #expect(result.status == 65)
        expectNoCrash(result)
        let problems = result.stderr.split(separator: "\n").filter { $0.contains("broken.yaml:") }
        #expect(problems.count == 2, "\(result.stderr)")
        #expect(problems.contains { $0.range(of: #"broken\.yaml:\d+:\d+: certification\.notice_days: "#, options: .regularExpression) != nil })
        #expect(problems.contains { $0.range(of: #"broken\.yaml:\d+:\d+: practice\.minimum_months: "#, options: .regularExpression) != nil })
        #expect(try cli.jsonArray(["rules", "list", "--json"]).isEmpty)

        let missing = try cli.run(["rules", "load", files.path + "/nope.yaml"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("nope.yaml"))
    }

    @Test func repeatsAndUnknownVersionsAreRefusedClearly() async throws {
        let cli = try await CLISession.fresh()
        let files = try Workspace()
        let file = try files.write("a.yaml", Self.policy("gz-a", effective: "2026-01-01"))
        try cli.ok(["rules", "load", file])
        let again = try cli.run(["rules", "load", file])
        #expect(again.status == 65)
        #expect(again.stderr.contains("already stored as version gz-a"))
        let relabel = try cli.run(["rules", "load", try files.write("a2.yaml", Self.policy("gz-a", effective: "2026-02-01"))])
        #expect(relabel.status == 65)
        #expect(relabel.stderr.contains("policy version gz-a is already stored"))
        let unknown = try cli.run(["rules", "show", "gz-zz"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("no policy version gz-zz is stored; stored: gz-a"))
        let badDate = try cli.run(["rules", "load", file, "--effective", "2026-13-01"])
        #expect(badDate.status == 64)
    }
}
