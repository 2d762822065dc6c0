/// One eligible applicant as the allocation mechanism sees them: everything the draw depends on,
/// nothing more (no names, no dates), so a third party can re-run it from the export alone.
public struct AllocationApplicant: Sendable, Hashable, Codable {
    /// The application number, unique within the round.
    public var id: String
    /// The employer's unified social credit code; the per-employer cap counts offers per code.
    public var employer: String
    /// 1 is served first.
    public var priorityGroup: Int
    /// Priority points; higher is served first within a group.
    public var score: Int
    /// The export categories the applicant could take, most wanted first: their preferences after
    /// the entitlement filter, with reserved stock placed by ``ReservedStock/effectivePreferences(_:group:units:)``.
    public var preferences: [String]

    public init(id: String, employer: String, priorityGroup: Int, score: Int, preferences: [String]) {
        self.id = id
        self.employer = employer
        self.priorityGroup = priorityGroup
        self.score = score
        self.preferences = preferences
    }

    private enum CodingKeys: String, CodingKey {
        case id, employer, score, preferences
        case priorityGroup = "priority_group"
    }
}

/// An applicant passed over because a quota was full at their turn, when they would otherwise have
/// received a unit of `category`.
public struct QuotaSkip: Sendable, Hashable {
    /// The application number.
    public var id: String
    /// Which quota: ``QuotaSkip/perEmployerCap``.
    public var quota: String
    /// The category they would have taken.
    public var category: String

    public init(id: String, quota: String, category: String) {
        self.id = id
        self.quota = quota
        self.category = category
    }

    /// The per-employer cap of offers per round (`quotas.per_employer_cap`).
    public static let perEmployerCap = "per_employer_cap"
}

/// An applicant left out of the draw, with every reason (the failed eligibility rules).
public struct ExcludedApplicant: Sendable, Hashable, Codable {
    public var id: String
    public var reasons: [String]

    public init(id: String, reasons: [String]) {
        self.id = id
        self.reasons = reasons
    }
}
