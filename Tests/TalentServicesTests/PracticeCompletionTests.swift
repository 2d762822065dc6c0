import Foundation
import Testing
import TalentDomain
import TalentRules
import TalentServices
@testable import TalentStore
import TestSupport

@Suite("Practice base: start, stage reports, assessment, completion rules", .serialized)
struct PracticeCompletionTests {
    typealias P = PracticeFixture
    typealias F = RegistryFixture

    static func refusal(_ body: () async throws -> Void) async -> String? {
        (await caught(body) as? ServiceError)?.refusedMessage
    }

    static func reportAndAssess(_ service: PracticeBaseService, midTerm: Bool = true, final: Bool = true,
                                assessment: AssessmentResult? = .pass) async throws {
        if midTerm {
            _ = try await service.submitReport(P.ref(1), stage: .midTerm, grade: .good, on: P.day("2027-01-10"), today: P.today, actor: F.actor)
        }
        if final {
            _ = try await service.submitReport(P.ref(1), stage: .final, grade: .excellent, on: P.day("2027-08-10"), today: P.today, actor: F.actor)
        }
        if let assessment {
            _ = try await service.assess(P.ref(1), result: assessment, reportTitle: "工业大数据平台的实时质量分析",
                                         on: P.day("2027-08-20"), today: P.today, actor: F.actor)
        }
    }

    @Test func theMentorMustWorkForTheHostEnterprise() async throws {
        try await P.withBase { (store: Store, service: PracticeBaseService) async throws in
            try await P.placedTrainee(service)
            let outsider = await Self.refusal {
                _ = try await service.start(P.ref(1), mentorIdentity: P.outsiderIdentity, on: P.windowStart, today: P.today, actor: F.actor)
            }
            #expect(outsider?.contains("employed by the host enterprise") == true)
            let outside = await Self.refusal {
                _ = try await service.start(P.ref(1), mentorIdentity: P.mentorIdentity, on: P.day("2026-08-31"), today: P.today, actor: F.actor)
            }
            #expect(outside?.contains("outside the 2026级 practice window") == true)
            let started = try await service.start(P.ref(1), mentorIdentity: P.mentorIdentity, on: P.windowStart, today: P.today, actor: F.actor)
            #expect(started.status == .inPractice)
            #expect(started.placement?.mentorName == "赵导师")
            #expect(started.placement?.startedOn == P.windowStart)
            let audit = try await F.audit(store, action: "practice.start")
            #expect(audit.count == 1)
            #expect(try F.object(audit.first?.before)["status"] as? String == "placed")
            #expect(try F.object(audit.first?.after)["status"] as? String == "in-practice")
        }
    }

    @Test func stepsOutOfOrderAreRefused() async throws {
        try await P.withBase { (_: Store, service: PracticeBaseService) async throws in
            try await P.enrol(service, 1)
            let unplaced = await Self.refusal {
                _ = try await service.start(P.ref(1), mentorIdentity: P.mentorIdentity, on: P.windowStart, today: P.today, actor: F.actor)
            }
            #expect(unplaced?.contains("no placement yet") == true)
            let noPractice = await Self.refusal {
                _ = try await service.submitReport(P.ref(1), stage: .midTerm, grade: .good, today: P.today, actor: F.actor)
            }
            #expect(noPractice?.contains("cannot submit a stage report") == true)
        }
    }

    @Test func stageReportsComeOncePerStageMidTermFirst() async throws {
        try await P.withBase { (store: Store, service: PracticeBaseService) async throws in
            try await P.startedTrainee(service)
            let finalFirst = await Self.refusal {
                _ = try await service.submitReport(P.ref(1), stage: .final, grade: .good, on: P.day("2027-01-10"), today: P.today, actor: F.actor)
            }
            #expect(finalFirst?.contains("no mid-term report yet") == true)
            let report = try await service.submitReport(
                P.ref(1), stage: .midTerm, grade: .good, on: P.day("2027-01-10"), summary: "进展顺利", today: P.today, actor: F.actor)
            #expect(report.mentorGrade == .good)
            let again = await caught {
                try await service.submitReport(P.ref(1), stage: .midTerm, grade: .pass, on: P.day("2027-01-11"), today: P.today, actor: F.actor)
            }
            #expect((again as? ServiceError)?.duplicateMessage?.contains("was submitted on 2027-01-10") == true)
            #expect(try await F.audit(store, action: "practice.report.submit").count == 1)
        }
    }

    @Test func completionIsRefusedWithEveryMissingPieceNamed() async throws {
        try await P.withBase { (_: Store, service: PracticeBaseService) async throws in
            try await P.startedTrainee(service)
            let message = try #require(await Self.refusal {
                _ = try await service.complete(P.ref(1), on: P.day("2027-12-31"), today: P.today, actor: F.actor)
            })
            #expect(message.contains("mid-term stage report is missing"))
            #expect(message.contains("final stage report is missing"))
            #expect(message.contains("final assessment is missing"))
            #expect(!message.contains("required"))  // 15 months is long enough
            let detail = try await service.trainee(P.ref(1), on: P.day("2027-12-31"), actor: "tester")
            #expect(detail.completionObstacles.count == 3)
            #expect(detail.trainee.status == .inPractice)
        }
    }

    @Test(arguments: [(true, false, false), (false, true, false), (false, false, true)])
    func eachMissingPieceAloneBlocksCompletion(missingMidTerm: Bool, missingFinal: Bool, missingAssessment: Bool) async throws {
        try await P.withBase("missing\(missingMidTerm)\(missingFinal)\(missingAssessment)") { (store: Store, service: PracticeBaseService) async throws in
            try await P.startedTrainee(service)
            if missingMidTerm {
                // A final report needs the mid-term one; put the final report in through the store to isolate the check.
                try await Self.reportAndAssess(service, midTerm: false, final: false)
                let placement = try #require(try await service.trainee(P.ref(1), actor: "tester").trainee.placement)
                try await store.write { session in
                    _ = try await session.insertStageReport(placementID: placement.id, stage: .final, grade: .good,
                                                            on: P.day("2027-08-10"), summary: nil)
                }
            } else {
                try await Self.reportAndAssess(service, final: !missingFinal, assessment: missingAssessment ? nil : .pass)
            }
            let message = try #require(await Self.refusal {
                _ = try await service.complete(P.ref(1), on: P.day("2027-12-31"), today: P.today, actor: F.actor)
            })
            #expect(message.contains("mid-term stage report is missing") == missingMidTerm)
            #expect(message.contains("final stage report is missing") == missingFinal)
            #expect(message.contains("final assessment is missing") == missingAssessment)
        }
    }

    @Test func aFailedAssessmentCannotBeCompleted() async throws {
        try await P.withBase { (_: Store, service: PracticeBaseService) async throws in
            try await P.startedTrainee(service)
            try await Self.reportAndAssess(service, assessment: .fail)
            let message = await Self.refusal { _ = try await service.complete(P.ref(1), on: P.day("2027-12-31"), today: P.today, actor: F.actor) }
            #expect(message?.contains("final assessment was failed") == true)
        }
    }

    @Test func sixMonthsSufficeWithWorkExperience() async throws {
        try await P.withBase { (store: Store, service: PracticeBaseService) async throws in
            try await P.startedTrainee(service, direct: false)
            try await Self.reportAndAssess(service)
            let short = await Self.refusal { _ = try await service.complete(P.ref(1), on: P.day("2027-02-28"), today: P.today, actor: F.actor) }
            #expect(short?.contains("lasted 5 of the required 6 months") == true)
            #expect(short?.contains("complete on or after 2027-03-01") == true)
            let done = try await service.complete(P.ref(1), on: P.day("2027-03-01"), today: P.today, actor: F.actor)
            #expect(done.status == .completed)
            #expect(done.placement?.completedOn == P.day("2027-03-01"))
            #expect(try await F.audit(store, action: "practice.complete").count == 1)
            let again = await Self.refusal { _ = try await service.complete(P.ref(1), today: P.today, actor: F.actor) }
            #expect(again?.contains("already completed") == true)
        }
    }

    @Test func twelveMonthsStraightFromABachelorsDegree() async throws {
        try await P.withBase { (_: Store, service: PracticeBaseService) async throws in
            try await P.startedTrainee(service, direct: true)
            try await Self.reportAndAssess(service)
            let short = await Self.refusal { _ = try await service.complete(P.ref(1), on: P.day("2027-08-31"), today: P.today, actor: F.actor) }
            #expect(short?.contains("lasted 11 of the required 12 months (straight from a bachelor's degree)") == true)
            #expect(short?.contains("2027-09-01") == true)
            #expect(try await service.trainee(P.ref(1), actor: "tester").requiredMonths == 12)
            let done = try await service.complete(P.ref(1), on: P.day("2027-09-01"), today: P.today, actor: F.actor)
            #expect(done.status == .completed)
        }
    }

    @Test func thePolicyIsAParameter() {
        let policy = PracticeDuration(minimumMonths: 3, minimumMonthsDirectFromBachelor: 9)
        let progress = PracticeProgress(startedOn: P.day("2026-09-01"), directFromBachelor: true, hasMidTermReport: true,
                                        hasFinalReport: true, finalAssessmentPassed: true)
        #expect(policy.obstacles(to: progress, on: P.day("2027-05-31")).count == 1)
        #expect(policy.obstacles(to: progress, on: P.day("2027-06-01")).isEmpty)
        #expect(PracticeDuration.standard.earliestCompletion(startedOn: P.day("2026-08-31"), directFromBachelor: false) == P.day("2027-02-28"))
        let notStarted = PracticeProgress(startedOn: nil, directFromBachelor: false, hasMidTermReport: false,
                                          hasFinalReport: false, finalAssessmentPassed: nil)
        #expect(PracticeDuration.standard.obstacles(to: notStarted, on: P.day("2027-06-01")).first == .notStarted)
    }
}
