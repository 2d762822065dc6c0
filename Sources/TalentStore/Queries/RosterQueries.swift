import Foundation
import PostgresNIO
import TalentDomain

/// Which trainees of a cohort a roster lists. Each reference is a credit code (identity number for
/// a mentor) or an exact registered name; nil means no restriction.
public struct RosterFilter: Sendable, Equatable {
    public var cohortYear: Int
    public var university: String?
    public var enterprise: String?
    public var mentor: String?

    public init(cohortYear: Int, university: String? = nil, enterprise: String? = nil, mentor: String? = nil) {
        self.cohortYear = cohortYear
        self.university = university
        self.enterprise = enterprise
        self.mentor = mentor
    }
}

/// One line of a trainee roster: everything a base office prints about a trainee, masked until a service reveals it.
public struct RosterRow: Sendable, Codable, Equatable {
    public var traineeID: Int64
    public var studentNumber: String
    public var name: String
    /// The resident identity number, or NATIONALITY:PASSPORT.
    public var identityKey: IdentityOnRecord
    public var mobile: MobileOnRecord?
    public var universityCode: String
    public var universityName: String
    public var field: String
    public var cohortYear: Int
    public var cohortName: String
    public var directFromBachelor: Bool
    public var campusSupervisor: String
    public var mentorName: String?
    public var enterpriseCode: String?
    public var enterpriseName: String?
    public var positionCode: String?
    public var positionTitle: String?
    /// Titles of the cooperation projects the trainee takes part in, in pinyin order.
    public var projects: [String]
    /// The planned window of the placement (from the cohort).
    public var startOn: CalendarDate?
    public var endOn: CalendarDate?
    /// What happened: the actual start and completion.
    public var startedOn: CalendarDate?
    public var completedOn: CalendarDate?
    public var status: TraineeStatus
    public var withdrawalReason: String?
    public var midTermGrade: MentorGrade?
    public var finalGrade: MentorGrade?
    public var assessment: AssessmentResult?
    public var reportTitle: String?

    public init(traineeID: Int64, studentNumber: String, name: String, identityKey: IdentityOnRecord, mobile: MobileOnRecord?,
                universityCode: String, universityName: String, field: String, cohortYear: Int, cohortName: String,
                directFromBachelor: Bool, campusSupervisor: String, mentorName: String? = nil,
                enterpriseCode: String? = nil, enterpriseName: String? = nil, positionCode: String? = nil,
                positionTitle: String? = nil, projects: [String] = [], startOn: CalendarDate? = nil,
                endOn: CalendarDate? = nil, startedOn: CalendarDate? = nil, completedOn: CalendarDate? = nil,
                status: TraineeStatus, withdrawalReason: String? = nil, midTermGrade: MentorGrade? = nil,
                finalGrade: MentorGrade? = nil, assessment: AssessmentResult? = nil, reportTitle: String? = nil) {
        self.traineeID = traineeID
        self.studentNumber = studentNumber
        self.name = name
        self.identityKey = identityKey
        self.mobile = mobile
        self.universityCode = universityCode
        self.universityName = universityName
        self.field = field
        self.cohortYear = cohortYear
        self.cohortName = cohortName
        self.directFromBachelor = directFromBachelor
        self.campusSupervisor = campusSupervisor
        self.mentorName = mentorName
        self.enterpriseCode = enterpriseCode
        self.enterpriseName = enterpriseName
        self.positionCode = positionCode
        self.positionTitle = positionTitle
        self.projects = projects
        self.startOn = startOn
        self.endOn = endOn
        self.startedOn = startedOn
        self.completedOn = completedOn
        self.status = status
        self.withdrawalReason = withdrawalReason
        self.midTermGrade = midTermGrade
        self.finalGrade = finalGrade
        self.assessment = assessment
        self.reportTitle = reportTitle
    }
}

/// An organisation or talent a roster filter names, as found.
public struct RosterReferent: Sendable, Equatable {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

extension StoreSession {
    /// The roster of one cohort in one query, sorted by university, then name, in pinyin order
    /// (ICU collation), then student number.
    public func roster(_ filter: RosterFilter) async throws -> [RosterRow] {
        let university = filter.university, enterprise = filter.enterprise, mentor = filter.mentor
        return try await rows("""
            SELECT t.id, t.student_number, t.name, t.identity_key, t.mobile, t.direct_from_bachelor,
                   t.campus_supervisor, t.status, t.withdrawal_reason,
                   c.intake_year, c.name AS cohort_name,
                   u.credit_code AS university_code, u.name AS university_name, p.field,
                   hp.code AS position_code, hp.title AS position_title,
                   e.credit_code AS enterprise_code, e.name AS enterprise_name, m.name AS mentor_name,
                   pl.start_on::text AS start_on, pl.end_on::text AS end_on,
                   pl.started_on::text AS started_on, pl.completed_on::text AS completed_on,
                   pj.projects,
                   mid.mentor_grade AS mid_term_grade, fin.mentor_grade AS final_grade,
                   fa.result AS assessment, fa.report_title
            FROM \(unescaped: Self.traineeJoins)
            LEFT JOIN stage_reports mid ON mid.placement_id = pl.id AND mid.stage = 'mid-term'
            LEFT JOIN stage_reports fin ON fin.placement_id = pl.id AND fin.stage = 'final'
            LEFT JOIN final_assessments fa ON fa.placement_id = pl.id
            -- The cohort's project titles per trainee, aggregated in one pass (not once per trainee).
            LEFT JOIN (
                SELECT ct.trainee_id, array_agg(cp.title ORDER BY cp.title COLLATE "zh-x-icu") AS projects
                FROM cooperation_project_trainees ct
                JOIN cooperation_projects cp ON cp.id = ct.project_id
                JOIN trainees pt ON pt.id = ct.trainee_id
                JOIN cohorts pc ON pc.id = pt.cohort_id
                WHERE pc.intake_year = \(Int32(filter.cohortYear))
                GROUP BY ct.trainee_id
            ) pj ON pj.trainee_id = t.id
            WHERE c.intake_year = \(Int32(filter.cohortYear))
              AND (\(university)::text IS NULL OR u.credit_code = upper(\(university)) OR u.name = \(university))
              AND (\(enterprise)::text IS NULL OR e.credit_code = upper(\(enterprise)) OR e.name = \(enterprise))
              AND (\(mentor)::text IS NULL OR m.identity_key = upper(\(mentor)) OR m.name = \(mentor))
            ORDER BY u.name COLLATE "zh-x-icu", t.name COLLATE "zh-x-icu", t.student_number
            """, rosterRow(from:))
    }

    func rosterRow(from row: RowReader) throws -> RosterRow {
        RosterRow(
            traineeID: try row.value("id"), studentNumber: try row.value("student_number"), name: try row.value("name"),
            identityKey: try row.value("identity_key"), mobile: try row.value("mobile"),
            universityCode: try row.value("university_code"), universityName: try row.value("university_name"),
            field: try row.value("field"), cohortYear: Int(try row.value("intake_year", as: Int32.self)),
            cohortName: try row.value("cohort_name"), directFromBachelor: try row.value("direct_from_bachelor"),
            campusSupervisor: try row.value("campus_supervisor"), mentorName: try row.value("mentor_name"),
            enterpriseCode: try row.value("enterprise_code"), enterpriseName: try row.value("enterprise_name"),
            positionCode: try row.value("position_code"), positionTitle: try row.value("position_title"),
            projects: try row.value("projects", as: [String]?.self) ?? [],
            startOn: try row.date("start_on"), endOn: try row.date("end_on"),
            startedOn: try row.date("started_on"), completedOn: try row.date("completed_on"),
            status: try row.term("status", as: TraineeStatus.self) ?? .enrolled,
            withdrawalReason: try row.value("withdrawal_reason"),
            midTermGrade: try row.term("mid_term_grade", as: MentorGrade.self),
            finalGrade: try row.term("final_grade", as: MentorGrade.self),
            assessment: try row.term("assessment", as: AssessmentResult.self),
            reportTitle: try row.value("report_title"))
    }

    /// Organisations of `kind` whose credit code (any case) or exact name is `reference`.
    public func rosterOrganisations(reference: String, kind: OrganisationKind) async throws -> [RosterReferent] {
        try await rows("""
            SELECT credit_code, name FROM organisations
            WHERE kind = \(kind.rawValue) AND (credit_code = upper(\(reference)) OR name = \(reference))
            ORDER BY credit_code
            """) { RosterReferent(code: try $0.value("credit_code"), name: try $0.value("name")) }
    }

    /// Talents whose identity key (any case) or exact name is `reference`.
    public func rosterMentors(reference: String) async throws -> [RosterReferent] {
        try await rows("""
            SELECT identity_key, name FROM talents
            WHERE identity_key = upper(\(reference)) OR name = \(reference)
            ORDER BY identity_key
            """) { RosterReferent(code: try $0.value("identity_key"), name: try $0.value("name")) }
    }
}
