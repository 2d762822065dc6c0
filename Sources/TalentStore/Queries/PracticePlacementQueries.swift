import Foundation
import PostgresNIO
import TalentDomain

/// Placements and what happens during a practice: start, stage reports, final assessment, completion.
extension StoreSession {
    /// Places trainees (trainee id → position id) for the cohort window, in one statement.
    /// The capacity trigger refuses an over-full position.
    public func insertPlacements(cohortID: Int64, _ pairs: [(trainee: Int64, position: Int64)],
                                 start: CalendarDate, end: CalendarDate) async throws {
        guard !pairs.isEmpty else { return }
        try await query("""
            INSERT INTO placements (cohort_id, trainee_id, position_id, start_on, end_on)
            SELECT \(cohortID), trainee_id, position_id, \(start.description)::date, \(end.description)::date
            FROM unnest(\(pairs.map(\.trainee))::bigint[], \(pairs.map(\.position))::bigint[]) AS x(trainee_id, position_id)
            ORDER BY trainee_id
            """)
        try await query("""
            UPDATE trainees SET status = 'placed' WHERE id = ANY(\(pairs.map(\.trainee))::bigint[])
            """)
    }

    /// Trainee id → position code of the cohort's placements.
    public func placements(cohortID: Int64) async throws -> [Int64: String] {
        let pairs = try await rows("""
            SELECT pl.trainee_id, hp.code FROM placements pl JOIN host_positions hp ON hp.id = pl.position_id
            WHERE pl.cohort_id = \(cohortID)
            """) { row in (try row.value("trainee_id", as: Int64.self), try row.value("code", as: String.self)) }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    /// Records the actual start and the mentor (the trigger checks the mentor's employer).
    public func startPlacement(id: Int64, mentorID: Int64, on date: CalendarDate) async throws {
        try await query("""
            UPDATE placements SET mentor_id = \(mentorID), started_on = \(date.description)::date WHERE id = \(id)
            """)
    }

    public func completePlacement(id: Int64, on date: CalendarDate) async throws {
        try await query("UPDATE placements SET completed_on = \(date.description)::date WHERE id = \(id)")
    }

    public func insertStageReport(placementID: Int64, stage: PracticeStage, grade: MentorGrade, on date: CalendarDate,
                                  summary: String?) async throws -> StageReportRecord {
        let record = try await firstRow("""
            INSERT INTO stage_reports (placement_id, stage, mentor_grade, submitted_on, summary)
            VALUES (\(placementID), \(stage.rawValue), \(grade.rawValue), \(date.description)::date, \(summary))
            RETURNING id, placement_id, stage, mentor_grade, submitted_on::text AS submitted_on, summary
            """, stageReport(from:))
        guard let record else { throw StoreError.internal("INSERT … RETURNING gave no row") }
        return record
    }

    public func stageReports(placementID: Int64) async throws -> [StageReportRecord] {
        try await rows("""
            SELECT id, placement_id, stage, mentor_grade, submitted_on::text AS submitted_on, summary
            FROM stage_reports WHERE placement_id = \(placementID) ORDER BY submitted_on, id
            """, stageReport(from:))
    }

    func stageReport(from row: RowReader) throws -> StageReportRecord {
        StageReportRecord(
            id: try row.value("id"), placementID: try row.value("placement_id"),
            stage: try row.term("stage", as: PracticeStage.self) ?? .midTerm,
            mentorGrade: try row.term("mentor_grade", as: MentorGrade.self) ?? .fail,
            submittedOn: try row.date("submitted_on") ?? CalendarDate(daysSinceEpoch: 0), summary: try row.value("summary"))
    }

    public func insertFinalAssessment(_ record: FinalAssessmentRecord) async throws {
        try await query("""
            INSERT INTO final_assessments (placement_id, result, report_title, assessed_on)
            VALUES (\(record.placementID), \(record.result.rawValue), \(record.reportTitle), \(record.assessedOn.description)::date)
            """)
    }

    public func finalAssessment(placementID: Int64) async throws -> FinalAssessmentRecord? {
        try await firstRow("""
            SELECT placement_id, result, report_title, assessed_on::text AS assessed_on
            FROM final_assessments WHERE placement_id = \(placementID)
            """) { row in
            FinalAssessmentRecord(
                placementID: try row.value("placement_id"),
                result: try row.term("result", as: AssessmentResult.self) ?? .fail,
                reportTitle: try row.value("report_title"),
                assessedOn: try row.date("assessed_on") ?? CalendarDate(daysSinceEpoch: 0))
        }
    }
}
