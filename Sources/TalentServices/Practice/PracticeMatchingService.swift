import Crypto
import Foundation
import TalentDomain
import TalentRules
import TalentStore

/// The trainee-optimal stable matching of a cohort, explained trainee by trainee.
public struct CohortMatchingOutcome: Sendable, Codable, Equatable {
    public struct Assignment: Sendable, Codable, Equatable {
        /// The trainee's id in the instance and the export (the student number, qualified with the
        /// university's credit code when two universities share it).
        public var trainee: String
        public var studentNumber: String
        public var name: String
        public var university: String
        public var position: String?
        public var positionTitle: String?
        public var enterprise: String?
        /// 1 for the trainee's first choice; nil when unmatched.
        public var choice: Int?
        /// How many positions the trainee listed.
        public var choices: Int
        public var explanation: String
    }

    public var cohortYear: Int
    public var cohortName: String
    public var instanceSHA256: String
    public var matched: Int
    public var unmatched: Int
    public var seats: Int
    /// In university, then name order (pinyin), as the store reads them.
    public var assignments: [CohortMatchingOutcome.Assignment]
    public var committed: Bool
}

/// Placement by stable matching: preview, commit (once per cohort) and export. The mechanism is
/// `StableMatching.traineeOptimal` (TalentRules, pure); this file loads its input and stores its output.
extension PracticeBaseService {
    /// Computes the matching of the cohort's enrolled trainees without changing anything.
    public func preview(cohortYear: Int) async throws(ServiceError) -> CohortMatchingOutcome {
        try await run {
            try await store.read { session in
                let cohort = try await Self.cohort(cohortYear, session)
                if let matching = try await session.cohortMatching(cohortID: cohort.id) {
                    throw ServiceError.refused(Self.alreadyMatched(cohort, matching), next: .exportMatching(cohort: cohort.intakeYear))
                }
                return try await Self.solve(cohort, session).outcome
            }
        }
    }

    /// Computes the matching and, in one transaction, places the matched trainees for the cohort
    /// window, marks them placed and records the instance and its SHA-256 in the audit log.
    public func commit(cohortYear: Int, actor: Principal) async throws(ServiceError) -> CohortMatchingOutcome {
        _ = try AccessTable.authorize(.practiceMatch, actor)
        do {
            return try await run {
                try await store.write { session in
                    let cohort = try await Self.cohort(cohortYear, session, forUpdate: true)
                    if let matching = try await session.cohortMatching(cohortID: cohort.id) {
                        throw ServiceError.duplicate(Self.alreadyMatched(cohort, matching), next: .exportMatching(cohort: cohort.intakeYear))
                    }
                    let solved = try await Self.solve(cohort, session)
                    var outcome = solved.outcome
                    outcome.committed = true
                    try await session.insertCohortMatching(
                        cohortID: cohort.id, instance: solved.instanceJSON, sha256: outcome.instanceSHA256,
                        placed: outcome.matched, actor: actor.auditName)
                    try await session.insertPlacements(
                        cohortID: cohort.id, solved.pairs, start: cohort.practiceStart, end: cohort.practiceEnd)
                    try await session.appendAudit(AuditRecord(
                        actor: actor.auditName, action: "practice.match.commit", entityType: "cohort", entityID: String(cohort.intakeYear),
                        before: Optional<String>.none,
                        after: MatchingAudit(
                            instanceSHA256: outcome.instanceSHA256, matched: outcome.matched, unmatched: outcome.unmatched,
                            matching: Dictionary(uniqueKeysWithValues: outcome.assignments.map { ($0.trainee, $0.position ?? "") })),
                        reason: "trainee-optimal stable matching of instance sha256 \(outcome.instanceSHA256)"))
                    return outcome
                }
            }
        } catch .store(.duplicate(constraint: "cohort_matchings_pkey", _)) {
            throw .duplicate("cohort \(cohortYear) was matched by someone else meanwhile", next: .exportMatching(cohort: cohortYear))
        }
    }

    /// The committed matching as JSON: the instance (`trainees`, `positions`) and `matching`, keys
    /// sorted, every trainee of the instance present (`null` when unmatched).
    public func export(cohortYear: Int) async throws(ServiceError) -> Data {
        try await run {
            try await store.read { session in
                let cohort = try await Self.cohort(cohortYear, session)
                guard let stored = try await session.cohortMatching(cohortID: cohort.id) else {
                    throw ServiceError.notFound(
                        "\(cohort.name) has not been matched", next: .previewMatching(cohort: cohortYear))
                }
                guard var document = try JSONSerialization.jsonObject(with: Data(stored.instance.utf8)) as? [String: Any],
                      let trainees = document["trainees"] as? [String: Any] else {
                    throw ServiceError.store(.internal("the stored instance of \(cohort.name) is not a JSON object"))
                }
                let placed = try await session.placements(cohortID: cohort.id)
                let records = try await session.trainees(TraineeFilter(cohortYear: cohortYear))
                var positionOf: [String: Any] = trainees.mapValues { _ in NSNull() }
                for record in records {
                    guard let code = placed[record.id] else { continue }
                    let qualified = Self.qualifiedKey(record.studentNumber, record.universityCode)
                    let key = trainees[record.studentNumber] != nil ? record.studentNumber : qualified
                    if trainees[key] != nil { positionOf[key] = code }
                }
                document["matching"] = positionOf
                return try JSONSerialization.data(
                    withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            }
        }
    }

    // MARK: From the database to the mechanism and back

    struct Solved: Sendable {
        var outcome: CohortMatchingOutcome
        var instanceJSON: String
        var pairs: [(trainee: Int64, position: Int64)]
    }

    static func solve(_ cohort: CohortRecord, _ session: StoreSession) async throws -> Solved {
        let data = try await session.matchingData(cohortID: cohort.id)
        let numberCounts = Dictionary(data.trainees.map { ($0.studentNumber, 1) }, uniquingKeysWith: +)
        let keyOf = Dictionary(uniqueKeysWithValues: data.trainees.map { trainee in
            (trainee.id, numberCounts[trainee.studentNumber, default: 0] > 1
                ? qualifiedKey(trainee.studentNumber, trainee.universityCode) : trainee.studentNumber)
        })
        let positionByID = Dictionary(uniqueKeysWithValues: data.positions.map { ($0.id, $0) })
        var traineeLists: [String: [String]] = [:]
        for trainee in data.trainees {
            traineeLists[keyOf[trainee.id]!] = (data.preferences[trainee.id] ?? []).compactMap { positionByID[$0]?.code }
        }
        var positions: [String: MatchingInstance.Position] = [:]
        for position in data.positions {
            positions[position.code] = .init(
                capacity: position.capacity, ranking: (data.rankings[position.id] ?? []).compactMap { keyOf[$0] })
        }
        let instance: MatchingInstance
        do {
            instance = try MatchingInstance(trainees: traineeLists, positions: positions)
        } catch {
            throw ServiceError.refused("\(cohort.name) cannot be matched: \(error)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let instanceData = try encoder.encode(instance)
        let sha256 = SHA256.hash(data: instanceData).map { String(format: "%02x", $0) }.joined()
        let matching = StableMatching.traineeOptimal(instance)

        let positionByCode = Dictionary(uniqueKeysWithValues: data.positions.map { ($0.code, $0) })
        var assignments: [CohortMatchingOutcome.Assignment] = []
        var pairs: [(trainee: Int64, position: Int64)] = []
        for trainee in data.trainees {
            let key = keyOf[trainee.id]!
            let list = traineeLists[key] ?? []
            let code = matching.position(of: key)
            let position = code.flatMap { positionByCode[$0] }
            let choice = code.flatMap { list.firstIndex(of: $0) }.map { $0 + 1 }
            if let position { pairs.append((trainee.id, position.id)) }
            assignments.append(.init(
                trainee: key, studentNumber: trainee.studentNumber, name: trainee.name, university: trainee.universityName,
                position: position?.code, positionTitle: position?.title, enterprise: position?.enterpriseName,
                choice: choice, choices: list.count,
                explanation: explanation(key: key, list: list, choice: choice, instance: instance)))
        }
        let outcome = CohortMatchingOutcome(
            cohortYear: cohort.intakeYear, cohortName: cohort.name, instanceSHA256: sha256, matched: pairs.count,
            unmatched: data.trainees.count - pairs.count, seats: data.positions.reduce(0) { $0 + $1.capacity },
            assignments: assignments, committed: false)
        return Solved(outcome: outcome, instanceJSON: String(decoding: instanceData, as: UTF8.self), pairs: pairs)
    }

    static func explanation(key: String, list: [String], choice: Int?, instance: MatchingInstance) -> String {
        if let choice { return "matched to choice \(choice) of \(list.count)" }
        if list.isEmpty { return "unmatched: listed no positions" }
        if !list.contains(where: { instance.isAcceptable(trainee: key, position: $0) }) {
            return "unmatched: none of the \(list.count) positions listed ranks this trainee"
        }
        return "unmatched: every acceptable position is filled with trainees it ranks higher"
    }

    static func qualifiedKey(_ studentNumber: String, _ universityCode: String) -> String {
        "\(studentNumber)@\(universityCode)"
    }

    static func alreadyMatched(_ cohort: CohortRecord, _ matching: CohortMatchingRecord) -> String {
        "\(cohort.name) was already matched on \(ISO8601DateFormatter().string(from: matching.committedAt)) by \(matching.actor) "
            + "(\(matching.traineesPlaced) trainees placed); a committed matching is final."
    }
}

/// What the audit log keeps of a committed matching.
struct MatchingAudit: Encodable {
    var instanceSHA256: String
    var matched: Int
    var unmatched: Int
    /// Trainee → position code ("" when unmatched).
    var matching: [String: String]
}
