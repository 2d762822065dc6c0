import Foundation
import TalentDomain
import TalentRules
import TalentStore

/// What `round verify` found: confirmed when `discrepancies` is empty.
public struct HousingRoundVerificationReport: Sendable, Codable, Equatable {
    public var round: String
    public var seed: String
    public var policyVersion: String
    public var policySHA256: String
    public var inputSHA256: String
    public var applicants: Int
    public var excluded: Int
    public var offers: Int
    public var confirmed: Bool
    /// Every difference between the stored outcome and the recomputation, in a stable order.
    public var discrepancies: [String]
}

extension HousingRoundService {
    /// Recomputes a committed round from its stored input document and seed and compares, bit for bit,
    /// the stored outcome rows (positions, lottery keys, groups, scores, preferences, allocated
    /// categories, quota skips, exclusions) and the round's offers (one `round` offer per allocated
    /// applicant, of a unit of the allocated category). Reads only.
    public func verify(code: String, actor: Principal) async throws(ServiceError) -> HousingRoundVerificationReport {
        _ = try AccessTable.authorize(.housingRoundRead, actor)
        return try await run {
            try await store.read { session in
                let round = try await Self.committedRound(code, session)
                let stored = try await session.housingRoundInput(roundID: round.id) ?? ""
                let entries = try await session.housingRoundEntries(roundID: round.id)
                let offers = try await session.housingRoundOffers(roundID: round.id)
                return Self.verify(round, storedInput: stored, entries: entries, offers: offers)
            }
        }
    }

    /// The round as published for third parties (issue format, `round export --json`): the stored input
    /// with the stored outcome (applicants in serving order, `allocation`, `quota_skips`, `excluded`).
    public func export(code: String, actor: Principal) async throws(ServiceError) -> AllocationExport {
        _ = try AccessTable.authorize(.housingRoundRead, actor)
        return try await run {
            try await store.read { session in
                let round = try await Self.committedRound(code, session)
                let stored = try await session.housingRoundInput(roundID: round.id) ?? ""
                let entries = try await session.housingRoundEntries(roundID: round.id)
                let document: AllocationExport
                do {
                    document = try AllocationExport(json: Data(stored.utf8))
                } catch {
                    throw ServiceError.store(.internal("the stored input of round \(code) is not an export document: \(error)"))
                }
                return Self.export(document, entries: entries)
            }
        }
    }

    static func committedRound(_ code: String, _ session: StoreSession) async throws -> HousingRoundRecord {
        let round = try await round(code, session)
        guard round.status == .committed else {
            throw ServiceError.refused(
                "round \(code) is a draft: nothing is committed yet", next: .previewHousingRound(round: code))
        }
        return round
    }

    /// The stored input document with the stored outcome put in.
    static func export(_ document: AllocationExport, entries: [HousingRoundEntryRow]) -> AllocationExport {
        var export = document
        let positions = Dictionary(entries.compactMap { entry in entry.position.map { (entry.number, $0) } },
                                   uniquingKeysWith: { first, _ in first })
        export.applicants.sort { (positions[$0.id] ?? Int.max, $0.id) < (positions[$1.id] ?? Int.max, $1.id) }
        var allocation: [String: String?] = [:]
        for entry in entries where entry.position != nil {
            allocation.updateValue(entry.allocatedCategory, forKey: entry.number)
        }
        export.allocation = allocation
        export.quotaSkips = entries.compactMap { entry in
            entry.quotaSkip.map { AllocationExport.QuotaSkipEntry(id: entry.number, quota: $0) }
        }
        return export
    }

    // MARK: The comparison (no database)

    static func verify(_ round: HousingRoundRecord, storedInput: String, entries: [HousingRoundEntryRow],
                       offers: [HousingRoundOfferRow]) -> HousingRoundVerificationReport {
        var found: [String] = []
        let roundOffers = offers.filter { $0.source == "round" }
        var report = HousingRoundVerificationReport(
            round: round.code, seed: round.seed ?? "", policyVersion: round.policyVersion, policySHA256: round.policySHA256,
            inputSHA256: round.inputSHA256 ?? "", applicants: entries.filter { $0.position != nil }.count,
            excluded: entries.filter { $0.excludedReasons != nil }.count, offers: roundOffers.count, confirmed: false,
            discrepancies: [])
        func finish() -> HousingRoundVerificationReport {
            report.discrepancies = found
            report.confirmed = found.isEmpty
            return report
        }

        let hash = sha256(storedInput)
        if hash != round.inputSHA256 {
            found.append("input_sha256: stored \(round.inputSHA256 ?? "none"), but the stored input hashes to \(hash)")
        }
        let document: AllocationExport
        do {
            document = try AllocationExport(json: Data(storedInput.utf8))
        } catch {
            found.append("input_json: not an export document (\(error)); nothing can be recomputed")
            return finish()
        }
        if document.round != round.code { found.append("input_json.round: '\(document.round)', the round is \(round.code)") }
        if document.seed != round.seed { found.append("input_json.seed: '\(document.seed)', the round's seed is \(round.seed ?? "none")") }
        if document.policyVersion != round.policyVersion || document.policySHA256 != round.policySHA256 {
            found.append("input_json.policy: \(document.policyVersion) sha256 \(document.policySHA256), "
                         + "the round's is \(round.policyVersion) sha256 \(round.policySHA256)")
        }
        let input: AllocationInput
        do {
            input = try document.input()
        } catch {
            found += error.problems.map { "input_json: \($0)" }
            return finish()
        }
        let outcome = SerialDictatorship.allocate(input)
        for applicant in document.applicants where applicant.lotteryKey != outcome.lotteryKeys[applicant.id] {
            found.append("input_json \(applicant.id).lottery_key: stored \(applicant.lotteryKey), recomputed \(outcome.lotteryKeys[applicant.id] ?? "")")
        }

        found += compareEntries(document: document, outcome: outcome, entries: entries)
        found += compareOffers(entries: entries, offers: roundOffers)
        // The published document must pass the third parties' check too (reserve placement included).
        let published = export(document, entries: entries)
        for discrepancy in AllocationVerification.verify(published) {
            switch discrepancy {
            case .reservePlacement, .excludedAndAllocated, .invalidExport:
                found.append("export: \(discrepancy)")
            default:
                break  // already reported above, entry by entry
            }
        }
        return finish()
    }

    private static func compareEntries(document: AllocationExport, outcome: AllocationOutcome,
                                       entries: [HousingRoundEntryRow]) -> [String] {
        var found: [String] = []
        let byNumber = Dictionary(entries.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let applicants = Dictionary(document.applicants.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let skips = Dictionary(outcome.quotaSkips.map { ($0.id, $0.quota) }, uniquingKeysWith: { first, _ in first })
        func show(_ value: String?) -> String { value.map { "'\($0)'" } ?? "null" }

        for (index, id) in outcome.order.enumerated() {
            guard let entry = byNumber[id] else {
                found.append("\(id): no stored entry; recomputed position \(index + 1)")
                continue
            }
            let applicant = applicants[id]!
            if entry.position != index + 1 {
                found.append("\(id).position: stored \(entry.position.map(String.init) ?? "null"), recomputed \(index + 1)")
            }
            if entry.lotteryKey != outcome.lotteryKeys[id] {
                found.append("\(id).lottery_key: stored \(show(entry.lotteryKey)), recomputed \(show(outcome.lotteryKeys[id]))")
            }
            if entry.priorityGroup != applicant.priorityGroup {
                found.append("\(id).priority_group: stored \(entry.priorityGroup.map(String.init) ?? "null"), input \(applicant.priorityGroup)")
            }
            if entry.score != applicant.score {
                found.append("\(id).score: stored \(entry.score.map(String.init) ?? "null"), input \(applicant.score)")
            }
            if entry.preferences != applicant.preferences {
                found.append("\(id).preferences: stored \(entry.preferences ?? []), input \(applicant.preferences)")
            }
            if entry.allocatedCategory != outcome.category(of: id) {
                found.append("\(id).allocation: stored \(show(entry.allocatedCategory)), recomputed \(show(outcome.category(of: id)))")
            }
            if entry.quotaSkip != skips[id] {
                found.append("\(id).quota_skip: stored \(show(entry.quotaSkip)), recomputed \(show(skips[id]))")
            }
        }
        var excludedIDs: Set<String> = []
        for excluded in document.excluded {
            excludedIDs.insert(excluded.id)
            guard let entry = byNumber[excluded.id] else {
                found.append("\(excluded.id): excluded in the input but has no stored entry")
                continue
            }
            if entry.position != nil || entry.excludedReasons != excluded.reasons {
                found.append("\(excluded.id).excluded: stored \(entry.excludedReasons.map { "\($0)" } ?? "position \(entry.position ?? 0)"), "
                             + "input \(excluded.reasons)")
            }
        }
        for entry in entries where applicants[entry.number] == nil && !excludedIDs.contains(entry.number) {
            found.append("\(entry.number): a stored entry for an application that is not in the round's input")
        }
        return found
    }

    private static func compareOffers(entries: [HousingRoundEntryRow], offers: [HousingRoundOfferRow]) -> [String] {
        var found: [String] = []
        let offersByNumber = Dictionary(grouping: offers, by: \.number)
        for entry in entries {
            let made = offersByNumber[entry.number] ?? []
            guard let category = entry.allocatedCategory else {
                if !made.isEmpty {
                    found.append("\(entry.number): allocated nothing, but holds round offer(s) \(made.map { "#\($0.offerID)" }.joined(separator: ", "))")
                }
                continue
            }
            guard made.count == 1, let offer = made.first else {
                found.append("\(entry.number): allocated \(category), but has \(made.count) round offers (1 expected)")
                continue
            }
            if offer.category != category {
                found.append("\(entry.number): allocated \(category), but offer #\(offer.offerID) is for \(offer.category)")
            }
            let general = ReservedStock.parse(category)?.category ?? category
            if offer.unitCategory != general {
                found.append("\(entry.number): allocated \(category), but offer #\(offer.offerID) is of unit \(offer.unitCode), a \(offer.unitCategory)")
            }
        }
        let known = Set(entries.map(\.number))
        for offer in offers where !known.contains(offer.number) {
            found.append("offer #\(offer.offerID) to \(offer.number): not an application of the round")
        }
        for (unit, same) in Dictionary(grouping: offers, by: \.unitCode).sorted(by: { $0.key < $1.key }) where same.count > 1 {
            found.append("unit \(unit): offered \(same.count) times by the draw (\(same.map(\.number).joined(separator: ", ")))")
        }
        return found
    }
}
