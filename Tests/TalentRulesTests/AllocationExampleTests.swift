import Foundation
import Testing
@testable import TalentRules

/// A hand-worked round (the one in Docs/rules.md) and the export's JSON and verification.
@Suite("Allocation: worked examples, export and verify")
struct AllocationExampleTests {
    /// Seed 2026. Units: one 2BR, one 1BR, one 1BR reserved for group 3; at most 1 offer per employer.
    /// A-0001 (group 1) takes the 2BR. A-0002 and A-0003 tie on group 2, score 70; keys 7e5c… < c297…
    /// so A-0002 goes first: the 2BR is gone, the 1BR is there but employer E1 already holds an
    /// offer, so A-0002 is a quota skip. A-0003 takes the 1BR. A-0004 (group 3) takes the reserved
    /// 1BR; A-0005 finds no stock left and gets nothing, which is not a quota skip.
    static let applicants = [
        AllocationApplicant(id: "A-0001", employer: "E1", priorityGroup: 1, score: 90, preferences: ["2BR", "1BR"]),
        AllocationApplicant(id: "A-0002", employer: "E1", priorityGroup: 2, score: 70, preferences: ["2BR", "1BR"]),
        AllocationApplicant(id: "A-0003", employer: "E2", priorityGroup: 2, score: 70, preferences: ["1BR"]),
        AllocationApplicant(id: "A-0004", employer: "E3", priorityGroup: 3, score: 50, preferences: ["1BR@reserved:g3", "1BR"]),
        AllocationApplicant(id: "A-0005", employer: "E4", priorityGroup: 3, score: 40, preferences: ["1BR@reserved:g3", "1BR"]),
    ]
    static let units = ["2BR": 1, "1BR": 1, "1BR@reserved:g3": 1]

    static func input() throws -> AllocationInput {
        try AllocationInput(seed: "2026", applicants: applicants, units: units, perEmployerCap: 1)
    }

    static func export() throws -> AllocationExport {
        let input = try input()
        return AllocationExport(
            round: "R1", policyVersion: "gz-2026.1", policySHA256: String(repeating: "0", count: 64), input: input,
            outcome: SerialDictatorship.allocate(input),
            reserved: [ReservedStock(group: 3, category: "1BR", units: 1)],
            excluded: [ExcludedApplicant(id: "A-0006", reasons: ["not_barred: barred until 2027-01-01"])])
    }

    @Test func lotteryKeyMatchesSha256sum() {
        // printf '2026:A-0001' | sha256sum
        #expect(LotteryKey.of(seed: "2026", applicationNumber: "A-0001")
            == "6cf63ff105e40cb4f9266828395f47af5c18a836b1af7a7fcf7640c9c7eb81e8")
        #expect(LotteryKey.of(seed: "2026", applicationNumber: "A-0002")
            == "7e5c6f31926583be29546a949f6a853b167c525ab78d2d1f200a8bc3bc24be10")
        #expect(LotteryKey.of(seed: "7", applicationNumber: "A-0001")
            == "4ae24cec97493e93de294555505fb50c5d1c32c8fdf72938422a8b7f48cc334b")
    }

    @Test func workedRound() throws {
        let outcome = SerialDictatorship.allocate(try Self.input())
        #expect(outcome.order == ["A-0001", "A-0002", "A-0003", "A-0004", "A-0005"])
        #expect(outcome.allocation == ["A-0001": "2BR", "A-0002": nil, "A-0003": "1BR", "A-0004": "1BR@reserved:g3", "A-0005": nil])
        #expect(outcome.quotaSkips == [QuotaSkip(id: "A-0002", quota: "per_employer_cap", category: "1BR")])
        #expect(outcome.waitlist == ["A-0002", "A-0005"])
        #expect(outcome.remaining == ["2BR": 0, "1BR": 0, "1BR@reserved:g3": 0])
        #expect(outcome.position(of: "A-0004") == 4)
    }

    /// Another seed flips the tie of A-0002 and A-0003 (keys d014… > ba82…): now A-0003 takes the
    /// 1BR first, and A-0002 finds nothing left, so there is no quota skip.
    @Test func seedReordersOnlyTheTie() throws {
        let input = try AllocationInput(seed: "7", applicants: Self.applicants, units: Self.units, perEmployerCap: 1)
        let outcome = SerialDictatorship.allocate(input)
        #expect(outcome.order == ["A-0001", "A-0003", "A-0002", "A-0004", "A-0005"])
        #expect(outcome.allocation["A-0003"] == "1BR")
        #expect(outcome.allocation["A-0002"] == .some(nil))
        #expect(outcome.quotaSkips.isEmpty)
    }

    @Test func noCapMeansNoQuotaSkips() throws {
        let input = try AllocationInput(seed: "2026", applicants: Self.applicants, units: Self.units, perEmployerCap: nil)
        let outcome = SerialDictatorship.allocate(input)
        #expect(outcome.allocation["A-0002"] == "1BR")
        #expect(outcome.allocation["A-0003"] == .some(nil))
        #expect(outcome.quotaSkips.isEmpty)
    }

    @Test func invalidInputListsEveryProblem() {
        #expect {
            try AllocationInput(
                seed: "", applicants: [
                    AllocationApplicant(id: "A", employer: "E", priorityGroup: 0, score: 1, preferences: ["2BR", "2BR"]),
                    AllocationApplicant(id: "A", employer: "E", priorityGroup: 1, score: 1, preferences: ["4BR"]),
                ], units: ["2BR": -1], perEmployerCap: -2)
        } throws: { error in
            let paths = (error as? AllocationInputError)?.problems.map(\.path) ?? []
            return paths == ["seed", "quotas.per_employer_cap", "units.2BR", "applicants[0].priority_group",
                             "applicants[0].preferences[1]", "applicants[1].id", "applicants[1].preferences[0]"]
        }
    }

    @Test func reservedStockPlacementAndSplit() {
        let units = ReservedStock.split(["1BR": 5, "2BR": 1, "studio": 3],
                                        reserving: [ReservedStock(group: 3, category: "1BR", units: 2),
                                                    ReservedStock(group: 1, category: "2BR", units: 4)])
        #expect(units == ["1BR": 3, "1BR@reserved:g3": 2, "2BR": 0, "2BR@reserved:g1": 1, "studio": 3])
        #expect(ReservedStock.effectivePreferences(["2BR", "1BR", "3BR"], group: 3, units: units) == ["2BR", "1BR@reserved:g3", "1BR"])
        #expect(ReservedStock.effectivePreferences(["2BR", "1BR"], group: 1, units: units) == ["2BR@reserved:g1", "2BR", "1BR"])
        let parsed = ReservedStock.parse("2BR@reserved:g12")
        #expect(parsed?.category == "2BR")
        #expect(parsed?.group == 12)
        #expect(ReservedStock.parse("2BR") == nil)
        #expect(ReservedStock.parse("@reserved:g1") == nil)
    }

    @Test func exportJSONHasTheIssueShapeAndRoundTrips() throws {
        let export = try Self.export()
        let data = try export.json()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["round", "seed", "policy_version", "policy_sha256", "quotas", "applicants", "units",
                                     "allocation", "quota_skips", "excluded"])
        #expect((object["quotas"] as? [String: Any])?["per_employer_cap"] as? Int == 1)
        let allocation = try #require(object["allocation"] as? [String: Any])
        #expect(allocation["A-0002"] is NSNull)
        #expect(allocation["A-0001"] as? String == "2BR")
        let first = try #require((object["applicants"] as? [[String: Any]])?.first)
        #expect(Set(first.keys) == ["id", "employer", "priority_group", "score", "lottery_key", "preferences"])
        #expect(first["lottery_key"] as? String == "6cf63ff105e40cb4f9266828395f47af5c18a836b1af7a7fcf7640c9c7eb81e8")
        #expect((object["quota_skips"] as? [[String: String]]) == [["id": "A-0002", "quota": "per_employer_cap"]])

        let decoded = try AllocationExport(json: data)
        #expect(decoded == export)
        #expect(try decoded.json() == data)
    }

    @Test func exportWithoutCapWritesNull() throws {
        var export = try Self.export()
        export.quotas.perEmployerCap = nil
        let text = String(decoding: try export.json(pretty: false), as: UTF8.self)
        #expect(text.contains("\"per_employer_cap\":null"))
        #expect(try AllocationExport(json: Data(text.utf8)).quotas.perEmployerCap == nil)
    }

    @Test func numericSeedIsRead() throws {
        var export = try Self.export()
        export.seed = "20261126"
        let text = String(decoding: try export.json(pretty: false), as: UTF8.self)
            .replacingOccurrences(of: "\"seed\":\"20261126\"", with: "\"seed\":20261126")
        #expect(text.contains("\"seed\":20261126"))
        #expect(try AllocationExport(json: Data(text.utf8)).seed == "20261126")
    }

    @Test func verifyConfirmsAnUntouchedExport() throws {
        #expect(AllocationVerification.verify(try Self.export()) == [])
        let roundTripped = try AllocationExport(json: try Self.export().json())
        #expect(AllocationVerification.verify(roundTripped) == [])
    }

    @Test func verifyDetectsATamperedAllocation() throws {
        var export = try Self.export()
        // Give the quota-skipped applicant the 1BR and take it from A-0003.
        export.allocation["A-0002"] = "1BR"
        export.allocation["A-0003"] = .some(nil)
        let found = AllocationVerification.verify(export)
        #expect(found == [
            .allocation(id: "A-0002", stored: "1BR", recomputed: nil),
            .allocation(id: "A-0003", stored: nil, recomputed: "1BR"),
        ])
        #expect(found[0].description == "allocation.A-0002: stored '1BR', recomputed null")
    }

    @Test func verifyDetectsOtherTampering() throws {
        var export = try Self.export()
        export.applicants[0].lotteryKey = String(repeating: "0", count: 64)
        export.allocation.removeValue(forKey: "A-0005")
        export.allocation["Z-9"] = "2BR"
        export.quotaSkips = [.init(id: "A-0005", quota: "per_employer_cap")]
        export.excluded.append(ExcludedApplicant(id: "A-0004", reasons: ["owns_housing"]))
        let found = AllocationVerification.verify(export)
        #expect(found == [
            .lotteryKey(id: "A-0001", stored: String(repeating: "0", count: 64),
                        recomputed: "6cf63ff105e40cb4f9266828395f47af5c18a836b1af7a7fcf7640c9c7eb81e8"),
            .allocationMissing(id: "A-0005", recomputed: nil),
            .notAnApplicant(id: "Z-9"),
            .quotaSkipMissing(id: "A-0002", quota: "per_employer_cap"),
            .quotaSkipUnexpected(id: "A-0005", quota: "per_employer_cap"),
            .excludedAndAllocated(id: "A-0004"),
        ])
    }

    @Test func verifyDetectsMisplacedReserves() throws {
        var export = try Self.export()
        // A-0003 (group 2) may not use group 3's reserve; A-0005 must list it before 1BR.
        let third = export.applicants.firstIndex { $0.id == "A-0003" }!
        export.applicants[third].preferences = ["1BR@reserved:g3", "1BR"]
        let fifth = export.applicants.firstIndex { $0.id == "A-0005" }!
        export.applicants[fifth].preferences = ["1BR", "1BR@reserved:g3"]
        let found = AllocationVerification.verify(export)
        #expect(found.contains { if case .reservePlacement(id: "A-0003", _, _) = $0 { true } else { false } })
        #expect(found.contains { if case .reservePlacement(id: "A-0005", _, _) = $0 { true } else { false } })
    }

    @Test func verifyReportsAnInvalidExport() throws {
        var export = try Self.export()
        export.applicants[1].preferences = ["penthouse"]
        let found = AllocationVerification.verify(export)
        #expect(found.count == 1)
        guard case let .invalidExport(problem)? = found.first else { Issue.record("expected invalidExport"); return }
        #expect(problem.path == "applicants[1].preferences[0]")
    }
}
