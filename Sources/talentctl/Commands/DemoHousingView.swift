import Foundation
import TalentServices

/// The demo's housing part: the first round's result, one applicant's explanation, and the
/// round's re-check (`round verify`).
struct DemoHousingView: Encodable {
    var load: DemoHousingLoadReport
    var round: String
    var seed: String
    var policyVersion: String
    var units: [String: Int]
    var applicants: Int
    var excluded: Int
    /// Rule → how many excluded applicants failed it (one applicant can fail several).
    var exclusionsByRule: [String: Int]
    var offered: Int
    var verified: Bool
    var discrepancies: [String]

    static func gather(_ zone: TalentZone, load: DemoHousingLoadReport) async throws -> (DemoHousingView, AllocationExport) {
        let export = try await zone.housingRounds.export(code: DemoHousing.firstRound, actor: LocalOperator.principal)
        let verification = try await zone.housingRounds.verify(code: DemoHousing.firstRound, actor: LocalOperator.principal)
        let view = DemoHousingView(
            load: load, round: export.round, seed: export.seed, policyVersion: export.policyVersion, units: export.units,
            applicants: export.applicants.count, excluded: export.excluded.count,
            exclusionsByRule: exclusions(export.excluded),
            offered: export.allocation.values.filter { $0 != nil }.count,
            verified: verification.confirmed, discrepancies: verification.discrepancies)
        return (view, export)
    }

    /// Counts the rule named before the colon of each reason (`contract_months_left_at_least: …`).
    static func exclusions(_ excluded: [ExcludedApplicant]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for applicant in excluded {
            for rule in Set(applicant.reasons.map { String($0.prefix { $0 != ":" }) }) { counts[rule, default: 0] += 1 }
        }
        return counts
    }

    /// The stock and offers by category, the first applicants in serving order, and the verification.
    func show(_ export: AllocationExport) {
        Output.line("Talent housing: round \(round) over the first phase (\(DemoHousing.firstPhase.joined(separator: ", "))), "
                    + "seed \(seed) published before the draw, policy \(policyVersion)")
        var taken: [String: Int] = [:]
        for case let category? in export.allocation.values { taken[category, default: 0] += 1 }
        Output.table(["category", "units", "offered"], units.keys.sorted().map { [$0, String(units[$0]!), String(taken[$0] ?? 0)] },
                     rightAligned: [1, 2])
        Output.line("\(applicants + excluded) applications: \(applicants) eligible took part, \(excluded) excluded "
                    + "(each with its reasons); \(offered) offers made, \(applicants - offered) on the waiting list.")
        Output.line("")
        Output.line("Why the excluded are excluded (an applicant can fail several rules; `rules explain --talent …` shows one applicant's):")
        let rules = exclusionsByRule.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        Output.table(["rule", "applicants"], rules.map { [$0.key, String($0.value)] }, rightAligned: [1])
        Output.line("")
        Output.line("First ten in serving order (priority group ↑, points ↓, lottery key ↑ = sha256(\"\(seed):<application>\")):")
        Output.table(["#", "application", "group", "points", "lottery key", "offered"], export.applicants.prefix(10).enumerated().map {
            [String($0.offset + 1), $0.element.id, String($0.element.priorityGroup), String($0.element.score),
             String($0.element.lotteryKey.prefix(16)) + "…", (export.allocation[$0.element.id] ?? nil) ?? "waiting"]
        }, rightAligned: [0, 2, 3])
        Output.line("")
        Output.line(verified
            ? "round verify \(round): confirmed — recomputed from the stored input and seed, every key and offer matches."
            : "round verify \(round): NOT confirmed:\n  " + discrepancies.joined(separator: "\n  "))
        Output.line("")
    }
}
