import Foundation
import Testing
import TalentDomain
import TalentServices
@testable import TalentStore
import TestSupport

@Suite("Demo: the practice base, generated and loaded through the services")
struct PracticeDemoTests {
    typealias F = RegistryFixture

    static let data = DemoDataSet()
    static let plan = DemoPractice(data)

    @Test func theGeneratorIsDeterministicAndAimsAtTheSeedsFigures() throws {
        let again = DemoPractice(DemoDataSet())
        #expect(again.cohorts.map { $0.trainees.map(\.input.identity) } == Self.plan.cohorts.map { $0.trainees.map(\.input.identity) })
        #expect(again.projects.map(\.input.title) == Self.plan.projects.map(\.input.title))
        let other = DemoPractice(DemoDataSet(seed: 7))
        #expect(other.cohorts.map { $0.trainees.map(\.input.identity) } != Self.plan.cohorts.map { $0.trainees.map(\.input.identity) })

        #expect(Self.plan.cohorts.map(\.year) == Array(2019...2026))
        let completing = Self.plan.cohorts.flatMap(\.trainees).filter {
            if case .completes = $0.outcome { return true } else { return false }
        }
        #expect(completing.count == 186)
        #expect(Self.plan.projects.count >= 200)
        #expect(Self.plan.problems.filter { $0.solved != nil }.count == 48)
        let awarded = Self.plan.projects.filter { $0.awards.contains { $0.level != .city } }
        #expect(awarded.count >= 90)
        #expect(Set(Self.plan.projects.map(\.input.title)).count == Self.plan.projects.count)
        #expect(Self.plan.programmes.contains { $0.field == "自动化" })
    }

    @Test func everyTraineeIsValidAndCanBePlaced() throws {
        for cohort in Self.plan.cohorts {
            let identities = cohort.trainees.map(\.input.identity)
            #expect(Set(identities).count == identities.count, "\(cohort.year): identities are distinct")
            for identity in identities { #expect(throws: Never.self) { try ResidentIdentityNumber(identity) } }
            let seats = cohort.positions.reduce(0) { $0 + $1.input.capacity }
            #expect(seats >= cohort.trainees.count * 2, "\(cohort.year): the shared platform has a seat for everyone")
            for position in cohort.positions { #expect(!position.mentors.isEmpty, "\(position.input.code) has mentors") }
            for (_, positions) in cohort.preferences {
                #expect(positions.last == "P00")
                #expect(Set(positions).count == positions.count, "no position listed twice")
            }
            for trainee in cohort.trainees {
                if case let .completes(start, midTerm, final, assessed, completed, _, _, _) = trainee.outcome {
                    let months = trainee.input.directFromBachelor ? 12 : 6
                    #expect(start.adding(months: months) <= completed, "long enough for the duration rule")
                    #expect(start < midTerm && midTerm < final && final < assessed && assessed < completed)
                    #expect(completed <= cohort.end)
                }
            }
        }
        #expect(Self.plan.cohorts.flatMap(\.trainees).contains { $0.input.directFromBachelor })
        #expect(Self.plan.cohorts.flatMap(\.trainees).contains { !$0.input.directFromBachelor })
    }

    /// The slow one: the whole demo into a fresh database, the report's figures, and a second load.
    @Test func loadsThroughTheServicesReportsTheFiguresAndLoadsOnlyOnce() async throws {
        try await F.withStore { (store: Store) async throws in
            let registry = try await DemoLoader(store: store).load(Self.data)
            #expect(registry.talentsAdded == DemoDataSet.defaultTalentCount)
            let practice = try await DemoPracticeLoader(store: store).load(Self.plan)
            #expect(practice.cohortsAdded == 8)
            #expect(practice.cohortsMatched == 8)
            #expect(practice.traineesAdded == Self.plan.traineeCount)
            #expect(practice.traineesMatched == Self.plan.traineeCount, "every trainee placed by the matching")

            let report = try await ReportService(store: store).statistics(asOf: DemoPractice.asOf, actor: "tester")
            #expect(report.engineeringMastersTrained == 186)
            #expect(report.cooperationProjects >= 200)
            #expect(report.technicalProblemsSolved == 48)
            #expect(report.projectsWithProvincialOrHigherAwards >= 90)
            #expect(report.rdInstitutions == 125)
            #expect(report.cohorts == 8)
            let inPractice = Self.plan.cohorts.filter { $0.year >= 2025 }.reduce(0) { $0 + $1.trainees.count }
            #expect(report.traineesInPractice == inPractice)
            #expect(report.housingOccupancy == nil)

            // Every matching was committed through the service: one audited commit per cohort.
            #expect(try await F.auditCount(store, action: "practice.match.commit") == 8)

            let roster = try await RosterService(store: store).roster(RosterRequest(cohortYear: 2026), actor: "demo")
            #expect(roster.rows.count == 40)
            #expect(roster.rows.allSatisfy { $0.status == .inPractice && $0.mentorName != nil })
            // Universities in pinyin order (běi, guì cái, guì dà, guì lǐ, guì shī, qīng, shàng, xī), each in one run.
            let pinyin = ["北京航空航天大学", "贵州财经大学", "贵州大学", "贵州理工学院", "贵州师范大学", "清华大学", "上海交通大学",
                          "西北工业大学"]
            var runs: [String] = []
            for row in roster.rows where runs.last != row.universityName { runs.append(row.universityName) }
            #expect(runs == pinyin.filter(runs.contains))
            #expect(runs.count >= 4)

            let audits = try await F.auditCount(store)
            let again = try await DemoPracticeLoader(store: store).load(Self.plan)
            #expect(again.addedNothing, "\(again)")
            #expect(try await F.auditCount(store) == audits, "a second load changes nothing")
            #expect(try await ReportService(store: store).statistics(asOf: DemoPractice.asOf, actor: "tester") == report)
        }
    }
}
