import Foundation
import TalentServices
import TalentStore

/// A 10,000-trainee cohort's roster to CSV: `RosterService.roster` (one query, masking) +
/// `RosterDocument.csv` + writing the file, as `talentctl practice roster --format csv --output`
/// does. Setup (not timed): the demo's organisations and talents, then one generated cohort loaded
/// through the practice services (CSV imports and the committed stable matching), every practice
/// started with its mentor and half of the mid-term reports filed in bulk, and 1,000 cooperation
/// projects with three trainees each. Best of `runs`, with the phases of the best run.
struct RosterBenchmark: BenchSection {
    let name = "roster"
    let title = "Roster of a 10,000-trainee cohort to CSV"
    let needsDatabase = true
    static let trainees = 10_000
    static let year = 2030

    func run(_ context: BenchContext) async throws -> BenchResult {
        let cluster = try context.requireCluster()
        let clock = ContinuousClock()
        let settings = try await cluster.freshDatabase("bench_roster")
        let file = cluster.folder + "-roster.csv"
        defer { try? FileManager.default.removeItem(atPath: file) }

        let result = try await Store.withStore(settings) { store in
            let setup = clock.now
            let data = DemoDataSet(talentCount: 1600)
            try await register(data, store)
            let plan = DemoPractice(data, benchmarkCohort: Self.year, size: Self.trainees)
            let loaded = try await DemoPracticeLoader(store: store, actor: .localOperator("bench")).load(plan, practiceSteps: false)
            try await startAll(plan, store)
            context.note(String(format: "setup: %d trainees enrolled, %d placed by the matching, started in bulk, in %.1f s",
                                loaded.traineesAdded, loaded.traineesMatched, (clock.now - setup).seconds))

            let service = RosterService(store: store)
            var runs: [(query: Double, render: Double, write: Double, rows: Int, bytes: Int)] = []
            for run in 1...max(context.options.runs, 3) {
                let started = clock.now
                let roster = try await service.roster(RosterRequest(cohortYear: Self.year), actor: .localOperator("bench"))
                let queried = clock.now
                let document = RosterDocument.render(roster, as: .csv)
                let rendered = clock.now
                try document.write(to: URL(fileURLWithPath: file), options: .atomic)
                let written = clock.now
                runs.append(((queried - started).seconds, (rendered - queried).seconds, (written - rendered).seconds,
                             roster.rows.count, document.count))
                context.note(String(format: "run %d: %.3f s", run, (written - started).seconds))
            }
            guard let rows = runs.first?.rows, rows == Self.trainees else {
                throw BenchFailure("the roster has \(runs.first?.rows ?? 0) rows, expected \(Self.trainees)")
            }
            let totals = runs.map { $0.query + $0.render + $0.write }
            let best = runs[totals.firstIndex(of: totals.min()!)!]
            var result = BenchResult()
            result.table(["phase (best run)", "time", "share"], [
                ["RosterService.roster: query, decode, mask", Self.ms(best.query), Figure.share(best.query, of: totals.min()!)],
                ["RosterDocument.csv: 23 columns, BOM, CRLF", Self.ms(best.render), Figure.share(best.render, of: totals.min()!)],
                ["write the file", Self.ms(best.write), Figure.share(best.write, of: totals.min()!)],
                ["total", Self.ms(totals.min()!), "100%"],
            ], rightAligned: [1, 2])
            result.line("")
            result.line(String(format: "%d rows, %.1f MB CSV; all runs: %@ (goal: under 300 ms)", rows,
                               Double(best.bytes) / 1e6, totals.map(Self.ms).joined(separator: " ")))
            return result
        }
        try await DatabaseTarget.dropDatabaseIfExists("bench_roster", on: cluster.admin)
        return result
    }

    static func ms(_ seconds: Double) -> String { String(format: "%.0f ms", seconds * 1000) }

    /// The demo's organisations one by one and its talents as one import (the mentors).
    private func register(_ data: DemoDataSet, _ store: Store) async throws {
        let registry = RegistryService(store: store)
        for organisation in data.organisations { _ = try await registry.addOrganisation(organisation, actor: .localOperator("bench")) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bench-roster-talents-\(UUID().uuidString).csv")
        try data.csvDocument().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try await TalentImportService(store: store).importFile(
            at: file.path, options: .init(writeErrorReport: false), actor: .localOperator("bench"))
    }

    /// Starts every placement with a mentor of its host, files a mid-term report for every other
    /// trainee, and adds 1,000 projects of three trainees each: one transaction of repository calls.
    private func startAll(_ plan: DemoPractice, _ store: Store) async throws {
        guard let cohort = plan.cohorts.first else { return }
        let mentorKeys = Dictionary(cohort.positions.map { ($0.input.code, $0.mentors) }, uniquingKeysWith: { a, _ in a })
        try await store.write { session in
            let trainees = try await session.trainees(TraineeFilter(cohortYear: Self.year, limit: Self.trainees))
            var mentorIDs: [String: Int64] = [:]
            for (index, trainee) in trainees.enumerated() {
                guard let placement = trainee.placement, let keys = mentorKeys[placement.positionCode], !keys.isEmpty else { continue }
                let key = keys[index % keys.count]
                if mentorIDs[key] == nil { mentorIDs[key] = try await session.talent(identityKey: key)?.id }
                guard let mentor = mentorIDs[key] else { continue }
                try await session.startPlacement(id: placement.id, mentorID: mentor, on: placement.startOn)
                try await session.updateTraineeStatus(id: trainee.id, to: .inPractice)
                if index % 2 == 0 {
                    _ = try await session.insertStageReport(placementID: placement.id, stage: .midTerm, grade: .good,
                                                            on: placement.startOn.adding(months: 8), summary: nil)
                }
            }
            let enterprises = Array(Set(trainees.compactMap { $0.placement?.enterpriseCode })).sorted()
            let ids = try await session.organisationKinds(creditCodes: enterprises + [trainees[0].universityCode])
            guard let university = ids[trainees[0].universityCode]?.id else { return }
            for n in 0..<1000 {
                guard let enterprise = ids[enterprises[n % enterprises.count]]?.id else { continue }
                _ = try await session.insertProject(
                    title: "基准项目 \(n)", enterpriseID: enterprise, startYear: Self.year, partnerIDs: [university],
                    traineeIDs: (0..<3).map { trainees[(n * 3 + $0 * 3331) % trainees.count].id }, mentorIDs: [])
            }
        }
    }
}
