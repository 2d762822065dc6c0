import Foundation
import TalentDomain

/// The two stage checks of a practice.
public enum PracticeStage: String, Sendable, Codable, CaseIterable {
    case midTerm = "mid-term"
    case final
}

/// A mentor's grade on a stage report: 优秀, 良好, 合格, 不合格.
public enum MentorGrade: String, Sendable, Codable, CaseIterable {
    case excellent, good, pass, fail
}

public enum AssessmentResult: String, Sendable, Codable, CaseIterable {
    case pass, fail
}

/// Award levels of cooperation projects.
public enum AwardLevel: String, Sendable, Codable, CaseIterable {
    case national
    case provincialMinisterial = "provincial-ministerial"
    case city
}

/// A partner university and one of its degree programmes (fields).
public struct ProgrammeRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var universityCode: String
    public var universityName: String
    public var field: String
    public var fieldEn: String?
}

/// A cohort named by intake year (2021级), with its practice window.
public struct CohortRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var intakeYear: Int
    public var name: String
    public var practiceStart: CalendarDate
    public var practiceEnd: CalendarDate
    public var trainees: Int
    public var matchedAt: Date?
}

public struct NewTrainee: Sendable, Codable {
    public var cohortID: Int64
    public var universityID: Int64
    public var programmeID: Int64
    public var studentNumber: String
    public var name: String
    public var identityKey: String
    public var mobile: String?
    public var directFromBachelor: Bool
    public var campusSupervisor: String

    public init(cohortID: Int64, universityID: Int64, programmeID: Int64, studentNumber: String, name: String,
                identityKey: String, mobile: String?, directFromBachelor: Bool, campusSupervisor: String) {
        self.cohortID = cohortID
        self.universityID = universityID
        self.programmeID = programmeID
        self.studentNumber = studentNumber
        self.name = name
        self.identityKey = identityKey
        self.mobile = mobile
        self.directFromBachelor = directFromBachelor
        self.campusSupervisor = campusSupervisor
    }
}

/// A trainee with the names a roster needs, and the placement if there is one.
public struct TraineeRecord: Sendable, Codable, Equatable {
    public struct Placement: Sendable, Codable, Equatable {
        public var id: Int64
        public var positionCode: String
        public var positionTitle: String
        public var enterpriseCode: String
        public var enterpriseName: String
        public var mentorID: Int64?
        public var mentorName: String?
        public var startOn: CalendarDate
        public var endOn: CalendarDate
        public var startedOn: CalendarDate?
        public var completedOn: CalendarDate?
    }

    public var id: Int64
    public var cohortYear: Int
    public var cohortName: String
    public var universityCode: String
    public var universityName: String
    public var field: String
    public var studentNumber: String
    public var name: String
    public var identityKey: IdentityOnRecord
    public var mobile: MobileOnRecord?
    public var directFromBachelor: Bool
    public var campusSupervisor: String
    public var status: TraineeStatus
    public var withdrawnOn: CalendarDate?
    public var withdrawalReason: String?
    public var placement: Placement?
}

public struct TraineeFilter: Sendable {
    public var cohortYear: Int?
    public var universityCode: String?
    public var status: TraineeStatus?
    public var limit: Int

    public init(cohortYear: Int? = nil, universityCode: String? = nil, status: TraineeStatus? = nil, limit: Int = 10_000) {
        self.cohortYear = cohortYear
        self.universityCode = universityCode
        self.status = status
        self.limit = limit
    }
}

public struct NewHostPosition: Sendable, Codable {
    public var cohortID: Int64
    public var enterpriseID: Int64
    public var code: String
    public var title: String
    public var capacity: Int
    public var topic: String?
    public var skills: String?

    public init(cohortID: Int64, enterpriseID: Int64, code: String, title: String, capacity: Int, topic: String?,
                skills: String?) {
        self.cohortID = cohortID
        self.enterpriseID = enterpriseID
        self.code = code
        self.title = title
        self.capacity = capacity
        self.topic = topic
        self.skills = skills
    }
}

/// A position an enterprise offers a cohort.
public struct HostPositionRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var cohortYear: Int
    public var code: String
    public var enterpriseCode: String
    public var enterpriseName: String
    public var title: String
    public var capacity: Int
    public var topic: String?
    public var skills: String?
    /// Placements made into this position.
    public var placed: Int
}

public struct StageReportRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var placementID: Int64
    public var stage: PracticeStage
    public var mentorGrade: MentorGrade
    public var submittedOn: CalendarDate
    public var summary: String?
}

public struct FinalAssessmentRecord: Sendable, Codable, Equatable {
    public var placementID: Int64
    public var result: AssessmentResult
    public var reportTitle: String
    public var assessedOn: CalendarDate

    public init(placementID: Int64, result: AssessmentResult, reportTitle: String, assessedOn: CalendarDate) {
        self.placementID = placementID
        self.result = result
        self.reportTitle = reportTitle
        self.assessedOn = assessedOn
    }
}

/// A committed matching of a cohort.
public struct CohortMatchingRecord: Sendable, Codable, Equatable {
    public var cohortID: Int64
    /// The instance document (JSON text, keys sorted).
    public var instance: String
    public var instanceSHA256: String
    public var traineesPlaced: Int
    public var actor: String
    public var committedAt: Date
}

/// 产学研合作项目, with its partners and people.
public struct CooperationProjectRecord: Sendable, Codable, Equatable {
    public struct Member: Sendable, Codable, Equatable {
        public var id: Int64
        public var name: String
    }

    public var id: Int64
    public var title: String
    public var enterpriseCode: String
    public var enterpriseName: String
    public var startYear: Int
    public var partners: [Member]
    public var trainees: [Member]
    public var mentors: [Member]
    public var awards: Int
    public var problemsSolved: Int
}

public struct TechnicalProblemRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var enterpriseCode: String
    public var enterpriseName: String
    public var title: String
    public var posedOn: CalendarDate
    public var solvedOn: CalendarDate?
    public var solvedByProjectID: Int64?
    public var solvedByProjectTitle: String?
}

public struct ProjectAwardRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var projectID: Int64
    public var projectTitle: String
    public var level: AwardLevel
    public var year: Int
    public var name: String
}
