import ArgumentParser
import Foundation
import TalentServices

/// `talentctl report …`: figures computed from the data.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports computed from the data.",
        discussion: "Example:\n  talentctl report stats --as-of 2026-12-31",
        subcommands: [Stats.self])

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "The zone's headline figures as of a day: practice base, projects, awards, registry.",
            discussion: """
                Every figure is counted by a query: engineering masters trained (completed on or before the day), trainees in practice on the day, cohorts, cooperation projects started by the day's year, technical problems posed and solved by the day, projects with provincial/ministerial or higher awards by the day's year, R&D institutions and talents registered, certifications in force by class. Housing occupancy is reported as not available until the zone has a housing inventory.

                Example:
                  talentctl report stats
                  talentctl report stats --as-of 2025-12-31 --json
                """)

        @Option(help: "The day the figures describe, YYYY-MM-DD (default: today, China time).") var asOf: Day?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let day = asOf?.date ?? .today()
            try await Command.run { zone in
                let report = try await zone.report.statistics(asOf: day, actor: actor.resolved)
                if output.json { return Output.json(report) }
                Output.line(report.table(), terminator: "")
            }
        }
    }
}
