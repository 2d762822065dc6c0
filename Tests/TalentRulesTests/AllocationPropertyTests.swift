import Foundation
import Testing
@testable import TalentRules

/// A random round: few scores and groups so ties are common, several employers, sometimes a cap,
/// sometimes a reserve for one group placed by ``ReservedStock/effectivePreferences(_:group:units:)``.
struct RandomRound: CustomStringConvertible {
    var seed: String
    var applicants: [AllocationApplicant]
    var units: [String: Int]
    var cap: Int?

    init(_ random: inout SeededGenerator, applicants count: ClosedRange<Int> = 0...60, distinctScores: Bool = false) {
        let general = ["studio", "1BR", "2BR", "3BR"]
        var total: [String: Int] = [:]
        for category in general where random.chance(0.8) { total[category] = random.below(9) }
        var reserves: [ReservedStock] = []
        if random.chance(0.5), let category = total.keys.sorted().first {
            reserves.append(ReservedStock(group: 1 + random.below(3), category: category, units: random.below(4)))
        }
        let units = ReservedStock.split(total, reserving: reserves)
        self.units = units
        cap = random.chance(0.6) ? 1 + random.below(4) : nil
        seed = String(random.next() % 100_000)
        let n = Int.random(in: count, using: &random)
        let scores = distinctScores ? Array(0..<n).shuffled(using: &random) : (0..<n).map { _ in random.below(4) * 10 }
        var applicants: [AllocationApplicant] = []
        for i in 0..<n {
            let group = 1 + random.below(3)
            let wanted = Array(general.shuffled(using: &random).prefix(random.below(general.count + 1)))
            applicants.append(AllocationApplicant(
                id: String(format: "A-%04d", i), employer: "E\(random.below(6))", priorityGroup: group, score: scores[i],
                preferences: ReservedStock.effectivePreferences(wanted, group: group, units: units)))
        }
        self.applicants = applicants
    }

    func input(seed: String? = nil) throws -> AllocationInput {
        try AllocationInput(seed: seed ?? self.seed, applicants: applicants, units: units, perEmployerCap: cap)
    }

    var description: String {
        "seed \(seed), cap \(cap.map(String.init) ?? "none"), units \(units.sorted { $0.key < $1.key }), applicants "
            + applicants.map { "\($0.id)/\($0.employer)/g\($0.priorityGroup)/\($0.score)/\($0.preferences)" }.joined(separator: " ")
    }
}

/// The mechanism written as plainly as possible, for comparison: repeatedly pick the first remaining
/// applicant by a linear scan, and hand out stock step by step.
enum NaiveSerialDictatorship {
    static func allocate(_ round: RandomRound, seed: String? = nil) -> (order: [String], allocation: [String: String?], skips: [String]) {
        let seed = seed ?? round.seed
        var remaining = round.applicants
        var stock = round.units
        var offers: [String: Int] = [:]
        var order: [String] = [], allocation: [String: String?] = [:], skips: [String] = []
        while !remaining.isEmpty {
            var best = 0
            for i in remaining.indices.dropFirst() {
                let a = remaining[i], b = remaining[best]
                let ka = LotteryKey.of(seed: seed, applicationNumber: a.id)
                let kb = LotteryKey.of(seed: seed, applicationNumber: b.id)
                let better = a.priorityGroup < b.priorityGroup
                    || (a.priorityGroup == b.priorityGroup && a.score > b.score)
                    || (a.priorityGroup == b.priorityGroup && a.score == b.score && ka < kb)
                if better { best = i }
            }
            let applicant = remaining.remove(at: best)
            order.append(applicant.id)
            var got: String? = nil
            for category in applicant.preferences where stock[category]! > 0 {
                if let cap = round.cap, offers[applicant.employer, default: 0] >= cap {
                    skips.append(applicant.id)
                } else {
                    stock[category]! -= 1
                    offers[applicant.employer, default: 0] += 1
                    got = category
                }
                break
            }
            allocation.updateValue(got, forKey: applicant.id)
        }
        return (order, allocation, skips)
    }
}

@Suite("Allocation: properties on random rounds")
struct AllocationPropertyTests {
    static let seeds: [UInt64] = Array(1...250)

    func round(_ seed: UInt64, distinctScores: Bool = false) -> RandomRound {
        var random = SeededGenerator(seed: seed &* 104_729)
        return RandomRound(&random, distinctScores: distinctScores)
    }

    @Test func equalsNaiveSerialDictatorship() throws {
        for seed in Self.seeds {
            let round = round(seed)
            let outcome = SerialDictatorship.allocate(try round.input())
            let naive = NaiveSerialDictatorship.allocate(round)
            #expect(outcome.order == naive.order, "seed \(seed): \(round)")
            #expect(outcome.allocation == naive.allocation, "seed \(seed): \(round)")
            #expect(outcome.quotaSkips.map(\.id) == naive.skips, "seed \(seed): \(round)")
        }
    }

    @Test func deterministic() throws {
        for seed in Self.seeds {
            let round = round(seed)
            let first = SerialDictatorship.allocate(try round.input())
            let second = SerialDictatorship.allocate(try round.input())
            #expect(first == second, "seed \(seed)")
        }
    }

    /// The same round with applicants in another order and units inserted in another order.
    @Test func invariantUnderShufflingTheInput() throws {
        for seed in Self.seeds {
            let round = round(seed)
            let expected = SerialDictatorship.allocate(try round.input())
            var shuffler = SeededGenerator(seed: ~seed)
            for _ in 0..<3 {
                var units: [String: Int] = [:]
                for category in round.units.keys.shuffled(using: &shuffler) { units[category] = round.units[category] }
                let input = try AllocationInput(seed: round.seed, applicants: round.applicants.shuffled(using: &shuffler),
                                                units: units, perEmployerCap: round.cap)
                #expect(SerialDictatorship.allocate(input) == expected, "seed \(seed): \(round)")
            }
        }
    }

    @Test func neverOverAllocatesACategoryOrExceedsTheCap() throws {
        for seed in Self.seeds {
            let round = round(seed)
            let outcome = SerialDictatorship.allocate(try round.input())
            var taken: [String: Int] = [:], offers: [String: Int] = [:]
            let employer = Dictionary(uniqueKeysWithValues: round.applicants.map { ($0.id, $0.employer) })
            for (id, category) in outcome.allocation {
                guard let category else { continue }
                taken[category, default: 0] += 1
                offers[employer[id]!, default: 0] += 1
            }
            for (category, count) in taken {
                #expect(count <= round.units[category]!, "seed \(seed): \(category)")
                #expect(outcome.remaining[category]! == round.units[category]! - count, "seed \(seed)")
            }
            if let cap = round.cap {
                #expect(offers.values.allSatisfy { $0 <= cap }, "seed \(seed): \(round)")
            }
            // Every taken category is one the applicant listed; nobody got nothing while a listed category
            // had stock left, unless they were a quota skip.
            let byID = Dictionary(uniqueKeysWithValues: round.applicants.map { ($0.id, $0) })
            let skipped = Set(outcome.quotaSkips.map(\.id))
            for (id, category) in outcome.allocation {
                if let category { #expect(byID[id]!.preferences.contains(category), "seed \(seed)") }
                if category == nil, !skipped.contains(id) {
                    #expect(byID[id]!.preferences.allSatisfy { outcome.remaining[$0]! == 0 }, "seed \(seed): \(id)")
                }
            }
            // A quota skip would have received a unit: it names a category they listed.
            for skip in outcome.quotaSkips {
                #expect(byID[skip.id]!.preferences.contains(skip.category), "seed \(seed)")
            }
        }
    }

    /// Another seed keeps the sequence of (group, score) along the order: only ties are reordered;
    /// when no two applicants share a (group, score), the outcome does not depend on the seed at all.
    @Test func changingTheSeedOnlyReordersTies() throws {
        for seed in Self.seeds {
            let round = round(seed)
            let a = SerialDictatorship.allocate(try round.input(seed: "first"))
            let b = SerialDictatorship.allocate(try round.input(seed: "second"))
            let rank = Dictionary(uniqueKeysWithValues: round.applicants.map { ($0.id, [$0.priorityGroup, $0.score]) })
            #expect(a.order.map { rank[$0]! } == b.order.map { rank[$0]! }, "seed \(seed)")

            let distinct = self.round(seed, distinctScores: true)
            let c = SerialDictatorship.allocate(try distinct.input(seed: "first"))
            let d = SerialDictatorship.allocate(try distinct.input(seed: "second"))
            #expect(c.order == d.order, "seed \(seed)")
            #expect(c.allocation == d.allocation, "seed \(seed)")
            #expect(c.quotaSkips == d.quotaSkips, "seed \(seed)")
        }
    }

    /// Ties in (group, score) do get reordered by the seed somewhere: the lottery is not a no-op.
    @Test func theSeedMatters() throws {
        var reordered = 0
        for seed in Self.seeds {
            let round = round(seed)
            if SerialDictatorship.allocate(try round.input(seed: "first")).order
                != SerialDictatorship.allocate(try round.input(seed: "second")).order { reordered += 1 }
        }
        #expect(reordered > Self.seeds.count / 2)
    }

    /// Export, JSON, read back, verify: always confirmed; flipping any one allocation is always caught.
    @Test func exportRoundTripsAndVerifies() throws {
        for seed in Self.seeds.prefix(100) {
            let round = round(seed)
            let input = try round.input()
            let outcome = SerialDictatorship.allocate(input)
            let export = AllocationExport(round: "R\(seed)", policyVersion: "v", policySHA256: "x", input: input, outcome: outcome)
            let read = try AllocationExport(json: try export.json(pretty: false))
            #expect(read == export, "seed \(seed)")
            #expect(AllocationVerification.verify(read) == [], "seed \(seed): \(round)")
            guard let victim = outcome.order.first else { continue }
            let current = outcome.category(of: victim)
            let replacement = current == nil ? round.units.keys.sorted().first : nil
            guard replacement != current else { continue }
            var tampered = read
            tampered.allocation[victim] = .some(replacement)
            #expect(!AllocationVerification.verify(tampered).isEmpty, "seed \(seed)")
        }
    }
}
