import Foundation

/// A round as published for third parties (`talentctl housing round export R --json`): enough to
/// recompute every lottery key and the whole allocation with ``AllocationVerification/verify(_:)``
/// or by hand.
///
/// ```json
/// {"round": "R7", "seed": "20261126", "policy_version": "gz-2026.1", "policy_sha256": "<hex>",
///  "quotas": {"per_employer_cap": 5, "reserved": [{"group": 3, "category": "1BR", "units": 2}]},
///  "applicants": [{"id": "A-0001", "employer": "<credit code>", "priority_group": 1, "score": 85,
///                  "lottery_key": "<hex>", "preferences": ["2BR", "1BR"]}],
///  "units": {"1BR": 8, "1BR@reserved:g3": 2, "2BR": 4},
///  "allocation": {"A-0001": "2BR", "A-0002": null},
///  "quota_skips": [{"id": "A-0009", "quota": "per_employer_cap"}],
///  "excluded": [{"id": "A-0003", "reasons": ["contract_months_left_at_least: ..."]}]}
/// ```
/// `seed` is written as a string (a number is accepted when reading); `per_employer_cap` is
/// `null` for no cap; every applicant is a key of `allocation`, `null` when they got nothing.
/// `applicants` are written in the round's order (any order is read).
public struct AllocationExport: Sendable, Equatable, Codable {
    /// The round's quotas. `reserved` is informational: the reserves already appear as categories of
    /// `units` and in the preferences of the applicants who may use them.
    public struct Quotas: Sendable, Equatable, Codable {
        public var perEmployerCap: Int?
        public var reserved: [ReservedStock]

        public init(perEmployerCap: Int?, reserved: [ReservedStock] = []) {
            self.perEmployerCap = perEmployerCap
            self.reserved = reserved
        }

        private enum CodingKeys: String, CodingKey {
            case perEmployerCap = "per_employer_cap", reserved
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            perEmployerCap = try container.decodeIfPresent(Int.self, forKey: .perEmployerCap)
            reserved = try container.decodeIfPresent([ReservedStock].self, forKey: .reserved) ?? []
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(perEmployerCap, forKey: .perEmployerCap)  // null, not missing, for no cap
            try container.encode(reserved, forKey: .reserved)
        }
    }

    /// An applicant as exported: ``AllocationApplicant`` plus the lottery key.
    public struct Applicant: Sendable, Equatable, Codable {
        public var id: String
        public var employer: String
        public var priorityGroup: Int
        public var score: Int
        public var lotteryKey: String
        public var preferences: [String]

        public init(id: String, employer: String, priorityGroup: Int, score: Int, lotteryKey: String, preferences: [String]) {
            self.id = id
            self.employer = employer
            self.priorityGroup = priorityGroup
            self.score = score
            self.lotteryKey = lotteryKey
            self.preferences = preferences
        }

        /// The mechanism's view (without the key, which is recomputed).
        public var applicant: AllocationApplicant {
            AllocationApplicant(id: id, employer: employer, priorityGroup: priorityGroup, score: score, preferences: preferences)
        }

        private enum CodingKeys: String, CodingKey {
            case id, employer, score, preferences
            case priorityGroup = "priority_group", lotteryKey = "lottery_key"
        }
    }

    /// `{"id": …, "quota": …}`.
    public struct QuotaSkipEntry: Sendable, Hashable, Codable {
        public var id: String
        public var quota: String

        public init(id: String, quota: String) {
            self.id = id
            self.quota = quota
        }
    }

    public var round: String
    public var seed: String
    public var policyVersion: String
    public var policySHA256: String
    public var quotas: Quotas
    public var applicants: [Applicant]
    public var units: [String: Int]
    public var allocation: [String: String?]
    public var quotaSkips: [QuotaSkipEntry]
    public var excluded: [ExcludedApplicant]

    public init(round: String, seed: String, policyVersion: String, policySHA256: String, quotas: Quotas,
                applicants: [Applicant], units: [String: Int], allocation: [String: String?],
                quotaSkips: [QuotaSkipEntry], excluded: [ExcludedApplicant]) {
        self.round = round
        self.seed = seed
        self.policyVersion = policyVersion
        self.policySHA256 = policySHA256
        self.quotas = quotas
        self.applicants = applicants
        self.units = units
        self.allocation = allocation
        self.quotaSkips = quotaSkips
        self.excluded = excluded
    }

    /// The export of a computed round: applicants in the round's order, the outcome's allocation
    /// and quota skips.
    public init(round: String, policyVersion: String, policySHA256: String, input: AllocationInput,
                outcome: AllocationOutcome, reserved: [ReservedStock] = [], excluded: [ExcludedApplicant] = []) {
        let byID = Dictionary(input.applicants.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.init(
            round: round, seed: input.seed, policyVersion: policyVersion, policySHA256: policySHA256,
            quotas: Quotas(perEmployerCap: input.perEmployerCap, reserved: reserved),
            applicants: outcome.order.map { id in
                let a = byID[id]!
                return Applicant(id: a.id, employer: a.employer, priorityGroup: a.priorityGroup, score: a.score,
                                 lotteryKey: outcome.lotteryKeys[id]!, preferences: a.preferences)
            },
            units: input.units, allocation: outcome.allocation,
            quotaSkips: outcome.quotaSkips.map { QuotaSkipEntry(id: $0.id, quota: $0.quota) },
            excluded: excluded.sorted { $0.id < $1.id })
    }

    /// The mechanism's input, checked.
    public func input() throws(AllocationInputError) -> AllocationInput {
        try AllocationInput(seed: seed, applicants: applicants.map(\.applicant), units: units,
                            perEmployerCap: quotas.perEmployerCap)
    }

    /// The JSON document, keys sorted (so equal exports are equal bytes).
    public func json(pretty: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads an export document.
    public init(json: Data) throws {
        self = try JSONDecoder().decode(AllocationExport.self, from: json)
    }

    private enum CodingKeys: String, CodingKey {
        case round, seed, quotas, applicants, units, allocation, excluded
        case policyVersion = "policy_version", policySHA256 = "policy_sha256", quotaSkips = "quota_skips"
    }

    /// An arbitrary text key (application numbers, category names).
    private struct TextKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        round = try container.decode(String.self, forKey: .round)
        if let number = try? container.decode(Int.self, forKey: .seed) {
            seed = String(number)
        } else {
            seed = try container.decode(String.self, forKey: .seed)
        }
        policyVersion = try container.decode(String.self, forKey: .policyVersion)
        policySHA256 = try container.decode(String.self, forKey: .policySHA256)
        quotas = try container.decode(Quotas.self, forKey: .quotas)
        applicants = try container.decode([Applicant].self, forKey: .applicants)
        units = try container.decode([String: Int].self, forKey: .units)
        let entries = try container.nestedContainer(keyedBy: TextKey.self, forKey: .allocation)
        var allocation: [String: String?] = [:]
        for key in entries.allKeys {
            let category: String? = try entries.decodeNil(forKey: key) ? nil : entries.decode(String.self, forKey: key)
            allocation.updateValue(category, forKey: key.stringValue)
        }
        self.allocation = allocation
        quotaSkips = try container.decode([QuotaSkipEntry].self, forKey: .quotaSkips)
        excluded = try container.decode([ExcludedApplicant].self, forKey: .excluded)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(round, forKey: .round)
        try container.encode(seed, forKey: .seed)
        try container.encode(policyVersion, forKey: .policyVersion)
        try container.encode(policySHA256, forKey: .policySHA256)
        try container.encode(quotas, forKey: .quotas)
        try container.encode(applicants, forKey: .applicants)
        try container.encode(units, forKey: .units)
        var entries = container.nestedContainer(keyedBy: TextKey.self, forKey: .allocation)
        for (id, category) in allocation {
            let key = TextKey(stringValue: id)
            if let category { try entries.encode(category, forKey: key) } else { try entries.encodeNil(forKey: key) }
        }
        try container.encode(quotaSkips, forKey: .quotaSkips)
        try container.encode(excluded, forKey: .excluded)
    }
}
