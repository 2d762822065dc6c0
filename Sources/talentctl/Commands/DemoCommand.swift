import ArgumentParser
import Foundation
import TalentServices

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load the demo data set and print a summary.",
        discussion: """
            Generates the same data for the same seed: the zone's 125 R&D institutions, 60 enterprises across the four industry chains, 8 partner universities and 1,600 talents (imported from a generated CSV file), then certifies a share of the talents with back-dated steps, some still pending. Everything goes through the same services as the other commands. Running it again adds nothing.

            Progress goes to stderr, the summary to stdout.

            Example:
              talentctl demo
              talentctl demo --seed 7 --json
            """)

    @Option(help: "Seed of the generated data set.") var seed: UInt64 = DemoDataSet.defaultSeed
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let started = Date()
        try await Command.run { zone in
            let data = DemoDataSet(seed: seed)
            let loader = DemoLoader(zone: zone)
            let load = try await loader.load(data) { Output.note($0) }
            let summary = try await loader.summary(seed: seed, load: load)
            Output.note(String(format: "done in %.1f s", Date().timeIntervalSince(started)))
            if output.json { return Output.json(summary) }
            Self.show(summary)
        }
    }

    static func show(_ summary: DemoSummary) {
        section("Organisations by kind", ["kind", "类别", "organisations"], summary.organisationsByKind)
        section("Talents by employer's industry chain (\(summary.talents) talents)",
                ["chain", "产业链", "talents"], summary.talentsByChain)
        section("Certified talents by class", ["class", "人才类别", "certified"], summary.certifiedByClass)
        section("Certifications by status (\(summary.pendingCertifications) pending)",
                ["status", "状态", "certifications"], summary.certificationsByStatus)
        let load = summary.load
        if load.addedNothing {
            Output.line("The demo data set (seed \(summary.seed)) was already loaded: nothing added.")
        } else {
            Output.line("Loaded the demo data set (seed \(summary.seed)): \(load.organisationsAdded) organisations, "
                        + "\(load.talentsAdded) talents and \(load.certificationsStarted) certifications added.")
        }
    }

    private static func section(_ title: String, _ headers: [String], _ rows: [DemoSummary.Row]) {
        Output.line(title)
        let total = rows.reduce(0) { $0 + $1.count }
        Output.table(headers, rows.map { [$0.key, $0.name, String($0.count)] } + [["total", "合计", String(total)]],
                     rightAligned: [2])
        Output.line("")
    }
}
