import Foundation
import Testing
import TalentDomain
import TalentServices
@testable import TalentStore
import TestSupport

@Suite("Roster service: content, pinyin order, filters, masking")
struct RosterServiceTests {
    typealias F = RegistryFixture

    static func withWorld(_ label: String = #function,
                          _ body: (Store, RosterWorld, RosterService) async throws -> Void) async throws {
        try await F.withStore(label) { (store: Store) async throws in
            let world = try await RosterWorld.build(store)
            try await body(store, world, RosterService(store: store))
        }
    }

    @Test func sortsByUniversityThenNameInPinyinOrderNotCodePointOrder() async throws {
        try await Self.withWorld { (_: Store, _: RosterWorld, service: RosterService) async throws in
            let roster = try await service.roster(RosterRequest(cohortYear: 2026), actor: F.actor)
            // 贵州大学 (guì) before 清华大学 (qīng); 吴 (wú) before 周 (zhōu); 阿 李 王 张 赵 (ā lǐ wáng zhāng zhào).
            #expect(roster.rows.map(\.name) == ["吴八", "周七", "阿明", "李四", "王五", "张三", "赵六"])
            #expect(roster.rows.map(\.universityName) == ["贵州大学", "贵州大学"] + Array(repeating: "清华大学", count: 5))
            // The same names in code-point order would come out differently: the collation matters.
            #expect(RosterWorld.tsinghuaNames.sorted() == ["张三", "李四", "王五", "赵六", "阿明"])
            #expect(["清华大学", "贵州大学"].sorted() == ["清华大学", "贵州大学"])
        }
    }

    @Test func carriesTheFieldsABaseOfficePrints() async throws {
        try await Self.withWorld { (_: Store, world: RosterWorld, service: RosterService) async throws in
            let roster = try await service.roster(RosterRequest(cohortYear: 2026), actor: F.actor)
            #expect(roster.cohortName == "2026级")
            #expect(roster.title == "贵州大数据研究生实践教育基地 学员名册 · 2026级")
            #expect(roster.filter.isEmpty)
            #expect(!roster.rows.contains { $0.name == "钱九" }, "a trainee of 2025 is not on the 2026 roster")

            let zhang = try #require(roster.rows.first { $0.name == "张三" })
            #expect(zhang.studentNumber == "2026310")
            #expect(zhang.universityName == "清华大学")
            #expect(zhang.universityCode == world.tsinghua.creditCode)
            #expect(zhang.field == "大数据工程")
            #expect(zhang.cohortYear == 2026)
            #expect(zhang.campusSupervisor == "李教授")
            #expect(zhang.mentorName == "刘工")
            #expect(zhang.enterpriseName == "贵阳数谷大数据有限公司")
            #expect(zhang.enterpriseCode == world.shugu.creditCode)
            #expect(zhang.positionCode == "P001")
            #expect(zhang.positionTitle == "数据工程师 <实习>")
            // Projects in pinyin order: 多 (duō) before 数 (shù).
            #expect(zhang.projects == ["多源数据融合平台", "数据治理, 质量评估 | 一期"])
            #expect(zhang.startOn == CalendarDate("2026-09-01"))
            #expect(zhang.endOn == CalendarDate("2028-02-28"))
            #expect(zhang.startedOn == CalendarDate("2026-09-07"))
            #expect(zhang.completedOn == nil)
            #expect(zhang.status == .inPractice)
            #expect(zhang.assessment == nil)
            #expect(!zhang.directFromBachelor)
            #expect(roster.rows.first { $0.name == "阿明" }?.directFromBachelor == true)

            let zhao = try #require(roster.rows.first { $0.name == "赵六" })
            #expect(zhao.status == .completed)
            #expect(zhao.completedOn == CalendarDate("2027-03-31"))
            #expect(zhao.midTermGrade == .good)
            #expect(zhao.finalGrade == .excellent)
            #expect(zhao.assessment == .pass)
            #expect(zhao.reportTitle == "工业数据治理实践")
            #expect(zhao.projects.isEmpty)

            let wang = try #require(roster.rows.first { $0.name == "王五" })
            #expect(wang.status == .enrolled)
            #expect(wang.enterpriseName == nil && wang.positionTitle == nil && wang.mentorName == nil && wang.startOn == nil)

            let wu = try #require(roster.rows.first { $0.name == "吴八" })
            #expect(wu.status == .withdrawn)
            #expect(wu.withdrawalReason == "转入其他基地")
        }
    }

    @Test func masksIdentityAndMobileNumbersAndRecordsNothing() async throws {
        try await Self.withWorld { (store: Store, _: RosterWorld, service: RosterService) async throws in
            let auditBefore = try await F.auditCount(store)
            let roster = try await service.roster(RosterRequest(cohortYear: 2026), actor: F.actor)
            #expect(roster.piiMasked)
            let zhang = try #require(roster.rows.first { $0.name == "张三" })
            let full = PracticeBuilder.identity(0)
            #expect(zhang.identityKey.description == String(full.prefix(4)) + "**********" + String(full.suffix(4)))
            #expect(zhang.mobile?.description == "138****8000")
            #expect(roster.rows.first { $0.name == "周七" }?.identityKey.description == "USA:E1****67")
            for row in roster.rows {
                #expect(row.identityKey.description.contains("*"), "\(row.name)'s identity is masked")
            }
            #expect(try await F.auditCount(store) == auditBefore)
        }
    }

    @Test func revealingIsAuditedWithTheRosterScopeInTheSameUseCase() async throws {
        try await Self.withWorld { (store: Store, world: RosterWorld, service: RosterService) async throws in
            let roster = try await service.roster(
                RosterRequest(cohortYear: 2026, university: "清华大学", revealPII: true), actor: "auditor-chen")
            #expect(!roster.piiMasked)
            let zhang = try #require(roster.rows.first { $0.name == "张三" })
            #expect(zhang.identityKey.description == PracticeBuilder.identity(0))
            #expect(zhang.mobile?.description == RosterWorld.mobile)

            let reveals = try await F.audit(store, action: "pii.reveal")
            #expect(reveals.count == 1)
            let entry = try #require(reveals.first)
            #expect(entry.actor == "cli:auditor-chen")
            #expect(entry.entityType == "roster")
            #expect(entry.entityID == "2026级")
            let after = try F.object(entry.after)
            #expect(after["scope"] as? String == "practice roster")
            #expect((after["filter"] as? String)?.contains("培养高校: 清华大学 (\(world.tsinghua.creditCode))") == true)
            let ids = Set(((after["trainees"] as? String) ?? "").split(separator: ",").map(String.init))
            #expect(ids == Set(roster.rows.map { String($0.traineeID) }))
            #expect(ids.count == 5)
        }
    }

    @Test func filtersByUniversityEnterpriseAndMentorGivenByNameOrCode() async throws {
        try await Self.withWorld { (_: Store, world: RosterWorld, service: RosterService) async throws in
            func names(_ request: RosterRequest) async throws -> [String] {
                try await service.roster(request, actor: F.actor).rows.map(\.name)
            }
            #expect(try await names(.init(cohortYear: 2026, university: "清华大学")) == ["阿明", "李四", "王五", "张三", "赵六"])
            #expect(try await names(.init(cohortYear: 2026, university: " \(world.guizhou.creditCode.lowercased()) "))
                    == ["吴八", "周七"])
            #expect(try await names(.init(cohortYear: 2026, enterprise: "贵州航宇科技发展股份有限公司")) == ["周七", "李四"])
            #expect(try await names(.init(cohortYear: 2026, enterprise: world.shugu.creditCode)) == ["阿明", "张三", "赵六"])
            #expect(try await names(.init(cohortYear: 2026, mentor: "陈工")) == ["周七", "李四"])
            #expect(try await names(.init(cohortYear: 2026, mentor: world.liu.identityKey.fullValue)) == ["阿明", "张三", "赵六"])
            #expect(try await names(.init(cohortYear: 2026, university: "贵州大学", enterprise: world.hangyu.creditCode))
                    == ["周七"])
            #expect(try await names(.init(cohortYear: 2026, university: "贵州大学", mentor: "刘工")).isEmpty)
            #expect(try await names(.init(cohortYear: 2026, university: "  ")).count == 7, "a blank filter is no filter")

            let filtered = try await service.roster(
                .init(cohortYear: 2026, enterprise: world.shugu.creditCode, mentor: world.liu.identityKey.fullValue), actor: F.actor)
            #expect(filtered.filter == [
                Roster.FilterTerm(label: "实践单位", value: "贵阳数谷大数据有限公司 (\(world.shugu.creditCode))"),
                Roster.FilterTerm(label: "企业导师", value: "刘工"),
            ])
            #expect(!filtered.filterSummary.contains(world.liu.identityKey.fullValue), "the mentor's identity number is not printed")
            #expect(filtered.filterSummary.hasPrefix("年级: 2026级；实践单位: 贵阳数谷大数据有限公司"))
        }
    }

    @Test func aFilterThatNamesNothingIsRefusedNotAnEmptyRoster() async throws {
        try await Self.withWorld { (_: Store, world: RosterWorld, service: RosterService) async throws in
            let university = await caught { try await service.roster(.init(cohortYear: 2026, university: "清华"), actor: F.actor) }
            #expect((university as? ServiceError)?.notFoundMessage?.contains("no university has the credit code or name 清华") == true)
            // An enterprise's code does not name a university.
            let wrongKind = await caught {
                try await service.roster(.init(cohortYear: 2026, university: world.shugu.creditCode), actor: F.actor)
            }
            #expect((wrongKind as? ServiceError)?.notFoundMessage != nil)
            let mentor = await caught { try await service.roster(.init(cohortYear: 2026, mentor: "无名氏"), actor: F.actor) }
            #expect((mentor as? ServiceError)?.notFoundMessage?.contains("无名氏") == true)
            let cohort = await caught { try await service.roster(.init(cohortYear: 2031), actor: F.actor) }
            #expect((cohort as? ServiceError)?.notFoundMessage?.contains("intake year 2031") == true)
        }
    }

    @Test func anotherCohortListsOnlyItsOwnTrainees() async throws {
        try await Self.withWorld { (_: Store, _: RosterWorld, service: RosterService) async throws in
            let roster = try await service.roster(.init(cohortYear: 2025), actor: F.actor)
            #expect(roster.rows.map(\.name) == ["钱九"])
            #expect(roster.rows.first?.status == .enrolled)
        }
    }
}
