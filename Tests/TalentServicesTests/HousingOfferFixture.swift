import Foundation
import PostgresNIO
import TalentDomain
import TalentRules
import TalentServices
@testable import TalentStore
import TestSupport

/// Offers and leases on top of ``HousingFixture``: rounds created and committed through the round
/// service, building ZGTT-C with the one hand-worked unit C-101 (1BR, 45.60 m² at 32.00 yuan/m²:
/// full rent 3200 × 45.60 = 145920 fen a month), and stored policy variants.
enum HousingOfferFixture {
    typealias F = RegistryFixture
    typealias H = HousingFixture

    static let asOf = H.day("2026-11-20")
    static let seed = "20261126"
    /// Rounds are committed on this day, so their offers' last day is 2026-12-03 (7 days).
    static let committedOn = H.day("2026-11-26")
    static let lastDay = H.day("2026-12-03")
    static let buildingC = "ZGTT-C"
    static let unitC = "C-101"

    /// Adds building ZGTT-C (3200 fen/m²) with unit C-101: 1BR, 45.60 m².
    static func addBuildingC(_ store: Store) async throws {
        let inventory = HousingInventoryService(store: store)
        _ = try await inventory.addBuilding(
            HousingBuildingInput(code: buildingC, projectCode: H.projectCode, name: "C栋", benchmarkFenPerM2: 3200), actor: F.actor)
        _ = try await inventory.addUnit(
            HousingUnitInput(code: unitC, buildingCode: buildingC, floor: 1, category: .oneBedroom, areaHundredths: 4560),
            actor: F.actor)
    }

    /// Creates round `code` over `buildings` as of 2026-11-20 and commits it on 2026-11-26.
    @discardableResult
    static func round(_ store: Store, code: String = "R1", buildings: [String], asOf: CalendarDate = asOf,
                      committedOn: CalendarDate = committedOn) async throws -> HousingRoundRecord {
        let rounds = HousingRoundService(store: store)
        _ = try await rounds.create(
            HousingRoundInput(code: code, name: "第\(code)轮", asOf: asOf, buildingCodes: buildings), actor: F.actor)
        try await rounds.commit(code: code, seed: seed, on: committedOn, today: H.today, actor: F.actor)
        return try await rounds.round(code: code, actor: "tester")
    }

    /// The pending offer of application `number`.
    static func pendingOffer(_ store: Store, _ number: String) async throws -> HousingOfferRecord {
        let offers = try await HousingOfferService(store: store).offers(status: .pending, actor: "tester")
        guard let offer = offers.first(where: { $0.applicationNumber == number }) else {
            throw FixtureError("application \(number) holds no pending offer; pending: \(offers.map(\.applicationNumber))")
        }
        return offer
    }

    /// Class 4 (李工) applies for a 1BR, round R1 over building C is committed: the pending offer of C-101.
    static func offerOfC101(_ store: Store) async throws -> HousingOfferRecord {
        try await addBuildingC(store)
        let application = try await H.submit(store, H.class4, prefer: [.oneBedroom])
        try await round(store, buildings: [buildingC])
        return try await pendingOffer(store, application.number)
    }

    /// Stores the default policy with `replacements` applied to its text as `version`, effective 2026-01-01
    /// (so it is in force for every day of these tests).
    static func storePolicy(_ store: Store, version: String, _ replacements: [(String, String)]) async throws {
        var text = DefaultPolicy.yaml.replacingOccurrences(of: "version: gz-talent-town-2026.1", with: "version: \(version)")
        for (old, new) in replacements {
            guard text.contains(old) else { throw FixtureError("the default policy has no '\(old)'") }
            text = text.replacingOccurrences(of: old, with: new)
        }
        _ = try await PolicyService(store: store).load(data: Data(text.utf8), file: "\(version).yaml", actor: F.actor)
    }

    /// Moves a talent to another employer.
    static func employ(_ store: Store, _ talent: H.Talent, by code: String) async throws {
        _ = try await RegistryService(store: store).update(
            identityKey: talent.key, changes: ["employer_credit_code": code], actor: F.actor, reason: "changed jobs")
    }

    static func unitStatus(_ store: Store, _ code: String) async throws -> UnitStatus {
        try await HousingInventoryService(store: store).unit(code: code, actor: "tester").status
    }

    static func applicationStatus(_ store: Store, _ number: String) async throws -> HousingApplicationStatus {
        try await HousingApplicationService(store: store).application(number: number, actor: "tester").status
    }

    static func scalar(_ store: Store, _ sql: String) async throws -> Int {
        Int(try await PracticeFixture.scalar(store, sql))
    }

    /// Units holding more than one pending offer, and units with overlapping leases (both must be 0).
    static func doubleAllocations(_ store: Store) async throws -> Int {
        try await scalar(store, """
            SELECT (SELECT count(*) FROM (SELECT unit_id FROM housing_offers WHERE status = 'pending'
                                          GROUP BY unit_id HAVING count(*) > 1) p)
                 + (SELECT count(*) FROM housing_leases a JOIN housing_leases b
                    ON a.unit_id = b.unit_id AND a.id < b.id AND a.occupancy && b.occupancy) AS n
            """)
    }
}
