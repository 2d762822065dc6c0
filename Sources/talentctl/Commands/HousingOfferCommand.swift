import ArgumentParser

struct HousingOfferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offer",
        abstract: "One offer: show, accept, decline.",
        subcommands: []
    )
}
