import ArgumentParser

struct HousingLeaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lease",
        abstract: "Leases: list, show, renew, terminate, record move-out.",
        subcommands: []
    )
}
