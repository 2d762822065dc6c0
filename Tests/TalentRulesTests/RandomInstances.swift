import Foundation
@testable import TalentRules

/// SplitMix64 (Steele, Lea & Flood 2014): the same seed gives the same instances on every machine.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}

/// A random instance as plain values, so tests can rebuild it in other orders.
struct RandomInstance: CustomStringConvertible {
    var trainees: [String: [String]]
    var positions: [String: MatchingInstance.Position]

    /// Trainees list a random subset of positions in random order (at least `listShare` of them); a
    /// position ranks a trainee who listed it with probability `rankListers` and one who did not with
    /// `rankOthers` (so some pairs are acceptable to one side only), in random order. `balanced`: as
    /// many trainees as seats (capped by `trainees`), where several stable matchings are common.
    init(_ random: inout SeededGenerator, trainees traineeCount: ClosedRange<Int>, positions positionCount: ClosedRange<Int>,
         capacity: ClosedRange<Int>, listShare: Double = 0, rankListers: Double = 0.8, rankOthers: Double = 0.2,
         balanced: Bool = false) {
        let positionIDs = (0..<Int.random(in: positionCount, using: &random)).map { "P\($0)" }
        let capacities = positionIDs.map { _ in Int.random(in: capacity, using: &random) }
        let count = balanced ? min(max(capacities.reduce(0, +), traineeCount.lowerBound), traineeCount.upperBound)
            : Int.random(in: traineeCount, using: &random)
        let traineeIDs = (0..<count).map { "T\($0)" }
        var trainees: [String: [String]] = [:]
        for trainee in traineeIDs {
            let listed = positionIDs.shuffled(using: &random)
            let shortest = Int(listShare * Double(positionIDs.count))
            trainees[trainee] = Array(listed.prefix(shortest + random.below(positionIDs.count - shortest + 1)))
        }
        var positions: [String: MatchingInstance.Position] = [:]
        for (position, seats) in zip(positionIDs, capacities) {
            let ranked = traineeIDs.filter {
                random.chance(trainees[$0]!.contains(position) ? rankListers : rankOthers)
            }
            positions[position] = .init(capacity: seats, ranking: ranked.shuffled(using: &random))
        }
        self.trainees = trainees
        self.positions = positions
    }

    func instance() throws -> MatchingInstance { try MatchingInstance(trainees: trainees, positions: positions) }

    /// The instance as JSON text with the object keys in the given orders (JSONEncoder would sort or hash them).
    func json(traineeOrder: [String], positionOrder: [String]) -> Data {
        func quoted(_ id: String) -> String { "\"\(id)\"" }
        let traineePart = traineeOrder.map { "\(quoted($0)): [\(trainees[$0]!.map(quoted).joined(separator: ", "))]" }
        let positionPart = positionOrder.map {
            "\(quoted($0)): {\"ranking\": [\(positions[$0]!.ranking.map(quoted).joined(separator: ", "))], \"capacity\": \(positions[$0]!.capacity)}"
        }
        return Data("{\"positions\": {\(positionPart.joined(separator: ", "))}, \"trainees\": {\(traineePart.joined(separator: ", "))}}".utf8)
    }

    var description: String {
        String(decoding: json(traineeOrder: trainees.keys.sorted(), positionOrder: positions.keys.sorted()), as: UTF8.self)
    }
}

/// Every stable matching of a small instance, by trying every feasible assignment: the yardstick for
/// trainee-optimality. Works on small integer tables, independently of the mechanism and of
/// ``StableMatching/blockingPairs(_:_:)``.
struct BruteForceMatchings {
    let traineeIDs: [String], positionIDs: [String]
    /// preferences[t]: acceptable positions of t, best first.
    let preferences: [[Int]]
    /// rank[p][t]: t's place in p's ranking, or nil when p does not rank t.
    let rank: [[Int?]]
    let capacity: [Int]

    init(_ instance: MatchingInstance) {
        traineeIDs = instance.traineeIDs
        positionIDs = instance.positionIDs
        let positionIndex = Dictionary(uniqueKeysWithValues: positionIDs.enumerated().map { ($1, $0) })
        let traineeIndex = Dictionary(uniqueKeysWithValues: traineeIDs.enumerated().map { ($1, $0) })
        var rank = Array(repeating: [Int?](repeating: nil, count: traineeIDs.count), count: positionIDs.count)
        for (p, id) in positionIDs.enumerated() {
            for (place, trainee) in instance.positions[id]!.ranking.enumerated() { rank[p][traineeIndex[trainee]!] = place }
        }
        self.rank = rank
        preferences = traineeIDs.enumerated().map { t, id in
            instance.trainees[id]!.map { positionIndex[$0]! }.filter { rank[$0][t] != nil }
        }
        capacity = positionIDs.map { instance.positions[$0]!.capacity }
    }

    /// Stable assignments (trainee → position index or nil).
    func stable() -> [[Int?]] {
        var found: [[Int?]] = []
        var assignment = [Int?](repeating: nil, count: traineeIDs.count)
        var held = [Int](repeating: 0, count: positionIDs.count)
        func place(_ t: Int) {
            if t == traineeIDs.count {
                if isStable(assignment) { found.append(assignment) }
                return
            }
            assignment[t] = nil
            place(t + 1)
            for p in preferences[t] where held[p] < capacity[p] {
                assignment[t] = p
                held[p] += 1
                place(t + 1)
                held[p] -= 1
            }
            assignment[t] = nil
        }
        place(0)
        return found
    }

    /// No trainee and position both prefer each other to what they have (assumes a feasible assignment).
    func isStable(_ assignment: [Int?]) -> Bool {
        var held = [Int](repeating: 0, count: positionIDs.count), worst = [Int](repeating: -1, count: positionIDs.count)
        for (t, p) in assignment.enumerated() {
            guard let p else { continue }
            held[p] += 1
            worst[p] = max(worst[p], rank[p][t]!)
        }
        for t in traineeIDs.indices {
            for p in preferences[t] {
                if p == assignment[t] { break }
                if held[p] < capacity[p] || rank[p][t]! < worst[p] { return false }
            }
        }
        return true
    }

    /// How much t likes an outcome: the place in t's list, unmatched last.
    func place(of p: Int?, for t: Int) -> Int {
        p.flatMap { preferences[t].firstIndex(of: $0) } ?? preferences[t].count
    }

    func matching(_ assignment: [Int?]) -> Matching {
        var positionOf: [String: String?] = [:]
        for (t, p) in assignment.enumerated() { positionOf.updateValue(p.map { positionIDs[$0] }, forKey: traineeIDs[t]) }
        return Matching(positionOf: positionOf)
    }

    /// Every feasible assignment (for checking the checker), at most `limit`.
    func feasible(limit: Int) -> [[Int?]] {
        var found: [[Int?]] = []
        var assignment = [Int?](repeating: nil, count: traineeIDs.count)
        var held = [Int](repeating: 0, count: positionIDs.count)
        func place(_ t: Int) {
            guard found.count < limit else { return }
            if t == traineeIDs.count { return found.append(assignment) }
            assignment[t] = nil
            place(t + 1)
            for p in preferences[t] where held[p] < capacity[p] {
                assignment[t] = p
                held[p] += 1
                place(t + 1)
                held[p] -= 1
            }
            assignment[t] = nil
        }
        place(0)
        return found
    }
}
