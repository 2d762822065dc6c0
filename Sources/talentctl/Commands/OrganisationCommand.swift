import ArgumentParser
import Foundation
import TalentServices

struct OrganisationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "Employers, universities and research institutes.",
        discussion: "Example:\n  talentctl org add --name \"示例科技有限公司\" --credit-code 91110000600037341L --kind enterprise --chain microelectronics --in-zone\n  talentctl org list --kind university",
        subcommands: [Add.self, List.self, Show.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register an organisation by its Unified Social Credit Code (GB 32100).",
            discussion: """
                Example:
                  talentctl org add --name "示例科技有限公司" --credit-code 91110000600037341L --kind enterprise --chain microelectronics --in-zone
                A legacy code that fails the check is accepted only with a recorded reason:
                  talentctl org add --name "某研究所" --credit-code 91350100M0001TGQXM --kind institute --accept-invalid-code --reason "pilot-region code, verified on paper"
                """)

        @Option(help: "Registered name (any script).") var name: String
        @Option(help: "Unified Social Credit Code, 18 characters.") var creditCode: String
        @Option(help: "enterprise | university | institute (or 企业 | 高校 | 科研院所).") var kind: OrganisationKind
        @Option(help: "Industry chain: aero-engine | micro-motor | microelectronics | software-big-data | other.")
        var chain: IndustryChain?
        @Flag(help: "The organisation is registered in the zone.") var inZone = false
        @Flag(help: "Accept a code whose check character is wrong (legacy codes); needs --reason.") var acceptInvalidCode = false
        @Option(help: "Why an invalid code is accepted (recorded in the audit log).") var reason: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let record = try await zone.registry.addOrganisation(OrganisationInput(
                    name: name, creditCode: creditCode, kind: kind, industryChain: chain, inZone: inZone,
                    acceptInvalidCode: acceptInvalidCode, overrideReason: reason), actor: actor.resolved)
                if output.json { return Output.json(record) }
                Output.line("added organisation #\(record.id) \(record.name) (\(record.creditCode))"
                            + (record.checksumValid ? "" : " — invalid check character accepted: \(record.overrideReason ?? "")"))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List organisations, sorted by name in pinyin order.",
            discussion: "Example:\n  talentctl org list --kind enterprise --chain aero-engine\n  talentctl org list --json")

        @Option(help: "Only this kind.") var kind: OrganisationKind?
        @Option(help: "Only this industry chain.") var chain: IndustryChain?
        @Flag(help: "Only organisations registered in the zone.") var inZone = false
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let records = try await zone.registry.organisations(
                    OrganisationFilter(kind: kind, chain: chain, inZone: inZone ? true : nil), actor: LocalOperator.principal)
                if output.json { return Output.json(records) }
                Output.table(["credit code", "name", "kind", "chain", "in zone"], records.map {
                    [$0.creditCode + ($0.checksumValid ? "" : " (!)"), $0.name, $0.kind.chineseName,
                     $0.industryChain?.chineseName ?? "", $0.inZone ? "是" : "否"]
                })
                Output.note(Output.count(records.count, "organisation"))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one organisation.",
            discussion: "Example:\n  talentctl org show 91110000600037341L --json")

        @Argument(help: "The credit code.") var creditCode: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let record = try await zone.registry.organisation(creditCode: creditCode, actor: LocalOperator.principal)
                if output.json { return Output.json(record) }
                Output.fields([
                    ("name", record.name), ("credit code", record.creditCode),
                    ("check character", record.checksumValid ? "valid" : "invalid, accepted: \(record.overrideReason ?? "")"),
                    ("kind", "\(record.kind.rawValue) (\(record.kind.chineseName))"),
                    ("industry chain", record.industryChain.map { "\($0.rawValue) (\($0.chineseName))" } ?? "-"),
                    ("in zone", record.inZone ? "yes" : "no"),
                ])
            }
        }
    }
}
