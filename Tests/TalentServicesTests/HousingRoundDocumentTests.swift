import Foundation
import Testing
import TalentRules
@testable import TalentServices

/// The canonical input document is written by hand for speed; it must be the bytes JSONEncoder writes.
@Suite("Housing round documents")
struct HousingRoundDocumentTests {
    static let export = AllocationExport(
        round: "2026-R1", seed: "20261126", policyVersion: "gz-talent-town-2026.1", policySHA256: String(repeating: "ab", count: 32),
        quotas: .init(perEmployerCap: 5, reserved: [ReservedStock(group: 3, category: "1BR", units: 2)]),
        applicants: [
            .init(id: "HA-2026-00002", employer: "91110000600037341L", priorityGroup: 2, score: 54,
                  lotteryKey: LotteryKey.of(seed: "20261126", applicationNumber: "HA-2026-00002"), preferences: ["2BR", "1BR"]),
            .init(id: "HA-2026-00001", employer: "none:HA-2026-00001", priorityGroup: 3, score: 38,
                  lotteryKey: LotteryKey.of(seed: "20261126", applicationNumber: "HA-2026-00001"),
                  preferences: ["1BR@reserved:g3", "1BR", "studio"]),
        ],
        units: ["studio": 3, "1BR": 8, "1BR@reserved:g3": 2, "2BR": 0],
        allocation: ["HA-2026-00002": "2BR", "HA-2026-00001": nil],
        quotaSkips: [.init(id: "HA-2026-00001", quota: "per_employer_cap")],
        excluded: [.init(id: "HA-2026-00003", reasons: [
            "owns_housing: owns housing in the city", #"a "quoted" \ path/with\slashes"#, "换行\n和\t制表\u{1}符", "贵阳市 📍",
        ])])

    @Test func theCanonicalTextIsWhatJSONEncoderWrites() throws {
        let written = HousingRoundDraw.canonicalJSON(Self.export)
        let encoded = String(decoding: try Self.export.json(pretty: false), as: UTF8.self)
        #expect(written == encoded)
        #expect(try AllocationExport(json: Data(written.utf8)) == Self.export)
    }

    @Test func anEmptyOutcomeAndNoCap() throws {
        var export = Self.export
        export.allocation = [:]
        export.quotaSkips = []
        export.quotas = .init(perEmployerCap: nil, reserved: [])
        let written = HousingRoundDraw.canonicalJSON(export)
        #expect(written == String(decoding: try export.json(pretty: false), as: UTF8.self))
        #expect(written.contains(#""allocation":{}"#))
        #expect(written.contains(#""per_employer_cap":null"#))
    }

    @Test func breakdownsAreJSONArrays() throws {
        let text = HousingRoundDraw.breakdownJSON([
            PointsItem(factor: "class", points: 20, why: "certified class 5"),
            PointsItem(factor: "industry_chain", points: 0, why: #"chain "other" is not a priority chain"#),
        ])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(parsed.map { $0["points"] as? Int } == [20, 0])
        #expect(parsed.last?["why"] as? String == #"chain "other" is not a priority chain"#)
    }
}
