import ArgumentParser
import Foundation
import TalentServices

struct HousingReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Housing reports: occupancy, vacancies, expiring leases, rent roll.",
        discussion: """
            Each report prints a table, or --json, or --csv (UTF-8 with a BOM and CRLF line ends, so Excel opens it)
            to standard output or to --output FILE.

            Example:
              talentctl housing report occupancy
              talentctl housing report vacancies --json
              talentctl housing report expiring --within 90
              talentctl housing report rent-roll --month 2027-03 --csv --output rent-2027-03.csv
            """,
        subcommands: [Occupancy.self, Vacancies.self, Expiring.self, RentRoll.self]
    )

    struct Occupancy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Units by status per project and building, with the share let on a day.",
            discussion: """
                "leased" counts units by their status now (a lease accepted today that starts next month is
                leased); "let on DAY" and the occupancy count units with a lease in force on that day, as
                `report stats` does.

                Example:
                  talentctl housing report occupancy
                  talentctl housing report occupancy --on 2027-03-01 --csv --output occupancy.csv
                """)

        @Option(help: "The day the share let is counted on, YYYY-MM-DD (default today).") var on: Day?
        @OptionGroup var format: ReportFormat
        @OptionGroup var actor: ActorOptions

        func run() async throws {
            try await Command.run { zone in
                let report = try await zone.housingReports.occupancy(on: on?.date ?? .today(), actor: actor.resolved)
                try format.render(report, table: report, rightAligned: [3, 4, 5, 6, 7, 8, 9])
            }
        }
    }

    struct Vacancies: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Units by category, with the available ones (and how many of them are accessible).",
            discussion: "Example:\n  talentctl housing report vacancies --json")

        @OptionGroup var format: ReportFormat
        @OptionGroup var actor: ActorOptions

        func run() async throws {
            try await Command.run { zone in
                let report = try await zone.housingReports.vacancies(actor: actor.resolved)
                try format.render(report, table: report, rightAligned: [1, 2, 3])
            }
        }
    }

    struct Expiring: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Active leases ending within N days, with the day their renewal window opens.",
            discussion: "Example:\n  talentctl housing report expiring --within 90 --on 2028-09-01")

        @Option(parsing: .unconditional, help: "How many days ahead (0–3660).") var within: Int
        @Option(help: "The day to count from, YYYY-MM-DD (default today).") var on: Day?
        @OptionGroup var format: ReportFormat
        @OptionGroup var actor: ActorOptions

        func validate() throws {
            guard (0...3660).contains(within) else {
                throw ValidationError("--within must be 0 to 3660 days (not \(within))")
            }
        }

        func run() async throws {
            try await Command.run { zone in
                let report = try await zone.housingReports.expiring(within: within, on: on?.date ?? .today(), actor: actor.resolved)
                try format.render(report, table: report, rightAligned: [5, 7])
            }
        }
    }

    struct RentRoll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rent-roll",
            abstract: "The rent due for a month, lease by lease, in fen and yuan, with the discount and totals.",
            discussion: """
                A lease is billed in the month its lease month begins (a lease starting on the 15th is billed from the 15th),
                while the talent holds the unit (to the move-out for a terminated lease).

                Example:
                  talentctl housing report rent-roll --month 2027-03 --csv --output rent-2027-03.csv
                """)

        @Option(help: "The month, YYYY-MM.") var month: Month
        @OptionGroup var format: ReportFormat
        @OptionGroup var actor: ActorOptions

        func run() async throws {
            try await Command.run { zone in
                let report = try await zone.housingReports.rentRoll(month: month.value, actor: actor.resolved)
                try format.render(report, table: report, rightAligned: [4, 5, 6, 7, 8])
            }
        }
    }
}

/// A month on the command line (YYYY-MM).
struct Month: ExpressibleByArgument, Sendable {
    var value: YearMonth

    init?(argument: String) {
        guard let value = YearMonth(argument.trimmingCharacters(in: .whitespaces)) else { return nil }
        self.value = value
    }
}

/// `--json`, `--csv` and `--output FILE` of the housing reports.
struct ReportFormat: ParsableArguments {
    @Flag(help: "Print JSON instead of a table.") var json = false
    @Flag(help: "Write CSV (UTF-8 with a BOM, CRLF) instead of a table.") var csv = false
    @Option(help: "Write the CSV to this file instead of standard output (with --csv).") var output: String?

    func validate() throws {
        if json && csv { throw UsageError("choose one of --json and --csv") }
        if output != nil && !csv { throw UsageError("--output writes CSV; add --csv") }
    }

    func render<Report: Encodable>(_ report: Report, table: any HousingReportTable, rightAligned: Set<Int>) throws {
        if json { return Output.json(report) }
        guard csv else { return Output.table(table.headers, table.rows, rightAligned: rightAligned) }
        guard let output else { return Terminal.out(table.csv) }
        do {
            try table.csv.write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw ServiceError.unreadableFile("cannot write the report to \(output): \(error.localizedDescription)")
        }
        Output.note("wrote \(table.rows.count) rows to \(output)")
    }
}
