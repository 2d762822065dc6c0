import ArgumentParser

struct HousingApplicationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "application",
        abstract: "Housing applications: submit, list, show, withdraw.",
        subcommands: []
    )
}
