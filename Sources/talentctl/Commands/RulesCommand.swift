import ArgumentParser
import Foundation
import TalentServices

struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Store policy versions, see which one is in force, and explain or simulate it (Docs/rules.md).",
        discussion: """
            Certification and practice completion apply the stored version in force on the day of the
            decision, or the built-in default policy when none is stored, and record its version and sha256.

            Example:
              talentctl rules load policy-2027.yaml --effective 2027-01-01
              talentctl rules list
              talentctl rules diff gz-talent-town-2026.1 gz-talent-town-2027.1
              talentctl rules explain --talent 11010519491231002X
              talentctl rules classify 11010519491231002X
              talentctl rules simulate --round 2026-R1 --policy policy-2027.yaml
            """,
        subcommands: [Load.self, List.self, Show.self, Diff.self, Current.self, Explain.self, Classify.self, Simulate.self]
    )

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a policy file and store it as a new version.",
            discussion: """
                The version label is the file's `version:`; the effective date is the file's `effective:`
                unless --effective is given. A label or a text already stored is refused. Every problem of a
                refused file is printed as FILE:LINE:COLUMN: key.path: reason (exit 65).

                Example:
                  talentctl rules load policy-2027.yaml --effective 2027-01-01
                """)

        @Argument(help: "The policy file (YAML).") var file: String
        @Option(help: "First day the version applies, YYYY-MM-DD (default: the file's `effective:`); may be after today.") var effective: Day?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if file.trimmingCharacters(in: .whitespaces).isEmpty {
                throw UsageError("give the policy file, e.g. talentctl rules load policy-2027.yaml")
            }
        }

        func run() async throws {
            try await Command.run { zone in
                // Checked here so that a directory or a missing file is named as such (exit 66).
                if let problem = FileAccess.readProblem(file, what: "policy file") {
                    throw ServiceError.unreadableFile(problem)
                }
                let record = try await zone.rules.load(at: file, effective: effective?.date, actor: actor.resolved)
                if output.json { return Output.json(record) }
                Output.line("Stored policy \(record.version), effective \(record.effective), sha256 \(record.sha256).")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the stored versions, latest effective date first.",
            discussion: "Example:\n  talentctl rules list --json")

        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let records = try await zone.rules.list()
                if output.json { return Output.json(records) }
                let today = CalendarDate.today()
                let inForce = try await zone.rules.current(on: today)
                if records.isEmpty {
                    return Output.line("No policy is stored; decisions use the built-in default policy \(inForce.version).")
                }
                Output.table(["version", "effective", "sha256", "loaded by", "in force"], records.map {
                    [$0.version, $0.effective.description, String($0.sha256.prefix(12)), $0.loadedBy,
                     inForce.isStored && inForce.version == $0.version ? "today" : $0.effective > today ? "later" : ""]
                })
                if !inForce.isStored {
                    Output.line("None is in force today; decisions use the built-in default policy \(inForce.version).")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a stored version's text exactly as loaded.",
            discussion: """
                The text goes to standard output (so it can be saved and edited), the version's details to
                standard error; --json prints both as one object.
                `default` prints the built-in policy that ships with talentctl, a starting point for a new version.

                Example:
                  talentctl rules show gz-talent-town-2026.1 > policy.yaml
                  talentctl rules show default > policy-2027.yaml
                """)

        @Argument(help: "The version label, or `default` for the built-in policy.") var version: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let policy = try await zone.rules.text(version: version)
                if output.json { return Output.json(policy) }
                Terminal.err(policy.loadedBy.map {
                    "policy \(policy.version), effective \(policy.effective), sha256 \(policy.sha256), loaded by \($0)\n"
                } ?? "built-in policy \(policy.version), sha256 \(policy.sha256)\n")
                Output.line(policy.content, terminator: policy.content.hasSuffix("\n") ? "" : "\n")
            }
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare the texts of two versions, line by line (unified style).",
            discussion: """
                Either version may be a stored one or the built-in default (by its label, or `default`).

                Example:
                  talentctl rules diff gz-talent-town-2026.1 gz-talent-town-2027.1
                  talentctl rules diff default gz-talent-town-2027.1
                """)

        @Argument(help: "The older version label.") var from: String
        @Argument(help: "The newer version label.") var to: String

        func run() async throws {
            try await Command.run { zone in
                Output.line(try await zone.rules.diff(from, to).unified)
            }
        }
    }

    struct Current: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the policy in force on a day.",
            discussion: """
                The stored version with the latest effective date on or before the day, or the built-in
                default policy when none is stored.

                Example:
                  talentctl rules current --on 2027-03-01
                """)

        @Option(help: "The day, YYYY-MM-DD (default today).") var on: Day?
        @OptionGroup var output: OutputOptions

        struct View: Encodable {
            var on: CalendarDate
            var version: String
            var effective: CalendarDate
            var sha256: String
            var stored: Bool
        }

        func run() async throws {
            let day = on?.date ?? .today()
            try await Command.run { zone in
                let inForce = try await zone.rules.current(on: day)
                if output.json {
                    return Output.json(View(on: day, version: inForce.version, effective: inForce.effective,
                                            sha256: inForce.sha256, stored: inForce.isStored))
                }
                Output.line("On \(day): policy \(inForce.version), effective \(inForce.effective), sha256 \(inForce.sha256)"
                            + (inForce.isStored ? "." : " (built-in default: no stored version is in force)."))
            }
        }
    }
}
