import Foundation
import PostgresNIO
import TalentDomain

/// Host positions, both sides' rankings, and the matching instance of a cohort.
extension StoreSession {
    static let positionColumns = """
        hp.id, c.intake_year, hp.code, e.credit_code AS enterprise_code, e.name AS enterprise_name, hp.title,
        hp.capacity, hp.topic, hp.skills,
        (SELECT count(*) FROM placements pl WHERE pl.position_id = hp.id) AS placed
        """

    func position(from row: RowReader) throws -> HostPositionRecord {
        HostPositionRecord(
            id: try row.value("id"), cohortYear: Int(try row.value("intake_year", as: Int32.self)),
            code: try row.value("code"), enterpriseCode: try row.value("enterprise_code"),
            enterpriseName: try row.value("enterprise_name"), title: try row.value("title"),
            capacity: Int(try row.value("capacity", as: Int32.self)), topic: try row.value("topic"),
            skills: try row.value("skills"), placed: Int(try row.value("placed", as: Int64.self)))
    }

    public func insertPosition(_ new: NewHostPosition) async throws -> HostPositionRecord {
        let id = try await firstRow("""
            INSERT INTO host_positions (cohort_id, enterprise_id, code, title, capacity, topic, skills)
            VALUES (\(new.cohortID), \(new.enterpriseID), \(new.code), \(new.title), \(Int32(new.capacity)),
                    \(new.topic), \(new.skills))
            RETURNING id
            """) { try $0.value("id", as: Int64.self) }
        guard let id, let record = try await position(id: id) else {
            throw StoreError.internal("the new host position could not be read back")
        }
        return record
    }

    public func position(id: Int64) async throws -> HostPositionRecord? {
        try await firstRow("""
            SELECT \(unescaped: Self.positionColumns)
            FROM host_positions hp JOIN cohorts c ON c.id = hp.cohort_id JOIN organisations e ON e.id = hp.enterprise_id
            WHERE hp.id = \(id)
            """, position(from:))
    }

    /// The cohort's positions by code.
    public func positions(cohortID: Int64, enterpriseCode: String? = nil) async throws -> [HostPositionRecord] {
        try await rows("""
            SELECT \(unescaped: Self.positionColumns)
            FROM host_positions hp JOIN cohorts c ON c.id = hp.cohort_id JOIN organisations e ON e.id = hp.enterprise_id
            WHERE hp.cohort_id = \(cohortID)
              AND (\(enterpriseCode)::text IS NULL OR e.credit_code = \(enterpriseCode))
            ORDER BY hp.code
            """, position(from:))
    }

    /// Replaces a trainee's ranked list of positions (ids, most preferred first).
    public func replacePreferences(cohortID: Int64, traineeID: Int64, positionIDs: [Int64]) async throws {
        try await query("DELETE FROM position_preferences WHERE trainee_id = \(traineeID)")
        guard !positionIDs.isEmpty else { return }
        let ranks = (1...positionIDs.count).map(Int32.init)
        try await query("""
            INSERT INTO position_preferences (cohort_id, trainee_id, position_id, rank)
            SELECT \(cohortID), \(traineeID), position_id, rank
            FROM unnest(\(positionIDs)::bigint[], \(ranks)::int[]) AS x(position_id, rank)
            """)
    }

    /// Replaces a position's ranked list of trainees (ids, most preferred first).
    public func replaceRanking(cohortID: Int64, positionID: Int64, traineeIDs: [Int64]) async throws {
        try await query("DELETE FROM position_rankings WHERE position_id = \(positionID)")
        guard !traineeIDs.isEmpty else { return }
        let ranks = (1...traineeIDs.count).map(Int32.init)
        try await query("""
            INSERT INTO position_rankings (cohort_id, position_id, trainee_id, rank)
            SELECT \(cohortID), \(positionID), trainee_id, rank
            FROM unnest(\(traineeIDs)::bigint[], \(ranks)::int[]) AS x(trainee_id, rank)
            """)
    }

    /// Everything the matching of a cohort needs, read in one query set: the enrolled trainees
    /// (university, then name, in pinyin order),
    /// every position, and both sides' ranked lists (restricted to enrolled trainees), in rank order.
    public func matchingData(cohortID: Int64) async throws -> CohortMatchingData {
        let trainees = try await rows("""
            SELECT t.id, t.student_number, t.name, u.credit_code, u.name AS university_name
            FROM trainees t JOIN organisations u ON u.id = t.university_id
            WHERE t.cohort_id = \(cohortID) AND t.status = 'enrolled'
            ORDER BY u.name COLLATE "zh-x-icu", t.name COLLATE "zh-x-icu", t.student_number
            """) { row in
            CohortMatchingData.Trainee(
                id: try row.value("id"), studentNumber: try row.value("student_number"), name: try row.value("name"),
                universityCode: try row.value("credit_code"), universityName: try row.value("university_name"))
        }
        let positions = try await rows("""
            SELECT hp.id, hp.code, hp.title, hp.capacity, e.credit_code, e.name AS enterprise_name
            FROM host_positions hp JOIN organisations e ON e.id = hp.enterprise_id
            WHERE hp.cohort_id = \(cohortID) ORDER BY hp.code
            """) { row in
            CohortMatchingData.Position(
                id: try row.value("id"), code: try row.value("code"), title: try row.value("title"),
                capacity: Int(try row.value("capacity", as: Int32.self)),
                enterpriseCode: try row.value("credit_code"), enterpriseName: try row.value("enterprise_name"))
        }
        let preferences = try await rows("""
            SELECT pp.trainee_id, pp.position_id FROM position_preferences pp JOIN trainees t ON t.id = pp.trainee_id
            WHERE pp.cohort_id = \(cohortID) AND t.status = 'enrolled' ORDER BY pp.trainee_id, pp.rank
            """) { row in (try row.value("trainee_id", as: Int64.self), try row.value("position_id", as: Int64.self)) }
        let rankings = try await rows("""
            SELECT pr.position_id, pr.trainee_id FROM position_rankings pr JOIN trainees t ON t.id = pr.trainee_id
            WHERE pr.cohort_id = \(cohortID) AND t.status = 'enrolled' ORDER BY pr.position_id, pr.rank
            """) { row in (try row.value("position_id", as: Int64.self), try row.value("trainee_id", as: Int64.self)) }
        var preferenceLists: [Int64: [Int64]] = [:]
        for (trainee, position) in preferences { preferenceLists[trainee, default: []].append(position) }
        var rankingLists: [Int64: [Int64]] = [:]
        for (position, trainee) in rankings { rankingLists[position, default: []].append(trainee) }
        return CohortMatchingData(trainees: trainees, positions: positions, preferences: preferenceLists, rankings: rankingLists)
    }

    // MARK: Committed matchings

    public func insertCohortMatching(cohortID: Int64, instance: String, sha256: String, placed: Int,
                                     actor: String) async throws {
        try await query("""
            INSERT INTO cohort_matchings (cohort_id, instance, instance_sha256, trainees_placed, actor)
            VALUES (\(cohortID), \(instance)::jsonb, \(sha256), \(Int32(placed)), \(actor))
            """)
    }

    public func cohortMatching(cohortID: Int64) async throws -> CohortMatchingRecord? {
        try await firstRow("""
            SELECT cohort_id, instance::text AS instance, instance_sha256, trainees_placed, actor, committed_at
            FROM cohort_matchings WHERE cohort_id = \(cohortID)
            """) { row in
            CohortMatchingRecord(
                cohortID: try row.value("cohort_id"), instance: try row.value("instance"),
                instanceSHA256: try row.value("instance_sha256"),
                traineesPlaced: Int(try row.value("trainees_placed", as: Int32.self)), actor: try row.value("actor"),
                committedAt: try row.value("committed_at"))
        }
    }
}

/// A cohort's matching inputs as stored: ids, with both sides' lists most-preferred first.
public struct CohortMatchingData: Sendable {
    public struct Trainee: Sendable, Equatable {
        public var id: Int64
        public var studentNumber: String
        public var name: String
        public var universityCode: String
        public var universityName: String
    }

    public struct Position: Sendable, Equatable {
        public var id: Int64
        public var code: String
        public var title: String
        public var capacity: Int
        public var enterpriseCode: String
        public var enterpriseName: String
    }

    public var trainees: [Trainee]
    public var positions: [Position]
    /// Trainee id → position ids.
    public var preferences: [Int64: [Int64]]
    /// Position id → trainee ids.
    public var rankings: [Int64: [Int64]]
}
