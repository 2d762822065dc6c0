import Foundation
import Testing
import TalentDomain
import TalentRules
@testable import TalentServices
import TalentStore
import TestSupport

/// What the offers take from the policy and the stored units: `lease.latest_start_days`, and no
/// category assumed for a unit whose stored category is unknown.
@Suite("Housing offers: the latest start from the policy, unknown unit categories")
struct HousingOfferRulesTests {
    typealias F = RegistryFixture
    typealias H = HousingFixture
    typealias O = HousingOfferFixture

    @Test func theLatestStartComesFromThePolicyInForce() async throws {
        try await H.withHousing { (store: Store) async throws in
            let offers = HousingOfferService(store: store)
            let offer = try await O.offerOfC101(store)
            try await O.storePolicy(store, version: "test-start-30",
                                    [("  move_out_days: 60\n", "  move_out_days: 60\n  latest_start_days: 30\n")])
            let tooLate = await caught {
                try await offers.accept(offerID: offer.id, on: H.day("2026-11-30"), start: H.day("2026-12-31"), today: H.today,
                                        actor: F.actor)
            }
            let message = try #require((tooLate as? ServiceError)?.refusedMessage)
            #expect(message.contains("at most 30 days after the acceptance (2026-11-30)"))
            #expect(message.contains("lease.latest_start_days of test-start-30"))
            #expect(try await H.count(store, "housing_leases") == 0)
            let lease = try await offers.accept(offerID: offer.id, on: H.day("2026-11-30"), start: H.day("2026-12-30"),
                                                today: H.today, actor: F.actor).lease
            #expect(lease.startDate == H.day("2026-12-30"))
        }
    }

    /// The schema's CHECK (`category IN ('studio', '1BR', '2BR', '3BR')`) keeps an unknown category out of
    /// `housing_units`, so the mapping is tested directly: it throws, naming the unit and the text.
    @Test func anUnknownUnitCategoryIsAnError() throws {
        #expect(try UnitCategory.stored("2BR", unit: "C-101") == .twoBedroom)
        #expect(throws: ServiceError.self) { try UnitCategory.stored("2br", unit: "C-101") }
        do {
            _ = try UnitFacts(unit: "C-101", category: "penthouse", areaHundredthsM2: 4560, benchmarkFenPerM2: 3200)
            Issue.record("an unknown category was read as some category")
        } catch {
            guard case let .unknownUnitCategory(unit, category) = error else {
                Issue.record("expected unknownUnitCategory, got \(error)")
                return
            }
            #expect(unit == "C-101" && category == "penthouse")
            #expect(error.category == .badData)
            #expect(error.nextStep == nil)
            #expect(error.description.hasPrefix(
                "unit C-101 is stored with the category 'penthouse', which is none of studio, 1BR, 2BR, 3BR; nothing was changed."))
            #expect(!error.description.contains("talentctl"))
        }
        let facts = try UnitFacts(unit: "C-101", category: "1BR", areaHundredthsM2: 4560, benchmarkFenPerM2: 3200)
        #expect(facts == UnitFacts(category: .oneBedroom, areaHundredthsM2: 4560, benchmarkFenPerM2: 3200))
    }
}
