import ArgumentParser
import Foundation
import TalentServices

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load the demo data set and print a summary, a roster and the statistics report.",
        discussion: """
            Generates the same data for the same seed: the zone's 125 R&D institutions, 60 enterprises across the four industry chains, 8 partner universities and 1,600 talents (imported from a generated CSV file), then certifies a share of the talents with back-dated steps, some still pending.

            Then the graduate practice base: programmes of the partner universities, cohorts 2019级–2026级 (trainees, host positions and both sides' rankings imported from generated CSV files), each cohort placed by the committed stable matching, and every practice started, reported, assessed and completed (or withdrawn) with back-dated days as of 2026-10-31; cooperation projects, technical problems and awards. Everything goes through the same services as the other commands. Running it again adds nothing.

            Progress goes to stderr; the summary, the first rows of the newest cohort's roster and the statistics report to stdout.

            Example:
              talentctl demo
              talentctl demo --seed 7 --json
            """)

    @Option(help: "Seed of the generated data set.") var seed: UInt64 = DemoDataSet.defaultSeed
    @OptionGroup var output: OutputOptions

    /// What `--json` prints.
    struct Document: Encodable {
        var registry: DemoSummary
        var practice: DemoPracticeLoadReport
        var statistics: StatisticsReport
    }

    func run() async throws {
        let started = Date()
        try await Command.run { zone in
            let data = DemoDataSet(seed: seed)
            let loader = DemoLoader(zone: zone)
            let load = try await loader.load(data) { Output.note($0) }
            let plan = DemoPractice(data)
            Output.note("loading the practice base: \(plan.cohorts.count) cohorts, \(plan.traineeCount) trainees…")
            let practice = try await DemoPracticeLoader(store: zone.store).load(plan) { Output.note($0) }
            let summary = try await loader.summary(seed: seed, load: load)
            let statistics = try await zone.report.statistics()
            Output.note(String(format: "done in %.1f s", Date().timeIntervalSince(started)))
            if output.json { return Output.json(Document(registry: summary, practice: practice, statistics: statistics)) }
            Self.show(summary)
            if let newest = plan.cohorts.last {
                let roster = try await zone.roster.roster(RosterRequest(cohortYear: newest.year), actor: "demo")
                Output.line(RosterDocument.table(roster, limit: 15))
                Output.line("")
            }
            Output.line(statistics.table())
            Self.conclude(summary, practice)
        }
    }

    static func show(_ summary: DemoSummary) {
        section("Organisations by kind", ["kind", "类别", "organisations"], summary.organisationsByKind)
        section("Talents by employer's industry chain (\(summary.talents) talents)",
                ["chain", "产业链", "talents"], summary.talentsByChain)
        section("Certified talents by class", ["class", "人才类别", "certified"], summary.certifiedByClass)
        section("Certifications by status (\(summary.pendingCertifications) pending)",
                ["status", "状态", "certifications"], summary.certificationsByStatus)
    }

    static func conclude(_ summary: DemoSummary, _ practice: DemoPracticeLoadReport) {
        let load = summary.load
        if load.addedNothing && practice.addedNothing {
            Output.line("The demo data set (seed \(summary.seed)) was already loaded: nothing added.")
            return
        }
        Output.line("Loaded the demo data set (seed \(summary.seed)): \(load.organisationsAdded) organisations, "
                    + "\(load.talentsAdded) talents and \(load.certificationsStarted) certifications added; practice base: "
                    + "\(practice.cohortsAdded) cohorts, \(practice.traineesAdded) trainees, \(practice.traineesMatched) placed "
                    + "by stable matching, \(practice.steps) practice steps, \(practice.projectsAdded) projects, "
                    + "\(practice.problemsAdded) technical problems and \(practice.awardsAdded) awards added.")
    }

    private static func section(_ title: String, _ headers: [String], _ rows: [DemoSummary.Row]) {
        Output.line(title)
        let total = rows.reduce(0) { $0 + $1.count }
        Output.table(headers, rows.map { [$0.key, $0.name, String($0.count)] } + [["total", "合计", String(total)]],
                     rightAligned: [2])
        Output.line("")
    }
}
