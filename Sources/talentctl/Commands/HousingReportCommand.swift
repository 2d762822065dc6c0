import ArgumentParser

struct HousingReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Housing reports: occupancy, vacancies, expiring leases, rent roll.",
        subcommands: []
    )
}
