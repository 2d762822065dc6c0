import ArgumentParser
import Foundation
import TalentRules
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
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "does not exist" : isDirectory.boolValue ? "is a folder, not a file" : "cannot be read (\(error.localizedDescription))"
            throw Failure.report(ServiceError.unreadableFile("\(path): \(reason). Give the path of a JSON instance file."))
        }
        let instance: MatchingInstance
        do {
            instance = try MatchingInstance(json: data)
        } catch {
            throw Failure.report(ServiceError.refused("\(path): \(Self.shortened(error))"))
        }
        let matching = StableMatching.traineeOptimal(instance)
        let problems = StableMatching.feasibilityProblems(matching, instance)
            + StableMatching.blockingPairs(matching, instance).map { "blocking pair \($0)" }
        guard problems.isEmpty else {
            throw Failure.report(SelfCheckFailure("the matching failed its own check: \(problems.prefix(5).joined(separator: "; "))"))
        }
        do {
            Terminal.out(try matching.json() + Data("\n".utf8))
        } catch {
            throw Failure.report(error)
        }
        if !json { Output.note(summary(matching, instance)) }
    }

    /// `placed 5 of 6 trainees at 3 of 4 positions (2 of 9 seats left); unmatched: T6` and a line on stability.
    static func summary(_ matching: Matching, _ instance: MatchingInstance) -> String {
        let seats = instance.positions.values.reduce(0) { $0 + $1.capacity }
        let used = Set(matching.positionOf.values.compactMap { $0 }).count
        var text = "placed \(matching.matchedCount) of \(instance.trainees.count) trainees at \(used) of "
            + "\(instance.positions.count) positions (\(seats - matching.matchedCount) of \(seats) seats left)"
        let unmatched = matching.unmatched
        if !unmatched.isEmpty {
            text += "; unmatched: " + unmatched.prefix(20).joined(separator: ", ") + (unmatched.count > 20 ? ", …" : "")
        }
        return text + "\nchecked: feasible, no blocking pair; trainee-optimal (trainee-proposing deferred acceptance)"
    }

    /// At most 50 problems, then a count.
    private static func shortened(_ error: MatchingInstanceError, limit: Int = 50) -> String {
        guard error.problems.count > limit else { return error.description }
        let header = error.description.prefix { $0 != "\n" }
        return header + "\n" + error.problems.prefix(limit).map { "  \($0)" }.joined(separator: "\n")
            + "\n  … and \(error.problems.count - limit) more"
    }

    /// A check that should never fail; reported as an internal error (exit 70).
    private struct SelfCheckFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
