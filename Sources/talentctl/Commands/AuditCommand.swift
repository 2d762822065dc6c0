import ArgumentParser
import Foundation
import TalentServices

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read the append-only audit log.",
        discussion: "Example:\n  talentctl audit list --entity talent:42 --since 2026-11-01",
        subcommands: [List.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List audit entries, newest first.",
            discussion: """
                --entity takes a type or TYPE:ID; the types are \(AuditService.entityTypes.joined(separator: ", ")).
                A talent may be named by its number (talent:42) or its identity (talent:11010519491231002X).
                Identity and mobile numbers inside an entry's before and after are masked.

                Example:
                  talentctl audit list --entity talent:42
                  talentctl audit list --entity housing_lease:L-2026-00001
                  talentctl audit list --since 2026-11-01 --json
                """)

        @Option(help: "TYPE or TYPE:ID, e.g. talent:42 or talent:11010519491231002X.") var entity: String?
        @Option(help: "Only this action, e.g. certification.approve.") var action: String?
        @Option(help: "Only entries at or after this date (YYYY-MM-DD) or instant (ISO 8601).") var since: String?
        @Option(parsing: .unconditional, help: ListLimit.help("entries"), transform: ListLimit.parse) var limit = 100
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let entity {
                do { _ = try AuditService.EntityReference(entity) } catch {
                    throw UsageError("--entity '\(entity)': \(error.reason). \(error.hint ?? "")")
                }
            }
        }

        func run() async throws {
            var sinceDate: Date?
            if let since {
                guard let parsed = Self.parseInstant(since) else {
                    throw UsageError("--since '\(since)' is not a date (YYYY-MM-DD) or an ISO 8601 instant")
                }
                sinceDate = parsed
            }
            try await Command.run { zone in
                let entries = try await zone.audit.entries(entity: entity, action: action, since: sinceDate, limit: limit, actor: LocalOperator.principal)
                if output.json { return Output.json(entries) }
                let formatter = ISO8601DateFormatter()
                Output.table(["#", "at", "actor", "action", "entity", "reason"], entries.map {
                    [String($0.id), formatter.string(from: $0.at), $0.actor, $0.action, "\($0.entityType):\($0.entityID)",
                     $0.reason ?? ""]
                }, rightAligned: [0])
            }
        }

        static func parseInstant(_ text: String) -> Date? {
            if let instant = ISO8601DateFormatter().date(from: text) { return instant }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
            formatter.dateFormat = "yyyy-MM-dd"
            return formatter.date(from: text)
        }
    }
}
