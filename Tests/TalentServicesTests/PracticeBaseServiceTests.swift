import Foundation
import Testing
import TalentDomain
import TalentServices
@testable import TalentStore
import TestSupport

@Suite("Practice base service: programmes, cohorts, trainees, positions, projects", .serialized)
struct PracticeBaseServiceTests {
    typealias P = PracticeFixture
    typealias F = RegistryFixture

    @Test func programmesAndCohortsAreCreatedOnceAndAudited() async throws {
        try await P.withBase { (store: Store, service: PracticeBaseService) async throws in
            let programmes = try await service.programmes()
            #expect(programmes.map(\.field) == ["大数据工程"])
            #expect(programmes.first?.universityName == P.universityName)
            let again = await caught { try await service.addProgramme(universityCode: P.universityCode, field: "大数据工程", actor: "t") }
            #expect((again as? ServiceError)?.duplicateMessage?.contains("already has the programme") == true)
            let notUniversity = await caught { try await service.addProgramme(universityCode: P.enterpriseCode, field: "自动化", actor: "t") }
            #expect((notUniversity as? ServiceError)?.refusedMessage?.contains("expected university") == true)

            let cohorts = try await service.cohorts()
            #expect(cohorts.map(\.name) == ["2026级"])
            #expect(cohorts.first?.practiceStart == P.windowStart)
            let twice = await caught {
                try await service.createCohort(CohortInput(intakeYear: 2026, practiceStart: P.windowStart, practiceEnd: P.windowEnd), actor: "t")
            }
            #expect((twice as? ServiceError)?.duplicateMessage?.contains("2026级") == true)
            let backwards = await caught {
                try await service.createCohort(CohortInput(intakeYear: 2027, practiceStart: P.windowEnd, practiceEnd: P.windowStart), actor: "t")
            }
            #expect((backwards as? ServiceError)?.validation?.field == "end")
            #expect(try await F.audit(store, action: "practice.programme.add").count == 1)
            #expect(try await F.audit(store, action: "practice.cohort.create").count == 1)
        }
    }

    @Test func enrolValidatesTheIdentityAndFindsTheProgrammeByEitherName() async throws {
        try await P.withBase { (store: Store, service: PracticeBaseService) async throws in
            var input = P.input(1, name: "李明", direct: true)
            input.field = "Big Data Engineering"
            input.university = P.universityName
            let trainee = try await service.enrol(input, cohortYear: P.year, actor: F.actor)
            #expect(trainee.status == .enrolled)
            #expect(trainee.field == "大数据工程")
            #expect(trainee.universityCode == P.universityCode)
            #expect(trainee.directFromBachelor)
            #expect(trainee.cohortName == "2026级")
            let audit = try await F.audit(store, entityType: "trainee", entityID: String(trainee.id))
            #expect(audit.map(\.action) == ["practice.trainee.enrol"])

            var bad = P.input(2)
            bad.identity = "11010519491231002"
            let badID = await caught { try await service.enrol(bad, cohortYear: P.year, actor: F.actor) }
            #expect((badID as? ServiceError)?.validation?.field == "id_number")

            let duplicate = await caught { try await P.enrol(service, 1) }
            #expect((duplicate as? ServiceError)?.duplicateMessage?.contains("2026210001") == true)

            var unknownField = P.input(3)
            unknownField.field = "机械工程"
            let noProgramme = await caught { try await service.enrol(unknownField, cohortYear: P.year, actor: F.actor) }
            #expect((noProgramme as? ServiceError)?.notFoundMessage?.contains("has no programme 机械工程") == true)
            if case .addProgramme(_, field: "机械工程")? = (noProgramme as? ServiceError)?.nextStep {} else {
                Issue.record("expected the step to add the programme, got \(String(describing: noProgramme))")
            }
            let noCohort = await caught { try await service.enrol(P.input(4), cohortYear: 2030, actor: F.actor) }
            #expect((noCohort as? ServiceError)?.nextStep == .createCohort(year: 2030))
            #expect(try await service.trainees(TraineeFilter(cohortYear: P.year), actor: "tester").count == 1)
        }
    }

    @Test func traineesListInPinyinOrderAndFilterByStatus() async throws {
        try await P.withBase { (_: Store, service: PracticeBaseService) async throws in
            try await P.enrol(service, 1, name: "张三")
            try await P.enrol(service, 2, name: "阿明")
            try await P.enrol(service, 3, name: "李四")
            let names = try await service.trainees(TraineeFilter(cohortYear: P.year), actor: "tester").map(\.name)
            #expect(names == ["阿明", "李四", "张三"])
            _ = try await service.withdraw(P.ref(3), reason: "转学术型学位", on: P.day("2026-10-08"), actor: F.actor)
            let withdrawn = try await service.trainees(TraineeFilter(status: .withdrawn), actor: "tester")
            #expect(withdrawn.map(\.name) == ["李四"])
            #expect(withdrawn.first?.withdrawalReason == "转学术型学位")
            #expect(withdrawn.first?.withdrawnOn == P.day("2026-10-08"))
            let twice = await caught { try await service.withdraw(P.ref(3), reason: "x", actor: F.actor) }
            #expect((twice as? ServiceError)?.refusedMessage?.contains("cannot withdraw") == true)
            let noReason = await caught { try await service.withdraw(P.ref(1), reason: "  ", actor: F.actor) }
            #expect((noReason as? ServiceError)?.validation?.field == "reason")
        }
    }

    @Test func positionsBelongToEnterprisesAndRankingsAreStrict() async throws {
        try await P.withBase { (_: Store, service: PracticeBaseService) async throws in
            try await P.enrol(service, 1)
            try await P.position(service, "P1", capacity: 2)
            let universityHost = await caught { try await P.position(service, "P2", capacity: 1, enterprise: P.universityCode) }
            #expect((universityHost as? ServiceError)?.refusedMessage?.contains("expected enterprise") == true)
            let negative = await caught { try await P.position(service, "P3", capacity: -1) }
            #expect((negative as? ServiceError)?.validation?.field == "capacity")
            let sameCode = await caught { try await P.position(service, "P1", capacity: 1) }
            #expect((sameCode as? ServiceError)?.duplicateMessage?.contains("P1") == true)

            let tie = await caught {
                try await service.setPreferences(cohortYear: P.year, trainee: P.ref(1), positionCodes: ["P1", "P1"], actor: "t")
            }
            #expect((tie as? ServiceError)?.validation?.reason.contains("ranked twice") == true)
            let unknown = await caught {
                try await service.setPreferences(cohortYear: P.year, trainee: P.ref(1), positionCodes: ["P9"], actor: "t")
            }
            #expect((unknown as? ServiceError)?.notFoundMessage?.contains("P9") == true)
            try await service.setPreferences(cohortYear: P.year, trainee: P.ref(1), positionCodes: ["P1"], actor: "t")
            let positions = try await service.positions(cohortYear: P.year)
            #expect(positions.map(\.code) == ["P1"])
            #expect(positions.first?.placed == 0)
        }
    }

    @Test func projectsProblemsAndAwards() async throws {
        try await P.withBase { (store: Store, service: PracticeBaseService) async throws in
            try await P.enrol(service, 1, name: "李明")
            let project = try await service.addProject(
                ProjectInput(title: "叶片缺陷智能检测", enterpriseCode: P.enterpriseCode, partnerCodes: [P.universityCode],
                             startYear: 2024, trainees: [P.ref(1)], mentorIdentities: [P.mentorIdentity]),
                actor: F.actor)
            #expect(project.partners.map(\.name) == [P.universityName])
            #expect(project.trainees.map(\.name) == ["李明"])
            #expect(project.mentors.map(\.name) == ["赵导师"])
            let enterprisePartner = await caught {
                try await service.addProject(
                    ProjectInput(title: "x", enterpriseCode: P.enterpriseCode, partnerCodes: [P.otherEnterpriseCode], startYear: 2024),
                    actor: F.actor)
            }
            #expect((enterprisePartner as? ServiceError)?.refusedMessage?.contains("expected institute or university") == true)

            let problem = try await service.addProblem(
                enterpriseCode: P.enterpriseCode, title: "温升预测", posedOn: P.day("2025-03-01"), actor: F.actor)
            #expect(try await service.problems(solved: false).map(\.id) == [problem.id])
            let tooEarly = await caught { try await service.solveProblem(id: problem.id, projectID: project.id, on: P.day("2025-01-01"), actor: "t") }
            #expect((tooEarly as? ServiceError)?.refusedMessage?.contains("posed on 2025-03-01") == true)
            let solved = try await service.solveProblem(id: problem.id, projectID: project.id, on: P.day("2025-09-01"), actor: F.actor)
            #expect(solved.solvedOn == P.day("2025-09-01"))
            #expect(solved.solvedByProjectTitle == "叶片缺陷智能检测")
            #expect(try await service.problems(solved: true).count == 1)
            #expect(try await service.problems(solved: false).isEmpty)
            let again = await caught { try await service.solveProblem(id: problem.id, projectID: project.id, on: P.day("2025-10-01"), actor: "t") }
            #expect((again as? ServiceError)?.duplicateMessage?.contains("was solved on 2025-09-01") == true)

            let award = try await service.addAward(
                projectID: project.id, level: .provincialMinisterial, year: 2025, name: "贵州省科学技术进步奖", actor: F.actor)
            #expect(award.level == .provincialMinisterial)
            let beforeStart = await caught { try await service.addAward(projectID: project.id, level: .city, year: 2020, name: "x", actor: "t") }
            #expect((beforeStart as? ServiceError)?.refusedMessage?.contains("predates") == true)
            let listed = try await service.projects()
            #expect(listed.first?.awards == 1)
            #expect(listed.first?.problemsSolved == 1)
            #expect(try await F.audit(store, action: "practice.problem.solve").count == 1)
            #expect(try await F.audit(store, action: "practice.award.add").count == 1)
        }
    }
}
