import ArgumentParser

struct HousingRoundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round",
        abstract: "Allocation rounds: create, preview, commit, verify, export.",
        subcommands: []
    )
}
