import Foundation
import Testing
import TalentDomain
import TalentServices
@testable import TalentStore
import TalentText
import TestSupport

@Suite("Practice base imports: trainees, positions, preferences, rankings", .serialized)
struct PracticeImportServiceTests {
    typealias P = PracticeFixture
    typealias F = RegistryFixture

    static let options = TalentImportService.Options(today: CalendarDate(year: 2026, month: 11, day: 26)!)
    static let traineeHeader = "student_number,name,id_number,mobile,university,field,direct_from_bachelor,campus_supervisor"

    static func traineeRow(_ n: Int, name: String, direct: String = "否", university: String = PracticeFixture.universityCode) -> String {
        "\(P.studentNumber(n)),\(name),\(F.residentID(500 + n)),,\(university),大数据工程,\(direct),张教授"
    }

    static var goodTrainees: String {
        [traineeHeader, traineeRow(1, name: "李明", direct: "是"), traineeRow(2, name: "王芳", university: P.universityName),
         traineeRow(3, name: "张伟", direct: "yes")].joined(separator: "\r\n") + "\r\n"
    }

    @Test func importsTraineesOnceWithOneAuditEntry() async throws {
        try await P.withBase { (store: Store, service: PracticeBaseService) async throws in
            let file = try ImportFile(Data([0xEF, 0xBB, 0xBF]) + Data(Self.goodTrainees.utf8), name: "trainees.csv")
            let report = try await service.importTrainees(at: file.path, cohortYear: P.year, options: Self.options, actor: F.actor)
            #expect(report.added == 3)
            #expect(report.rowsTotal == 3)
            #expect(report.issues.isEmpty)
            #expect(report.summary.contains("3 trainees added"))
            let trainees = try await service.trainees(TraineeFilter(cohortYear: P.year), actor: "tester")
            #expect(trainees.map(\.name) == ["李明", "王芳", "张伟"])
            #expect(trainees.map(\.directFromBachelor) == [true, false, true])
            let audit = try await F.audit(store, action: "practice.trainees.import")
            #expect(audit.count == 1)
            #expect(audit.first?.entityID == report.batchID.map(String.init))

            let again = try await service.importTrainees(at: file.path, cohortYear: P.year, options: Self.options, actor: F.actor)
            #expect(again.added == 0)
            #expect(again.unchanged == 3)
            #expect(try await service.trainees(TraineeFilter(), actor: "tester").count == 3)
            #expect(try await F.audit(store, action: "practice.trainees.import").count == 1)
        }
    }

    @Test func anyBadTraineeRowMeansNothingIsWrittenAndEveryProblemIsReported() async throws {
        try await P.withBase { (store: Store, service: PracticeBaseService) async throws in
            let rows = [
                Self.traineeHeader,
                Self.traineeRow(1, name: "李明"),                                        // line 2: good
                "\(P.studentNumber(2)),王芳,11010519491231002,,\(P.universityCode),大数据工程,否,张教授",  // 3: bad identity
                Self.traineeRow(3, name: "张伟", direct: "maybe"),                       // 4: bad flag
                Self.traineeRow(4, name: "刘洋", university: "不存在大学"),               // 5: unknown university
                Self.traineeRow(1, name: "李明"),                                        // 6: duplicate of line 2
            ]
            let file = try ImportFile(rows.joined(separator: "\n") + "\n", name: "trainees.csv")
            let error = await caught {
                try await service.importTrainees(at: file.path, cohortYear: P.year, options: Self.options, actor: F.actor)
            }
            let report = try #require((error as? ServiceError)?.importReport)
            #expect(report.invalidRows == 4)
            #expect(!report.written)
            #expect(report.summary.contains("nothing was imported"))
            let located = Set(report.issues.map { "\($0.line):\($0.column ?? "")" })
            #expect(located == ["3:id_number", "4:direct_from_bachelor", "5:university", "6:student_number", "6:id_number"])
            let errors = try file.errorReport()
            #expect(errors.map { $0[0] } == ["3", "4", "5", "6", "6"])
            #expect(errors.first?[1] == "id_number")
            #expect(try await service.trainees(TraineeFilter(), actor: "tester").isEmpty)
            #expect(try await F.audit(store, action: "practice.trainees.import").isEmpty)

            // With skip-invalid the good row goes in, the others are reported.
            var skipping = Self.options
            skipping.skipInvalid = true
            let partial = try await service.importTrainees(at: file.path, cohortYear: P.year, options: skipping, actor: F.actor)
            #expect(partial.added == 1)
            #expect(partial.invalidRows == 4)
            #expect(try await service.trainees(TraineeFilter(), actor: "tester").map(\.name) == ["李明"])
        }
    }

    @Test func aBadHeaderIsRefusedNamingTheColumns() async throws {
        try await P.withBase { (_: Store, service: PracticeBaseService) async throws in
            let file = try ImportFile("student_number,name,idnumber\n1,2,3\n", name: "trainees.csv")
            let error = await caught {
                try await service.importTrainees(at: file.path, cohortYear: P.year, options: Self.options, actor: F.actor)
            }
            let report = try #require((error as? ServiceError)?.importReport)
            let columns = Set(report.issues.compactMap(\.column))
            #expect(columns.contains("idnumber"))
            #expect(columns.contains("id_number"))
            #expect(columns.contains("campus_supervisor"))
            #expect(report.issues.allSatisfy { $0.line == 1 })
        }
    }

    @Test func importsPositionsAndRefusesUnknownEnterprises() async throws {
        try await P.withBase { (_: Store, service: PracticeBaseService) async throws in
            let good = try ImportFile("""
                code,enterprise_credit_code,title,capacity,topic,skills
                P001,\(P.enterpriseCode),数据工程师,2,工业大数据平台,"Spark, SQL"
                P002,\(P.otherEnterpriseCode),算法工程师,1,,

                """, name: "positions.csv")
            let report = try await service.importPositions(at: good.path, cohortYear: P.year, options: Self.options, actor: F.actor)
            #expect(report.added == 2)
            let positions = try await service.positions(cohortYear: P.year)
            #expect(positions.map(\.code) == ["P001", "P002"])
            #expect(positions.first?.skills == "Spark, SQL")
            #expect(positions.last?.topic == nil)

            let bad = try ImportFile("""
                code,enterprise_credit_code,title,capacity
                P003,\(P.universityCode),x,1
                P004,\(P.enterpriseCode),y,-2
                P001,\(P.enterpriseCode),另一个岗位,2
                P005,\(P.enterpriseCode),z,many

                """, name: "positions.csv")
            let error = await caught { try await service.importPositions(at: bad.path, cohortYear: P.year, options: Self.options, actor: F.actor) }
            let rejected = try #require((error as? ServiceError)?.importReport)
            #expect(Set(rejected.issues.map(\.line)) == [2, 3, 4, 5])
            #expect(rejected.issues.first { $0.line == 2 }?.reason.contains("not an enterprise") == true)
            #expect(rejected.issues.first { $0.line == 4 }?.reason.contains("already has position P001") == true)
            #expect(try await service.positions(cohortYear: P.year).count == 2)
        }
    }

    @Test func preferencesAndRankingsReplaceWholeListsAndRefuseTies() async throws {
        try await P.withBase { (_: Store, service: PracticeBaseService) async throws in
            try await P.enrol(service, 1, name: "李明")
            try await P.enrol(service, 2, name: "王芳")
            try await P.position(service, "P1", capacity: 1)
            try await P.position(service, "P2", capacity: 1)
            let preferences = try ImportFile("""
                university,student_number,position,rank
                \(P.universityCode),\(P.studentNumber(1)),P2,2
                ,\(P.studentNumber(1)),P1,1
                ,\(P.studentNumber(2)),P1,1

                """, name: "preferences.csv")
            let report = try await service.importPreferences(at: preferences.path, cohortYear: P.year, options: Self.options, actor: F.actor)
            #expect(report.added == 2)
            let rankings = try ImportFile("""
                position,university,student_number,rank
                P1,,\(P.studentNumber(2)),1
                P1,,\(P.studentNumber(1)),2
                P2,,\(P.studentNumber(1)),1

                """, name: "rankings.csv")
            _ = try await service.importRankings(at: rankings.path, cohortYear: P.year, options: Self.options, actor: F.actor)
            let outcome = try await service.preview(cohortYear: P.year)
            #expect(outcome.assignments.map(\.position) == ["P2", "P1"])  // 李明 → P2 (2nd choice), 王芳 → P1

            let ties = try ImportFile("""
                university,student_number,position,rank
                ,\(P.studentNumber(1)),P1,1
                ,\(P.studentNumber(1)),P2,1
                ,\(P.studentNumber(2)),P9,1
                ,\(P.studentNumber(2)),P1,x

                """, name: "preferences.csv")
            let error = await caught { try await service.importPreferences(at: ties.path, cohortYear: P.year, options: Self.options, actor: F.actor) }
            let rejected = try #require((error as? ServiceError)?.importReport)
            #expect(rejected.issues.first { $0.line == 3 }?.reason.contains("tie: rank 1 is also given on line 2") == true)
            #expect(rejected.issues.first { $0.line == 4 }?.column == "position")
            #expect(rejected.issues.first { $0.line == 5 }?.column == "rank")
            // Nothing changed: the earlier lists still give the same matching.
            #expect(try await service.preview(cohortYear: P.year).assignments.map(\.position) == ["P2", "P1"])
        }
    }
}
