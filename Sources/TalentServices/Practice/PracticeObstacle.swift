import TalentRules

/// One thing that stands in the way of a trainee's completion, with the step that removes it.
public struct PracticeObstacle: Sendable, Equatable, Encodable, CustomStringConvertible {
    /// What is missing, e.g. `the mid-term stage report is missing`.
    public var reason: String
    /// What supplies it; nil when nothing can (a failed assessment) or only time can (too short).
    public var next: NextStep?

    init(_ obstacle: CompletionObstacle) {
        reason = obstacle.description
        next = Self.step(obstacle)
    }

    /// The reason and the step in words that name no command.
    public var description: String {
        next.map { ServiceError.message(reason, then: $0.description) } ?? reason
    }

    static func step(_ obstacle: CompletionObstacle) -> NextStep? {
        switch obstacle {
        case .notStarted: .startPractice
        case let .missingStageReport(stage): .submitStageReport(stage: stage)
        case .missingFinalAssessment: .assessPractice
        case .tooShort, .failedFinalAssessment: nil
        }
    }
}
