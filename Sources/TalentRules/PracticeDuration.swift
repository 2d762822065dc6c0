import TalentDomain

/// The practice-duration policy of the graduate practice base, and the completion rule built on it.
///
/// MOE 2009 opinions on full-time professional master's degrees: at least half a year of practice;
/// students who entered straight from a bachelor's degree normally at least one year (DOMAIN.md §3).
/// Parameters, not constants: they are Codable so the versioned policy can carry them.
public struct PracticeDuration: Sendable, Codable, Equatable {
    /// Minimum months of practice for a student with work experience before the master's.
    public var minimumMonths: Int
    /// Minimum months of practice for a student who came straight from a bachelor's degree.
    public var minimumMonthsDirectFromBachelor: Int

    public init(minimumMonths: Int, minimumMonthsDirectFromBachelor: Int) {
        self.minimumMonths = minimumMonths
        self.minimumMonthsDirectFromBachelor = minimumMonthsDirectFromBachelor
    }

    /// 6 months; 12 months straight from a bachelor's degree.
    public static let standard = PracticeDuration(minimumMonths: 6, minimumMonthsDirectFromBachelor: 12)

    /// The months of practice a trainee needs.
    public func requiredMonths(directFromBachelor: Bool) -> Int {
        directFromBachelor ? minimumMonthsDirectFromBachelor : minimumMonths
    }

    /// The first day on which a practice that started on `start` is long enough
    /// (6 months from 2026-09-01 is 2027-03-01; from 2026-08-31, 2027-02-28).
    public func earliestCompletion(startedOn start: CalendarDate, directFromBachelor: Bool) -> CalendarDate {
        start.adding(months: requiredMonths(directFromBachelor: directFromBachelor))
    }

    /// Everything that stands in the way of completing on `date`; empty means completion is allowed.
    public func obstacles(to progress: PracticeProgress, on date: CalendarDate) -> [CompletionObstacle] {
        var obstacles: [CompletionObstacle] = []
        if let start = progress.startedOn {
            let required = requiredMonths(directFromBachelor: progress.directFromBachelor)
            let earliest = earliestCompletion(startedOn: start, directFromBachelor: progress.directFromBachelor)
            if date < earliest {
                obstacles.append(.tooShort(
                    requiredMonths: required, servedMonths: max(0, start.months(until: date)), earliest: earliest,
                    directFromBachelor: progress.directFromBachelor))
            }
        } else {
            obstacles.append(.notStarted)
        }
        if !progress.hasMidTermReport { obstacles.append(.missingStageReport(stage: "mid-term")) }
        if !progress.hasFinalReport { obstacles.append(.missingStageReport(stage: "final")) }
        switch progress.finalAssessmentPassed {
        case nil: obstacles.append(.missingFinalAssessment)
        case false?: obstacles.append(.failedFinalAssessment)
        case true?: break
        }
        return obstacles
    }
}

/// What the completion rule needs to know about one trainee's practice.
public struct PracticeProgress: Sendable, Equatable {
    public var startedOn: CalendarDate?
    public var directFromBachelor: Bool
    public var hasMidTermReport: Bool
    public var hasFinalReport: Bool
    /// nil: no final assessment recorded yet.
    public var finalAssessmentPassed: Bool?

    public init(startedOn: CalendarDate?, directFromBachelor: Bool, hasMidTermReport: Bool, hasFinalReport: Bool,
                finalAssessmentPassed: Bool?) {
        self.startedOn = startedOn
        self.directFromBachelor = directFromBachelor
        self.hasMidTermReport = hasMidTermReport
        self.hasFinalReport = hasFinalReport
        self.finalAssessmentPassed = finalAssessmentPassed
    }
}

/// One reason completion is refused: what is missing (the services pair each with the step that supplies it).
public enum CompletionObstacle: Sendable, Equatable, CustomStringConvertible {
    case notStarted
    case tooShort(requiredMonths: Int, servedMonths: Int, earliest: CalendarDate, directFromBachelor: Bool)
    case missingStageReport(stage: String)
    case missingFinalAssessment
    case failedFinalAssessment

    public var description: String {
        switch self {
        case .notStarted:
            "the practice has not started"
        case let .tooShort(required, served, earliest, direct):
            "the practice lasted \(served) of the required \(required) months"
                + (direct ? " (straight from a bachelor's degree)" : "") + "; complete on or after \(earliest)"
        case let .missingStageReport(stage):
            "the \(stage) stage report is missing"
        case .missingFinalAssessment:
            "the final assessment is missing"
        case .failedFinalAssessment:
            "the final assessment was failed; a failed practice cannot be completed"
        }
    }
}
