import ArgumentParser

struct HousingStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Where a talent stands: application, eligibility, score, offer, lease.",
        subcommands: []
    )
}
