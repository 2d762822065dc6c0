/// Re-checks a published round from its export alone: recomputes every lottery key and the whole
/// allocation and reports every difference. An empty result means the round is confirmed.
public enum AllocationVerification {
    /// Every discrepancy between the export and a recomputation from it, in a stable order.
    public static func verify(_ export: AllocationExport) -> [AllocationDiscrepancy] {
        let input: AllocationInput
        do {
            input = try export.input()
        } catch {
            return error.problems.map(AllocationDiscrepancy.invalidExport)
        }
        var found: [AllocationDiscrepancy] = []
        let outcome = SerialDictatorship.allocate(input)

        for applicant in export.applicants {
            let key = outcome.lotteryKeys[applicant.id]!
            if applicant.lotteryKey != key {
                found.append(.lotteryKey(id: applicant.id, stored: applicant.lotteryKey, recomputed: key))
            }
        }
        found += reservePlacement(export)

        for id in outcome.order {
            let recomputed = outcome.category(of: id)
            guard let stored = export.allocation[id] else {
                found.append(.allocationMissing(id: id, recomputed: recomputed))
                continue
            }
            if stored != recomputed { found.append(.allocation(id: id, stored: stored, recomputed: recomputed)) }
        }
        for id in export.allocation.keys.sorted() where outcome.allocation[id] == nil {
            found.append(.notAnApplicant(id: id))
        }

        let storedSkips = Set(export.quotaSkips)
        let recomputedSkips = outcome.quotaSkips.map { AllocationExport.QuotaSkipEntry(id: $0.id, quota: $0.quota) }
        for skip in recomputedSkips where !storedSkips.contains(skip) {
            found.append(.quotaSkipMissing(id: skip.id, quota: skip.quota))
        }
        let recomputedSet = Set(recomputedSkips)
        for skip in export.quotaSkips.sorted(by: { ($0.id, $0.quota) < ($1.id, $1.quota) }) where !recomputedSet.contains(skip) {
            found.append(.quotaSkipUnexpected(id: skip.id, quota: skip.quota))
        }

        let participants = Set(export.applicants.map(\.id))
        for excluded in export.excluded where participants.contains(excluded.id) {
            found.append(.excludedAndAllocated(id: excluded.id))
        }
        return found
    }

    /// Reserved categories must appear only in the preferences of applicants of their group, and
    /// right before the general category when the applicant lists it too.
    static func reservePlacement(_ export: AllocationExport) -> [AllocationDiscrepancy] {
        var found: [AllocationDiscrepancy] = []
        for applicant in export.applicants {
            let preferences = applicant.preferences
            for (index, category) in preferences.enumerated() {
                if let reserve = ReservedStock.parse(category) {
                    if reserve.group != applicant.priorityGroup {
                        found.append(.reservePlacement(
                            id: applicant.id, category: category,
                            reason: "it is reserved for priority group \(reserve.group), the applicant is in group \(applicant.priorityGroup)"))
                    }
                } else if index == 0 || preferences[index - 1] != ReservedStock.exportCategory(category, group: applicant.priorityGroup) {
                    let reserved = ReservedStock.exportCategory(category, group: applicant.priorityGroup)
                    if export.units[reserved] != nil {
                        found.append(.reservePlacement(
                            id: applicant.id, category: reserved,
                            reason: "it must come immediately before '\(category)' in the preferences of applicants of group \(applicant.priorityGroup)"))
                    }
                }
            }
        }
        return found
    }
}

/// One difference between a published round and its recomputation.
public enum AllocationDiscrepancy: Sendable, Equatable, CustomStringConvertible {
    /// The export cannot be an input at all (a repeated id, an unknown category, …).
    case invalidExport(AllocationInputError.Problem)
    case lotteryKey(id: String, stored: String, recomputed: String)
    case allocation(id: String, stored: String?, recomputed: String?)
    /// An applicant with no entry in `allocation`.
    case allocationMissing(id: String, recomputed: String?)
    /// An `allocation` entry for someone who is not among the applicants.
    case notAnApplicant(id: String)
    case quotaSkipMissing(id: String, quota: String)
    case quotaSkipUnexpected(id: String, quota: String)
    case reservePlacement(id: String, category: String, reason: String)
    /// Listed both as excluded and as taking part.
    case excludedAndAllocated(id: String)

    public var description: String {
        func show(_ category: String?) -> String { category.map { "'\($0)'" } ?? "null" }
        switch self {
        case let .invalidExport(problem):
            return "the export is not a valid input: \(problem)"
        case let .lotteryKey(id, stored, recomputed):
            return "applicants[\(id)].lottery_key: stored \(stored), recomputed \(recomputed)"
        case let .allocation(id, stored, recomputed):
            return "allocation.\(id): stored \(show(stored)), recomputed \(show(recomputed))"
        case let .allocationMissing(id, recomputed):
            return "allocation.\(id): missing, recomputed \(show(recomputed))"
        case let .notAnApplicant(id):
            return "allocation.\(id): not an applicant of the round"
        case let .quotaSkipMissing(id, quota):
            return "quota_skips: missing {id: \(id), quota: \(quota)}"
        case let .quotaSkipUnexpected(id, quota):
            return "quota_skips: {id: \(id), quota: \(quota)} does not happen on recomputation"
        case let .reservePlacement(id, category, reason):
            return "applicants[\(id)].preferences: '\(category)' is misplaced: \(reason)"
        case let .excludedAndAllocated(id):
            return "excluded: \(id) is also among the applicants"
        }
    }
}
