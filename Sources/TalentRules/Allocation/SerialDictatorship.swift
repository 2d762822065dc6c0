/// The allocation mechanism of a housing round: serial dictatorship in a published order.
///
/// 1. Order every applicant by priority group ascending, then score descending, then lottery key
///    ascending (``LotteryKey``); the application number breaks the (astronomically unlikely) tie
///    of equal keys, so the order is total.
/// 2. In that order each applicant takes the first category of their preferences that still has
///    stock. If they would take one but their employer already holds `perEmployerCap` offers of
///    the round, they get nothing and a ``QuotaSkip`` is recorded; an applicant who would get
///    nothing anyway (no stock left in any preference) is never a quota skip. A skip uses no stock
///    and does not count toward the cap.
///
/// The result depends only on the input's values: not on the order of applicants or of units.
public enum SerialDictatorship {
    /// Runs the mechanism.
    public static func allocate(_ input: AllocationInput) -> AllocationOutcome {
        let applicants = input.applicants
        let keys = applicants.map { LotteryKey.of(seed: input.seed, applicationNumber: $0.id) }
        let order = applicants.indices.sorted { a, b in
            precedes(applicants[a], keys[a], applicants[b], keys[b])
        }

        let categories = input.units.keys.sorted()
        var categoryIndex: [String: Int] = [:]
        for (index, category) in categories.enumerated() { categoryIndex[category] = index }
        var stock = categories.map { input.units[$0]! }
        var offersByEmployer: [String: Int] = [:]

        var allocation: [String: String?] = [:]
        allocation.reserveCapacity(applicants.count)
        var quotaSkips: [QuotaSkip] = []
        for index in order {
            let applicant = applicants[index]
            // Validation guarantees every preference is a category of units.
            guard let choice = applicant.preferences.lazy.map({ categoryIndex[$0]! }).first(where: { stock[$0] > 0 }) else {
                allocation.updateValue(nil, forKey: applicant.id)
                continue
            }
            let held = offersByEmployer[applicant.employer, default: 0]
            if let cap = input.perEmployerCap, held >= cap {
                allocation.updateValue(nil, forKey: applicant.id)
                quotaSkips.append(QuotaSkip(id: applicant.id, quota: QuotaSkip.perEmployerCap, category: categories[choice]))
                continue
            }
            stock[choice] -= 1
            offersByEmployer[applicant.employer] = held + 1
            allocation.updateValue(categories[choice], forKey: applicant.id)
        }

        var lotteryKeys: [String: String] = [:]
        for (applicant, key) in zip(applicants, keys) { lotteryKeys[applicant.id] = key }
        var remaining: [String: Int] = [:]
        for (index, category) in categories.enumerated() { remaining[category] = stock[index] }
        return AllocationOutcome(order: order.map { applicants[$0].id }, lotteryKeys: lotteryKeys, allocation: allocation,
                                 quotaSkips: quotaSkips, remaining: remaining)
    }

    /// Whether `a` (with lottery key `keyA`) is served before `b`.
    public static func precedes(_ a: AllocationApplicant, _ keyA: String, _ b: AllocationApplicant, _ keyB: String) -> Bool {
        if a.priorityGroup != b.priorityGroup { return a.priorityGroup < b.priorityGroup }
        if a.score != b.score { return a.score > b.score }
        if keyA != keyB { return keyA < keyB }
        return a.id < b.id
    }
}

/// What a round produced.
public struct AllocationOutcome: Sendable, Equatable {
    /// Every application number, in the order applicants were served.
    public var order: [String]
    /// Application number → lottery key.
    public var lotteryKeys: [String: String]
    /// Application number → the category taken, or nil. Every applicant is a key.
    public var allocation: [String: String?]
    /// Applicants passed over because a quota was full, in the order they were served.
    public var quotaSkips: [QuotaSkip]
    /// Category → units left over.
    public var remaining: [String: Int]

    public init(order: [String], lotteryKeys: [String: String], allocation: [String: String?], quotaSkips: [QuotaSkip],
                remaining: [String: Int]) {
        self.order = order
        self.lotteryKeys = lotteryKeys
        self.allocation = allocation
        self.quotaSkips = quotaSkips
        self.remaining = remaining
    }

    /// The category an applicant took; nil when none (or not an applicant of the round).
    public func category(of id: String) -> String? {
        allocation[id] ?? nil
    }

    /// The waiting list: applicants who took nothing (quota skips included), in the round's order.
    /// When an offer is declined or expires, its unit goes to the first of them who wants the
    /// category (the employer cap is checked again then).
    public var waitlist: [String] {
        order.filter { category(of: $0) == nil }
    }

    /// The 1-based place of an applicant in the round's order.
    public func position(of id: String) -> Int? {
        order.firstIndex(of: id).map { $0 + 1 }
    }
}
