import Foundation
import PostgresNIO
import TalentDomain
import TalentServices
@testable import TalentStore
import TestSupport

/// A practice base ready for trainees: a university with a programme, two enterprises (one with a
/// registered mentor), and the 2026 cohort (practice window 2026-09-01 – 2028-02-29).
enum PracticeFixture {
    typealias F = RegistryFixture
    static let universityCode = "12100000400000624D"
    static let universityName = "清华大学"
    static let enterpriseCode = F.employerCode
    static let otherEnterpriseCode = F.unregisteredCode
    static let mentorIdentity = "110105194912310046"
    static let outsiderIdentity = F.residentID(9001)
    static let year = 2026
    static let windowStart = day("2026-09-01")
    static let windowEnd = day("2028-02-29")
    /// The tests' today: after every day they record (leases renewed in 2028, practices completed in 2027),
    /// which the services refuse after the real today. Passed as `today:` wherever a step is recorded.
    static let today = day("2030-12-31")

    static func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    /// Runs `body` against a fresh database holding the base.
    static func withBase(_ label: String = #function,
                         _ body: (Store, PracticeBaseService) async throws -> Void) async throws {
        try await F.withStore(label) { (store: Store) async throws in
            let service = try await prepare(store)
            try await body(store, service)
        }
    }

    static func prepare(_ store: Store) async throws -> PracticeBaseService {
        let registry = RegistryService(store: store)
        _ = try await registry.addOrganisation(
            OrganisationInput(name: universityName, creditCode: universityCode, kind: .university), actor: F.actor)
        try await F.addEmployer(store)
        try await F.addEmployer(store, code: otherEnterpriseCode, name: "贵州另一科技有限公司")
        _ = try await registry.register(
            F.resident(name: "赵导师", id: mentorIdentity, employer: enterpriseCode, degree: "doctorate"), actor: F.actor)
        _ = try await registry.register(
            F.resident(name: "钱工程师", id: outsiderIdentity, employer: otherEnterpriseCode, degree: "master"), actor: F.actor)
        let service = PracticeBaseService(store: store)
        _ = try await service.addProgramme(universityCode: universityCode, field: "大数据工程", fieldEn: "Big Data Engineering", actor: F.actor)
        _ = try await service.createCohort(
            CohortInput(intakeYear: year, practiceStart: windowStart, practiceEnd: windowEnd), actor: F.actor)
        return service
    }

    static func studentNumber(_ n: Int) -> String { "2026210\(String(format: "%03d", n))" }

    static func input(_ n: Int, name: String? = nil, direct: Bool = false) -> TraineeInput {
        TraineeInput(
            studentNumber: studentNumber(n), name: name ?? "学员\(n)", identity: F.residentID(500 + n),
            mobile: "1380013\(String(format: "%04d", n))", university: universityCode, field: "大数据工程",
            directFromBachelor: direct, campusSupervisor: "张教授")
    }

    @discardableResult
    static func enrol(_ service: PracticeBaseService, _ n: Int, name: String? = nil, direct: Bool = false) async throws -> TraineeRecord {
        try await service.enrol(input(n, name: name, direct: direct), cohortYear: year, today: day("2026-11-26"), actor: F.actor)
    }

    static func ref(_ n: Int) -> TraineeReference { TraineeReference(studentNumber: studentNumber(n)) }

    @discardableResult
    static func position(_ service: PracticeBaseService, _ code: String, capacity: Int,
                         enterprise: String = enterpriseCode) async throws -> HostPositionRecord {
        try await service.addPosition(
            PositionInput(code: code, enterpriseCode: enterprise, title: "岗位\(code)", capacity: capacity, topic: "工业大数据"),
            cohortYear: year, actor: F.actor)
    }

    /// One trainee placed at P1 (capacity 1) through a committed matching.
    static func placedTrainee(_ service: PracticeBaseService, direct: Bool = false) async throws {
        try await enrol(service, 1, name: "李明", direct: direct)
        try await position(service, "P1", capacity: 1)
        try await service.setPreferences(cohortYear: year, trainee: ref(1), positionCodes: ["P1"], actor: F.actor)
        try await service.setRanking(cohortYear: year, positionCode: "P1", trainees: [ref(1)], actor: F.actor)
        _ = try await service.commit(cohortYear: year, actor: F.actor)
    }

    /// A placed trainee whose practice started on the first day of the window with the mentor.
    static func startedTrainee(_ service: PracticeBaseService, direct: Bool = false) async throws {
        try await placedTrainee(service, direct: direct)
        _ = try await service.start(ref(1), mentorIdentity: mentorIdentity, on: windowStart, today: today, actor: F.actor)
    }

    /// Runs literal SQL in a transaction (schema tests) and returns the store error, if any.
    static func sqlError(_ store: Store, _ sql: String) async -> StoreError? {
        do {
            try await store.write { try await $0.execute(sql: sql) }
            return nil
        } catch {
            return StoreError.from(error)
        }
    }

    static func scalar(_ store: Store, _ sql: String) async throws -> Int64 {
        try await store.read { session in
            try await session.firstRow(PostgresQuery(unsafeSQL: sql)) { try $0.value("n", as: Int64.self) }
        } ?? -1
    }
}

extension StoreError {
    var constraint: String? {
        switch self {
        case let .duplicate(constraint, _), let .missingReference(constraint, _), let .overlap(constraint, _): constraint
        case let .rejected(constraint, _): constraint
        default: nil
        }
    }
}
