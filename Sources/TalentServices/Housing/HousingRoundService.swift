import Crypto
import Foundation
import TalentDomain
import TalentRules
import TalentStore

/// Allocation rounds (Docs/housing-rounds.md): create a draft (units, applications and policy fixed),
/// preview a draw, commit it once (offers, outcome rows, seed, input hash, one transaction), verify a
/// committed round from its stored input and export it for third parties.
public struct HousingRoundService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }
}

/// A round's draw as shown to people: the ranked list and the excluded with their reasons.
public struct HousingRoundOutcome: Sendable, Codable, Equatable {
    /// An applicant who took part, in serving order.
    public struct Ranked: Sendable, Codable, Equatable {
        public var position: Int
        public var application: String
        public var name: String
        public var priorityGroup: Int
        public var score: Int
        public var lotteryKey: String
        /// Export categories, most wanted first (reserves included).
        public var preferences: [String]
        /// The export category allocated, nil when none.
        public var category: String?
        /// The unit assigned (its code), nil when none.
        public var unit: String?
        /// The quota that passed them over, nil when none.
        public var quotaSkip: String?
        /// `offered 2BR: unit B1-0302`, `waiting: …`, `passed over: …`.
        public var result: String
    }

    public struct Excluded: Sendable, Codable, Equatable {
        public var application: String
        public var name: String
        public var reasons: [String]
    }

    /// Units of one export category in the draw.
    public struct Stock: Sendable, Codable, Equatable {
        public var category: String
        public var units: Int
        public var allocated: Int
    }

    public var round: String
    public var name: String
    public var asOf: CalendarDate
    public var seed: String
    public var policyVersion: String
    public var policySHA256: String
    /// The SHA-256 of the canonical input document (stored on commit).
    public var inputSHA256: String
    public var committed: Bool
    public var stock: [Stock]
    public var offered: Int
    public var waiting: Int
    public var ranked: [Ranked]
    public var excluded: [Excluded]
    /// The last day to accept the offers (commit only).
    public var offersExpireOn: CalendarDate?
}

extension HousingRoundService {
    /// Creates a draft round: the available units of the given projects and buildings (all available
    /// units when none are given), every open application made on or before `asOf`, and the policy
    /// `policyVersion` (a stored label or the built-in default's; by default the one in force on `asOf`).
    /// Audited as `housing.round.create`.
    @discardableResult
    public func create(_ input: HousingRoundInput, actor: Principal) async throws(ServiceError) -> HousingRoundRecord {
        _ = try AccessTable.authorize(.housingRoundManage, actor)
        let code: String
        do {
            code = try RoundCode(input.code).value
        } catch {
            throw .invalid(error)
        }
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else {
            throw .invalid(ValidationError(field: "name", value: input.name, reason: "is empty",
                                           hint: "Give the round a name, e.g. --name \"2026 first round\"."))
        }
        do {
            return try await run {
                try await store.write { session in
                    if let existing = try await session.housingRound(code: code) {
                        throw ServiceError.duplicate(
                            "round \(code) already exists (\(existing.name), as of \(existing.asOf), \(existing.status.rawValue)); "
                                + "choose another code")
                    }
                    let policy = if let version = input.policyVersion {
                        try await PolicyInForce.resolve(version: version, session)
                    } else {
                        try await PolicyInForce.resolve(on: input.asOf, session)
                    }
                    let unknownProjects = try await session.unknownHousingProjectCodes(input.projectCodes)
                    let unknownBuildings = try await session.unknownHousingBuildingCodes(input.buildingCodes)
                    if !unknownProjects.isEmpty || !unknownBuildings.isEmpty {
                        throw ServiceError.notFound(
                            ([unknownProjects.isEmpty ? nil : "no housing project \(unknownProjects.joined(separator: ", "))",
                              unknownBuildings.isEmpty ? nil : "no housing building \(unknownBuildings.joined(separator: ", "))"]
                                .compactMap { $0 }.joined(separator: "; "))
, next: unknownProjects.isEmpty ? .listHousingBuildings : .listHousingProjects)
                    }
                    let units = try await session.availableHousingUnitIDs(
                        projectCodes: input.projectCodes, buildingCodes: input.buildingCodes)
                    let applications = try await session.openHousingApplicationIDs(appliedOnOrBefore: input.asOf)
                    if units.isEmpty {
                        let scope = input.projectCodes.isEmpty && input.buildingCodes.isEmpty
                            ? "" : " in \((input.projectCodes + input.buildingCodes).joined(separator: ", "))"
                        throw ServiceError.refused(
                            "round \(code) would be empty: no unit is available\(scope); "
                                + "add units or set units back to available", next: .importHousingUnits)
                    }
                    if applications.isEmpty {
                        throw ServiceError.refused(
                            "round \(code) would be empty: no open application was made on or before \(input.asOf); "
                                + "give a later --as-of or wait for applications")
                    }
                    let record = try await session.insertHousingRound(
                        code: code, name: name, asOf: input.asOf, policyVersion: policy.version, policySHA256: policy.sha256,
                        createdBy: actor.auditName, unitIDs: units, applicationIDs: applications)
                    try await session.appendAudit(AuditRecord(
                        actor: actor.auditName, action: "housing.round.create", entityType: "housing_round", entityID: code,
                        before: Optional<HousingRoundRecord>.none, after: record, reason: policy.stamp))
                    return record
                }
            }
        } catch .store(.duplicate(constraint: "housing_rounds_code_key", _)) {
            throw .duplicate("round \(code) was created by someone else meanwhile; choose another code")
        }
    }

    /// Every round, latest as-of date first.
    public func rounds(actor: Principal) async throws(ServiceError) -> [HousingRoundRecord] {
        _ = try AccessTable.authorize(.housingRoundRead, actor)
        return try await run { try await store.read { try await $0.housingRounds() } }
    }

    /// One round.
    public func round(code: String, actor: Principal) async throws(ServiceError) -> HousingRoundRecord {
        _ = try AccessTable.authorize(.housingRoundRead, actor)
        return try await run { try await store.read { try await Self.round(code, $0) } }
    }

    /// Draws the round with `seed` on the data as it stands now, without writing anything.
    public func preview(code: String, seed: String, actor: Principal) async throws(ServiceError) -> HousingRoundOutcome {
        _ = try AccessTable.authorize(.housingRoundManage, actor)
        let seed = try Self.checkSeed(seed)
        return try await run {
            try await store.read { session in
                let round = try await Self.round(code, session)
                if !round.status.canChange(to: .committed) {
                    throw ServiceError.refused(Self.alreadyCommitted(round), next: .verifyHousingRound(round: round.code))
                }
                let policy = try await Self.policy(of: round, session)
                let draw = try await HousingRoundDraw.load(round: round, seed: seed, policy: policy, participation: .current, session)
                let inputSHA256 = Self.sha256(try Self.canonical(draw.inputDocument))
                return Self.outcome(round, draw, inputSHA256: inputSHA256, committed: false, expiresOn: nil)
            }
        }
    }

    /// Draws the round with `seed` and, in one transaction: stores the seed, the canonical input document
    /// and its SHA-256; one outcome row per application; a pending `round` offer of the assigned unit
    /// for each allocated applicant (expiring per the round's policy); those units and applications
    /// `offered`; and the `housing.round.commit` audit row. Committing a committed round is refused.
    @discardableResult
    public func commit(code: String, seed: String, on date: CalendarDate, today: CalendarDate = .today(),
                       actor: Principal) async throws(ServiceError) -> HousingRoundOutcome {
        _ = try AccessTable.authorize(.housingRoundManage, actor)
        let seed = try Self.checkSeed(seed)
        try date.requireHappened(by: today, "making a round's offers")
        return try await run {
            try await store.write { session in
                // Concurrent commits of one round queue here; the second then finds it committed.
                let round = try await Self.round(code, session, forUpdate: true)
                if !round.status.canChange(to: .committed) {
                    throw ServiceError.duplicate(Self.alreadyCommitted(round), next: .verifyHousingRound(round: round.code))
                }
                // Offers dated before the round's own day would expire before anyone could accept them.
                guard date >= round.asOf else {
                    throw ServiceError.refused(
                        "round \(code) is drawn as of \(round.asOf); its offers cannot be made on \(date), before that (--on)")
                }
                let policy = try await Self.policy(of: round, session)
                let draw = try await HousingRoundDraw.load(
                    round: round, seed: seed, policy: policy, participation: .current, lock: true, session)
                guard draw.input.units.values.contains(where: { $0 > 0 }) else {
                    throw ServiceError.refused(
                        "round \(code) has no available unit left (its units were offered, let or withdrawn from stock since "
                            + "it was created); committing would only put its applicants on a waiting list. "
                            + "Create a new round over available units")
                }
                let document = try Self.canonical(draw.inputDocument)
                let inputSHA256 = Self.sha256(document)
                let expiresOn = policy.policy.offers.expiresOn(offeredOn: date)

                try await session.insertHousingRoundEntries(roundID: round.id, draw.entriesWithBreakdowns)
                try await session.markHousingRoundCommitted(
                    id: round.id, seed: seed, inputJSON: document, inputSHA256: inputSHA256, committedBy: actor.auditName)
                let offers = draw.outcome.order.compactMap { id -> HousingRoundNewOffer? in
                    guard let category = draw.outcome.category(of: id), let unit = draw.assignments[id],
                          let application = draw.applications[id] else { return nil }
                    return HousingRoundNewOffer(applicationID: application.applicationID, talentID: application.talentID,
                                                unitID: unit.unitID, category: category)
                }
                try await session.insertHousingRoundOffers(
                    roundID: round.id, offers, offeredOn: date, expiresOn: expiresOn, policyVersion: policy.version)
                let units = try await session.markHousingUnitsOffered(offers.map(\.unitID))
                let applications = try await session.markHousingApplicationsOffered(offers.map(\.applicationID))
                guard units == offers.count, applications == offers.count else {
                    throw ServiceError.refused(
                        "round \(code): units or applications changed while committing (\(units) of \(offers.count) units and "
                            + "\(applications) of \(offers.count) applications could be offered); nothing was written, try again")
                }
                var committed = round
                committed.status = .committed
                committed.seed = seed
                committed.inputSHA256 = inputSHA256
                committed.committedBy = actor.auditName
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "housing.round.commit", entityType: "housing_round", entityID: code,
                    before: round,
                    after: CommitAudit(seed: seed, policyVersion: policy.version, policySHA256: policy.sha256,
                                       inputSHA256: inputSHA256, applicants: draw.input.applicants.count,
                                       excluded: draw.excluded.count, offers: offers.count, offersExpireOn: expiresOn),
                    reason: "seed \(seed); \(policy.stamp); input sha256 \(inputSHA256)"))
                return Self.outcome(committed, draw, inputSHA256: inputSHA256, committed: true, expiresOn: expiresOn)
            }
        }
    }

    // MARK: Shared steps

    static func round(_ code: String, _ session: StoreSession, forUpdate: Bool = false) async throws -> HousingRoundRecord {
        guard let round = try await session.housingRound(code: code, forUpdate: forUpdate) else {
            let known = try await session.housingRounds().prefix(10).map(\.code)
            throw ServiceError.notFound(
                "no housing round \(code)" + (known.isEmpty ? "" : "; rounds: \(known.joined(separator: ", "))"),
                next: known.isEmpty ? .createHousingRound : nil)
        }
        return round
    }

    /// The round's own policy, checked against the hash stored when the round was created.
    static func policy(of round: HousingRoundRecord, _ session: StoreSession) async throws -> PolicyInForce {
        let policy = try await PolicyInForce.resolve(version: round.policyVersion, session)
        guard policy.sha256 == round.policySHA256 else {
            throw ServiceError.refused(
                "round \(round.code) was created under policy \(round.policyVersion) sha256 \(round.policySHA256), "
                    + "but that label now reads as sha256 \(policy.sha256) (the built-in default changed with an upgrade?); "
                    + "create a new round under a stored version")
        }
        return policy
    }

    static func checkSeed(_ seed: String) throws(ServiceError) -> String {
        let trimmed = seed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.contains(where: \.isNewline) else {
            throw .invalid(ValidationError(field: "seed", value: seed, reason: "is empty",
                                           hint: "Publish a seed before the draw, e.g. --seed 20261126."))
        }
        return trimmed
    }

    static func alreadyCommitted(_ round: HousingRoundRecord) -> String {
        let when = round.committedAt.map { ISO8601DateFormatter().string(from: $0) } ?? "?"
        return "round \(round.code) was already committed on \(when) by \(round.committedBy ?? "?") with seed \(round.seed ?? "?"); "
            + "a committed round is final."
    }

    /// Compact JSON with sorted keys: equal documents are equal bytes, so the hash is reproducible.
    static func canonical(_ export: AllocationExport) throws -> String {
        HousingRoundDraw.canonicalJSON(export)
    }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func outcome(_ round: HousingRoundRecord, _ draw: HousingRoundDraw, inputSHA256: String, committed: Bool,
                        expiresOn: CalendarDate?) -> HousingRoundOutcome {
        let skips = Dictionary(draw.outcome.quotaSkips.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var ranked: [HousingRoundOutcome.Ranked] = []
        ranked.reserveCapacity(draw.outcome.order.count)
        for entry in draw.entries {
            guard let position = entry.position else { continue }
            let category = entry.allocatedCategory
            let unit = draw.assignments[entry.number]
            let result: String
            if let category {
                let reserve = ReservedStock.parse(category).map { " from the group-\($0.group) reserve" } ?? ""
                result = "offered \(ReservedStock.parse(category)?.category ?? category)\(reserve): unit \(unit?.code ?? "?")"
            } else if let skip = skips[entry.number] {
                result = "passed over: \(skip.quota) reached for the employer (would have taken \(skip.category))"
            } else {
                result = "waiting: no unit left in any preferred category"
            }
            ranked.append(.init(
                position: position, application: entry.number, name: entry.talentName, priorityGroup: entry.priorityGroup ?? 0,
                score: entry.score ?? 0, lotteryKey: entry.lotteryKey ?? "", preferences: entry.preferences ?? [],
                category: category, unit: unit?.code, quotaSkip: entry.quotaSkip, result: result))
        }
        let excluded = draw.entries.compactMap { entry -> HousingRoundOutcome.Excluded? in
            guard let reasons = entry.excludedReasons else { return nil }
            return .init(application: entry.number, name: entry.talentName, reasons: reasons)
        }
        var allocated: [String: Int] = [:]
        for case let category? in draw.outcome.allocation.values { allocated[category, default: 0] += 1 }
        let stock = draw.input.units.keys.sorted().map {
            HousingRoundOutcome.Stock(category: $0, units: draw.input.units[$0] ?? 0, allocated: allocated[$0] ?? 0)
        }
        let offered = ranked.filter { $0.category != nil }.count
        return HousingRoundOutcome(
            round: round.code, name: round.name, asOf: round.asOf, seed: draw.input.seed, policyVersion: draw.policy.version,
            policySHA256: draw.policy.sha256, inputSHA256: inputSHA256, committed: committed,
            stock: stock, offered: offered, waiting: ranked.count - offered, ranked: ranked, excluded: excluded,
            offersExpireOn: expiresOn)
    }
}

/// What the audit log keeps of a commit.
struct CommitAudit: Encodable {
    var seed: String
    var policyVersion: String
    var policySHA256: String
    var inputSHA256: String
    var applicants: Int
    var excluded: Int
    var offers: Int
    var offersExpireOn: CalendarDate
}
