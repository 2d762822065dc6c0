import ArgumentParser

struct HousingUnitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unit",
        abstract: "Units: import, list, show, set status.",
        subcommands: []
    )
}
