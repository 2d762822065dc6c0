import Foundation
import TalentRules

/// `practice match --instance FILE.json`: the placement mechanism on a standalone instance file, with
/// no database. The trainee-optimal stable matching, checked for feasibility and blocking pairs.
public struct StandaloneMatchingService: Sendable {
    public init() {}

    public struct Outcome: Sendable {
        /// `{"matching": {"<trainee id>": "<position id>" | null, …}}`
        public var json: Data
        /// `placed 5 of 6 trainees at 3 of 4 positions (…)` and a line on stability.
        public var summary: String
    }

    /// Reads the instance at `path` and matches it: `unreadableFile` when the file cannot be read,
    /// `refused` (every problem with its place in the file) when it is not a valid instance.
    public func match(instanceAt path: String) throws -> Outcome {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "does not exist" : isDirectory.boolValue ? "is a folder, not a file" : "cannot be read (\(error.localizedDescription))"
            throw ServiceError.unreadableFile("\(path): \(reason). Give the path of a JSON instance file.")
        }
        let instance: MatchingInstance
        do {
            instance = try MatchingInstance(json: data)
        } catch {
            throw ServiceError.refused("\(path): \(Self.shortened(error))")
        }
        let matching = StableMatching.traineeOptimal(instance)
        let problems = StableMatching.feasibilityProblems(matching, instance)
            + StableMatching.blockingPairs(matching, instance).map { "blocking pair \($0)" }
        guard problems.isEmpty else {
            throw SelfCheckFailure("the matching failed its own check: \(problems.prefix(5).joined(separator: "; "))")
        }
        return Outcome(json: try matching.json(), summary: Self.summary(matching, instance))
    }

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

    /// A check that should never fail; reported as an internal error.
    struct SelfCheckFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
