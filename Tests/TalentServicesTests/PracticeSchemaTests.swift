import Foundation
import Testing
import TalentDomain
import TalentServices
@testable import TalentStore
import TestSupport

/// The invariants 0002_practice_base.sql enforces on its own, written around the services.
@Suite("Practice base schema invariants", .serialized)
struct PracticeSchemaTests {
    typealias P = PracticeFixture

    @Test func illegalTraineeTransitionsAreRefusedByTheDatabase() async throws {
        try await P.withBase { (store: Store, service: PracticeBaseService) async throws in
            let trainee = try await P.enrol(service, 1)
            // enrolled → completed skips three states.
            let skip = await P.sqlError(store, "UPDATE trainees SET status = 'completed' WHERE id = \(trainee.id)")
            #expect(skip?.constraint == "trainees_transition")
            // enrolled → placed needs a placement row.
            let unplaced = await P.sqlError(store, "UPDATE trainees SET status = 'placed' WHERE id = \(trainee.id)")
            #expect(unplaced?.constraint == "trainees_transition")
            // withdrawn needs a day and a reason.
            let noReason = await P.sqlError(
                store, "UPDATE trainees SET status = 'withdrawn', withdrawn_on = '2026-10-01' WHERE id = \(trainee.id)")
            #expect(noReason?.constraint == "trainees_withdrawal_recorded")
            #expect(await P.sqlError(store, """
                UPDATE trainees SET status = 'withdrawn', withdrawn_on = '2026-10-01', withdrawal_reason = '转学' WHERE id = \(trainee.id)
                """) == nil)
            // Nothing leaves withdrawn.
            let back = await P.sqlError(store, "UPDATE trainees SET status = 'enrolled', withdrawn_on = NULL WHERE id = \(trainee.id)")
            #expect(back?.constraint == "trainees_transition")
        }
    }

    @Test func inPracticeNeedsAMentorAndCompletedNeedsReportsAndAPassedAssessment() async throws {
        try await P.withBase { (store: Store, service: PracticeBaseService) async throws in
            try await P.placedTrainee(service)
            let id = try #require(try await service.trainees(TraineeFilter(), actor: "tester").first?.id)
            let noMentor = await P.sqlError(store, "UPDATE trainees SET status = 'in-practice' WHERE id = \(id)")
            #expect(noMentor?.constraint == "trainees_transition")
            _ = try await service.start(P.ref(1), mentorIdentity: P.mentorIdentity, on: P.windowStart, actor: "t")
            #expect(await P.sqlError(store, "UPDATE placements SET completed_on = '2027-12-01' WHERE trainee_id = \(id)") == nil)
            let early = await P.sqlError(store, "UPDATE trainees SET status = 'completed' WHERE id = \(id)")
            #expect(early?.constraint == "trainees_transition")
        }
    }

    @Test func studentNumbersAreUniquePerUniversity() async throws {
        try await P.withBase { (store: Store, service: PracticeBaseService) async throws in
            let trainee = try await P.enrol(service, 1)
            let copy = await P.sqlError(store, """
                INSERT INTO trainees (cohort_id, university_id, programme_id, student_number, name, identity_key,
                                      direct_from_bachelor, campus_supervisor)
                SELECT cohort_id, university_id, programme_id, student_number, '别人', '\(PracticeFixture.F.residentID(42))',
                       false, '张教授' FROM trainees WHERE id = \(trainee.id)
                """)
            #expect(copy?.constraint == "trainees_student_number_unique")
        }
    }

    @Test func aPositionNeverHoldsMoreThanItsCapacity() async throws {
        try await P.withBase { (store: Store, service: PracticeBaseService) async throws in
            let first = try await P.enrol(service, 1)
            let second = try await P.enrol(service, 2)
            let position = try await P.position(service, "P1", capacity: 1)
            let insert = { (trainee: Int64) in """
                INSERT INTO placements (cohort_id, trainee_id, position_id, start_on, end_on)
                SELECT cohort_id, \(trainee), \(position.id), '2026-09-01', '2028-02-29' FROM trainees WHERE id = \(trainee)
                """ }
            #expect(await P.sqlError(store, insert(first.id)) == nil)
            #expect(await P.sqlError(store, insert(second.id))?.constraint == "placements_capacity")
            // Shrinking below the seats taken is refused too.
            let shrink = await P.sqlError(store, "UPDATE host_positions SET capacity = 0 WHERE id = \(position.id)")
            #expect(shrink?.constraint == "placements_capacity")
            let negative = await P.sqlError(store, """
                INSERT INTO host_positions (cohort_id, enterprise_id, code, title, capacity)
                SELECT cohort_id, enterprise_id, 'P2', 'x', -1 FROM host_positions WHERE id = \(position.id)
                """)
            #expect(negative?.constraint == "host_positions_capacity_check")
        }
    }

    @Test func organisationKindsAndSameCohortReferencesAreChecked() async throws {
        try await P.withBase { (store: Store, service: PracticeBaseService) async throws in
            let enterpriseAsUniversity = await P.sqlError(store, """
                INSERT INTO degree_programmes (university_id, field)
                SELECT id, '自动化' FROM organisations WHERE credit_code = '\(P.enterpriseCode)'
                """)
            #expect(enterpriseAsUniversity?.constraint == "degree_programmes_university_kind")
            _ = try await service.createCohort(
                CohortInput(intakeYear: 2027, practiceStart: P.day("2027-09-01"), practiceEnd: P.day("2029-02-28")), actor: "t")
            let trainee = try await P.enrol(service, 1)
            let later = try await service.addPosition(
                PositionInput(code: "Q1", enterpriseCode: P.enterpriseCode, title: "x", capacity: 1), cohortYear: 2027, actor: "t")
            // A 2026 trainee cannot rank a 2027 position.
            let crossCohort = await P.sqlError(store, """
                INSERT INTO position_preferences (cohort_id, trainee_id, position_id, rank)
                SELECT cohort_id, \(trainee.id), \(later.id), 1 FROM trainees WHERE id = \(trainee.id)
                """)
            #expect(crossCohort?.constraint == "position_preferences_position_id_cohort_id_fkey")
        }
    }

    @Test func aSolvedProblemNamesItsProjectAndTiesAreImpossible() async throws {
        try await P.withBase { (store: Store, service: PracticeBaseService) async throws in
            let problem = try await service.addProblem(
                enterpriseCode: P.enterpriseCode, title: "温升预测", posedOn: P.day("2025-03-01"), actor: "t")
            let withoutProject = await P.sqlError(store, "UPDATE technical_problems SET solved_on = '2025-06-01' WHERE id = \(problem.id)")
            #expect(withoutProject?.constraint == "technical_problems_solved_by_project")

            try await P.enrol(service, 1)
            try await P.position(service, "P1", capacity: 1)
            try await P.position(service, "P2", capacity: 1)
            try await service.setPreferences(cohortYear: P.year, trainee: P.ref(1), positionCodes: ["P1"], actor: "t")
            let tie = await P.sqlError(store, """
                INSERT INTO position_preferences (cohort_id, trainee_id, position_id, rank)
                SELECT p.cohort_id, p.trainee_id, h.id, 1 FROM position_preferences p, host_positions h WHERE h.code = 'P2'
                """)
            #expect(tie?.constraint == "position_preferences_rank_unique")
        }
    }
}
