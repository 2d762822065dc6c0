import Foundation
import Testing
@testable import TalentRules

/// Properties of the mechanism on hundreds of seeded random instances. A failure names the seed
/// and prints the instance as JSON, ready for `talentctl practice match --instance`.
@Suite("Stable matching: properties on random instances")
struct MatchingPropertyTests {
    static let seeds: [UInt64] = Array(1...300)

    private func medium(_ seed: UInt64) -> RandomInstance {
        var random = SeededGenerator(seed: seed)
        return RandomInstance(&random, trainees: 0...80, positions: 0...12, capacity: 0...8)
    }

    /// Odd seeds: anything small. Even seeds: balanced markets (as many trainees as seats, complete
    /// lists), where several stable matchings are common and trainee-optimality is a real question.
    private func small(_ seed: UInt64) -> RandomInstance {
        var random = SeededGenerator(seed: seed &* 7919)
        if seed % 2 == 1 { return RandomInstance(&random, trainees: 0...6, positions: 0...4, capacity: 0...2) }
        return RandomInstance(&random, trainees: 2...6, positions: 2...4, capacity: 1...2, listShare: 1, rankListers: 1,
                              rankOthers: 0, balanced: true)
    }

    @Test func feasibleAndNoBlockingPair() throws {
        for seed in Self.seeds {
            let random = medium(seed)
            let instance = try random.instance()
            let matching = StableMatching.traineeOptimal(instance)
            #expect(StableMatching.feasibilityProblems(matching, instance) == [], "seed \(seed): \(random)")
            #expect(StableMatching.blockingPairs(matching, instance) == [], "seed \(seed): \(random)")
            #expect(Set(matching.positionOf.keys) == Set(instance.traineeIDs), "seed \(seed)")
        }
    }

    @Test func deterministic() throws {
        for seed in Self.seeds {
            let random = medium(seed)
            let first = StableMatching.traineeOptimal(try random.instance())
            let second = StableMatching.traineeOptimal(try random.instance())
            #expect(first == second, "seed \(seed)")
            #expect(try first.json() == second.json(), "seed \(seed)")
        }
    }

    /// The same instance with its trainees and positions given in other orders: shuffled JSON keys,
    /// and dictionaries built by inserting in shuffled order.
    @Test func invariantUnderShufflingTheInput() throws {
        for seed in Self.seeds {
            let random = medium(seed)
            let expected = StableMatching.traineeOptimal(try random.instance())
            var shuffler = SeededGenerator(seed: ~seed)
            for _ in 0..<3 {
                let traineeOrder = random.trainees.keys.shuffled(using: &shuffler)
                let positionOrder = random.positions.keys.shuffled(using: &shuffler)
                let fromJSON = try MatchingInstance(json: random.json(traineeOrder: traineeOrder, positionOrder: positionOrder))
                #expect(StableMatching.traineeOptimal(fromJSON) == expected, "seed \(seed)")

                var trainees: [String: [String]] = [:], positions: [String: MatchingInstance.Position] = [:]
                for id in traineeOrder { trainees[id] = random.trainees[id] }
                for id in positionOrder { positions[id] = random.positions[id] }
                let rebuilt = try MatchingInstance(trainees: trainees, positions: positions)
                #expect(StableMatching.traineeOptimal(rebuilt) == expected, "seed \(seed)")
            }
        }
    }

    /// Against every stable matching found by enumeration (≤ 6 trainees × ≤ 4 positions): the result
    /// is one of them, and every trainee gets the best position they have in any of them.
    @Test func traineeOptimalAgainstBruteForce() throws {
        var instancesWithSeveralStableMatchings = 0
        for seed in Self.seeds {
            let random = small(seed)
            let instance = try random.instance()
            let brute = BruteForceMatchings(instance)
            let stable = brute.stable()
            let matching = StableMatching.traineeOptimal(instance)
            let ours = brute.traineeIDs.map { id in matching.position(of: id).map { brute.positionIDs.firstIndex(of: $0)! } }
            #expect(stable.contains(ours), "seed \(seed): \(random)")
            for t in brute.traineeIDs.indices {
                let best = stable.map { brute.place(of: $0[t], for: t) }.min()
                #expect(brute.place(of: ours[t], for: t) == best, "seed \(seed), trainee \(brute.traineeIDs[t]): \(random)")
            }
            // Rural hospitals theorem: the same trainees are placed in every stable matching.
            let placed = Set(stable.map { $0.map { $0 != nil } })
            #expect(placed.count == 1, "seed \(seed)")
            if stable.count > 1 { instancesWithSeveralStableMatchings += 1 }
        }
        // The generator must produce instances where optimality is a real question.
        #expect(instancesWithSeveralStableMatchings >= Self.seeds.count / 10, "only \(instancesWithSeveralStableMatchings)")
    }

    /// The checker agrees with the enumeration's own stability test on every feasible assignment.
    @Test func blockingPairsAgreesWithBruteForce() throws {
        for seed in Self.seeds.prefix(150) {
            let random = small(seed)
            let instance = try random.instance()
            let brute = BruteForceMatchings(instance)
            for assignment in brute.feasible(limit: 200) {
                let matching = brute.matching(assignment)
                #expect(StableMatching.isFeasible(matching, instance), "seed \(seed)")
                #expect(StableMatching.blockingPairs(matching, instance).isEmpty == brute.isStable(assignment), "seed \(seed)")
            }
        }
    }

    @Test func matchingJSONRoundTrip() throws {
        for seed in Self.seeds.prefix(100) {
            let matching = StableMatching.traineeOptimal(try medium(seed).instance())
            #expect(try JSONDecoder().decode(Matching.self, from: matching.json()) == matching, "seed \(seed)")
        }
    }
}
