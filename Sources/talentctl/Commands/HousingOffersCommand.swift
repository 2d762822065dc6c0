import ArgumentParser

struct HousingOffersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offers",
        abstract: "All offers: list, expire overdue ones (for cron).",
        subcommands: []
    )
}
