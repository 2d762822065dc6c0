/// A trainee and a position who would both rather be together than keep what a matching gave
/// them: the trainee prefers the position to their placement (or is unmatched), and the position
/// has a free seat or ranks the trainee above its worst assignee.
public struct BlockingPair: Hashable, Sendable, CustomStringConvertible {
    public var trainee: String
    public var position: String

    public init(trainee: String, position: String) {
        self.trainee = trainee
        self.position = position
    }

    public var description: String { "(\(trainee), \(position))" }
}

/// Checks of any matching against an instance, written from the definitions over the instance's
/// plain lists (not the mechanism's indices), for tests and `verify` commands.
extension StableMatching {
    /// What makes the matching infeasible, one line each; empty when it is feasible: every trainee
    /// present, only acceptable pairs, no position over capacity.
    public static func feasibilityProblems(_ matching: Matching, _ instance: MatchingInstance) -> [String] {
        var problems: [String] = []
        for trainee in instance.traineeIDs where matching.positionOf[trainee] == nil {
            problems.append("trainee \(trainee) is missing from the matching")
        }
        var held: [String: Int] = [:]
        for (trainee, position) in matching.positionOf.sorted(by: { $0.key < $1.key }) {
            guard instance.trainees[trainee] != nil else {
                problems.append("\(trainee) is not a trainee of the instance")
                continue
            }
            guard let position else { continue }
            guard instance.positions[position] != nil else {
                problems.append("\(trainee) is placed at \(position), which is not a position of the instance")
                continue
            }
            if !instance.isAcceptable(trainee: trainee, position: position) {
                problems.append("\(trainee) is placed at \(position), which is not a mutually acceptable pair")
            }
            held[position, default: 0] += 1
        }
        for (position, count) in held.sorted(by: { $0.key < $1.key }) where count > instance.positions[position]!.capacity {
            problems.append("\(position) holds \(count) trainees, over its capacity of \(instance.positions[position]!.capacity)")
        }
        return problems
    }

    /// Capacities respected, only mutually acceptable pairs, every trainee present.
    public static func isFeasible(_ matching: Matching, _ instance: MatchingInstance) -> Bool {
        feasibilityProblems(matching, instance).isEmpty
    }

    /// Every blocking pair, by trainee id and then in the trainee's order of preference.
    public static func blockingPairs(_ matching: Matching, _ instance: MatchingInstance) -> [BlockingPair] {
        var rank: [String: [String: Int]] = [:]
        rank.reserveCapacity(instance.positions.count)
        for (position, details) in instance.positions {
            var ranks: [String: Int] = [:]
            ranks.reserveCapacity(details.ranking.count)
            for (place, trainee) in details.ranking.enumerated() { ranks[trainee] = place }
            rank[position] = ranks
        }
        // Per position: seats taken and the rank of the worst assignee (an unranked one is worst of all).
        var taken: [String: Int] = [:], worst: [String: Int] = [:]
        for (trainee, position) in matching.positionOf {
            guard let position else { continue }
            taken[position, default: 0] += 1
            worst[position] = max(worst[position] ?? -1, rank[position]?[trainee] ?? Int.max)
        }
        var pairs: [BlockingPair] = []
        for trainee in instance.traineeIDs {
            let placement = matching.position(of: trainee)
            for position in instance.trainees[trainee]! {
                if position == placement { break }
                guard let details = instance.positions[position], let theirRank = rank[position]?[trainee] else { continue }
                let hasSeat = taken[position, default: 0] < details.capacity
                if hasSeat || theirRank < worst[position, default: -1] {
                    pairs.append(BlockingPair(trainee: trainee, position: position))
                }
            }
        }
        return pairs
    }

    /// Feasible and without a blocking pair.
    public static func isStable(_ matching: Matching, _ instance: MatchingInstance) -> Bool {
        isFeasible(matching, instance) && blockingPairs(matching, instance).isEmpty
    }
}
