import ArgumentParser
import TalentServices

struct HousingApplicationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "application",
        abstract: "Housing applications: submit, list, show, withdraw.",
        discussion: """
            Example:
              talentctl housing application submit --talent 520102199003071234 --prefer 1BR,studio
              talentctl housing application list --status open
              talentctl housing application withdraw HA-2026-00001 --reason "已购房"
            """,
        subcommands: [Submit.self, List.self, Show.self, Withdraw.self]
    )

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply for talent housing, as the talent or as their employer.",
            discussion: """
                The talent must be certified on the application day, and every
                preferred category must be within what the policy in force allows
                the talent's class and household (members + the talent). One open
                application per talent. --member is NAME:RELATION (spouse, child,
                parent, other; or 配偶, 子女, 父母, 其他), once per member besides
                the talent. See Docs/housing-inventory.md.

                Example:
                  talentctl housing application submit --talent 520102199003071234 --prefer 1BR,studio
                  talentctl housing application submit --talent 520102199003071234 --prefer 2BR,1BR --member "李四:spouse" --member "李小宝:child" --by-employer 91110000600037341L --on 2026-03-02
                """)

        @Option(help: "The talent: resident identity number, or NAT:PASSPORT.") var talent: String
        @Option(help: "Unit categories wanted, most wanted first, comma-separated (studio, 1BR, 2BR, 3BR).") var prefer: String
        @Option(help: "A household member, NAME:RELATION (repeat for each).") var member: [String] = []
        @Option(help: "Submitted by this employer (credit code) on the talent's behalf.") var byEmployer: String?
        @Option(help: "The application day, YYYY-MM-DD (default today; not after today).") var on: Day?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let preferences = try prefer.split(separator: ",").map { try HousingText.category(String($0)) }
            let household = try member.map(Self.member)
            let key: String
            do { key = try identityKey(talent) } catch { throw Failure.report(error) }
            try await Command.run { zone in
                let record = try await zone.housingApplications.submit(
                    HousingApplicationInput(talent: key, submittedByEmployer: byEmployer, household: household,
                                            preferences: preferences, appliedOn: on?.date ?? .today()),
                    actor: actor.resolved)
                if output.json { return Output.json(ApplicationView(record)) }
                Output.line("submitted \(record.number) for \(record.talentName): \(record.preferences.joined(separator: " > ")), "
                    + "household of \(record.householdSize), policy \(record.policyVersion)")
            }
        }

        static func member(_ text: String) throws -> HouseholdMember {
            let parts = text.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw UsageError("--member takes NAME:RELATION, e.g. --member \"李四:spouse\" (not \(text))")
            }
            return HouseholdMember(name: parts[0], relation: parts[1])
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List applications, oldest first; identity numbers masked.",
            discussion: "Example:\n  talentctl housing application list --status open\n  talentctl housing application list --json")

        @Option(help: "Only applications in this status: open, offered, housed, withdrawn.") var status: String?
        @Option(help: "Only this talent's applications (identity number or NAT:PASSPORT).") var talent: String?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let filter = try status.map { text in
                guard let value = HousingApplicationStatus(rawValue: text.lowercased()) else {
                    throw UsageError("--status must be open, offered, housed or withdrawn (not \(text))")
                }
                return value
            }
            let key: String?
            do { key = try talent.map(identityKey) } catch { throw Failure.report(error) }
            try await Command.run { zone in
                let records = try await zone.housingApplications.applications(status: filter, talent: key, actor: LocalOperator.principal)
                let views = records.map(ApplicationView.init)
                if output.json { return Output.json(views) }
                Output.table(["number", "talent", "identity", "by", "household", "preferences", "applied", "status"], views.map {
                    [$0.number, $0.talent, $0.identity, $0.submittedBy == "employer" ? "employer" : "talent",
                     String($0.householdSize), $0.preferences.joined(separator: " > "), $0.appliedOn, $0.status]
                }, rightAligned: [4])
                Output.note(Output.count(records.count, "application"))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one application with its household.",
            discussion: "Example:\n  talentctl housing application show HA-2026-00001\n  talentctl housing application show HA-2026-00001 --json")

        @Argument(help: "The application number, e.g. HA-2026-00001.") var number: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let record = try await zone.housingApplications.application(number: number, actor: LocalOperator.principal)
                let view = ApplicationView(record)
                if output.json { return Output.json(view) }
                var fields: [(String, String)] = [
                    ("application", view.number), ("talent", "\(view.talent) (\(view.identity))"),
                    ("submitted by", view.submittingEmployer.map { "employer \($0)" } ?? "the talent"),
                    ("household", "\(view.householdSize)" + (view.household.isEmpty ? "" : ": "
                        + view.household.map { "\($0.name) (\($0.relation))" }.joined(separator: ", "))),
                    ("preferences", view.preferences.map(HousingText.categoryLabel).joined(separator: " > ")),
                    ("applied", "\(view.appliedOn) under policy \(view.policyVersion)"), ("status", view.status),
                ]
                if let withdrawn = view.withdrawnOn { fields.append(("withdrawn", "\(withdrawn): \(view.withdrawReason ?? "")")) }
                Output.fields(fields)
            }
        }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw an open application.",
            discussion: """
                Only an open application can be withdrawn; one holding a pending
                offer must decline the offer first.

                Example:
                  talentctl housing application withdraw HA-2026-00001 --reason "已购房"
                """)

        @Argument(help: "The application number.") var number: String
        @Option(help: "Why (recorded).") var reason: String
        @Option(help: "The day of withdrawal, YYYY-MM-DD (default today; not after today).") var on: Day?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let record = try await zone.housingApplications.withdraw(
                    number: number, on: on?.date ?? .today(), reason: reason, actor: actor.resolved)
                if output.json { return Output.json(ApplicationView(record)) }
                Output.line("withdrew \(record.number) (\(record.talentName)) on \(record.withdrawnOn?.description ?? "")")
            }
        }
    }
}

/// An application as shown to people: the identity masked.
struct ApplicationView: Encodable {
    var number: String
    var talent: String
    var identity: String
    var submittedBy: String
    var submittingEmployer: String?
    var householdSize: Int
    var household: [HouseholdMember]
    var preferences: [String]
    var status: String
    var appliedOn: String
    var policyVersion: String
    var withdrawnOn: String?
    var withdrawReason: String?

    init(_ record: HousingApplicationRecord) {
        number = record.number
        talent = record.talentName
        identity = record.talentIdentityKey.description
        submittedBy = record.submittedBy
        submittingEmployer = record.submittingEmployer
        householdSize = record.householdSize
        household = record.household
        preferences = record.preferences
        status = record.status.rawValue
        appliedOn = record.appliedOn.description
        policyVersion = record.policyVersion
        withdrawnOn = record.withdrawnOn?.description
        withdrawReason = record.withdrawReason
    }
}
