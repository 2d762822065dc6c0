import ArgumentParser
import Foundation
import TalentServices

/// `talentctl practice match --instance FILE.json`: the placement mechanism on a standalone instance,
/// with no database. `PracticeCommand`'s `match` subcommand calls ``run(path:json:)``.
enum PracticeMatchInstance {
    /// For the `match` subcommand's help.
    static let discussion = """
        With --instance FILE.json no database is used. The file holds a whole instance:
          {"trainees": {"<trainee id>": ["<position id>", …], …},
           "positions": {"<position id>": {"capacity": n,
                                           "ranking": ["<trainee id>", …]}, …}}
        Trainees list positions best first; positions rank the trainees they would take, best first. A pair is acceptable only when both list each other. Ties, an id listed twice, unknown ids and negative or fractional capacities are refused, each problem with its place in the file (exit 65); a missing file gives exit 66.

        The trainee-optimal stable matching goes to stdout as JSON, every trainee present:
          {"matching": {"<trainee id>": "<position id>" | null, …}}
        A summary goes to stderr (none with --json). See Docs/examples/match-instance.json.

        Example:
          talentctl practice match --instance Docs/examples/match-instance.json
          talentctl practice match --instance cohort-2026.json --json > matching.json
        """

    /// Reads the instance at `path`, computes the trainee-optimal stable matching and prints it as JSON
    /// on stdout. Unless `json`, a summary also goes to stderr. Failures are reported on stderr and
    /// thrown as an `ExitCode`: 66 when the file cannot be read, 65 when it is not a valid instance.
    static func run(path: String, json: Bool) throws {
        do {
            let outcome = try StandaloneMatchingService().match(instanceAt: path)
            Terminal.out(outcome.json + Data("\n".utf8))
            if !json { Output.note(outcome.summary) }
        } catch {
            throw Failure.report(error)
        }
    }
}
