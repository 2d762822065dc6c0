import Foundation
import TalentDomain
import TalentServices
@testable import TalentStore
import TestSupport

/// Builds practice-base data for the roster and report tests directly through the store's
/// repositories (each step is what a practice service does, without its policy checks), so the
/// tests pin down what rosters and reports read, whatever the services above them look like.
struct PracticeBuilder {
    let store: Store
    static let actor: Principal = "officer-li"

    static func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    /// A valid credit code: `head` (e.g. 12, 91) + region 520115 + a body made from `n`.
    static func creditCode(_ head: String, _ n: Int) -> String {
        let body = String(n).zeroPadded(to: 9)
        return CreditCode.make(first17: head + "520115" + body).value
    }

    static func identity(_ n: Int) -> String {
        let birth = day("1999-01-01").adding(days: n)
        return ResidentIdentityNumber.make(region: "520102", birthDate: birth, sequence: n % 1000).value
    }

    func organisation(_ name: String, code: String, kind: OrganisationKind) async throws -> OrganisationRecord {
        try await RegistryService(store: store).addOrganisation(
            OrganisationInput(name: name, creditCode: code, kind: kind,
                              industryChain: kind == .enterprise ? .softwareBigData : nil, inZone: true),
            actor: Self.actor)
    }

    /// A registered talent employed by `employerCode` (to be an enterprise mentor).
    func mentor(_ name: String, id: String, employerCode: String) async throws -> TalentRecord {
        try await RegistryService(store: store).register(
            TalentDraft(columns: ["name": name, "id_number": id, "employer_credit_code": employerCode, "degree": "master"]),
            actor: Self.actor)
    }

    func programme(_ university: OrganisationRecord, _ field: String) async throws -> ProgrammeRecord {
        try await store.write { try await $0.insertProgramme(universityID: university.id, field: field, fieldEn: nil) }
    }

    func cohort(_ year: Int, start: String? = nil, end: String? = nil) async throws -> CohortRecord {
        try await store.write {
            try await $0.insertCohort(intakeYear: year, name: "\(year)级", start: Self.day(start ?? "\(year)-09-01"),
                                      end: Self.day(end ?? "\(year + 2)-02-28"))
        }
    }

    func trainee(_ name: String, number: String, cohort: CohortRecord, programme: ProgrammeRecord,
                 university: OrganisationRecord, identity: String, mobile: String? = nil,
                 supervisor: String = "王教授", directFromBachelor: Bool = false) async throws -> TraineeRecord {
        try await store.write {
            try await $0.insertTrainee(NewTrainee(
                cohortID: cohort.id, universityID: university.id, programmeID: programme.id, studentNumber: number,
                name: name, identityKey: identity, mobile: mobile, directFromBachelor: directFromBachelor,
                campusSupervisor: supervisor))
        }
    }

    func position(_ code: String, _ title: String, cohort: CohortRecord, enterprise: OrganisationRecord,
                  capacity: Int = 5) async throws -> HostPositionRecord {
        try await store.write {
            try await $0.insertPosition(NewHostPosition(
                cohortID: cohort.id, enterpriseID: enterprise.id, code: code, title: title, capacity: capacity,
                topic: nil, skills: nil))
        }
    }

    /// Places the trainee (status placed) for the cohort window; returns the placement id.
    @discardableResult
    func place(_ trainee: TraineeRecord, _ position: HostPositionRecord, cohort: CohortRecord) async throws -> Int64 {
        try await store.write { session in
            try await session.insertPlacements(cohortID: cohort.id, [(trainee.id, position.id)],
                                               start: cohort.practiceStart, end: cohort.practiceEnd)
        }
        return try await placementID(trainee)
    }

    func placementID(_ trainee: TraineeRecord) async throws -> Int64 {
        guard let id = try await store.read({ try await $0.trainee(id: trainee.id) })?.placement?.id else {
            throw FixtureError("\(trainee.name) has no placement")
        }
        return id
    }

    /// placed → in practice, with the mentor, on `day`.
    func start(_ trainee: TraineeRecord, mentor: TalentRecord, on day: String) async throws {
        let placement = try await placementID(trainee)
        try await store.write { session in
            try await session.startPlacement(id: placement, mentorID: mentor.id, on: Self.day(day))
            try await session.updateTraineeStatus(id: trainee.id, to: .inPractice)
        }
    }

    /// Both stage reports, a passed final assessment, then completed on `day`.
    func complete(_ trainee: TraineeRecord, on day: String, midTerm: MentorGrade = .good, final: MentorGrade = .excellent,
                  report: String = "实践报告") async throws {
        let placement = try await placementID(trainee)
        let completed = Self.day(day)
        try await store.write { session in
            _ = try await session.insertStageReport(placementID: placement, stage: .midTerm, grade: midTerm,
                                                    on: completed.adding(days: -90), summary: nil)
            _ = try await session.insertStageReport(placementID: placement, stage: .final, grade: final,
                                                    on: completed.adding(days: -10), summary: nil)
            try await session.insertFinalAssessment(FinalAssessmentRecord(
                placementID: placement, result: .pass, reportTitle: report, assessedOn: completed.adding(days: -5)))
            try await session.completePlacement(id: placement, on: completed)
            try await session.updateTraineeStatus(id: trainee.id, to: .completed)
        }
    }

    func withdraw(_ trainee: TraineeRecord, on day: String, reason: String) async throws {
        try await store.write {
            try await $0.updateTraineeStatus(id: trainee.id, to: .withdrawn, withdrawnOn: Self.day(day), reason: reason)
        }
    }

    @discardableResult
    func project(_ title: String, enterprise: OrganisationRecord, startYear: Int, partners: [OrganisationRecord] = [],
                 trainees: [TraineeRecord] = []) async throws -> CooperationProjectRecord {
        try await store.write {
            try await $0.insertProject(title: title, enterpriseID: enterprise.id, startYear: startYear,
                                       partnerIDs: partners.map(\.id), traineeIDs: trainees.map(\.id), mentorIDs: [])
        }
    }
}

extension String {
    func zeroPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// The roster world: two universities (清华大学 sorts after 贵州大学 in pinyin, before it by code
/// point), two enterprises with a mentor each, the 2026 cohort and one trainee of 2025.
struct RosterWorld {
    let tsinghua: OrganisationRecord
    let guizhou: OrganisationRecord
    let shugu: OrganisationRecord
    let hangyu: OrganisationRecord
    let liu: TalentRecord
    let chen: TalentRecord
    let cohort: CohortRecord
    /// By name.
    let trainees: [String: TraineeRecord]

    static let mobile = "13800138000"
    /// Names whose pinyin order (阿明 李四 王五 张三 赵六) differs from code-point order (张 李 王 赵 阿).
    static let tsinghuaNames = ["张三", "李四", "王五", "阿明", "赵六"]

    static func build(_ store: Store) async throws -> RosterWorld {
        let b = PracticeBuilder(store: store)
        let tsinghua = try await b.organisation("清华大学", code: PracticeBuilder.creditCode("12", 1), kind: .university)
        let guizhou = try await b.organisation("贵州大学", code: PracticeBuilder.creditCode("12", 2), kind: .university)
        let shugu = try await b.organisation("贵阳数谷大数据有限公司", code: PracticeBuilder.creditCode("91", 3), kind: .enterprise)
        let hangyu = try await b.organisation("贵州航宇科技发展股份有限公司", code: PracticeBuilder.creditCode("91", 4), kind: .enterprise)
        let liu = try await b.mentor("刘工", id: PracticeBuilder.identity(900), employerCode: shugu.creditCode)
        let chen = try await b.mentor("陈工", id: PracticeBuilder.identity(901), employerCode: hangyu.creditCode)
        let bigData = try await b.programme(tsinghua, "大数据工程")
        let automation = try await b.programme(guizhou, "自动化")
        let cohort = try await b.cohort(2026)
        let previous = try await b.cohort(2025)

        var trainees: [String: TraineeRecord] = [:]
        for (index, name) in tsinghuaNames.enumerated() {
            trainees[name] = try await b.trainee(
                name, number: "2026\(310 + index)", cohort: cohort, programme: bigData, university: tsinghua,
                identity: PracticeBuilder.identity(index), mobile: name == "张三" ? mobile : nil,
                supervisor: "李教授", directFromBachelor: name == "阿明")
        }
        trainees["周七"] = try await b.trainee(
            "周七", number: "GZU2026001", cohort: cohort, programme: automation, university: guizhou,
            identity: "USA:E1234567", supervisor: "杨教授")
        trainees["吴八"] = try await b.trainee(
            "吴八", number: "GZU2026002", cohort: cohort, programme: automation, university: guizhou,
            identity: PracticeBuilder.identity(20), supervisor: "杨教授")
        trainees["钱九"] = try await b.trainee(
            "钱九", number: "2025999", cohort: previous, programme: bigData, university: tsinghua,
            identity: PracticeBuilder.identity(30))

        let data = try await b.position("P001", "数据工程师 <实习>", cohort: cohort, enterprise: shugu)
        let engine = try await b.position("P002", "控制算法 \"叶片\" 岗", cohort: cohort, enterprise: hangyu)
        for name in ["张三", "阿明", "赵六"] { try await b.place(trainees[name]!, data, cohort: cohort) }
        for name in ["李四", "周七"] { try await b.place(trainees[name]!, engine, cohort: cohort) }
        for name in ["张三", "阿明", "赵六"] { try await b.start(trainees[name]!, mentor: liu, on: "2026-09-07") }
        for name in ["李四", "周七"] { try await b.start(trainees[name]!, mentor: chen, on: "2026-09-14") }
        try await b.complete(trainees["赵六"]!, on: "2027-03-31", report: "工业数据治理实践")
        try await b.withdraw(trainees["吴八"]!, on: "2026-10-08", reason: "转入其他基地")
        try await b.project("数据治理, 质量评估 | 一期", enterprise: shugu, startYear: 2026, partners: [tsinghua],
                            trainees: [trainees["张三"]!, trainees["阿明"]!])
        try await b.project("多源数据融合平台", enterprise: shugu, startYear: 2026, trainees: [trainees["张三"]!])
        return RosterWorld(tsinghua: tsinghua, guizhou: guizhou, shugu: shugu, hangyu: hangyu, liu: liu, chen: chen,
                           cohort: cohort, trainees: trainees)
    }
}
