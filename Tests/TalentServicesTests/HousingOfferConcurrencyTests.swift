import Foundation
import Testing
import TalentDomain
import TalentRules
import TalentServices
@testable import TalentStore
import TestSupport

/// Many tasks deciding on one offer or one lease at once: exactly one wins, and afterwards no unit has
/// two pending offers or two overlapping leases (counted in the tables, not trusted to the services).
@Suite("Housing offers and leases under concurrency")
struct HousingOfferConcurrencyTests {
    typealias F = RegistryFixture
    typealias H = HousingFixture
    typealias O = HousingOfferFixture

    /// Runs `body` in `count` tasks at once; returns how many succeeded and the errors of the others.
    static func race(_ count: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async -> (wins: Int, errors: [String]) {
        await withTaskGroup(of: String?.self) { group in
            for index in 0..<count {
                group.addTask {
                    do {
                        try await body(index)
                        return nil
                    } catch {
                        return String(describing: error)
                    }
                }
            }
            var wins = 0, errors: [String] = []
            for await result in group {
                if let result { errors.append(result) } else { wins += 1 }
            }
            return (wins, errors)
        }
    }

    @Test func twentyAcceptancesOfOneOfferMakeOneLease() async throws {
        try await H.withHousing { (store: Store) async throws in
            let offer = try await O.offerOfC101(store)
            let service = HousingOfferService(store: store)
            let (wins, errors) = await Self.race(20) { _ in
                _ = try await service.accept(offerID: offer.id, on: H.day("2026-12-01"), today: H.today, actor: F.actor)
            }
            #expect(wins == 1)
            #expect(errors.count == 19)
            #expect(errors.allSatisfy { $0.contains("only a pending offer") || $0.contains("already") }, "\(errors.first ?? "")")
            #expect(try await H.count(store, "housing_leases") == 1)
            #expect(try await H.count(store, "housing_lease_rents") == 2)
            #expect(try await F.audit(store, action: "housing.offer.accept").count == 1)
            #expect(try await O.doubleAllocations(store) == 0)
        }
    }

    /// Half the tasks accept, half decline (the unit would pass to a waiting applicant): one decision wins.
    @Test func acceptancesAndDeclinesRacingOnOneOfferDecideItOnce() async throws {
        try await H.withHousing { (store: Store) async throws in
            let c4 = try await H.submit(store, H.class4, prefer: [.oneBedroom])
            try await H.submit(store, H.class5, prefer: [.oneBedroom])
            try await H.submit(store, H.class5b, prefer: [.oneBedroom])
            try await O.round(store, buildings: [H.buildingB])
            let offer = try await O.pendingOffer(store, c4.number)
            let service = HousingOfferService(store: store)
            let (wins, errors) = await Self.race(20) { index in
                if index % 2 == 0 {
                    _ = try await service.accept(offerID: offer.id, on: H.day("2026-11-30"), today: H.today, actor: F.actor)
                } else {
                    _ = try await service.decline(offerID: offer.id, reason: "location", on: H.day("2026-11-30"), today: H.today, actor: F.actor)
                }
            }
            #expect(wins == 1, "\(errors)")
            let decided = try await service.offer(id: offer.id, actor: "tester")
            let leases = try await H.count(store, "housing_leases")
            let waitlist = try await O.scalar(store, "SELECT count(*) AS n FROM housing_offers WHERE source = 'waitlist'")
            if decided.status == .accepted {
                #expect(leases == 1 && waitlist == 0)
            } else {
                #expect(decided.status == .declined)
                #expect(leases == 0 && waitlist == 1)
            }
            #expect(try await O.doubleAllocations(store) == 0)
            #expect(try await O.scalar(store, """
                SELECT count(*) AS n FROM (SELECT application_id FROM housing_offers WHERE status = 'pending'
                                           GROUP BY application_id HAVING count(*) > 1) x
                """) == 0)
        }
    }

    @Test func twentyRenewalsOfOneLeaseMakeOneRenewal() async throws {
        try await H.withHousing { (store: Store) async throws in
            let offer = try await O.offerOfC101(store)
            let lease = try await HousingOfferService(store: store).accept(offerID: offer.id, on: H.day("2026-12-01"), today: H.today, actor: F.actor)
            let service = HousingLeaseService(store: store)
            let (wins, errors) = await Self.race(20) { _ in
                _ = try await service.renew(number: lease.lease.number, on: H.day("2028-09-15"), today: H.today, actor: F.actor)
            }
            #expect(wins == 1, "\(errors.first ?? "")")
            #expect(try await H.count(store, "housing_leases") == 2)
            #expect(try await O.scalar(store, "SELECT count(*) AS n FROM housing_leases WHERE status = 'active'") == 1)
            #expect(try await O.doubleAllocations(store) == 0)
        }
    }

    /// The database alone, without the services' checks: twenty overlapping leases of one unit inserted at
    /// once by twenty talents' transactions; the exclusion constraint lets exactly one in.
    @Test func theExclusionConstraintAdmitsOneOfTwentyOverlappingLeases() async throws {
        try await H.withHousing { (store: Store) async throws in
            let registry = RegistryService(store: store)
            for n in 0..<20 {
                _ = try await registry.register(
                    try F.resident(name: "租户\(n)", id: F.residentID(300 + n), employer: F.employerCode), actor: F.actor)
            }
            let (wins, errors) = await Self.race(20) { n in
                let sql = """
                    INSERT INTO housing_leases (number, talent_id, unit_id, start_date, end_date, policy_version, policy_sha256)
                    SELECT 'L-2027-' || lpad(nextval('housing_lease_numbers')::text, 5, '0'), t.id, u.id,
                           date '2027-01-01' + \(n), date '2027-12-31' + \(n), 'x', '\(String(repeating: "0", count: 64))'
                    FROM talents t, housing_units u WHERE t.identity_key = '\(F.residentID(300 + n))' AND u.code = 'B-101'
                    """
                try await store.write { try await $0.execute(sql: sql) }
            }
            #expect(wins == 1)
            #expect(errors.count == 19)
            #expect(errors.allSatisfy { $0.contains("housing_leases_no_double_booking") }, "\(errors.first ?? "")")
            #expect(try await O.doubleAllocations(store) == 0)
        }
    }
}
