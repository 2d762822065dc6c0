/// Stable placement of trainees at host positions with capacities (the hospitals/residents problem).
public enum StableMatching {
    /// The trainee-optimal stable matching: trainee-proposing deferred acceptance (Gale & Shapley
    /// 1962; Roth 1984 for capacities).
    ///
    /// Feasible (capacities, only acceptable pairs), stable (no blocking pair) and, among all stable
    /// matchings, the best for every trainee at once. The result depends only on the instance, not
    /// on the order its dictionaries were built in. O(number of listed pairs × log capacity).
    public static func traineeOptimal(_ instance: MatchingInstance) -> Matching {
        let indexed = instance.indexed
        let assigned = DeferredAcceptance(indexed).run()
        var positionOf: [String: String?] = [:]
        positionOf.reserveCapacity(indexed.traineeCount)
        for (t, p) in assigned.enumerated() {
            positionOf.updateValue(p < 0 ? nil : indexed.positionIDs[Int(p)], forKey: indexed.traineeIDs[t])
        }
        return Matching(positionOf: positionOf)
    }

    /// Trainee index → position index, or -1 when unmatched (for benchmarks and callers that keep indices).
    static func traineeOptimalIndices(_ instance: MatchingInstance) -> [Int32] {
        DeferredAcceptance(instance.indexed).run()
    }
}

/// Trainee-proposing deferred acceptance over an ``IndexedInstance``. Integers and flat arrays only.
///
/// Setup joins the two sides once: each trainee's list keeps only the positions that rank them
/// (acceptable pairs), next to the rank the position gives them, so a proposal needs no lookup.
/// Each position keeps its current assignees' ranks in a max-heap (worst on top) in its own slice of
/// one flat array. Free trainees wait on a stack; a displaced trainee proposes again at once.
struct DeferredAcceptance {
    private let traineeCount: Int
    private let positionCount: Int
    /// Trainee t's acceptable positions, best first: `proposals[start[t]..<start[t + 1]]`, and at the
    /// same place in `rankThere` the rank the position gives t (0 = best).
    private var start: [Int]
    private var proposals: [Int32]
    private var rankThere: [Int32]
    /// Seats in use can never exceed the ranked trainees, so a slice is min(capacity, ranking size).
    private var seats: [Int]
    private var heapStart: [Int]
    /// Position p's ranking, to turn a rank back into a trainee.
    private let rankingStart: [Int]
    private let rankings: [Int32]

    init(_ instance: IndexedInstance) {
        traineeCount = instance.traineeCount
        positionCount = instance.positionCount
        rankingStart = instance.rankingStart
        rankings = instance.rankings

        // For every trainee, the (position, rank) of each position ranking them: the rankings, inverted.
        var byTraineeStart = [Int](repeating: 0, count: traineeCount + 1)
        for t in rankings { byTraineeStart[Int(t) + 1] += 1 }
        for t in 0..<traineeCount { byTraineeStart[t + 1] += byTraineeStart[t] }
        var fill = byTraineeStart
        var byTraineePosition = [Int32](repeating: 0, count: rankings.count)
        var byTraineeRank = [Int32](repeating: 0, count: rankings.count)
        for p in 0..<positionCount {
            let first = rankingStart[p]
            for k in first..<rankingStart[p + 1] {
                let t = Int(rankings[k])
                byTraineePosition[fill[t]] = Int32(p)
                byTraineeRank[fill[t]] = Int32(k - first)
                fill[t] += 1
            }
        }

        // Keep each trainee's acceptable positions, in the trainee's order, with the rank there.
        var rankAt = [Int32](repeating: -1, count: positionCount)
        var start = [Int](repeating: 0, count: traineeCount + 1)
        var proposals = [Int32](), rankThere = [Int32]()
        proposals.reserveCapacity(instance.preferences.count)
        rankThere.reserveCapacity(instance.preferences.count)
        for t in 0..<traineeCount {
            for k in byTraineeStart[t]..<byTraineeStart[t + 1] { rankAt[Int(byTraineePosition[k])] = byTraineeRank[k] }
            for k in instance.preferenceStart[t]..<instance.preferenceStart[t + 1] {
                let p = Int(instance.preferences[k])
                if rankAt[p] >= 0 {
                    proposals.append(Int32(p))
                    rankThere.append(rankAt[p])
                }
            }
            for k in byTraineeStart[t]..<byTraineeStart[t + 1] { rankAt[Int(byTraineePosition[k])] = -1 }
            start[t + 1] = proposals.count
        }
        self.start = start
        self.proposals = proposals
        self.rankThere = rankThere

        var seats = [Int](repeating: 0, count: positionCount)
        var heapStart = [Int](repeating: 0, count: positionCount + 1)
        for p in 0..<positionCount {
            seats[p] = min(instance.capacities[p], rankingStart[p + 1] - rankingStart[p])
            heapStart[p + 1] = heapStart[p] + seats[p]
        }
        self.seats = seats
        self.heapStart = heapStart
    }

    /// Trainee index → position index, or -1 when unmatched.
    func run() -> [Int32] {
        var assigned = [Int32](repeating: -1, count: traineeCount)
        var next = Array(start.dropLast())
        var held = [Int](repeating: 0, count: positionCount)
        var heap = [Int32](repeating: 0, count: heapStart[positionCount])
        // Lowest index on top, so runs are reproducible step by step (the result is unique anyway).
        var free = [Int32]((0..<Int32(traineeCount)).reversed())

        while var t = free.popLast().map(Int.init) {
            proposing: while next[t] < start[t + 1] {
                let k = next[t]
                next[t] += 1
                let p = Int(proposals[k]), rank = rankThere[k]
                let base = heapStart[p], count = held[p]
                if count < seats[p] {
                    Self.push(rank, into: &heap, base: base, count: count)
                    held[p] = count + 1
                    assigned[t] = Int32(p)
                    break proposing
                }
                if count > 0, heap[base] > rank {
                    let worst = Int(heap[base])
                    Self.replaceTop(with: rank, in: &heap, base: base, count: count)
                    assigned[t] = Int32(p)
                    let displaced = Int(rankings[rankingStart[p] + worst])
                    assigned[displaced] = -1
                    t = displaced
                }
            }
        }
        return assigned
    }

    /// Max-heap of ranks in `heap[base..<base + count]`: adds one.
    @inline(__always)
    private static func push(_ rank: Int32, into heap: inout [Int32], base: Int, count: Int) {
        var child = count
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[base + parent] < rank else { break }
            heap[base + child] = heap[base + parent]
            child = parent
        }
        heap[base + child] = rank
    }

    /// Replaces the largest rank (the worst assignee) and restores the heap.
    @inline(__always)
    private static func replaceTop(with rank: Int32, in heap: inout [Int32], base: Int, count: Int) {
        var parent = 0
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count, heap[base + child + 1] > heap[base + child] { child += 1 }
            guard heap[base + child] > rank else { break }
            heap[base + parent] = heap[base + child]
            parent = child
        }
        heap[base + parent] = rank
    }
}
