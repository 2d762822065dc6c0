import Foundation
import Testing
import TalentDomain
import TalentRules
import TalentServices
@testable import TalentStore
import TestSupport

@Suite("Practice base matching: preview, commit, export", .serialized)
struct PracticeMatchingServiceTests {
    typealias P = PracticeFixture
    typealias F = RegistryFixture

    /// Five trainees, two single-seat positions:
    /// 1 lists P1 > P2, 2 lists P1, 3 lists P2 (which does not rank 3), 4 lists P1, 5 lists nothing;
    /// P1 ranks 2 > 1 > 4, P2 ranks 1. Trainee-optimal: 1 → P2 (2nd choice), 2 → P1, the rest unmatched.
    static func instance(_ service: PracticeBaseService) async throws {
        for (n, name) in [(1, "李明"), (2, "王芳"), (3, "张伟"), (4, "刘洋"), (5, "陈静")] {
            try await P.enrol(service, n, name: name)
        }
        try await P.position(service, "P1", capacity: 1)
        try await P.position(service, "P2", capacity: 1, enterprise: P.otherEnterpriseCode)
        for (n, codes) in [(1, ["P1", "P2"]), (2, ["P1"]), (3, ["P2"]), (4, ["P1"])] {
            try await service.setPreferences(cohortYear: P.year, trainee: P.ref(n), positionCodes: codes, actor: F.actor)
        }
        try await service.setRanking(cohortYear: P.year, positionCode: "P1", trainees: [P.ref(2), P.ref(1), P.ref(4)], actor: F.actor)
        try await service.setRanking(cohortYear: P.year, positionCode: "P2", trainees: [P.ref(1)], actor: F.actor)
    }

    static func expectOutcome(_ outcome: CohortMatchingOutcome) throws {
        let byNumber = Dictionary(uniqueKeysWithValues: outcome.assignments.map { ($0.studentNumber, $0) })
        #expect(outcome.matched == 2)
        #expect(outcome.unmatched == 3)
        #expect(outcome.seats == 2)
        #expect(outcome.instanceSHA256.count == 64)
        let first = try #require(byNumber[P.studentNumber(1)])
        #expect(first.position == "P2")
        #expect(first.choice == 2)
        #expect(first.explanation == "matched to choice 2 of 2")
        #expect(byNumber[P.studentNumber(2)]?.position == "P1")
        #expect(byNumber[P.studentNumber(2)]?.choice == 1)
        #expect(byNumber[P.studentNumber(3)]?.position == nil)
        #expect(byNumber[P.studentNumber(3)]?.explanation.contains("none of the 1 positions listed ranks") == true)
        #expect(byNumber[P.studentNumber(4)]?.explanation.contains("filled with trainees it ranks higher") == true)
        #expect(byNumber[P.studentNumber(5)]?.explanation == "unmatched: listed no positions")
        // University, then name in pinyin order: 陈 刘 李 王 张.
        #expect(outcome.assignments.map(\.name) == ["陈静", "李明", "刘洋", "王芳", "张伟"])
    }

    @Test func previewChangesNothing() async throws {
        try await P.withBase { (store: Store, service: PracticeBaseService) async throws in
            try await Self.instance(service)
            let audits = try await F.auditCount(store)
            let outcome = try await service.preview(cohortYear: P.year)
            try Self.expectOutcome(outcome)
            #expect(!outcome.committed)
            #expect(try await service.trainees(TraineeFilter(status: .placed), actor: "tester").isEmpty)
            #expect(try await F.auditCount(store) == audits)
            // Deterministic: the same instance, the same hash and result.
            #expect(try await service.preview(cohortYear: P.year) == outcome)
        }
    }

    @Test func commitPlacesForTheCohortWindowOnceWithTheInstanceHashAudited() async throws {
        try await P.withBase { (store: Store, service: PracticeBaseService) async throws in
            try await Self.instance(service)
            let preview = try await service.preview(cohortYear: P.year)
            let outcome = try await service.commit(cohortYear: P.year, actor: F.actor)
            try Self.expectOutcome(outcome)
            #expect(outcome.committed)
            #expect(outcome.instanceSHA256 == preview.instanceSHA256)

            let placed = try await service.trainees(TraineeFilter(status: .placed), actor: "tester")
            #expect(placed.map(\.name).sorted() == ["李明", "王芳"].sorted())
            for trainee in placed {
                #expect(trainee.placement?.startOn == P.windowStart)
                #expect(trainee.placement?.endOn == P.windowEnd)
            }
            #expect(try await service.positions(cohortYear: P.year).map(\.placed) == [1, 1])
            let audit = try await F.audit(store, action: "practice.match.commit")
            #expect(audit.count == 1)
            #expect(audit.first?.entityID == "2026")
            #expect(audit.first?.reason?.contains(outcome.instanceSHA256) == true)
            #expect(try F.object(audit.first?.after)["instanceSHA256"] as? String == outcome.instanceSHA256)
            #expect(try await service.cohorts().first?.matchedAt != nil)

            let twice = await caught { try await service.commit(cohortYear: P.year, actor: F.actor) }
            #expect((twice as? ServiceError)?.duplicateMessage?.contains("already matched") == true)
            let previewAfter = await caught { try await service.preview(cohortYear: P.year) }
            #expect((previewAfter as? ServiceError)?.refusedMessage?.contains("already matched") == true)
            let late = await caught {
                try await service.setPreferences(cohortYear: P.year, trainee: P.ref(5), positionCodes: ["P1"], actor: F.actor)
            }
            #expect((late as? ServiceError)?.refusedMessage?.contains("final") == true)
            #expect(try await F.audit(store, action: "practice.match.commit").count == 1)
            #expect(try await P.scalar(store, "SELECT count(*) AS n FROM placements") == 2)
        }
    }

    @Test func exportRoundTripsThroughTheStandaloneMechanism() async throws {
        try await P.withBase { (_: Store, service: PracticeBaseService) async throws in
            try await Self.instance(service)
            let notYet = await caught { try await service.export(cohortYear: P.year) }
            #expect((notYet as? ServiceError)?.notFoundMessage?.contains("has not been matched") == true)
            let outcome = try await service.commit(cohortYear: P.year, actor: F.actor)

            let data = try await service.export(cohortYear: P.year)
            let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(Set(document.keys) == ["matching", "trainees", "positions"])
            let matching = try #require(document["matching"] as? [String: Any])
            #expect(matching.count == 5)
            #expect(matching[P.studentNumber(1)] as? String == "P2")
            #expect(matching[P.studentNumber(2)] as? String == "P1")
            #expect(matching[P.studentNumber(3)] is NSNull)
            #expect(matching[P.studentNumber(5)] is NSNull)
            let trainees = try #require(document["trainees"] as? [String: [String]])
            #expect(trainees[P.studentNumber(1)] == ["P1", "P2"])
            #expect(trainees[P.studentNumber(5)] == [])

            // The export is an instance: matching it again gives the committed matching.
            let instance = try MatchingInstance(json: data)
            let again = StableMatching.traineeOptimal(instance)
            for assignment in outcome.assignments {
                #expect(again.position(of: assignment.trainee) == assignment.position)
            }
            let decoded = try JSONDecoder().decode(Matching.self, from: data)
            #expect(decoded == again)
        }
    }

    @Test func withdrawnTraineesAreLeftOutOfTheMatching() async throws {
        try await P.withBase { (_: Store, service: PracticeBaseService) async throws in
            try await Self.instance(service)
            _ = try await service.withdraw(P.ref(2), reason: "转学", actor: F.actor)
            let outcome = try await service.preview(cohortYear: P.year)
            #expect(outcome.assignments.count == 4)
            // With 2 gone, 1 gets its first choice and 4 gets nothing (P1 holds 1).
            #expect(outcome.assignments.first { $0.studentNumber == P.studentNumber(1) }?.position == "P1")
            #expect(outcome.assignments.first { $0.studentNumber == P.studentNumber(4) }?.position == nil)
        }
    }
}
