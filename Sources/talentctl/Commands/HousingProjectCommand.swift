import ArgumentParser

struct HousingProjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Housing projects (e.g. the talent town).",
        subcommands: []
    )
}
