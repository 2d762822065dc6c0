import ArgumentParser
import Foundation
import TalentServices

struct TalentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "talent",
        abstract: "Register, update, find and import talents.",
        discussion: "Example:\n  talentctl talent register --name 王小明 --id-number 11010519491231002X --employer 91110000600037341L --degree master\n  talentctl talent import talents.csv",
        subcommands: [Register.self, Update.self, Show.self, List.self, Import.self, History.self, TalentHonoursCommand.self]
    )

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register one talent (identity validated; one talent per identity).",
            discussion: """
                Example:
                  talentctl talent register --name 王小明 --id-number 11010519491231002X --employer 91110000600037341L --degree master --mobile 13800138000
                  talentctl talent register --name "Anna Schmidt" --passport C01X00T47 --nationality DEU --degree doctorate
                """)

        @OptionGroup var fields: TalentFields
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        /// A missing flag is a usage error named by its flag (the shared validation would word it as a CSV column).
        func validate() throws {
            guard fields.name != nil else {
                throw UsageError("--name is required: the name as on the identity document, e.g. --name 王小明")
            }
            guard fields.idNumber != nil || fields.passport != nil else {
                throw UsageError("give --id-number, or --passport with --nationality for a foreign talent")
            }
        }

        func run() async throws {
            try await Command.run { zone in
                let draft = try TalentDraft(columns: fields.columns)
                let record = try await zone.registry.register(draft, actor: actor.resolved)
                if output.json { return Output.json(TalentView(record)) }
                Output.line("registered talent #\(record.id) \(record.name) (\(record.identityKey.description))")
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a talent's fields; the previous version is kept.",
            discussion: """
                Give only the fields to change; an empty value clears an optional field.

                Example:
                  talentctl talent update 11010519491231002X --mobile 13900139000 --title associate-senior --reason "new title certificate"
                """)

        @Argument(help: "Resident identity number, or NAT:PASSPORT.") var identity: String
        @OptionGroup var fields: TalentFields
        @Option(help: "Why (recorded in the audit log).") var reason: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let record = try await zone.registry.update(
                    identityKey: try identityKey(identity), changes: fields.columns, actor: actor.resolved, reason: reason)
                if output.json { return Output.json(TalentView(record)) }
                Output.line("updated talent #\(record.id) \(record.name), now version \(record.version)")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one talent with its certifications.",
            discussion: "Example:\n  talentctl talent show 11010519491231002X --json\n  talentctl talent show 11010519491231002X --reveal-pii")

        @Argument(help: "Resident identity number, or NAT:PASSPORT.") var identity: String
        @Flag(help: "Show full identity and mobile numbers (recorded in the audit log).") var revealPII = false
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        struct Report: Encodable {
            var talent: TalentView
            var certifications: [CertificationRecord]
        }

        func run() async throws {
            try await Command.run { zone in
                let key = try identityKey(identity)
                let dossier = try await zone.registry.dossier(
                    identityKey: key, reveal: revealPII ? PIIReveal(scope: "talent show") : nil,
                    actor: actor.resolved)
                let (record, certifications) = (dossier.talent, dossier.certifications)
                let view = TalentView(record)
                if output.json { return Output.json(Report(talent: view, certifications: certifications)) }
                Output.fields([
                    ("talent", "#\(view.id) \(view.name)"),
                    ("identity", view.identity + (view.birthDate.map { "  (born \($0), \(view.sex ?? ""))" } ?? "")),
                    ("mobile", view.mobile ?? "-"), ("e-mail", view.email ?? "-"),
                    ("degree", [view.degree, view.university, view.major].compactMap { $0 }.joined(separator: ", ")),
                    ("title", "\(record.title.rawValue) (\(record.title.chineseName))"),
                    ("skill level", "\(record.skillLevel.rawValue) (\(record.skillLevel.chineseName))"),
                    ("employer", view.employerName.map { "\($0) (\(view.employerCreditCode ?? ""))" } ?? "-"),
                    ("contract", "\(view.contractStart ?? "?") – \(view.contractEnd ?? "?")"),
                    ("insurance since", view.insuranceSince ?? "-"),
                    ("owns housing", view.ownsHousing ? "yes" : "no"),
                    ("version", String(view.version)),
                ])
                for cert in certifications {
                    Output.line("certification #\(cert.id): \(cert.status.rawValue) (\(cert.status.chineseName))"
                        + (cert.talentClass.map { ", class \($0)" } ?? "")
                        + (cert.validUntil.map { ", valid until \($0)" } ?? ""))
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List talents in pinyin order of name; identity and mobile numbers masked.",
            discussion: "Example:\n  talentctl talent list --employer 91110000600037341L\n  talentctl talent list --name 王 --json\n"
                + "  talentctl talent list --q wxm        (pinyin initials; also --q wang, --q \"wang xiao\", --q 小明)")

        @Option(help: "Only talents of this employer (credit code).") var employer: String?
        @Option(help: "Only names containing this text.") var name: String?
        @Option(name: [.customLong("q"), .customLong("search")],
                help: "Find by part of the name, or the start of its pinyin or initials (wang, wangxiao, wxm).")
        var search: String?
        @Option(parsing: .unconditional, help: ListLimit.help("rows"), transform: ListLimit.parse) var limit = 100
        @Option(help: "Skip this many rows.") var offset = 0
        @Flag(help: "Show full identity and mobile numbers (recorded in the audit log).") var revealPII = false
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard offset >= 0 else { throw UsageError("--offset must not be negative") }
        }

        func run() async throws {
            try await Command.run { zone in
                let records = try await zone.registry.talents(
                    TalentFilter(employerCreditCode: employer?.uppercased(), nameContains: name, search: search,
                                 limit: limit, offset: offset),
                    reveal: revealPII ? PIIReveal(scope: "talent list") : nil,
                    actor: actor.resolved)
                let views = records.map { TalentView($0) }
                if output.json { return Output.json(views) }
                Output.table(["#", "name", "identity", "mobile", "degree", "title", "employer"], views.map {
                    [String($0.id), $0.name, $0.identity, $0.mobile ?? "", $0.degree ?? "", $0.title, $0.employerName ?? ""]
                }, rightAligned: [0])
                Output.note(Output.count(records.count, "talent") + (records.count == limit ? " (more with --offset \(offset + limit))" : ""))
            }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the earlier versions of a talent's record.",
            discussion: "Example:\n  talentctl talent history 11010519491231002X --json")

        @Argument(help: "Resident identity number, or NAT:PASSPORT.") var identity: String
        @Flag(help: "Show full identity and mobile numbers (recorded in the audit log).") var revealPII = false
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let key = try identityKey(identity)
                let versions = try await zone.registry.history(
                    identityKey: key, reveal: revealPII ? PIIReveal(scope: "talent history") : nil,
                    actor: actor.resolved)
                if output.json { return Output.json(versions) }
                Output.table(["version", "replaced at", "record"], versions.map {
                    [String($0.version), ISO8601DateFormatter().string(from: $0.replacedAt), $0.data]
                }, rightAligned: [0])
            }
        }
    }
}
