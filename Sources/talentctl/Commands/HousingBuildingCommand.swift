import ArgumentParser

struct HousingBuildingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "building",
        abstract: "Buildings and their benchmark rents.",
        subcommands: []
    )
}
