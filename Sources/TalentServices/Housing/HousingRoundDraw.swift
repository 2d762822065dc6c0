import Foundation
import TalentDomain
import TalentRules
import TalentStore

/// Which of a round's applications and units take part in a draw.
enum HousingRoundParticipation: Sendable {
    /// Preview and commit: applications still open and units still available, as they stand now.
    case current
    /// `rules simulate`: every application (but the withdrawn) and every unit the round was created
    /// with, whatever happened to them since, so two policies can be compared on the same round.
    case asCreated
}

/// A round's draw: from the stored applications, units and talent facts to the mechanism's input
/// (`AllocationInput`), its outcome (`SerialDictatorship`), the outcome rows and the physical unit of
/// each allocated applicant. Reading is done by ``load(round:seed:policy:participation:lock:_:)``; the
/// rest is plain computation, so preview, commit and simulate run exactly the same steps.
struct HousingRoundDraw: Sendable {
    let roundCode: String
    let asOf: CalendarDate
    let policy: PolicyInForce
    let input: AllocationInput
    let outcome: AllocationOutcome
    /// Reserves as split out of the round's units (only those holding at least one unit).
    let reserves: [ReservedStock]
    /// The excluded, by application number.
    let excluded: [ExcludedApplicant]
    /// One row per application of the round: positions in serving order, then the excluded (without
    /// score breakdowns, which only a commit stores: see ``entriesWithBreakdowns``).
    let entries: [HousingRoundEntryRow]
    /// Application number → priority group, points and breakdown, for those who took part.
    let scores: [String: PriorityScore]
    /// Application number → the physical unit assigned (allocated applicants only).
    let assignments: [String: HousingRoundUnitRow]
    /// Application number → the application.
    let applications: [String: HousingRoundApplicationRow]

    /// Reads the round's applications, units and the talents' facts and draws.
    static func load(round: HousingRoundRecord, seed: String, policy: PolicyInForce,
                     participation: HousingRoundParticipation, lock: Bool = false,
                     _ session: StoreSession) async throws -> HousingRoundDraw {
        let units = try await session.housingRoundUnits(roundID: round.id, forUpdate: lock)
        let applications = try await session.housingRoundApplications(roundID: round.id, forUpdate: lock)
        let facts = try await session.housingFacts(roundID: round.id)
        let leasedMonths = leasedMonths(try await session.housingLeases(ofRoundApplicants: round.id))
        return try compute(roundCode: round.code, asOf: round.asOf, seed: seed, policy: policy,
                           applications: applications, facts: facts, leasedMonths: leasedMonths, units: units,
                           participation: participation)
    }

    /// Talent id → months of talent housing held (`LeaseSchedule.leasedMonths`), for the cumulative cap.
    static func leasedMonths(_ leases: [HousingLeaseRecord]) -> [Int64: Int] {
        Dictionary(grouping: leases, by: \.talentID).mapValues(LeaseSchedule.leasedMonths)
    }

    /// The draw itself (no database).
    static func compute(roundCode: String, asOf: CalendarDate, seed: String, policy: PolicyInForce,
                        applications: [HousingRoundApplicationRow], facts: [Int64: HousingFactsRecord],
                        leasedMonths: [Int64: Int] = [:], units: [HousingRoundUnitRow],
                        participation: HousingRoundParticipation) throws -> HousingRoundDraw {
        let rules = policy.policy
        let taking = units.filter { participation == .asCreated || $0.status == .available }
        var perCategory: [UnitCategory: Int] = [:]
        for unit in taking {
            perCategory[try UnitCategory.stored(unit.category, unit: unit.code), default: 0] += 1
        }
        let general = Dictionary(uniqueKeysWithValues: perCategory.map { ($0.key.rawValue, $0.value) })
        let exportUnits = ReservedStock.split(general, reserving: rules.quotas.reserves(forUnits: perCategory))
        let reserves = rules.quotas.reserves(forUnits: perCategory).compactMap { reserve -> ReservedStock? in
            guard let held = exportUnits[reserve.exportCategory] else { return nil }
            return ReservedStock(group: reserve.group, category: reserve.category, units: held)
        }

        var applicants: [AllocationApplicant] = []
        var excluded: [ExcludedApplicant] = []
        var scored: [String: PriorityScore] = [:]
        let examinations = ChunkedParallelMap.map(applications) { application in
            examine(application, facts: facts[application.talentID], leasedMonths: leasedMonths[application.talentID] ?? 0,
                    asOf: asOf, policy: policy, participation: participation, units: exportUnits)
        }
        for (application, examination) in zip(applications, examinations) {
            let reasons: [String]
            switch examination {
            case let .excluded(why):
                reasons = why
            case let .takesPart(applicant, score):
                applicants.append(applicant)
                scored[applicant.id] = score
                continue
            }
            excluded.append(ExcludedApplicant(id: application.number, reasons: reasons))
        }
        excluded.sort { $0.id < $1.id }

        let input: AllocationInput
        do {
            input = try AllocationInput(seed: seed, applicants: applicants, units: exportUnits,
                                        perEmployerCap: rules.quotas.perEmployerCap)
        } catch {
            throw ServiceError.refused("round \(roundCode) cannot be drawn: \(error)")
        }
        let outcome = SerialDictatorship.allocate(input)
        let assignments = assignUnits(outcome, units: taking)

        let byNumber = Dictionary(applications.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let applicantByID = Dictionary(applicants.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let skips = Dictionary(outcome.quotaSkips.map { ($0.id, $0.quota) }, uniquingKeysWith: { first, _ in first })
        var entries: [HousingRoundEntryRow] = []
        entries.reserveCapacity(applications.count)
        for (index, id) in outcome.order.enumerated() {
            let application = byNumber[id]!
            let applicant = applicantByID[id]!
            let record = facts[application.talentID]
            entries.append(HousingRoundEntryRow(
                applicationID: application.applicationID, number: id, talentID: application.talentID,
                talentName: record?.name ?? "", position: index + 1, priorityGroup: applicant.priorityGroup,
                score: applicant.score, scoreBreakdown: nil,
                lotteryKey: outcome.lotteryKeys[id], preferences: applicant.preferences,
                allocatedCategory: outcome.category(of: id), quotaSkip: skips[id], excludedReasons: nil))
        }
        for entry in excluded {
            let application = byNumber[entry.id]!
            entries.append(HousingRoundEntryRow(
                applicationID: application.applicationID, number: entry.id, talentID: application.talentID,
                talentName: facts[application.talentID]?.name ?? "", position: nil, priorityGroup: nil, score: nil,
                scoreBreakdown: nil, lotteryKey: nil, preferences: nil, allocatedCategory: nil, quotaSkip: nil,
                excludedReasons: entry.reasons))
        }
        return HousingRoundDraw(roundCode: roundCode, asOf: asOf, policy: policy, input: input, outcome: outcome,
                                reserves: reserves, excluded: excluded, entries: entries, scores: scored,
                                assignments: assignments, applications: byNumber)
    }

    private enum Examination {
        case excluded([String])
        case takesPart(AllocationApplicant, PriorityScore)
    }

    /// Eligibility, priority and preferences of one application; every reason when excluded.
    private static func examine(_ application: HousingRoundApplicationRow, facts record: HousingFactsRecord?,
                                leasedMonths: Int, asOf: CalendarDate, policy: PolicyInForce, participation: HousingRoundParticipation,
                                units: [String: Int]) -> Examination {
        let rules = policy.policy
        if application.status == .withdrawn {
            return .excluded(["application_open: withdrawn" + (application.withdrawnOn.map { " on \($0)" } ?? "")])
        }
        if participation == .current, application.status != .open {
            return .excluded(["application_open: the application is \(application.status.rawValue), no longer open"])
        }
        guard let record else { return .excluded(["talent: the applicant's talent record is missing"]) }
        let facts = HousingFacts(record, householdSize: application.householdSize, applicationDate: application.appliedOn).facts
        var reasons = rules.eligibility(facts, on: asOf).filter { !$0.passed }.map { "\($0.rule): \($0.explanation)" }
        // An offer the talent could not accept (no lease may be made past the cap) is no offer.
        if rules.lease.isCumulativeCapReached(leasedMonths: leasedMonths) {
            reasons.append("lease_cap: has held talent housing for \(leasedMonths) months; the cumulative cap is "
                           + "\(rules.lease.cumulativeCapYears) years (lease.cumulative_cap_years)")
        }
        if !reasons.isEmpty { return .excluded(reasons) }
        let score = rules.priority(facts, on: asOf)
        guard let group = score.group, let certified = facts.certifiedClass else {
            let what = facts.certifiedClass.map { "certified class \($0.number)" } ?? "an uncertified talent"
            return .excluded(["priority_group: \(what) is in no priority group of policy \(policy.version)"])
        }
        let wanted = application.preferences.compactMap(UnitCategory.parse)
        let entitled = rules.entitledPreferences(wanted, class: certified, householdSize: application.householdSize)
        guard !entitled.isEmpty else {
            return .excluded([
                "entitlement: none of the preferred categories (\(application.preferences.joined(separator: ", "))) "
                    + "may be offered to class \(certified.number) with a household of \(application.householdSize)",
            ])
        }
        let preferences = ReservedStock.effectivePreferences(entitled.map(\.rawValue), group: group, units: units)
        // An applicant with no employer on record counts as their own employer for the cap.
        let employer = record.employerCreditCode ?? "none:\(application.number)"
        return .takesPart(
            AllocationApplicant(id: application.number, employer: employer, priorityGroup: group, score: score.points,
                                preferences: preferences),
            score)
    }

    /// The physical unit of each allocated applicant. Within a general category, units are taken in
    /// the order (building code, floor, unit code), one per allocated applicant in serving order; a
    /// reserved export category (`1BR@reserved:g3`) draws from its general category's units.
    static func assignUnits(_ outcome: AllocationOutcome, units: [HousingRoundUnitRow]) -> [String: HousingRoundUnitRow] {
        var pools: [String: [HousingRoundUnitRow]] = [:]
        for unit in units { pools[unit.category, default: []].append(unit) }
        for key in pools.keys {
            pools[key]!.sort { ($0.buildingCode, $0.floor, $0.code) < ($1.buildingCode, $1.floor, $1.code) }
        }
        var next: [String: Int] = [:]
        var assignments: [String: HousingRoundUnitRow] = [:]
        for id in outcome.order {
            guard let exportCategory = outcome.category(of: id) else { continue }
            let category = ReservedStock.parse(exportCategory)?.category ?? exportCategory
            let index = next[category, default: 0]
            // The stock counted for the mechanism is exactly the pool, so it never runs dry.
            guard let pool = pools[category], index < pool.count else { continue }
            assignments[id] = pool[index]
            next[category] = index + 1
        }
        return assignments
    }

    /// The outcome rows with each participant's score breakdown as JSON, as a commit stores them.
    var entriesWithBreakdowns: [HousingRoundEntryRow] {
        entries.map { entry in
            guard entry.position != nil, let score = scores[entry.number] else { return entry }
            var entry = entry
            entry.scoreBreakdown = Self.breakdownJSON(score.breakdown)
            return entry
        }
    }

    /// The score breakdown as stored: `[{"factor": …, "points": …, "why": …}]`. Written byte by byte
    /// because a commit writes tens of thousands of them, and string concatenation costs more than the draw.
    static func breakdownJSON(_ items: [PointsItem]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 * items.count + 2)
        bytes.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: #"{"factor":"#.utf8)
            appendJSONString(item.factor, to: &bytes)
            bytes.append(contentsOf: #","points":"#.utf8)
            bytes.append(contentsOf: String(item.points).utf8)
            bytes.append(contentsOf: #","why":"#.utf8)
            appendJSONString(item.why, to: &bytes)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    fileprivate static func appendJSONString(_ text: String, to bytes: inout [UInt8]) {
        if text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            bytes.append(contentsOf: jsonString(text).utf8)
        } else {
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: text.utf8)
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// A JSON string literal of `text`.
    static func jsonString(_ text: String) -> String {
        // Most texts need no escaping; appending scalar by scalar is the slow path.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return "\"" + text + "\"" }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{8}": result += "\\b"
            case "\u{C}": result += "\\f"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    // MARK: Documents

    /// The export of this draw, outcome included (applicants in serving order).
    var export: AllocationExport {
        AllocationExport(round: roundCode, policyVersion: policy.version, policySHA256: policy.sha256, input: input,
                         outcome: outcome, reserved: reserves, excluded: excluded)
    }

    /// The canonical input document stored on commit: the export without the outcome (applicants by
    /// application number, `allocation` and `quota_skips` empty), compact JSON with sorted keys.
    var inputDocument: AllocationExport {
        AllocationExport(
            round: roundCode, seed: input.seed, policyVersion: policy.version, policySHA256: policy.sha256,
            quotas: .init(perEmployerCap: input.perEmployerCap, reserved: reserves),
            applicants: input.applicants.sorted { $0.id < $1.id }.map { applicant in
                .init(id: applicant.id, employer: applicant.employer, priorityGroup: applicant.priorityGroup,
                      score: applicant.score, lotteryKey: outcome.lotteryKeys[applicant.id] ?? "",
                      preferences: applicant.preferences)
            },
            units: input.units, allocation: [:], quotaSkips: [], excluded: excluded)
    }

    /// The canonical text of an export document: compact JSON with sorted keys, the bytes
    /// `AllocationExport.json(pretty: false)` writes (a test holds them equal), written byte by byte
    /// because a round of 50,000 applicants is a quarter of a second through JSONEncoder. The keys of
    /// each object are written in their sorted order; the two maps (`allocation`, `units`) are sorted.
    static func canonicalJSON(_ export: AllocationExport) -> String {
        var out = CanonicalJSONWriter()
        out.raw("{\"allocation\":{")
        for (index, key) in export.allocation.keys.sorted(by: Self.utf8Order).enumerated() {
            if index > 0 { out.raw(",") }
            out.string(key); out.raw(":")
            if let category = export.allocation[key]! { out.string(category) } else { out.raw("null") }
        }
        out.raw("},\"applicants\":[")
        for (index, a) in export.applicants.enumerated() {
            if index > 0 { out.raw(",") }
            out.raw("{\"employer\":"); out.string(a.employer)
            out.raw(",\"id\":"); out.string(a.id)
            out.raw(",\"lottery_key\":"); out.string(a.lotteryKey)
            out.raw(",\"preferences\":"); out.list(a.preferences)
            out.raw(",\"priority_group\":"); out.raw(String(a.priorityGroup))
            out.raw(",\"score\":"); out.raw(String(a.score)); out.raw("}")
        }
        out.raw("],\"excluded\":[")
        for (index, e) in export.excluded.enumerated() {
            if index > 0 { out.raw(",") }
            out.raw("{\"id\":"); out.string(e.id); out.raw(",\"reasons\":"); out.list(e.reasons); out.raw("}")
        }
        out.raw("],\"policy_sha256\":"); out.string(export.policySHA256)
        out.raw(",\"policy_version\":"); out.string(export.policyVersion)
        out.raw(",\"quota_skips\":[")
        for (index, skip) in export.quotaSkips.enumerated() {
            if index > 0 { out.raw(",") }
            out.raw("{\"id\":"); out.string(skip.id); out.raw(",\"quota\":"); out.string(skip.quota); out.raw("}")
        }
        out.raw("],\"quotas\":{\"per_employer_cap\":"); out.raw(export.quotas.perEmployerCap.map(String.init) ?? "null")
        out.raw(",\"reserved\":[")
        for (index, r) in export.quotas.reserved.enumerated() {
            if index > 0 { out.raw(",") }
            out.raw("{\"category\":"); out.string(r.category)
            out.raw(",\"group\":"); out.raw(String(r.group))
            out.raw(",\"units\":"); out.raw(String(r.units)); out.raw("}")
        }
        out.raw("]},\"round\":"); out.string(export.round)
        out.raw(",\"seed\":"); out.string(export.seed)
        out.raw(",\"units\":{")
        for (index, key) in export.units.keys.sorted(by: Self.utf8Order).enumerated() {
            if index > 0 { out.raw(",") }
            out.string(key); out.raw(":"); out.raw(String(export.units[key]!))
        }
        out.raw("}}")
        return out.text
    }

    private static func utf8Order(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// Appends JSON text as UTF-8 bytes.
    private struct CanonicalJSONWriter {
        var bytes: [UInt8] = []
        init() { bytes.reserveCapacity(1 << 20) }
        mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }
        mutating func string(_ text: String) { HousingRoundDraw.appendJSONString(text, to: &bytes) }
        mutating func list(_ items: [String]) {
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                string(item)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }
}
