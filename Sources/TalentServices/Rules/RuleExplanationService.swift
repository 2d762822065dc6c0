import Foundation
import TalentDomain
import TalentRules
import TalentStore

/// The rules applied to one talent, explained (`rules explain`, `rules classify`), a what-if draw of a
/// round under another policy (`rules simulate`), and the honours the
/// classification reads (`talent honours`). Reads only, except ``setHonours(identityKey:_:on:actor:)``.
public struct RuleExplanationService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }
}

/// Which policy an explanation applies.
public enum PolicyChoice: Sendable, Equatable {
    /// The stored version in force on the day (the built-in default when none is).
    case inForce
    /// A stored version label, or the built-in default's label.
    case version(String)
    /// A policy file, read and checked but not stored.
    case file(String)
}

/// `rules explain`: eligibility rule by rule, entitlement, priority group and score, and the class
/// the classification proposes.
public struct TalentExplanation: Sendable, Codable, Equatable {
    public struct Rule: Sendable, Codable, Equatable {
        public var rule: String
        public var passed: Bool
        public var explanation: String
    }

    public struct Category: Sendable, Codable, Equatable {
        public var category: String
        public var maxAreaM2: Int
    }

    public struct Points: Sendable, Codable, Equatable {
        public var factor: String
        public var points: Int
        public var why: String
    }

    public struct Application: Sendable, Codable, Equatable {
        public var number: String
        public var status: String
        public var appliedOn: CalendarDate
        public var preferences: [String]
        /// The preferences the entitlement allows, in order.
        public var entitledPreferences: [String]
    }

    public var talent: String
    public var identity: IdentityOnRecord
    public var on: CalendarDate
    public var policyVersion: String
    public var policySHA256: String
    /// `stored`, `built-in default` or `file`.
    public var policySource: String
    public var eligible: Bool
    public var eligibility: [Rule]
    public var certifiedClass: Int?
    public var householdSize: Int
    /// Where the household size comes from.
    public var householdFrom: String
    public var entitlement: [Category]
    public var priorityGroup: Int?
    public var score: Int
    public var breakdown: [Points]
    public var proposedClass: Int?
    public var classificationReason: String
    public var application: Application?
}

/// `rules classify`: the class the policy proposes from the registry's qualifications.
public struct ClassificationExplanation: Sendable, Codable, Equatable {
    public var talent: String
    public var identity: IdentityOnRecord
    public var policyVersion: String
    public var policySHA256: String
    public var proposedClass: Int?
    public var reason: String
    /// The class certified now, if any, for comparison.
    public var certifiedClass: Int?
    public var honours: [String]
}

extension RuleExplanationService {
    /// Explains the rules for a talent on `date` under the chosen policy. The household size and the
    /// application date come from the talent's open application, if any (else 1 person, not applied).
    public func explain(identityKey: String, on date: CalendarDate,
                        policy choice: PolicyChoice = .inForce) async throws(ServiceError) -> TalentExplanation {
        let fromFile: PolicyInForce? = if case let .file(path) = choice { try PolicyInForce.file(at: path) } else { nil }
        return try await run {
            try await store.read { session in
                let policy = try await Self.policy(choice, fromFile: fromFile, on: date, session)
                let (talent, record) = try await Self.talentFacts(identityKey, session)
                let application = try await session.openHousingApplication(talentID: talent.id)
                let household = application?.householdSize ?? 1
                let facts = HousingFacts(record, householdSize: household, applicationDate: application?.appliedOn).facts
                let rules = policy.policy
                let outcomes = rules.eligibility(facts, on: date)
                let score = rules.priority(facts, on: date)
                let proposal = rules.classify(facts)
                let entitled = facts.certifiedClass.map { rules.entitlement(class: $0, householdSize: household) } ?? []
                let explainedApplication = application.map { application in
                    TalentExplanation.Application(
                        number: application.number, status: application.status.rawValue, appliedOn: application.appliedOn,
                        preferences: application.preferences,
                        entitledPreferences: facts.certifiedClass.map { certified in
                            rules.entitledPreferences(application.preferences.compactMap(UnitCategory.parse), class: certified,
                                                      householdSize: household).map(\.rawValue)
                        } ?? [])
                }
                return TalentExplanation(
                    talent: talent.name, identity: talent.identityKey, on: date, policyVersion: policy.version,
                    policySHA256: policy.sha256, policySource: policy.source(fromFile: fromFile != nil),
                    eligible: outcomes.allSatisfy(\.passed),
                    eligibility: outcomes.map { .init(rule: $0.rule, passed: $0.passed, explanation: $0.explanation) },
                    certifiedClass: facts.certifiedClass?.number, householdSize: household,
                    householdFrom: application.map { "application \($0.number)" } ?? "no open application: 1 person assumed",
                    entitlement: entitled.map { .init(category: $0.category.rawValue, maxAreaM2: $0.maxAreaM2) },
                    priorityGroup: score.group, score: score.points,
                    breakdown: score.breakdown.map { .init(factor: $0.factor, points: $0.points, why: $0.why) },
                    proposedClass: proposal.talentClass?.number, classificationReason: proposal.reason,
                    application: explainedApplication)
            }
        }
    }

    /// The class the policy in force on `date` proposes for the talent, with the reason.
    public func classify(identityKey: String, on date: CalendarDate,
                         policy choice: PolicyChoice = .inForce) async throws(ServiceError) -> ClassificationExplanation {
        let fromFile: PolicyInForce? = if case let .file(path) = choice { try PolicyInForce.file(at: path) } else { nil }
        return try await run {
            try await store.read { session in
                let policy = try await Self.policy(choice, fromFile: fromFile, on: date, session)
                let (talent, record) = try await Self.talentFacts(identityKey, session)
                let proposal = policy.policy.classify(HousingFacts(record).facts)
                return ClassificationExplanation(
                    talent: talent.name, identity: talent.identityKey, policyVersion: policy.version, policySHA256: policy.sha256,
                    proposedClass: proposal.talentClass?.number, reason: proposal.reason, certifiedClass: record.certifiedClass,
                    honours: record.honours)
            }
        }
    }

    /// The honours recorded for a talent.
    public func honours(identityKey: String) async throws(ServiceError) -> [String] {
        try await run { try await store.read { try await Self.talentFacts(identityKey, $0).1.honours } }
    }

    /// Replaces a talent's honours. Each must be a code of the classification vocabulary of the policy
    /// in force on `date`. Audited as `talent.honours`.
    @discardableResult
    public func setHonours(identityKey: String, _ honours: [String], on date: CalendarDate,
                           actor: Principal) async throws(ServiceError) -> [String] {
        _ = try AccessTable.authorize(.talentHonours, actor)
        let wanted = Array(Set(honours.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })).sorted()
        return try await run {
            try await store.write { session in
                let policy = try await PolicyInForce.resolve(on: date, session)
                let vocabulary = policy.policy.classification.honours.map(\.code)
                let unknown = wanted.filter { !vocabulary.contains($0) }
                if !unknown.isEmpty {
                    throw ServiceError.invalid(ValidationError(
                        field: "honours", value: unknown.joined(separator: ","),
                        reason: "not an honour of policy \(policy.version)",
                        hint: "Allowed: \(vocabulary.joined(separator: ", "))."))
                }
                let (talent, record) = try await Self.talentFacts(identityKey, session)
                try await session.setHonours(talentID: talent.id, wanted)
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "talent.honours", entityType: "talent", entityID: String(talent.id),
                    before: record.honours, after: wanted, reason: policy.stamp))
                return wanted
            }
        }
    }

    // MARK: Shared steps

    static func policy(_ choice: PolicyChoice, fromFile: PolicyInForce?, on date: CalendarDate,
                       _ session: StoreSession) async throws -> PolicyInForce {
        if let fromFile { return fromFile }
        if case let .version(version) = choice { return try await PolicyInForce.resolve(version: version, session) }
        return try await PolicyInForce.resolve(on: date, session)
    }

    static func talentFacts(_ identityKey: String, _ session: StoreSession) async throws -> (TalentRecord, HousingFactsRecord) {
        guard let talent = try await session.talent(identityKey: identityKey) else {
            throw ServiceError.notFound("no talent is registered with identity \(PersonalDataMask.identity(identityKey))")
        }
        guard let record = try await session.housingFacts(talentIDs: [talent.id])[talent.id] else {
            throw ServiceError.notFound("no facts could be read for talent #\(talent.id)")
        }
        return (talent, record)
    }
}

/// `rules simulate`: a round drawn under its own policy and under another, on live data, and who
/// would gain, lose or change an offer.
public struct PolicySimulation: Sendable, Codable, Equatable {
    /// One application whose result differs.
    public struct Change: Sendable, Codable, Equatable {
        public var application: String
        public var name: String
        /// The general category offered under the round's policy; nil when none.
        public var baseline: String?
        public var whatIf: String?
        /// How it stands under each: `offered 2BR`, `waiting (position 12)`, `excluded: <reasons>`.
        public var baselineResult: String
        public var whatIfResult: String
    }

    public var round: String
    public var seed: String
    public var baselinePolicy: String
    public var baselineSHA256: String
    public var whatIfPolicy: String
    public var whatIfSHA256: String
    public var baselineOffers: Int
    public var whatIfOffers: Int
    public var baselineExcluded: Int
    public var whatIfExcluded: Int
    /// Offered something under the file's policy, nothing under the round's.
    public var gains: [Change]
    /// Offered something under the round's policy, nothing under the file's.
    public var losses: [Change]
    /// Offered a different category.
    public var changes: [Change]
}

extension RuleExplanationService {
    /// Draws round `code` twice on today's facts, under its own policy and under the policy file at
    /// `path`, with the same seed (`seed`, else the round's committed seed, else the round code), and
    /// reports the differences. Both draws take every application and unit the round was created with
    /// (but withdrawn applications), whatever happened to them since. Writes nothing.
    public func simulate(round code: String, policyFile path: String,
                         seed: String? = nil) async throws(ServiceError) -> PolicySimulation {
        let whatIfPolicy = try PolicyInForce.file(at: path)
        return try await run {
            try await store.read { session in
                let round = try await HousingRoundService.round(code, session)
                let baselinePolicy = try await HousingRoundService.policy(of: round, session)
                let seed = try HousingRoundService.checkSeed(seed ?? round.seed ?? round.code)
                let units = try await session.housingRoundUnits(roundID: round.id)
                let applications = try await session.housingRoundApplications(roundID: round.id)
                let facts = try await session.housingFacts(talentIDs: Array(Set(applications.map(\.talentID))))
                let leasedMonths = HousingRoundDraw.leasedMonths(try await session.housingLeases(ofRoundApplicants: round.id))
                func draw(_ policy: PolicyInForce) throws -> HousingRoundDraw {
                    try HousingRoundDraw.compute(roundCode: round.code, asOf: round.asOf, seed: seed, policy: policy,
                                                 applications: applications, facts: facts, leasedMonths: leasedMonths,
                                                 units: units, participation: .asCreated)
                }
                let baseline = try draw(baselinePolicy)
                let whatIf = try draw(whatIfPolicy)
                var gains: [PolicySimulation.Change] = []
                var losses: [PolicySimulation.Change] = []
                var changes: [PolicySimulation.Change] = []
                for application in applications.sorted(by: { $0.number < $1.number }) {
                    let id = application.number
                    let before = Self.general(baseline.outcome.category(of: id))
                    let after = Self.general(whatIf.outcome.category(of: id))
                    guard before != after else { continue }
                    let change = PolicySimulation.Change(
                        application: id, name: facts[application.talentID]?.name ?? "", baseline: before, whatIf: after,
                        baselineResult: Self.result(id, baseline), whatIfResult: Self.result(id, whatIf))
                    switch (before, after) {
                    case (nil, _): gains.append(change)
                    case (_, nil): losses.append(change)
                    default: changes.append(change)
                    }
                }
                func offers(_ draw: HousingRoundDraw) -> Int { draw.outcome.allocation.values.filter { $0 != nil }.count }
                return PolicySimulation(
                    round: round.code, seed: seed, baselinePolicy: baselinePolicy.version, baselineSHA256: baselinePolicy.sha256,
                    whatIfPolicy: whatIfPolicy.version, whatIfSHA256: whatIfPolicy.sha256,
                    baselineOffers: offers(baseline), whatIfOffers: offers(whatIf),
                    baselineExcluded: baseline.excluded.count, whatIfExcluded: whatIf.excluded.count,
                    gains: gains, losses: losses, changes: changes)
            }
        }
    }

    /// `2BR` for `2BR@reserved:g3`: who gets a reserved unit gets a unit of the category all the same.
    static func general(_ category: String?) -> String? {
        category.map { ReservedStock.parse($0)?.category ?? $0 }
    }

    static func result(_ id: String, _ draw: HousingRoundDraw) -> String {
        if let excluded = draw.excluded.first(where: { $0.id == id }) {
            return "excluded: " + excluded.reasons.joined(separator: "; ")
        }
        if let category = general(draw.outcome.category(of: id)) { return "offered \(category)" }
        let position = draw.outcome.position(of: id).map { " (position \($0))" } ?? ""
        return "waiting\(position)"
    }
}
