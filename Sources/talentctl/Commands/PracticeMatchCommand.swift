import ArgumentParser
import Foundation
import TalentServices

/// `talentctl practice match`: preview or commit a cohort's matching, match a standalone instance,
/// or export a committed cohort.
struct PracticeMatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Place a cohort's trainees by the trainee-optimal stable matching, or match a standalone instance.",
        discussion: """
            Example:
              talentctl practice match --cohort 2026 --preview
              talentctl practice match --cohort 2026 --commit
              talentctl practice match --instance Docs/examples/match-instance.json
              talentctl practice match export --cohort 2026 --json > cohort-2026.json
            """,
        subcommands: [Run.self, Export.self],
        defaultSubcommand: Run.self)

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Preview or commit the matching of a cohort (or match an instance file with --instance).",
            discussion: """
                Trainees rank positions, positions rank the trainees who applied; a pair is acceptable only when both list
                each other. --preview changes nothing; --commit places the matched trainees for the cohort's practice
                window in one transaction and records the instance's SHA-256 in the audit log. A cohort is committed once.

                Example:
                  talentctl practice match --cohort 2026 --preview
                  talentctl practice match --cohort 2026 --commit --json

                \(PracticeMatchInstance.discussion)
                """)

        @Option(help: "Cohort: intake year.") var cohort: CohortYear?
        @Flag(help: "Compute and show the matching without changing anything.") var preview = false
        @Flag(help: "Compute the matching and place the trainees (once per cohort).") var commit = false
        @Option(help: "Match this instance file, without any database.") var instance: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if instance != nil {
                guard cohort == nil, !preview, !commit else {
                    throw UsageError("--instance runs without the database; it cannot be combined with --cohort, --preview or --commit")
                }
                return
            }
            guard cohort != nil else { throw UsageError("give --cohort YEAR with --preview or --commit, or --instance FILE") }
            guard preview != commit else { throw UsageError("give exactly one of --preview and --commit") }
        }

        func run() async throws {
            if let instance { return try PracticeMatchInstance.run(path: instance, json: output.json) }
            guard let cohort else { return }
            try await Command.run { zone in
                let outcome = commit
                    ? try await zone.practice.commit(cohortYear: cohort.year, actor: actor.resolved)
                    : try await zone.practice.preview(cohortYear: cohort.year)
                if output.json { return Output.json(outcome) }
                Output.table(["student", "name", "university", "position", "enterprise", "choice", "explanation"], outcome.assignments.map { row in
                    [row.studentNumber, row.name, row.university, row.position ?? "—", row.enterprise ?? "",
                     row.choice.map { "\($0) of \(row.choices)" } ?? "", row.explanation]
                })
                Output.line((outcome.committed ? "committed" : "preview") + ": \(outcome.cohortName): placed \(outcome.matched) of "
                    + "\(outcome.matched + outcome.unmatched) trainees, \(outcome.seats) seats; instance sha256 \(outcome.instanceSHA256)")
                if !outcome.committed {
                    Output.note("nothing was changed; place them with `talentctl practice match --cohort \(cohort.year) --commit`")
                }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a committed cohort as JSON: the instance (trainees, positions) and the matching.",
            discussion: """
                The output is a valid instance for `talentctl practice match --instance`, plus
                {"matching": {"<trainee id>": "<position id>" | null}}. Trainee ids are student numbers (qualified as
                NUMBER@UNIVERSITY_CODE when two universities share one); position ids are position codes.

                Example:
                  talentctl practice match export --cohort 2026 --json > cohort-2026.json
                """)

        @Option(help: "Cohort: intake year.") var cohort: CohortYear
        @Option(help: "Write to this file instead of stdout.") var output: String?
        @Flag(help: "JSON output (the only format; accepted for symmetry with other commands).") var json = false

        func run() async throws {
            try await Command.run { zone in
                let data = try await zone.practice.export(cohortYear: cohort.year)
                if let output {
                    do {
                        try (data + Data("\n".utf8)).write(to: URL(fileURLWithPath: output))
                    } catch {
                        throw ServiceError.unreadableFile("cannot write \(output): \(error.localizedDescription)")
                    }
                    Output.note("wrote \(output)")
                } else {
                    Terminal.out(data + Data("\n".utf8))
                }
            }
        }
    }
}
