import Foundation
import PostgresNIO
import TalentDomain

/// Cooperation projects (产学研合作项目), technical problems and project awards.
extension StoreSession {
    public func insertProject(title: String, enterpriseID: Int64, startYear: Int, partnerIDs: [Int64],
                              traineeIDs: [Int64], mentorIDs: [Int64]) async throws -> CooperationProjectRecord {
        let id = try await firstRow("""
            INSERT INTO cooperation_projects (title, enterprise_id, start_year)
            VALUES (\(title), \(enterpriseID), \(Int32(startYear))) RETURNING id
            """) { try $0.value("id", as: Int64.self) }
        guard let id else { throw StoreError.internal("INSERT … RETURNING gave no row") }
        if !partnerIDs.isEmpty {
            try await query("""
                INSERT INTO cooperation_project_partners (project_id, organisation_id)
                SELECT \(id), unnest(\(partnerIDs)::bigint[])
                """)
        }
        if !traineeIDs.isEmpty {
            try await query("""
                INSERT INTO cooperation_project_trainees (project_id, trainee_id) SELECT \(id), unnest(\(traineeIDs)::bigint[])
                """)
        }
        if !mentorIDs.isEmpty {
            try await query("""
                INSERT INTO cooperation_project_mentors (project_id, talent_id) SELECT \(id), unnest(\(mentorIDs)::bigint[])
                """)
        }
        guard let record = try await projects(id: id).first else {
            throw StoreError.internal("the new project could not be read back")
        }
        return record
    }

    /// One project (`id`) or all, by start year then title in pinyin order.
    /// Whether the enterprise already has a project with this title (one indexed lookup).
    public func projectExists(title: String, enterpriseID: Int64) async throws -> Bool {
        try await firstRow("""
            SELECT 1 AS one FROM cooperation_projects WHERE enterprise_id = \(enterpriseID) AND title = \(title)
            """) { _ in true } ?? false
    }

    public func projects(id: Int64? = nil) async throws -> [CooperationProjectRecord] {
        let members = """
            coalesce((SELECT json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY o.name COLLATE "zh-x-icu")
                      FROM cooperation_project_partners x JOIN organisations o ON o.id = x.organisation_id
                      WHERE x.project_id = p.id), '[]')::text AS partners,
            coalesce((SELECT json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY t.name COLLATE "zh-x-icu")
                      FROM cooperation_project_trainees x JOIN trainees t ON t.id = x.trainee_id
                      WHERE x.project_id = p.id), '[]')::text AS trainees,
            coalesce((SELECT json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY t.name COLLATE "zh-x-icu")
                      FROM cooperation_project_mentors x JOIN talents t ON t.id = x.talent_id
                      WHERE x.project_id = p.id), '[]')::text AS mentors
            """
        return try await rows("""
            SELECT p.id, p.title, e.credit_code, e.name AS enterprise_name, p.start_year, \(unescaped: members),
                   (SELECT count(*) FROM project_awards a WHERE a.project_id = p.id) AS awards,
                   (SELECT count(*) FROM technical_problems tp WHERE tp.solved_by_project_id = p.id) AS solved
            FROM cooperation_projects p JOIN organisations e ON e.id = p.enterprise_id
            WHERE (\(id)::bigint IS NULL OR p.id = \(id))
            ORDER BY p.start_year, p.title COLLATE "zh-x-icu", p.id
            """) { row in
            CooperationProjectRecord(
                id: try row.value("id"), title: try row.value("title"), enterpriseCode: try row.value("credit_code"),
                enterpriseName: try row.value("enterprise_name"),
                startYear: Int(try row.value("start_year", as: Int32.self)),
                partners: try Self.members(row, "partners"), trainees: try Self.members(row, "trainees"),
                mentors: try Self.members(row, "mentors"), awards: Int(try row.value("awards", as: Int64.self)),
                problemsSolved: Int(try row.value("solved", as: Int64.self)))
        }
    }

    private static func members(_ row: RowReader, _ column: String) throws -> [CooperationProjectRecord.Member] {
        let text: String = try row.value(column)
        do {
            return try JSONDecoder().decode([CooperationProjectRecord.Member].self, from: Data(text.utf8))
        } catch {
            throw StoreError.internal("column \(column) holds unreadable JSON: \(error)")
        }
    }

    // MARK: Technical problems

    static let problemColumns = """
        tp.id, e.credit_code, e.name AS enterprise_name, tp.title, tp.posed_on::text AS posed_on,
        tp.solved_on::text AS solved_on, tp.solved_by_project_id, p.title AS project_title
        """

    func problem(from row: RowReader) throws -> TechnicalProblemRecord {
        TechnicalProblemRecord(
            id: try row.value("id"), enterpriseCode: try row.value("credit_code"),
            enterpriseName: try row.value("enterprise_name"), title: try row.value("title"),
            posedOn: try row.date("posed_on") ?? CalendarDate(daysSinceEpoch: 0), solvedOn: try row.date("solved_on"),
            solvedByProjectID: try row.value("solved_by_project_id"), solvedByProjectTitle: try row.value("project_title"))
    }

    public func insertProblem(enterpriseID: Int64, title: String, posedOn: CalendarDate) async throws -> TechnicalProblemRecord {
        let id = try await firstRow("""
            INSERT INTO technical_problems (enterprise_id, title, posed_on)
            VALUES (\(enterpriseID), \(title), \(posedOn.description)::date) RETURNING id
            """) { try $0.value("id", as: Int64.self) }
        guard let id, let record = try await problem(id: id) else {
            throw StoreError.internal("the new problem could not be read back")
        }
        return record
    }

    public func problem(id: Int64, forUpdate: Bool = false) async throws -> TechnicalProblemRecord? {
        try await firstRow("""
            SELECT \(unescaped: Self.problemColumns)
            FROM technical_problems tp JOIN organisations e ON e.id = tp.enterprise_id
            LEFT JOIN cooperation_projects p ON p.id = tp.solved_by_project_id
            WHERE tp.id = \(id) \(unescaped: forUpdate ? "FOR UPDATE OF tp" : "")
            """, problem(from:))
    }

    /// `solved`: nil for all, true for solved ones, false for open ones.
    public func problems(solved: Bool?) async throws -> [TechnicalProblemRecord] {
        try await rows("""
            SELECT \(unescaped: Self.problemColumns)
            FROM technical_problems tp JOIN organisations e ON e.id = tp.enterprise_id
            LEFT JOIN cooperation_projects p ON p.id = tp.solved_by_project_id
            WHERE (\(solved)::boolean IS NULL OR (tp.solved_on IS NOT NULL) = \(solved))
            ORDER BY tp.posed_on, tp.id
            """, problem(from:))
    }

    public func solveProblem(id: Int64, projectID: Int64, on date: CalendarDate) async throws {
        try await query("""
            UPDATE technical_problems SET solved_on = \(date.description)::date, solved_by_project_id = \(projectID)
            WHERE id = \(id)
            """)
    }

    // MARK: Awards

    public func insertAward(projectID: Int64, level: AwardLevel, year: Int, name: String) async throws -> ProjectAwardRecord {
        let id = try await firstRow("""
            INSERT INTO project_awards (project_id, level, year, name)
            VALUES (\(projectID), \(level.rawValue), \(Int32(year)), \(name)) RETURNING id
            """) { try $0.value("id", as: Int64.self) }
        guard let id, let record = try await awards().first(where: { $0.id == id }) else {
            throw StoreError.internal("the new award could not be read back")
        }
        return record
    }

    /// By year, then level (national first).
    public func awards(projectID: Int64? = nil) async throws -> [ProjectAwardRecord] {
        try await rows("""
            SELECT a.id, a.project_id, p.title, a.level, a.year, a.name
            FROM project_awards a JOIN cooperation_projects p ON p.id = a.project_id
            WHERE (\(projectID)::bigint IS NULL OR a.project_id = \(projectID))
            ORDER BY a.year, array_position(ARRAY['national', 'provincial-ministerial', 'city'], a.level), a.id
            """) { row in
            ProjectAwardRecord(
                id: try row.value("id"), projectID: try row.value("project_id"), projectTitle: try row.value("title"),
                level: try row.term("level", as: AwardLevel.self) ?? .city,
                year: Int(try row.value("year", as: Int32.self)), name: try row.value("name"))
        }
    }

    /// Organisation ids by credit code with their kinds (for checking partners and enterprises).
    public func organisationKinds(creditCodes: [String]) async throws -> [String: (id: Int64, kind: OrganisationKind, name: String)] {
        guard !creditCodes.isEmpty else { return [:] }
        let found = try await rows("""
            SELECT credit_code, id, kind, name FROM organisations WHERE credit_code = ANY(\(creditCodes))
            """) { row in
            (try row.value("credit_code", as: String.self), try row.value("id", as: Int64.self),
             try row.term("kind", as: OrganisationKind.self) ?? .enterprise, try row.value("name", as: String.self))
        }
        var result: [String: (id: Int64, kind: OrganisationKind, name: String)] = [:]
        for (code, id, kind, name) in found { result[code] = (id, kind, name) }
        return result
    }
}
