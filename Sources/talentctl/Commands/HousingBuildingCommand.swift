import ArgumentParser
import TalentServices

struct HousingBuildingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "building",
        abstract: "Buildings of a project, with their benchmark rent.",
        discussion: "Example:\n  talentctl housing building add ZGTT-A --project ZGTT --name A栋 --benchmark 32.00\n  talentctl housing building list --project ZGTT",
        subcommands: [Add.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a building to a project.",
            discussion: """
                --benchmark is the benchmark rent in yuan per m² per month with at
                most two decimals, stored exactly in fen (32.00 is 3200 fen).
                Rent = benchmark × area × the class discount (Docs/rules.md).

                Example:
                  talentctl housing building add ZGTT-A --project ZGTT --name A栋 --benchmark 32.00
                """)

        @Argument(help: "The building's code, e.g. ZGTT-A.") var code: String
        @Option(help: "The project's code.") var project: String
        @Option(help: "The building's name.") var name: String
        @Option(help: "Benchmark rent, yuan per m² per month (e.g. 32.00).") var benchmark: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            guard let fen = Hundredths.parse(benchmark) else {
                throw Failure.report(FieldError(
                    field: "benchmark", value: benchmark, reason: "is not an amount in yuan with at most two decimals",
                    hint: "e.g. --benchmark 32.00"))
            }
            try await Command.run { zone in
                let record = try await zone.housingInventory.addBuilding(
                    HousingBuildingInput(code: code, projectCode: project, name: name, benchmarkFenPerM2: fen),
                    actor: actor.resolved)
                if output.json { return Output.json(record) }
                Output.line("added building \(record.code) \(record.name) to \(record.projectCode), benchmark \(HousingText.rent(record.benchmarkFenPerM2))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List buildings by project and code, with their benchmark rent.",
            discussion: "Example:\n  talentctl housing building list --project ZGTT\n  talentctl housing building list --json")

        @Option(help: "Only this project's buildings.") var project: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let records = try await zone.housingInventory.buildings(projectCode: project, actor: actor.resolved)
                if output.json { return Output.json(records) }
                Output.table(["code", "project", "name", "benchmark"], records.map {
                    [$0.code, $0.projectCode, $0.name, HousingText.rent($0.benchmarkFenPerM2)]
                }, rightAligned: [3])
                Output.note(Output.count(records.count, "building"))
            }
        }
    }
}
