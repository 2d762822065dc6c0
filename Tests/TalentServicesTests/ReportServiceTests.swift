import Foundation
import Testing
import TalentDomain
import TalentServices
@testable import TalentStore
import TalentText
import TestSupport

@Suite("Report service: statistics as of a day, every figure from the data")
struct ReportServiceTests {
    typealias F = RegistryFixture
    typealias B = PracticeBuilder

    static func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    /// A small data set where each figure and each cut-off can be worked out by hand (see the comments).
    static func build(_ store: Store) async throws {
        let b = PracticeBuilder(store: store)
        let enterprise = try await b.organisation("贵阳数谷大数据有限公司", code: B.creditCode("91", 11), kind: .enterprise)
        let university = try await b.organisation("清华大学", code: B.creditCode("12", 12), kind: .university)
        let institute = try await b.organisation("贵州省大数据研究院", code: B.creditCode("12", 13), kind: .institute)
        _ = try await b.organisation("贵州科学城人工智能研究所", code: B.creditCode("12", 14), kind: .institute)
        let mentor = try await b.mentor("刘工", id: B.identity(500), employerCode: enterprise.creditCode)
        _ = try await b.mentor("王小明", id: B.identity(501), employerCode: enterprise.creditCode)
        _ = try await b.mentor("李小红", id: B.identity(502), employerCode: enterprise.creditCode)
        // Certifications: 王小明 class 5 in force from 2025; 李小红 class 4 only from 2026-09-01; 刘工 only applied.
        try await store.write { session in
            for statement in [
                """
                INSERT INTO certifications (talent_id, status, requested_class, talent_class, applied_on, valid_from, valid_until)
                SELECT id, 'certified', 5, 5, '2024-11-01', '2025-01-01', '2031-01-01' FROM talents WHERE name = '王小明'
                """,
                """
                INSERT INTO certifications (talent_id, status, requested_class, talent_class, applied_on, valid_from, valid_until)
                SELECT id, 'certified', 4, 4, '2026-07-01', '2026-09-01', '2032-09-01' FROM talents WHERE name = '李小红'
                """,
                """
                INSERT INTO certifications (talent_id, status, requested_class, applied_on)
                SELECT id, 'applied', 5, '2026-05-01' FROM talents WHERE name = '刘工'
                """,
            ] {
                try await session.execute(sql: statement)
            }
        }

        let programme = try await b.programme(university, "大数据工程")
        let c2024 = try await b.cohort(2024)
        let c2025 = try await b.cohort(2025)
        _ = try await b.cohort(2027)
        let p2024 = try await b.position("P1", "数据工程师", cohort: c2024, enterprise: enterprise)
        let p2025 = try await b.position("P1", "数据工程师", cohort: c2025, enterprise: enterprise)
        var n = 0
        func trainee(_ name: String, _ cohort: CohortRecord) async throws -> TraineeRecord {
            n += 1
            return try await b.trainee(name, number: "S\(cohort.intakeYear)\(n)", cohort: cohort, programme: programme,
                                       university: university, identity: B.identity(n))
        }
        // 2024级: A completed 2025-06-30, B completed 2025-12-31.
        for (name, completed) in [("甲", "2025-06-30"), ("乙", "2025-12-31")] {
            let t = try await trainee(name, c2024)
            try await b.place(t, p2024, cohort: c2024)
            try await b.start(t, mentor: mentor, on: "2024-09-02")
            try await b.complete(t, on: completed)
        }
        // 2025级: C completed 2026-08-31, D still in practice, E withdrawn 2026-03-01, F placed only, G enrolled only.
        let c = try await trainee("丙", c2025), d = try await trainee("丁", c2025), e = try await trainee("戊", c2025)
        let f = try await trainee("己", c2025)
        _ = try await trainee("庚", c2025)
        for t in [c, d, e, f] { try await b.place(t, p2025, cohort: c2025) }
        for t in [c, d, e] { try await b.start(t, mentor: mentor, on: "2025-09-10") }
        try await b.complete(c, on: "2026-08-31")
        try await b.withdraw(e, on: "2026-03-01", reason: "个人原因")

        // Projects started 2020, 2024, 2025, 2027.
        let p1 = try await b.project("工业大数据平台", enterprise: enterprise, startYear: 2020, partners: [university, institute])
        let p2 = try await b.project("数据质量评估", enterprise: enterprise, startYear: 2024, partners: [university])
        let p3 = try await b.project("航空数据融合", enterprise: enterprise, startYear: 2025, partners: [institute])
        let p4 = try await b.project("芯片良率预测", enterprise: enterprise, startYear: 2027)
        try await store.write { session in
            // P1 twice (national 2021, provincial 2022) counts once; P2 only city level; P3 provincial 2026; P4 national 2027.
            _ = try await session.insertAward(projectID: p1.id, level: .national, year: 2021, name: "国家科技进步二等奖")
            _ = try await session.insertAward(projectID: p1.id, level: .provincialMinisterial, year: 2022, name: "贵州省科技进步一等奖")
            _ = try await session.insertAward(projectID: p2.id, level: .city, year: 2025, name: "贵阳市科技进步奖")
            _ = try await session.insertAward(projectID: p3.id, level: .provincialMinisterial, year: 2026, name: "贵州省科技进步二等奖")
            _ = try await session.insertAward(projectID: p4.id, level: .national, year: 2027, name: "国家技术发明二等奖")
            // Problems: Q1 posed 2025-01-01 solved 2025-06-01; Q2 posed 2026-01-01 solved 2026-09-01;
            // Q3 posed 2026-02-01 open; Q4 posed 2027-01-01 open.
            let q1 = try await session.insertProblem(enterpriseID: enterprise.id, title: "数据清洗效率低", posedOn: day("2025-01-01"))
            try await session.solveProblem(id: q1.id, projectID: p2.id, on: day("2025-06-01"))
            let q2 = try await session.insertProblem(enterpriseID: enterprise.id, title: "多源数据对齐", posedOn: day("2026-01-01"))
            try await session.solveProblem(id: q2.id, projectID: p3.id, on: day("2026-09-01"))
            _ = try await session.insertProblem(enterpriseID: enterprise.id, title: "实时计算延迟", posedOn: day("2026-02-01"))
            _ = try await session.insertProblem(enterpriseID: enterprise.id, title: "良率模型漂移", posedOn: day("2027-01-01"))
        }
    }

    @Test func everyFigureOnAHandBuiltDataSetAsOfMidYear() async throws {
        try await F.withStore { (store: Store) async throws in
            try await Self.build(store)
            let report = try await ReportService(store: store).statistics(asOf: Self.day("2026-06-30"), actor: "tester")
            #expect(report.asOf == Self.day("2026-06-30"))
            #expect(report.engineeringMastersTrained == 2)    // 甲, 乙; 丙 completes 2026-08-31
            #expect(report.traineesInPractice == 2)           // 丙, 丁; 戊 withdrew 2026-03-01, 己 never started
            #expect(report.cohorts == 2)                      // 2024, 2025; not 2027
            #expect(report.cooperationProjects == 3)          // 2020, 2024, 2025; not 2027
            #expect(report.technicalProblemsPosed == 3)       // not Q4 (2027)
            #expect(report.technicalProblemsSolved == 1)      // Q1; Q2 is solved after the day
            #expect(report.projectsWithProvincialOrHigherAwards == 2)  // P1 (once), P3; not P2 (city) nor P4 (2027)
            #expect(report.rdInstitutions == 2)
            #expect(report.talentsRegistered == 3)
            #expect(report.certifiedTalents == 1)             // 李小红's class 4 is in force only from 2026-09-01
            #expect(report.certifiedByClass.map(\.talentClass) == [1, 2, 3, 4, 5, 6])
            #expect(report.certifiedByClass.map(\.certified) == [0, 0, 0, 0, 1, 0])
            #expect(report.certifiedByClass[4].name == "第五类人才")
            #expect(report.housingOccupancy == nil)
            #expect(report.housingOccupancyNote == "not available: no housing inventory yet")
        }
    }

    @Test func theCutOffMovesEveryDatedFigure() async throws {
        try await F.withStore { (store: Store) async throws in
            try await Self.build(store)
            let service = ReportService(store: store)
            let early = try await service.statistics(asOf: Self.day("2025-06-29"), actor: "tester")
            #expect(early.engineeringMastersTrained == 0)    // 甲 completes the next day
            #expect(early.traineesInPractice == 2)           // 甲, 乙
            #expect(early.cohorts == 2)
            #expect(early.cooperationProjects == 3)
            #expect(early.technicalProblemsPosed == 1)
            #expect(early.technicalProblemsSolved == 1)
            #expect(early.projectsWithProvincialOrHigherAwards == 1)  // P1 only

            let february = try await service.statistics(asOf: Self.day("2026-02-01"), actor: "tester")
            #expect(february.traineesInPractice == 3)        // 丙, 丁 and 戊, who withdraws on 2026-03-01
            #expect(february.engineeringMastersTrained == 2)

            let late = try await service.statistics(asOf: Self.day("2027-12-31"), actor: "tester")
            #expect(late.engineeringMastersTrained == 3)
            #expect(late.traineesInPractice == 1)            // 丁
            #expect(late.cohorts == 3)
            #expect(late.cooperationProjects == 4)
            #expect(late.technicalProblemsPosed == 4)
            #expect(late.technicalProblemsSolved == 2)
            #expect(late.projectsWithProvincialOrHigherAwards == 3)
            #expect(late.certifiedByClass.map(\.certified) == [0, 0, 0, 1, 1, 0])
            #expect(late.certifiedTalents == 2)
        }
    }

    @Test func anEmptyDatabaseReportsZerosAndNoHousingFigure() async throws {
        try await F.withStore { (store: Store) async throws in
            let report = try await ReportService(store: store).statistics(asOf: Self.day("2026-11-26"), actor: "tester")
            #expect(report.engineeringMastersTrained == 0)
            #expect(report.cooperationProjects == 0)
            #expect(report.rdInstitutions == 0)
            #expect(report.certifiedByClass.count == 6)
            #expect(report.certifiedTalents == 0)
            #expect(report.housingOccupancy == nil)
        }
    }

    @Test func jsonHasEveryFigureAndNullHousing() async throws {
        try await F.withStore { (store: Store) async throws in
            try await Self.build(store)
            let report = try await ReportService(store: store).statistics(asOf: Self.day("2026-06-30"), actor: "tester")
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(report)) as? [String: Any])
            #expect(object["as_of"] as? String == "2026-06-30")
            #expect(object["engineering_masters_trained"] as? Int == 2)
            #expect(object["projects_with_provincial_or_higher_awards"] as? Int == 2)
            #expect(object["rd_institutions"] as? Int == 2)
            #expect(object["housing_occupancy"] is NSNull, "null, present, not a made-up number")
            #expect(object["housing_occupancy_note"] as? String == "not available: no housing inventory yet")
            let classes = try #require(object["certified_by_class"] as? [[String: Any]])
            #expect(classes.count == 6)
            #expect(classes[4]["talent_class"] as? Int == 5 && classes[4]["certified"] as? Int == 1)
        }
    }

    @Test func theTableLabelsEachFigureInEnglishAndChinese() async throws {
        try await F.withStore { (store: Store) async throws in
            try await Self.build(store)
            let table = try await ReportService(store: store).statistics(asOf: Self.day("2026-06-30"), actor: "tester").table()
            let lines = table.split(separator: "\n").map(String.init)
            #expect(lines[0] == "Statistics as of 2026-06-30 (截至 2026-06-30)")
            let trained = try #require(lines.first { $0.hasPrefix("Engineering masters trained (cumulative)") })
            #expect(trained.contains("累计培养工程硕士"))
            #expect(trained.hasSuffix(" 2"))
            let awards = try #require(lines.first { $0.contains("获省部级及以上奖励项目") })
            #expect(awards.hasSuffix(" 2"))
            let housing = try #require(lines.first { $0.hasPrefix("Housing occupancy ") })
            #expect(housing.hasSuffix("—"))
            #expect(table.contains("Housing occupancy: not available: no housing inventory yet."))
            // The value column lines up by display width although the Chinese labels differ in length.
            let rows = lines.filter { $0.hasPrefix("R&D institutions") || $0.hasPrefix("Cohorts") }
            #expect(rows.count == 2)
            #expect(Set(rows.map { DisplayWidth.of($0) }).count == 1)
        }
    }
}
