import ArgumentParser
import Foundation
import TalentServices

extension RosterFormat: ExpressibleByArgument {}

/// `talentctl practice roster`: the roster a base office prints.
struct RosterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Print or write the roster of a cohort, by university then name in pinyin order.",
        discussion: """
            Filters take a credit code or an exact registered name (a mentor: identity number or exact name). Identity and mobile numbers are masked unless --reveal-pii, which is recorded in the audit log.

            Formats: table (terminal), csv (UTF-8 with BOM, CRLF: opens in Excel), json (array of objects), html (printable A4 landscape page with page numbers), md (Markdown pipe table).

            Example:
              talentctl practice roster --cohort 2026
              talentctl practice roster --cohort 2026级 --university 清华大学 --format csv --output roster.csv
              talentctl practice roster --cohort 2025 --enterprise 91520115MA6DQ8XW1K --format html --output roster.html
            """)

    @Option(help: "Cohort: intake year, e.g. 2026 or 2026级.") var cohort: String
    @Option(help: "Only trainees of this university (credit code or name).") var university: String?
    @Option(help: "Only trainees placed at this enterprise (credit code or name).") var enterprise: String?
    @Option(help: "Only trainees of this enterprise mentor (identity number or name).") var mentor: String?
    @Option(help: "table | csv | json | html | md") var format: RosterFormat = .table
    @Option(help: "Write to this file instead of stdout.") var output: String?
    @Flag(help: "Show full identity and mobile numbers (recorded in the audit log).") var revealPII = false
    @OptionGroup var actor: ActorOptions

    func validate() throws {
        guard Self.intakeYear(cohort) != nil else {
            throw UsageError("--cohort must be an intake year such as 2026 or 2026级, not \(cohort)")
        }
    }

    func run() async throws {
        try await Command.run { zone in
            let roster = try await zone.roster.roster(RosterRequest(
                cohortYear: Self.intakeYear(cohort) ?? 0, university: university, enterprise: enterprise, mentor: mentor,
                revealPII: revealPII), actor: actor.resolved)
            let document = RosterDocument.render(roster, as: format)
            guard let output else { return Terminal.out(document) }
            do {
                try document.write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw ServiceError.unreadableFile("cannot write the roster to \(output): \(error.localizedDescription)")
            }
            Output.note("wrote the roster of \(roster.rows.count) trainees (\(roster.cohortName)) to \(output)")
        }
    }

    /// 2026 or 2026级.
    static func intakeYear(_ text: String) -> Int? {
        var text = text.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("级") { text.removeLast() }
        guard let year = Int(text), (2000...2100).contains(year) else { return nil }
        return year
    }
}
