import ArgumentParser
import TalentServices

struct HousingProjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Housing projects (e.g. the talent town).",
        discussion: "Example:\n  talentctl housing project add ZGTT --name 智谷人才小镇 --address 贵阳市高新区\n  talentctl housing project list",
        subcommands: [Add.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a housing project.",
            discussion: """
                The code is 1–40 letters, digits, '-' or '_'; buildings and rounds
                name the project by it.

                Example:
                  talentctl housing project add ZGTT --name 智谷人才小镇 --address 贵阳市高新区
                """)

        @Argument(help: "The project's code, e.g. ZGTT.") var code: String
        @Option(help: "The project's name.") var name: String
        @Option(help: "Its address.") var address: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let record = try await zone.housingInventory.addProject(
                    HousingProjectInput(code: code, name: name, address: address), actor: actor.resolved)
                if output.json { return Output.json(record) }
                Output.line("added project \(record.code) \(record.name)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List housing projects by code.",
            discussion: "Example:\n  talentctl housing project list\n  talentctl housing project list --json")

        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let records = try await zone.housingInventory.projects(actor: actor.resolved)
                if output.json { return Output.json(records) }
                Output.table(["code", "name", "address"], records.map { [$0.code, $0.name, $0.address ?? ""] })
                Output.note(Output.count(records.count, "project"))
            }
        }
    }
}
