/// A valid instance over dense indices, for the mechanism: trainees `0..<traineeCount` and positions
/// `0..<positionCount` in sorted id order, lists as flat arrays with offsets (CSR), so that the
/// mechanism touches no String and no dictionary. Built once, by ``MatchingInstanceValidator``.
struct IndexedInstance: Sendable {
    /// Sorted trainee ids; a trainee's index is its place here.
    var traineeIDs: [String]
    /// Sorted position ids.
    var positionIDs: [String]
    /// Trainee `t`'s listed positions, best first, are `preferences[preferenceStart[t]..<preferenceStart[t + 1]]`.
    var preferenceStart: [Int]
    var preferences: [Int32]
    /// Seats of each position, as given (≥ 0).
    var capacities: [Int]
    /// Position `p`'s ranked trainees, best first, are `rankings[rankingStart[p]..<rankingStart[p + 1]]`.
    var rankingStart: [Int]
    var rankings: [Int32]

    var traineeCount: Int { traineeIDs.count }
    var positionCount: Int { positionIDs.count }
}

/// Checks a ``RawInstance`` and builds the checked values and their ``IndexedInstance`` in one pass.
enum MatchingInstanceValidator {
    typealias Problem = MatchingInstanceError.Problem

    struct Checked {
        var trainees: [String: [String]]
        var positions: [String: MatchingInstance.Position]
        var indexed: IndexedInstance
    }

    static func check(_ raw: RawInstance) throws(MatchingInstanceError) -> Checked {
        var problems: [Problem] = []
        let shape = "The instance is {\"trainees\": {…}, \"positions\": {…}}; either may be empty ({})."
        if raw.trainees == nil { problems.append(Problem(path: "trainees", reason: "missing", hint: shape)) }
        if raw.positions == nil { problems.append(Problem(path: "positions", reason: "missing", hint: shape)) }
        let rawTrainees = raw.trainees ?? [:], rawPositions = raw.positions ?? [:]

        let traineeIDs = rawTrainees.keys.sorted(), positionIDs = rawPositions.keys.sorted()
        let traineeIndex = Self.index(traineeIDs), positionIndex = Self.index(positionIDs)

        // Trainees' lists.
        var trainees: [String: [String]] = [:]
        trainees.reserveCapacity(traineeIDs.count)
        var preferenceStart = [Int](), preferences = [Int32]()
        preferenceStart.reserveCapacity(traineeIDs.count + 1)
        preferenceStart.append(0)
        var seenBy = [Int32](repeating: -1, count: positionIDs.count), seenAt = [Int](repeating: 0, count: positionIDs.count)
        for (t, id) in traineeIDs.enumerated() {
            if id.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                problems.append(Problem(path: MatchingPath.trainee(id), reason: "a trainee id must not be empty",
                                        hint: "Give the trainee an id, such as a student number."))
            }
            let entries = rawTrainees[id]!
            var list: [String] = []
            list.reserveCapacity(entries.count)
            for (place, entry) in entries.enumerated() {
                // Paths are built only for problems: they are most of the cost otherwise.
                var path: String { MatchingPath.trainee(id, place) }
                guard case let .id(position) = entry else {
                    problems.append(Self.notAnID(entry, at: path, listing: "positions"))
                    continue
                }
                guard let p = positionIndex[position] else {
                    problems.append(Problem(path: path, reason: "position '\(position)' does not exist",
                                            hint: "Add it under \"positions\" or remove it from the trainee's list."))
                    continue
                }
                if seenBy[p] == Int32(t) {
                    problems.append(Problem(
                        path: path, reason: "position '\(position)' is listed twice (also at [\(seenAt[p])])",
                        hint: "A trainee lists each position once, best first; remove one of them."))
                    continue
                }
                seenBy[p] = Int32(t)
                seenAt[p] = place
                list.append(position)
                preferences.append(Int32(p))
            }
            trainees[id] = list
            preferenceStart.append(preferences.count)
        }

        // Positions' capacities and rankings.
        var positions: [String: MatchingInstance.Position] = [:]
        positions.reserveCapacity(positionIDs.count)
        var capacities = [Int](), rankingStart = [Int](), rankings = [Int32]()
        capacities.reserveCapacity(positionIDs.count)
        rankingStart.reserveCapacity(positionIDs.count + 1)
        rankingStart.append(0)
        var rankedBy = [Int32](repeating: -1, count: traineeIDs.count), rankedAt = [Int](repeating: 0, count: traineeIDs.count)
        for (p, id) in positionIDs.enumerated() {
            if id.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                problems.append(Problem(path: MatchingPath.position(id), reason: "a position id must not be empty",
                                        hint: "Give the position an id."))
            }
            let position = rawPositions[id]!
            var capacity = 0
            switch position.capacity {
            case nil:
                problems.append(Problem(path: MatchingPath.capacity(id), reason: "missing",
                                        hint: "Give the number of trainees the position takes, such as \"capacity\": 2."))
            case let .whole(seats) where seats < 0:
                problems.append(Problem(path: MatchingPath.capacity(id), reason: "must not be negative, not \(seats)",
                                        hint: "Use 0 for a position that takes nobody."))
            case let .whole(seats):
                capacity = seats
            case let .other(given):
                problems.append(Problem(path: MatchingPath.capacity(id), reason: "must be a whole number, not \(given)",
                                        hint: "Give the number of trainees the position takes, such as \"capacity\": 2."))
            }
            capacities.append(capacity)
            if position.ranking == nil {
                problems.append(Problem(path: MatchingPath.ranking(id), reason: "missing",
                                        hint: "List the trainees the position would take, best first; [] for none."))
            }
            var ranking: [String] = []
            ranking.reserveCapacity(position.ranking?.count ?? 0)
            for (place, entry) in (position.ranking ?? []).enumerated() {
                var path: String { MatchingPath.ranking(id, place) }
                guard case let .id(trainee) = entry else {
                    problems.append(Self.notAnID(entry, at: path, listing: "trainees"))
                    continue
                }
                guard let t = traineeIndex[trainee] else {
                    problems.append(Problem(path: path, reason: "trainee '\(trainee)' does not exist",
                                            hint: "Add the trainee under \"trainees\" or remove them from the ranking."))
                    continue
                }
                if rankedBy[t] == Int32(p) {
                    problems.append(Problem(
                        path: path, reason: "trainee '\(trainee)' is ranked twice (also at [\(rankedAt[t])])",
                        hint: "A ranking must be strict: each trainee once, best first; remove one of them."))
                    continue
                }
                rankedBy[t] = Int32(p)
                rankedAt[t] = place
                ranking.append(trainee)
                rankings.append(Int32(t))
            }
            positions[id] = MatchingInstance.Position(capacity: capacity, ranking: ranking)
            rankingStart.append(rankings.count)
        }

        guard problems.isEmpty else { throw MatchingInstanceError(problems) }
        let indexed = IndexedInstance(
            traineeIDs: traineeIDs, positionIDs: positionIDs, preferenceStart: preferenceStart, preferences: preferences,
            capacities: capacities, rankingStart: rankingStart, rankings: rankings)
        return Checked(trainees: trainees, positions: positions, indexed: indexed)
    }

    private static func index(_ ids: [String]) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { index[id] = i }
        return index
    }

    private static func notAnID(_ entry: RawEntry, at path: String, listing: String) -> Problem {
        switch entry {
        case let .tie(tied):
            let names = tied.map { "'\($0)'" }.joined(separator: ", ")
            return Problem(path: path, reason: "\(tied.isEmpty ? "an empty list" : names) tied in one place: rankings must be strict",
                           hint: "List the \(listing) one after the other, best first.")
        case let .other(kind):
            return Problem(path: path, reason: "expected an id (a string), found \(kind)",
                           hint: "Write the id in quotes, such as \"\(listing == "trainees" ? "T1" : "P1")\".")
        case .id:
            preconditionFailure("an id is an id")
        }
    }
}
