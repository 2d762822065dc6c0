import Foundation
import TalentRules
import TalentServices
import TalentStore

/// An allocation round of 50,000 applications over 10,000 units: `HousingRoundService.preview`
/// (load the round's inputs, check eligibility, score, draw — writes nothing) and `commit` (the same
/// plus entries, offers and unit/application updates in one transaction), then `verify`, and the pure
/// mechanism (`SerialDictatorship.allocate`) alone on the round's exported input.
///
/// Setup (not timed): ``HousingRoundFixture``.
struct HousingBenchmark: BenchSection {
    let name = "housing"
    let title = "Housing round: 50,000 applications over 10,000 units"
    let needsDatabase = true
    static let applications = HousingRoundFixture.applications
    static let units = HousingRoundFixture.units
    static let round = HousingRoundFixture.round
    static let seed = HousingRoundFixture.seed
    static let asOf = HousingRoundFixture.asOf

    func run(_ context: BenchContext) async throws -> BenchResult {
        let cluster = try context.requireCluster()
        let clock = ContinuousClock()
        let database = "bench_housing"
        let settings = try await cluster.freshDatabase(database)

        let result = try await Store.withStore(settings) { store in
            let setup = clock.now
            try await HousingRoundFixture.load(store, cluster: cluster, database: database)
            let rounds = HousingRoundService(store: store)
            context.note(String(format: "setup: %d talents, %d units, %d applications in %.1f s",
                                Self.applications, Self.units, Self.applications, (clock.now - setup).seconds))

            var previews: [Double] = []
            for run in 1...max(context.options.runs, 3) {
                let started = clock.now
                _ = try await rounds.preview(code: Self.round, seed: Self.seed, actor: .localOperator("bench"))
                previews.append((clock.now - started).seconds)
                context.note(String(format: "preview run %d: %.3f s", run, previews.last!))
            }
            let committing = clock.now
            try await rounds.commit(code: Self.round, seed: Self.seed, on: Self.asOf, today: Self.asOf, actor: .localOperator("bench"))
            let commit = (clock.now - committing).seconds
            context.note(String(format: "commit: %.3f s", commit))
            let verifying = clock.now
            _ = try await rounds.verify(code: Self.round, actor: .localOperator("bench"))
            let verify = (clock.now - verifying).seconds

            let export = try await rounds.export(code: Self.round, actor: .localOperator("bench"))
            let input = try export.input()
            var mechanism: [Double] = []
            var outcome: AllocationOutcome?
            for _ in 1...max(context.options.runs, 5) {
                let started = clock.now
                outcome = SerialDictatorship.allocate(input)
                mechanism.append((clock.now - started).seconds)
            }
            let allocated = outcome?.allocation.values.filter { $0 != nil }.count ?? 0

            var result = BenchResult()
            result.table(["step", "time", "goal"], [
                ["round preview (best of \(previews.count))", Self.ms(previews.min()!), "< 1 s"],
                ["round commit", Self.ms(commit), "< 3 s"],
                ["round verify", Self.ms(verify), ""],
                ["mechanism alone (best of \(mechanism.count))", Self.ms(mechanism.min()!), ""],
            ], rightAligned: [1])
            result.line("")
            result.line("\(input.applicants.count) eligible applicants of \(Self.applications), \(export.excluded.count) excluded; "
                        + "\(allocated) offers over \(input.units.values.reduce(0, +)) units; "
                        + "previews: \(previews.map(Self.ms).joined(separator: " ")); mechanism runs: "
                        + mechanism.map(Self.ms).joined(separator: " "))
            return result
        }
        try await DatabaseTarget.dropDatabaseIfExists(database, on: cluster.admin)
        return result
    }

    static func ms(_ seconds: Double) -> String { String(format: "%.0f ms", seconds * 1000) }
}
