import Foundation
import PostgresNIO
import TalentDomain

/// Programmes, cohorts and trainees of the graduate practice base.
extension StoreSession {
    // MARK: Programmes

    static let programmeColumns = """
        p.id, o.credit_code AS university_code, o.name AS university_name, p.field, p.field_en
        """

    func programme(from row: RowReader) throws -> ProgrammeRecord {
        ProgrammeRecord(
            id: try row.value("id"), universityCode: try row.value("university_code"),
            universityName: try row.value("university_name"), field: try row.value("field"),
            fieldEn: try row.value("field_en"))
    }

    public func insertProgramme(universityID: Int64, field: String, fieldEn: String?) async throws -> ProgrammeRecord {
        let id = try await firstRow("""
            INSERT INTO degree_programmes (university_id, field, field_en) VALUES (\(universityID), \(field), \(fieldEn))
            RETURNING id
            """) { try $0.value("id", as: Int64.self) }
        guard let id, let record = try await programmes(universityCode: nil).first(where: { $0.id == id }) else {
            throw StoreError.internal("the new programme could not be read back")
        }
        return record
    }

    /// Sorted by university, then field, in pinyin order.
    public func programmes(universityCode: String?) async throws -> [ProgrammeRecord] {
        try await rows("""
            SELECT \(unescaped: Self.programmeColumns)
            FROM degree_programmes p JOIN organisations o ON o.id = p.university_id
            WHERE (\(universityCode)::text IS NULL OR o.credit_code = \(universityCode))
            ORDER BY o.name COLLATE "zh-x-icu", p.field COLLATE "zh-x-icu"
            """, programme(from:))
    }

    public func programme(universityID: Int64, field: String) async throws -> ProgrammeRecord? {
        try await firstRow("""
            SELECT \(unescaped: Self.programmeColumns)
            FROM degree_programmes p JOIN organisations o ON o.id = p.university_id
            WHERE p.university_id = \(universityID) AND (p.field = \(field) OR p.field_en = \(field))
            ORDER BY (p.field = \(field)) DESC LIMIT 1
            """, programme(from:))
    }

    // MARK: Cohorts

    static let cohortColumns = """
        c.id, c.intake_year, c.name, c.practice_start::text AS practice_start, c.practice_end::text AS practice_end,
        (SELECT count(*) FROM trainees t WHERE t.cohort_id = c.id) AS trainees,
        (SELECT m.committed_at FROM cohort_matchings m WHERE m.cohort_id = c.id) AS matched_at
        """

    func cohort(from row: RowReader) throws -> CohortRecord {
        CohortRecord(
            id: try row.value("id"), intakeYear: Int(try row.value("intake_year", as: Int32.self)),
            name: try row.value("name"),
            practiceStart: try row.date("practice_start") ?? CalendarDate(daysSinceEpoch: 0),
            practiceEnd: try row.date("practice_end") ?? CalendarDate(daysSinceEpoch: 0),
            trainees: Int(try row.value("trainees", as: Int64.self)), matchedAt: try row.value("matched_at"))
    }

    public func insertCohort(intakeYear: Int, name: String, start: CalendarDate, end: CalendarDate) async throws -> CohortRecord {
        try await query("""
            INSERT INTO cohorts (intake_year, name, practice_start, practice_end)
            VALUES (\(Int32(intakeYear)), \(name), \(start.description)::date, \(end.description)::date)
            """)
        guard let record = try await cohort(year: intakeYear) else {
            throw StoreError.internal("the new cohort could not be read back")
        }
        return record
    }

    /// The cohort of this intake year; `forUpdate` locks it (matching commits lock their cohort).
    public func cohort(year: Int, forUpdate: Bool = false) async throws -> CohortRecord? {
        try await firstRow("""
            SELECT \(unescaped: Self.cohortColumns) FROM cohorts c WHERE c.intake_year = \(Int32(year))
            \(unescaped: forUpdate ? "FOR UPDATE OF c" : "")
            """, cohort(from:))
    }

    public func cohorts() async throws -> [CohortRecord] {
        try await rows("SELECT \(unescaped: Self.cohortColumns) FROM cohorts c ORDER BY c.intake_year", cohort(from:))
    }

    // MARK: Trainees

    static let traineeColumns = """
        t.id, c.intake_year, c.name AS cohort_name, u.credit_code AS university_code, u.name AS university_name,
        p.field, t.student_number, t.name, t.identity_key, t.mobile, t.direct_from_bachelor, t.campus_supervisor,
        t.status, t.withdrawn_on::text AS withdrawn_on, t.withdrawal_reason,
        pl.id AS placement_id, hp.code AS position_code, hp.title AS position_title,
        e.credit_code AS enterprise_code, e.name AS enterprise_name, pl.mentor_id, m.name AS mentor_name,
        pl.start_on::text AS start_on, pl.end_on::text AS end_on, pl.started_on::text AS started_on,
        pl.completed_on::text AS completed_on
        """

    static let traineeJoins = """
        trainees t
        JOIN cohorts c ON c.id = t.cohort_id
        JOIN organisations u ON u.id = t.university_id
        JOIN degree_programmes p ON p.id = t.programme_id
        LEFT JOIN placements pl ON pl.trainee_id = t.id
        LEFT JOIN host_positions hp ON hp.id = pl.position_id
        LEFT JOIN organisations e ON e.id = hp.enterprise_id
        LEFT JOIN talents m ON m.id = pl.mentor_id
        """

    func trainee(from row: RowReader) throws -> TraineeRecord {
        let placementID: Int64? = try row.value("placement_id")
        let placement = try placementID.map { id in
            TraineeRecord.Placement(
                id: id, positionCode: try row.value("position_code"), positionTitle: try row.value("position_title"),
                enterpriseCode: try row.value("enterprise_code"), enterpriseName: try row.value("enterprise_name"),
                mentorID: try row.value("mentor_id"), mentorName: try row.value("mentor_name"),
                startOn: try row.date("start_on") ?? CalendarDate(daysSinceEpoch: 0),
                endOn: try row.date("end_on") ?? CalendarDate(daysSinceEpoch: 0),
                startedOn: try row.date("started_on"), completedOn: try row.date("completed_on"))
        }
        return TraineeRecord(
            id: try row.value("id"), cohortYear: Int(try row.value("intake_year", as: Int32.self)),
            cohortName: try row.value("cohort_name"), universityCode: try row.value("university_code"),
            universityName: try row.value("university_name"), field: try row.value("field"),
            studentNumber: try row.value("student_number"), name: try row.value("name"),
            identityKey: try row.value("identity_key"), mobile: try row.value("mobile"),
            directFromBachelor: try row.value("direct_from_bachelor"),
            campusSupervisor: try row.value("campus_supervisor"),
            status: try row.term("status", as: TraineeStatus.self) ?? .enrolled,
            withdrawnOn: try row.date("withdrawn_on"), withdrawalReason: try row.value("withdrawal_reason"),
            placement: placement)
    }

    public func insertTrainee(_ new: NewTrainee) async throws -> TraineeRecord {
        let id = try await firstRow("""
            INSERT INTO trainees (cohort_id, university_id, programme_id, student_number, name, identity_key, mobile,
                                  direct_from_bachelor, campus_supervisor)
            VALUES (\(new.cohortID), \(new.universityID), \(new.programmeID), \(new.studentNumber), \(new.name),
                    \(new.identityKey), \(new.mobile), \(new.directFromBachelor), \(new.campusSupervisor))
            RETURNING id
            """) { try $0.value("id", as: Int64.self) }
        guard let id, let record = try await trainee(id: id) else {
            throw StoreError.internal("the new trainee could not be read back")
        }
        return record
    }

    public func trainee(id: Int64, forUpdate: Bool = false) async throws -> TraineeRecord? {
        try await firstRow("""
            SELECT \(unescaped: Self.traineeColumns) FROM \(unescaped: Self.traineeJoins) WHERE t.id = \(id)
            \(unescaped: forUpdate ? "FOR UPDATE OF t" : "")
            """, trainee(from:))
    }

    /// Every trainee with this student number (one per university at most), optionally of one university.
    public func trainees(studentNumber: String, universityCode: String?) async throws -> [TraineeRecord] {
        try await rows("""
            SELECT \(unescaped: Self.traineeColumns) FROM \(unescaped: Self.traineeJoins)
            WHERE t.student_number = \(studentNumber)
              AND (\(universityCode)::text IS NULL OR u.credit_code = \(universityCode))
            ORDER BY u.name COLLATE "zh-x-icu"
            """, trainee(from:))
    }

    /// Sorted by university, then name, in pinyin order.
    public func trainees(_ filter: TraineeFilter) async throws -> [TraineeRecord] {
        try await rows("""
            SELECT \(unescaped: Self.traineeColumns) FROM \(unescaped: Self.traineeJoins)
            WHERE (\(filter.cohortYear.map(Int32.init))::int IS NULL OR c.intake_year = \(filter.cohortYear.map(Int32.init)))
              AND (\(filter.universityCode)::text IS NULL OR u.credit_code = \(filter.universityCode))
              AND (\(filter.status?.rawValue)::text IS NULL OR t.status = \(filter.status?.rawValue))
            ORDER BY u.name COLLATE "zh-x-icu", t.name COLLATE "zh-x-icu", t.student_number
            LIMIT \(filter.limit)
            """, trainee(from:))
    }

    /// Ids of trainees of a cohort by (university credit code, student number).
    public func traineeIDs(cohortID: Int64) async throws -> [TraineeKey: Int64] {
        let pairs = try await rows("""
            SELECT u.credit_code, t.student_number, t.id FROM trainees t JOIN organisations u ON u.id = t.university_id
            WHERE t.cohort_id = \(cohortID)
            """) { row in
            (TraineeKey(universityCode: try row.value("credit_code"), studentNumber: try row.value("student_number")),
             try row.value("id", as: Int64.self))
        }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    /// Identity keys already enrolled in the cohort, with the trainee's student number.
    public func enrolledIdentities(cohortID: Int64, _ keys: [String]) async throws -> [String: String] {
        guard !keys.isEmpty else { return [:] }
        let pairs = try await rows("""
            SELECT identity_key, student_number FROM trainees WHERE cohort_id = \(cohortID) AND identity_key = ANY(\(keys))
            """) { row in (try row.value("identity_key", as: String.self), try row.value("student_number", as: String.self)) }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    /// Changes the status (the trigger checks the transition), with the withdrawal fields.
    public func updateTraineeStatus(id: Int64, to status: TraineeStatus, withdrawnOn: CalendarDate? = nil,
                                    reason: String? = nil) async throws {
        try await query("""
            UPDATE trainees SET status = \(status.rawValue), withdrawn_on = \(withdrawnOn?.description)::date,
                withdrawal_reason = \(reason)
            WHERE id = \(id)
            """)
    }

    /// Universities (kind `university`) by credit code or exact name.
    public func universityIDs(references: [String]) async throws -> [String: Int64] {
        guard !references.isEmpty else { return [:] }
        let rows = try await rows("""
            SELECT id, credit_code, name FROM organisations
            WHERE kind = 'university' AND (credit_code = ANY(\(references)) OR name = ANY(\(references)))
            """) { row in
            (try row.value("id", as: Int64.self), try row.value("credit_code", as: String.self),
             try row.value("name", as: String.self))
        }
        var result: [String: Int64] = [:]
        var ambiguousNames: Set<String> = []
        for (id, code, name) in rows {
            result[code] = id
            if result[name] != nil && result[name] != id { ambiguousNames.insert(name) }
            result[name] = id
        }
        for name in ambiguousNames { result[name] = nil }
        return result
    }
}

/// A trainee named the way files name them: university credit code and student number.
public struct TraineeKey: Hashable, Sendable, Codable {
    public var universityCode: String
    public var studentNumber: String

    public init(universityCode: String, studentNumber: String) {
        self.universityCode = universityCode
        self.studentNumber = studentNumber
    }
}
