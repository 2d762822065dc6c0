import ArgumentParser
import Foundation
import TalentServices

struct HousingRoundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round",
        abstract: "Allocation rounds: create, preview, commit, verify, export.",
        discussion: """
            A round fixes its units, applications and policy version when created; the draw is serial
            dictatorship in (priority group, points, lottery key) order, the lottery key being the SHA-256 of
            "<seed>:<application number>". See Docs/housing-rounds.md.

            Example:
              talentctl housing round create 2026-R1 --name "2026 first round" --as-of 2026-11-20 --building ZG-1
              talentctl housing round preview 2026-R1 --seed 20261126
              talentctl housing round commit 2026-R1 --seed 20261126
              talentctl housing round verify 2026-R1
              talentctl housing round export 2026-R1 --json --output 2026-R1.json
            """,
        subcommands: [Create.self, List.self, Show.self, Preview.self, Commit.self, Verify.self, Export.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a draft round: units, applications and policy version fixed now.",
            discussion: """
                Units: the available units of the given projects and buildings (all available units when none is
                given). Applications: every open application made on or before --as-of. Policy: --policy-version
                (a stored label, or the built-in default's), else the one in force on --as-of.

                Example:
                  talentctl housing round create 2026-R1 --name "2026 first round" --as-of 2026-11-20 --project ZG
                """)

        @Argument(help: "The round's code, e.g. 2026-R1.") var code: String
        @Option(help: "The round's name.") var name: String
        @Option(help: "The day eligibility, points and waiting time are evaluated on, YYYY-MM-DD.") var asOf: Day?
        @Option(help: "The policy version label (default: the one in force on --as-of).") var policyVersion: String?
        @Option(help: "Draw from this project's available units (repeatable).") var project: [String] = []
        @Option(help: "Draw from this building's available units (repeatable).") var building: [String] = []
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let record = try await zone.housingRounds.create(
                    HousingRoundInput(code: code, name: name, asOf: asOf?.date ?? .today(), policyVersion: policyVersion,
                                      projectCodes: project, buildingCodes: building),
                    actor: actor.resolved)
                if output.json { return Output.json(record) }
                Output.line("created round \(record.code) (\(record.name)) as of \(record.asOf): \(Output.count(record.units, "unit")), "
                            + "\(Output.count(record.applications, "application")), policy \(record.policyVersion)")
                Output.note("preview it with `talentctl housing round preview \(record.code) --seed S`")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the rounds, latest as-of date first.",
            discussion: "Example:\n  talentctl housing round list --json")
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let rounds = try await zone.housingRounds.rounds(actor: LocalOperator.principal)
                if output.json { return Output.json(rounds) }
                if rounds.isEmpty { return Output.line("No rounds yet; create one with `talentctl housing round create`.") }
                Output.table(["code", "name", "as of", "status", "units", "applications", "policy", "seed"], rounds.map {
                    [$0.code, $0.name, $0.asOf.description, $0.status.rawValue, String($0.units), String($0.applications),
                     $0.policyVersion, $0.seed ?? ""]
                }, rightAligned: [4, 5])
                Output.note(Output.count(rounds.count, "round"))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one round.",
            discussion: "Example:\n  talentctl housing round show 2026-R1")
        @Argument(help: "The round's code.") var code: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let round = try await zone.housingRounds.round(code: code, actor: LocalOperator.principal)
                if output.json { return Output.json(round) }
                var fields: [(String, String)] = [
                    ("round", "\(round.code) (\(round.name))"), ("as of", round.asOf.description),
                    ("status", round.status.rawValue), ("units", String(round.units)),
                    ("applications", String(round.applications)),
                    ("policy", "\(round.policyVersion) sha256 \(round.policySHA256)"),
                    ("created", "\(ISO8601DateFormatter().string(from: round.createdAt)) by \(round.createdBy)"),
                ]
                if let seed = round.seed {
                    fields += [("seed", seed), ("input sha256", round.inputSHA256 ?? ""),
                               ("committed", "\(round.committedAt.map { ISO8601DateFormatter().string(from: $0) } ?? "") by \(round.committedBy ?? "")")]
                }
                Output.fields(fields)
            }
        }
    }

    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw the round with a seed without writing anything: the ranked list and the excluded.",
            discussion: "Example:\n  talentctl housing round preview 2026-R1 --seed 20261126\n  talentctl housing round preview 2026-R1 --seed 20261126 --json")
        @Argument(help: "The round's code.") var code: String
        @Option(help: "The published seed of the lottery.") var seed: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let outcome = try await zone.housingRounds.preview(code: code, seed: seed, actor: LocalOperator.principal)
                HousingRoundCommand.show(outcome, json: output.json)
                if !output.json {
                    Output.note("nothing was changed; commit with `talentctl housing round commit \(code) --seed \(outcome.seed)`")
                }
            }
        }
    }

    struct Commit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw the round and store it: offers, waiting order, seed, policy and input hash (once).",
            discussion: """
                One transaction: either everything is stored or nothing is. Committing a committed round is refused.

                Example:
                  talentctl housing round commit 2026-R1 --seed 20261126
                """)
        @Argument(help: "The round's code.") var code: String
        @Option(help: "The published seed of the lottery.") var seed: String
        @Option(help: "The day the offers are made, YYYY-MM-DD (default today; not after today).") var on: Day?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let outcome = try await zone.housingRounds.commit(
                    code: code, seed: seed, on: on?.date ?? .today(), actor: actor.resolved)
                HousingRoundCommand.show(outcome, json: output.json)
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute a committed round from its stored input and seed and compare bit for bit.",
            discussion: """
                Exit status 0 when the stored outcome and offers are confirmed, 65 with every discrepancy when not.

                Example:
                  talentctl housing round verify 2026-R1
                """)
        @Argument(help: "The round's code.") var code: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let report = try await zone.housingRounds.verify(code: code, actor: LocalOperator.principal)
                if output.json {
                    Output.json(report)
                } else if report.confirmed {
                    Output.line("round \(report.round) confirmed: \(Output.count(report.applicants, "applicant")), \(report.excluded) excluded, "
                                + "\(Output.count(report.offers, "offer")) recomputed from the stored input (sha256 \(report.inputSHA256)) "
                                + "with seed \(report.seed) under policy \(report.policyVersion)")
                } else {
                    Output.line("round \(report.round) NOT confirmed: \(report.discrepancies.count) discrepancies")
                    report.discrepancies.forEach { Output.line("  " + $0) }
                }
                if !report.confirmed { throw ExitCode(65) }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a committed round as JSON for third parties to re-check.",
            discussion: """
                The document holds the seed, the policy version and sha256, the quotas, every applicant who took part
                (employer, priority group, score, lottery key, preferences), the units per category, the allocation,
                the quota skips and the excluded with their reasons (Docs/housing-rounds.md, "Export format").

                Example:
                  talentctl housing round export 2026-R1 --json --output 2026-R1.json
                """)
        @Argument(help: "The round's code.") var code: String
        @Option(help: "Write to this file instead of stdout.") var output: String?
        @Flag(help: "JSON output (the only format; accepted for symmetry with other commands).") var json = false

        func validate() throws {
            if let output, output.trimmingCharacters(in: .whitespaces).isEmpty {
                throw UsageError("cannot write to '\(output)': --output needs a file name, e.g. --output \(code).json")
            }
        }

        func run() async throws {
            try await Command.run { zone in
                let data = try await zone.housingRounds.export(code: code, actor: LocalOperator.principal).json() + Data("\n".utf8)
                guard let output else { return Terminal.out(data) }
                do {
                    try data.write(to: URL(fileURLWithPath: output))
                } catch {
                    throw ServiceError.unreadableFile(FileAccess.writeProblem(output, error))
                }
                Output.note("wrote \(output)")
            }
        }
    }

    static func show(_ outcome: HousingRoundOutcome, json: Bool) {
        if json { return Output.json(outcome) }
        Output.table(["#", "application", "name", "group", "score", "lottery key", "preferences", "result"], outcome.ranked.map {
            [String($0.position), $0.application, $0.name, String($0.priorityGroup), String($0.score),
             String($0.lotteryKey.prefix(12)), $0.preferences.joined(separator: ","), $0.result]
        }, rightAligned: [0, 3, 4])
        if !outcome.excluded.isEmpty {
            Output.line("")
            Output.table(["excluded", "name", "reasons"], outcome.excluded.map {
                [$0.application, $0.name, $0.reasons.joined(separator: "; ")]
            })
        }
        Output.line("")
        Output.line("stock: " + outcome.stock.map { "\($0.category) \($0.allocated)/\($0.units)" }.joined(separator: ", "))
        Output.line((outcome.committed ? "committed" : "preview") + " round \(outcome.round) with seed \(outcome.seed): "
                    + "\(outcome.offered) offered, \(outcome.waiting) waiting, \(outcome.excluded.count) excluded; "
                    + "policy \(outcome.policyVersion); input sha256 \(outcome.inputSHA256)"
                    + (outcome.offersExpireOn.map { "; accept by \($0)" } ?? ""))
    }
}
