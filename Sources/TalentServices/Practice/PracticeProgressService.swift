import Foundation
import TalentDomain
import TalentRules
import TalentStore

/// A trainee with the outcome of the practice so far.
public struct TraineeDetail: Sendable, Encodable, Equatable {
    public var trainee: TraineeRecord
    public var stageReports: [StageReportRecord]
    public var finalAssessment: FinalAssessmentRecord?
    /// The practice months the policy asks of this trainee.
    public var requiredMonths: Int
    /// What still stands in the way of completion on the day asked (empty once completed or if it may complete).
    public var completionObstacles: [PracticeObstacle]
}

/// The practice itself: start with a mentor, stage reports, the final assessment, completion and
/// withdrawal. Each step is one audited transaction; the database checks the status transitions too.
extension PracticeBaseService {
    /// Starts the practice of a placed trainee with an enterprise mentor: a registered talent employed
    /// by the host enterprise (identity key of the talent).
    /// `date` may not be after `today` (as for every step below).
    public func start(_ reference: TraineeReference, mentorIdentity: String, on date: CalendarDate = .today(),
                      today: CalendarDate = .today(), actor: Principal) async throws(ServiceError) -> TraineeRecord {
        _ = try AccessTable.authorize(.practiceManage, actor)
        try date.requireHappened(by: today, "the start of a practice")
        return try await step(reference, action: "start", actor: actor) { before, session in
            try Self.require(before, in: .placed, to: "start the practice")
            guard let placement = before.placement else { throw ServiceError.internal(before) }
            guard let mentor = try await session.talent(identityKey: mentorIdentity) else {
                throw ServiceError.notFound(
                    "no talent is registered with identity \(PersonalDataMask.identity(mentorIdentity)); the mentor must be a registered talent",
                    next: .registerTalent)
            }
            guard mentor.employer?.creditCode == placement.enterpriseCode else {
                throw ServiceError.refused(
                    "\(mentor.name) works for \(mentor.employer?.name ?? "no registered employer"), not for the host enterprise "
                        + "\(placement.enterpriseName); the enterprise mentor must be a talent employed by the host enterprise")
            }
            if date < placement.startOn || date > placement.endOn {
                throw ServiceError.refused(
                    "\(date) is outside the \(before.cohortName) practice window \(placement.startOn) – \(placement.endOn)")
            }
            try await session.startPlacement(id: placement.id, mentorID: mentor.id, on: date)
            try await session.updateTraineeStatus(id: before.id, to: .inPractice)
            return nil
        }
    }

    /// Records the mid-term or final stage report with the mentor's grade (once per stage).
    public func submitReport(_ reference: TraineeReference, stage: PracticeStage, grade: MentorGrade,
                             on date: CalendarDate = .today(), summary: String? = nil, today: CalendarDate = .today(),
                             actor: Principal) async throws(ServiceError) -> StageReportRecord {
        _ = try AccessTable.authorize(.practiceManage, actor)
        try date.requireHappened(by: today, "a stage report")
        return try await run {
            try await store.write { session in
                let trainee = try await Self.trainee(reference, session, forUpdate: true)
                try Self.require(trainee, in: .inPractice, to: "submit a stage report")
                guard let placement = trainee.placement, let started = placement.startedOn else { throw ServiceError.internal(trainee) }
                guard date >= started else {
                    throw ServiceError.refused("\(date) is before the practice started (\(started))")
                }
                let existing = try await session.stageReports(placementID: placement.id)
                if let earlier = existing.first(where: { $0.stage == stage }) {
                    throw ServiceError.duplicate("\(trainee.name)'s \(stage.rawValue) report was submitted on \(earlier.submittedOn)")
                }
                if stage == .final, !existing.contains(where: { $0.stage == .midTerm }) {
                    throw ServiceError.refused("\(trainee.name) has no mid-term report yet; submit it before the final one")
                }
                let record = try await session.insertStageReport(
                    placementID: placement.id, stage: stage, grade: grade, on: date, summary: summary?.trimmed.nonEmpty)
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "practice.report.submit", entityType: "trainee", entityID: String(trainee.id),
                    before: Optional<StageReportRecord>.none, after: record))
                return record
            }
        }
    }

    /// Records the final assessment (pass or fail, with the title of the practice report).
    public func assess(_ reference: TraineeReference, result: AssessmentResult, reportTitle: String,
                       on date: CalendarDate = .today(), today: CalendarDate = .today(),
                       actor: Principal) async throws(ServiceError) -> FinalAssessmentRecord {
        _ = try AccessTable.authorize(.practiceManage, actor)
        try date.requireHappened(by: today, "a final assessment")
        guard let title = reportTitle.trimmed.nonEmpty else {
            throw .invalid(ValidationError(field: "title", value: reportTitle, reason: "is empty",
                                           hint: "give the title of the practice report"))
        }
        return try await run {
            try await store.write { session in
                let trainee = try await Self.trainee(reference, session, forUpdate: true)
                try Self.require(trainee, in: .inPractice, to: "record the final assessment")
                guard let placement = trainee.placement else { throw ServiceError.internal(trainee) }
                if let earlier = try await session.finalAssessment(placementID: placement.id) {
                    throw ServiceError.duplicate(
                        "\(trainee.name) was assessed on \(earlier.assessedOn) (\(earlier.result.rawValue))")
                }
                let record = FinalAssessmentRecord(placementID: placement.id, result: result, reportTitle: title, assessedOn: date)
                try await session.insertFinalAssessment(record)
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "practice.assess", entityType: "trainee", entityID: String(trainee.id),
                    before: Optional<FinalAssessmentRecord>.none, after: record))
                return record
            }
        }
    }

    /// Completes the practice; refused, with every reason, while the duration (per the policy), a stage
    /// report or a passed final assessment is missing.
    public func complete(_ reference: TraineeReference, on date: CalendarDate = .today(), today: CalendarDate = .today(),
                         actor: Principal) async throws(ServiceError) -> TraineeRecord {
        _ = try AccessTable.authorize(.practiceManage, actor)
        try date.requireHappened(by: today, "a completion")
        return try await step(reference, action: "complete", actor: actor) { before, session in
            try Self.require(before, in: .inPractice, to: "complete the practice")
            let (duration, inForce) = try await duration(on: date, session)
            let obstacles = try await obstacles(for: before, on: date, duration: duration, session)
            guard obstacles.isEmpty else {
                throw ServiceError.refused(
                    "\(before.name) (\(before.studentNumber)) cannot complete on \(date): "
                        + obstacles.map(\.description).joined(separator: "; "),
                    next: obstacles.lazy.compactMap(PracticeObstacle.step).first)
            }
            guard let placement = before.placement else { throw ServiceError.internal(before) }
            try await session.completePlacement(id: placement.id, on: date)
            try await session.updateTraineeStatus(id: before.id, to: .completed)
            return inForce?.stamp
        }
    }

    /// Withdraws a trainee (from any state before completion), with the reason.
    public func withdraw(_ reference: TraineeReference, reason: String, on date: CalendarDate = .today(),
                         today: CalendarDate = .today(), actor: Principal) async throws(ServiceError) -> TraineeRecord {
        _ = try AccessTable.authorize(.practiceManage, actor)
        try date.requireHappened(by: today, "a withdrawal")
        guard let reason = reason.trimmed.nonEmpty else {
            throw .invalid(ValidationError(field: "reason", value: reason, reason: "is empty",
                                           hint: "say why the trainee leaves the base"))
        }
        return try await step(reference, action: "withdraw", actor: actor) { before, session in
            guard before.status.canChange(to: .withdrawn) else {
                throw ServiceError.refused("\(before.name) is \(before.status.rawValue); a \(before.status.rawValue) trainee cannot withdraw")
            }
            try await session.updateTraineeStatus(id: before.id, to: .withdrawn, withdrawnOn: date, reason: reason)
            return reason
        }
    }

    // MARK: Shared

    /// Runs one status step in a transaction: lock, change, read back, audit (`body` returns the audit reason).
    private func step(
        _ reference: TraineeReference, action: String, actor: Principal,
        _ body: @escaping @Sendable (TraineeRecord, StoreSession) async throws -> String?
    ) async throws(ServiceError) -> TraineeRecord {
        try await run {
            try await store.write { session in
                let before = try await Self.trainee(reference, session, forUpdate: true)
                let reason = try await body(before, session)
                guard let after = try await session.trainee(id: before.id) else { throw ServiceError.internal(before) }
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "practice.\(action)", entityType: "trainee", entityID: String(before.id),
                    before: before, after: after, reason: reason))
                return after
            }
        }
    }

    static func require(_ trainee: TraineeRecord, in status: TraineeStatus, to action: String) throws(ServiceError) {
        guard trainee.status == status else {
            let hint: String = switch trainee.status {
            case .enrolled: "the trainee has no placement yet"
            case .placed: "the practice has not started"
            case .inPractice: "the practice is under way"
            case .completed: "the practice is already completed"
            case .withdrawn: "the trainee withdrew on \(trainee.withdrawnOn?.description ?? "?")"
            }
            let next: NextStep? = switch trainee.status {
            case .enrolled: .commitMatching
            case .placed: .startPractice
            case .inPractice, .completed, .withdrawn: nil
            }
            throw .refused("cannot \(action) for \(trainee.name) (\(trainee.studentNumber)): \(hint)", next: next)
        }
    }

    func obstacles(for trainee: TraineeRecord, on date: CalendarDate, duration: PracticeDuration,
                   _ session: StoreSession) async throws -> [CompletionObstacle] {
        guard let placement = trainee.placement else { return [.notStarted] }
        let reports = try await session.stageReports(placementID: placement.id)
        let assessment = try await session.finalAssessment(placementID: placement.id)
        return duration.obstacles(
            to: PracticeProgress(
                startedOn: placement.startedOn, directFromBachelor: trainee.directFromBachelor,
                hasMidTermReport: reports.contains { $0.stage == .midTerm },
                hasFinalReport: reports.contains { $0.stage == .final },
                finalAssessmentPassed: assessment.map { $0.result == .pass }),
            on: date)
    }

    func detail(of trainee: TraineeRecord, on date: CalendarDate, _ session: StoreSession) async throws -> TraineeDetail {
        var reports: [StageReportRecord] = []
        var assessment: FinalAssessmentRecord?
        if let placement = trainee.placement {
            reports = try await session.stageReports(placementID: placement.id)
            assessment = try await session.finalAssessment(placementID: placement.id)
        }
        let (duration, _) = try await duration(on: date, session)
        let obstacles = [.completed, .withdrawn].contains(trainee.status)
            ? [] : try await obstacles(for: trainee, on: date, duration: duration, session).map(PracticeObstacle.init)
        return TraineeDetail(
            trainee: trainee, stageReports: reports, finalAssessment: assessment,
            requiredMonths: duration.requiredMonths(directFromBachelor: trainee.directFromBachelor),
            completionObstacles: obstacles)
    }
}

extension ServiceError {
    /// A state the database should have made impossible.
    static func `internal`(_ trainee: TraineeRecord) -> ServiceError {
        .store(.internal("trainee #\(trainee.id) is \(trainee.status.rawValue) but its placement record is incomplete"))
    }
}
