/// Everything an allocation round is computed from: the seed, the applicants, the stock per export
/// category and the per-employer cap. An input that exists is valid (see ``init(seed:applicants:units:perEmployerCap:)``).
public struct AllocationInput: Sendable, Equatable {
    /// Fixed before the draw and published with the result.
    public let seed: String
    public let applicants: [AllocationApplicant]
    /// Export category (`2BR`, `2BR@reserved:g3`) → units available in the round.
    public let units: [String: Int]
    /// Most offers one employer's applicants may receive in the round; nil for no cap.
    public let perEmployerCap: Int?

    /// Checks every applicant and category and throws an ``AllocationInputError`` listing every
    /// problem: an empty seed, an empty or repeated application number, a priority group below 1, a
    /// preference that is not a category of `units` or appears twice, a negative unit count or cap.
    public init(seed: String, applicants: [AllocationApplicant], units: [String: Int], perEmployerCap: Int?)
        throws(AllocationInputError)
    {
        var problems: [AllocationInputError.Problem] = []
        if seed.isEmpty {
            problems.append(.init(path: "seed", reason: "is empty", hint: "Publish a seed before the draw, e.g. 20261126."))
        }
        if let cap = perEmployerCap, cap < 0 {
            problems.append(.init(path: "quotas.per_employer_cap", reason: "must not be negative, not \(cap)",
                                  hint: "Use null for no cap."))
        }
        for (category, count) in units.sorted(by: { $0.key < $1.key }) {
            if category.isEmpty { problems.append(.init(path: "units", reason: "has a category with an empty name")) }
            if count < 0 {
                problems.append(.init(path: "units" + AllocationPath.key(category), reason: "must not be negative, not \(count)"))
            }
        }
        var seen: Set<String> = []
        for (index, applicant) in applicants.enumerated() {
            let path = "applicants[\(index)]"
            if applicant.id.isEmpty {
                problems.append(.init(path: path + ".id", reason: "is empty", hint: "Give the application number."))
            } else if !seen.insert(applicant.id).inserted {
                problems.append(.init(path: path + ".id", reason: "'\(applicant.id)' appears more than once",
                                      hint: "Each application takes part once."))
            }
            if applicant.priorityGroup < 1 {
                problems.append(.init(path: path + ".priority_group", reason: "must be 1 or more, not \(applicant.priorityGroup)"))
            }
            var listed: Set<String> = []
            for (position, category) in applicant.preferences.enumerated() {
                let where_ = path + ".preferences[\(position)]"
                if units[category] == nil {
                    problems.append(.init(path: where_, reason: "'\(category)' is not a category of units",
                                          hint: "List only categories of the round (add it to units with 0 if it has no stock)."))
                }
                if !listed.insert(category).inserted {
                    problems.append(.init(path: where_, reason: "'\(category)' is listed twice"))
                }
            }
        }
        guard problems.isEmpty else { throw AllocationInputError(problems) }
        self.seed = seed
        self.applicants = applicants
        self.units = units
        self.perEmployerCap = perEmployerCap
    }
}

/// Why an allocation input (or an export being verified) was refused: every problem, with where it is.
public struct AllocationInputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One problem at one place of the input, in the export's JSON terms (`applicants[3].preferences[1]`).
    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        public var path: String
        /// What is wrong, without a trailing period.
        public var reason: String
        /// What the person can do about it.
        public var hint: String?

        public init(path: String, reason: String, hint: String? = nil) {
            self.path = path
            self.reason = reason
            self.hint = hint
        }

        /// `path: reason. hint`
        public var description: String {
            "\(path): \(reason)." + (hint.map { " " + $0 } ?? "")
        }
    }

    public var problems: [Problem]

    public init(_ problems: [Problem]) {
        self.problems = problems
    }

    public var description: String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return "the allocation input has \(count):\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}

enum AllocationPath {
    /// `.2BR` for a plain key, `["2BR@reserved:g3"]` otherwise.
    static func key(_ id: String) -> String {
        let plain = !id.isEmpty && id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        return plain ? "." + id : "[\"" + id.replacingOccurrences(of: "\"", with: "\\\"") + "\"]"
    }
}
