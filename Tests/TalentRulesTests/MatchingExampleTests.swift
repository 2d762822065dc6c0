import Foundation
import Testing
@testable import TalentRules

/// Hand-worked instances whose trainee-optimal stable matching is known.
@Suite("Stable matching: worked examples")
struct MatchingExampleTests {
    /// Two stable matchings: trainees and positions disagree on the first two pairs. Deferred acceptance by trainees: A→X, B→Y, C→X (X keeps A), C→Y (Y keeps B), C→Z.
    static let twoStable = try! MatchingInstance(
        trainees: ["A": ["X", "Y", "Z"], "B": ["Y", "X", "Z"], "C": ["X", "Y", "Z"]],
        positions: [
            "X": .init(capacity: 1, ranking: ["B", "A", "C"]),
            "Y": .init(capacity: 1, ranking: ["A", "B", "C"]),
            "Z": .init(capacity: 1, ranking: ["A", "B", "C"]),
        ])

    @Test func traineeOptimalWhereTwoMatchingsAreStable() {
        let matching = StableMatching.traineeOptimal(Self.twoStable)
        #expect(matching == Matching(positionOf: ["A": "X", "B": "Y", "C": "Z"]))
        // The positions' favourite is stable too, and worse for A and B: what trainee-optimal means.
        let positionOptimal = Matching(positionOf: ["A": "Y", "B": "X", "C": "Z"])
        #expect(StableMatching.isStable(positionOptimal, Self.twoStable))
        #expect(StableMatching.isStable(matching, Self.twoStable))
    }

    /// Capacities: P1 takes two. T1, T2 hold P1; T3 (P1's favourite) displaces T2, its worst;
    /// T2 goes to P2; T4 is refused by P2 (ranks T2 higher) and by full P1 (ranks T4 last).
    @Test func capacityAboveOneDisplacesTheWorstAssignee() throws {
        let instance = try MatchingInstance(
            trainees: ["T1": ["P1", "P2"], "T2": ["P1", "P2"], "T3": ["P1"], "T4": ["P2", "P1"]],
            positions: [
                "P1": .init(capacity: 2, ranking: ["T3", "T1", "T2", "T4"]),
                "P2": .init(capacity: 1, ranking: ["T2", "T1", "T4"]),
            ])
        let matching = StableMatching.traineeOptimal(instance)
        #expect(matching == Matching(positionOf: ["T1": "P1", "T2": "P2", "T3": "P1", "T4": nil]))
        #expect(matching.trainees(at: "P1") == ["T1", "T3"])
        #expect(matching.unmatched == ["T4"])
        #expect(matching.matchedCount == 3)
    }

    /// A position with more applicants than seats keeps its best-ranked ones, whatever the order they came in.
    @Test func popularPositionKeepsItsBestRanked() throws {
        let instance = try MatchingInstance(
            trainees: ["a": ["H"], "b": ["H"], "c": ["H"], "d": ["H", "G"], "e": ["H"]],
            positions: [
                "H": .init(capacity: 3, ranking: ["e", "d", "c", "b", "a"]),
                "G": .init(capacity: 5, ranking: ["d", "a"]),
            ])
        let matching = StableMatching.traineeOptimal(instance)
        #expect(matching == Matching(positionOf: ["a": nil, "b": nil, "c": "H", "d": "H", "e": "H"]))
    }

    /// A pair is acceptable only when both sides list each other, however empty the position.
    @Test func onlyMutuallyAcceptablePairs() throws {
        let instance = try MatchingInstance(
            trainees: ["T1": ["P1", "P2"], "T2": [], "T3": ["P1"]],
            positions: [
                "P1": .init(capacity: 3, ranking: ["T2"]),  // T2 did not apply; T1 and T3 are not ranked
                "P2": .init(capacity: 1, ranking: ["T1"]),
            ])
        let matching = StableMatching.traineeOptimal(instance)
        #expect(matching == Matching(positionOf: ["T1": "P2", "T2": nil, "T3": nil]))
        #expect(!instance.isAcceptable(trainee: "T1", position: "P1"))
        #expect(!instance.isAcceptable(trainee: "T2", position: "P1"))
        #expect(instance.isAcceptable(trainee: "T1", position: "P2"))
    }

    @Test func zeroCapacityTakesNobody() throws {
        let instance = try MatchingInstance(
            trainees: ["T1": ["P0", "P1"]],
            positions: ["P0": .init(capacity: 0, ranking: ["T1"]), "P1": .init(capacity: 1, ranking: ["T1"])])
        #expect(StableMatching.traineeOptimal(instance) == Matching(positionOf: ["T1": "P1"]))
    }

    @Test func emptyInstanceGivesEmptyMatching() throws {
        let instance = try MatchingInstance(trainees: [:], positions: [:])
        let matching = StableMatching.traineeOptimal(instance)
        #expect(matching.positionOf.isEmpty)
        #expect(String(decoding: try matching.json(pretty: false), as: UTF8.self) == #"{"matching":{}}"#)
    }

    @Test func positionsWithoutTrainees() throws {
        let instance = try MatchingInstance(trainees: [:], positions: ["P1": .init(capacity: 2, ranking: [])])
        #expect(StableMatching.traineeOptimal(instance).positionOf.isEmpty)
    }

    /// The example shipped for `talentctl practice match --instance`: 2026210103 is refused by both
    /// its first choices and displaces 2026210104 from HW-CLOUD-03's second seat; 2026210101 listed
    /// ZX-IOT-01, which does not rank them; 2026210106 stays unmatched.
    @Test func shippedExampleFile() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Docs/examples/match-instance.json").standardizedFileURL
        let instance = try MatchingInstance(json: try Data(contentsOf: file))
        let matching = StableMatching.traineeOptimal(instance)
        #expect(matching == Matching(positionOf: [
            "2026210101": "GZ-DATA-01", "2026210102": "GZ-AI-02", "2026210103": "HW-CLOUD-03",
            "2026210104": "ZX-IOT-01", "2026210105": "HW-CLOUD-03", "2026210106": nil,
        ]))
        #expect(!instance.isAcceptable(trainee: "2026210101", position: "ZX-IOT-01"))
    }

    /// A chain of displacements: each newcomer pushes the previous holder one position down.
    @Test func displacementChain() throws {
        let instance = try MatchingInstance(
            trainees: ["T1": ["P1", "P2", "P3"], "T2": ["P1", "P2", "P3"], "T3": ["P1", "P2", "P3"]],
            positions: [
                "P1": .init(capacity: 1, ranking: ["T3", "T2", "T1"]),
                "P2": .init(capacity: 1, ranking: ["T3", "T2", "T1"]),
                "P3": .init(capacity: 1, ranking: ["T3", "T2", "T1"]),
            ])
        #expect(StableMatching.traineeOptimal(instance) == Matching(positionOf: ["T1": "P3", "T2": "P2", "T3": "P1"]))
    }
}

/// The checks find what they are meant to find.
@Suite("Stable matching: feasibility and blocking pairs")
struct MatchingCheckTests {
    let instance = MatchingExampleTests.twoStable

    @Test func blockingPairsOfAnUnstableMatching() {
        // A sits at Z but prefers X and Y, and both rank A above whom they hold.
        let matching = Matching(positionOf: ["A": "Z", "B": "Y", "C": "X"])
        #expect(StableMatching.isFeasible(matching, instance))
        #expect(StableMatching.blockingPairs(matching, instance) == [
            BlockingPair(trainee: "A", position: "X"), BlockingPair(trainee: "A", position: "Y"),
        ])
        #expect(!StableMatching.isStable(matching, instance))
    }

    @Test func anUnmatchedTraineeBlocksWithAFreeSeat() {
        let matching = Matching(positionOf: ["A": "X", "B": "Y", "C": nil])
        #expect(StableMatching.blockingPairs(matching, instance) == [BlockingPair(trainee: "C", position: "Z")])
    }

    @Test func overCapacity() {
        let matching = Matching(positionOf: ["A": "X", "B": "X", "C": "Z"])
        #expect(StableMatching.feasibilityProblems(matching, instance) == ["X holds 2 trainees, over its capacity of 1"])
    }

    @Test func unacceptablePairsAndUnknownIDs() throws {
        let instance = try MatchingInstance(
            trainees: ["T1": ["P1"], "T2": ["P1"]],
            positions: ["P1": .init(capacity: 2, ranking: ["T1"]), "P2": .init(capacity: 1, ranking: ["T2"])])
        #expect(StableMatching.feasibilityProblems(Matching(positionOf: ["T1": "P1", "T2": "P1"]), instance)
            == ["T2 is placed at P1, which is not a mutually acceptable pair"])
        #expect(StableMatching.feasibilityProblems(Matching(positionOf: ["T1": "P1", "T2": "P2"]), instance)
            == ["T2 is placed at P2, which is not a mutually acceptable pair"])
        #expect(StableMatching.feasibilityProblems(Matching(positionOf: ["T1": "P9", "T3": nil]), instance) == [
            "trainee T2 is missing from the matching",
            "T1 is placed at P9, which is not a position of the instance",
            "T3 is not a trainee of the instance",
        ])
    }
}
