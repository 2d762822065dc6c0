import Foundation
import Testing
import TalentDomain
import TalentRules
import TalentServices
@testable import TalentStore
import TestSupport

/// Renewal, termination, move-out and the end of leases, on the C-101 lease of ``HousingOfferFixture``
/// accepted on 2026-12-01 (2026-12-01 – 2028-11-30, class 4, 72960 fen a month).
@Suite("Housing leases: renew, terminate, move out, close")
struct HousingLeaseServiceTests {
    typealias F = RegistryFixture
    typealias H = HousingFixture
    typealias O = HousingOfferFixture

    static func leaseOfC101(_ store: Store, on date: CalendarDate = H.day("2026-12-01")) async throws -> HousingLeaseRecord {
        let offer = try await O.offerOfC101(store)
        return try await HousingOfferService(store: store).accept(offerID: offer.id, on: date, today: H.today, actor: F.actor).lease
    }

    @Test func renewalOnlyWithinTheWindowContinuingTheLeaseYears() async throws {
        try await H.withHousing { (store: Store) async throws in
            let lease = try await Self.leaseOfC101(store)
            let leases = HousingLeaseService(store: store)

            let early = await caught { try await leases.renew(number: lease.number, on: H.day("2028-08-29"), today: H.today, actor: F.actor) }
            let message = try #require((early as? ServiceError)?.refusedMessage)
            #expect(message.contains("from 2028-08-30 to 2028-11-30"))
            #expect(message.contains("renewal_window_months: 3"))
            let late = await caught { try await leases.renew(number: lease.number, on: H.day("2028-12-01"), today: H.today, actor: F.actor) }
            #expect((late as? ServiceError)?.refusedMessage?.contains("not on 2028-12-01") == true)
            #expect(try await H.count(store, "housing_leases") == 1)

            let renewal = try await leases.renew(number: lease.number, on: H.day("2028-08-30"), today: H.today, actor: F.actor)
            #expect(renewal.lease.renewalOf == lease.number)
            #expect(renewal.lease.unitCode == O.unitC)
            #expect(renewal.lease.startDate == H.day("2028-12-01"))
            #expect(renewal.lease.endDate == H.day("2030-11-30"))
            #expect(renewal.lease.number.hasPrefix("L-2028-"))
            #expect(renewal.lease.offerID == nil)
            #expect(renewal.lease.applicationNumber == lease.applicationNumber)
            // Lease years 3 (class 4: still 50%) and 4 (beyond the 3 discounted years: full rent).
            #expect(renewal.rents.map(\.leaseYear) == [3, 4])
            #expect(renewal.rents.map(\.monthlyFen) == [72960, 145920])
            #expect(renewal.rents.map(\.discounted) == [true, false])
            #expect(renewal.rents[1].breakdown.contains("class 4 discount covers lease years 1–3; this is year 4: full rent"))
            #expect(try await leases.lease(number: lease.number, actor: "tester").lease.status == .renewed)
            #expect(try await O.unitStatus(store, O.unitC) == .leased)
            #expect(try await F.audit(store, action: "housing.lease.renew").count == 1)

            let twice = await caught { try await leases.renew(number: lease.number, on: H.day("2028-09-01"), today: H.today, actor: F.actor) }
            #expect((twice as? ServiceError)?.refusedMessage?.contains("was renewed") == true)
        }
    }

    @Test func renewalIsRefusedWhenTheTalentIsNoLongerEligible() async throws {
        try await H.withHousing { (store: Store) async throws in
            let lease = try await Self.leaseOfC101(store)
            _ = try await RegistryService(store: store).update(
                identityKey: H.class4.key, changes: ["owns_housing": "true"], actor: F.actor, reason: "bought a flat")
            let error = await caught {
                try await HousingLeaseService(store: store).renew(number: lease.number, on: H.day("2028-09-01"), today: H.today, actor: F.actor)
            }
            let message = try #require((error as? ServiceError)?.refusedMessage)
            #expect(message.contains("owns_housing: owns housing in the city"))
            #expect(!message.contains("no_active_lease"), "the lease being renewed is not another lease")
            #expect(try await H.count(store, "housing_leases") == 1)
            #expect(try await HousingLeaseService(store: store).lease(number: lease.number, actor: "tester").lease.status == .active)
        }
    }

    /// A policy of 12-month terms and a 2-year cumulative cap: accept, renew once, then the cap.
    @Test func renewalStopsAtTheCumulativeCap() async throws {
        try await H.withHousing { (store: Store) async throws in
            try await O.storePolicy(store, version: "test-short-leases", [
                ("max_term_months: 24", "max_term_months: 12"), ("cumulative_cap_years: 6", "cumulative_cap_years: 2"),
            ])
            let lease = try await Self.leaseOfC101(store)
            #expect(lease.endDate == H.day("2027-11-30"))
            #expect(lease.policyVersion == "test-short-leases")
            let leases = HousingLeaseService(store: store)
            let renewal = try await leases.renew(number: lease.number, on: H.day("2027-10-01"), today: H.today, actor: F.actor)
            #expect(renewal.lease.startDate == H.day("2027-12-01"))
            #expect(renewal.lease.endDate == H.day("2028-11-30"))
            #expect(renewal.rents.map(\.leaseYear) == [2])
            let error = await caught { try await leases.renew(number: renewal.lease.number, on: H.day("2028-10-01"), today: H.today, actor: F.actor) }
            let message = try #require((error as? ServiceError)?.refusedMessage)
            #expect(message.contains("24 months"))
            #expect(message.contains("cumulative cap of 2 years"))
            #expect(try await H.count(store, "housing_leases") == 2)
        }
    }

    @Test func terminationSetsTheMoveOutDeadlineAndTheMoveOutFreesTheUnit() async throws {
        try await H.withHousing { (store: Store) async throws in
            let lease = try await Self.leaseOfC101(store)
            let leases = HousingLeaseService(store: store)
            let bad = await caught {
                try await leases.terminate(number: lease.number, reason: "moved-away", on: H.day("2027-05-01"), today: H.today, actor: F.actor)
            }
            #expect((bad as? ServiceError)?.validation?.hint?.contains("left-employer") == true)
            let early = await caught { try await leases.recordMoveOut(number: lease.number, on: H.day("2027-05-01"), today: H.today, actor: F.actor) }
            #expect((early as? ServiceError)?.refusedMessage?.contains("it is active") == true)

            let afterTheEnd = await caught {
                try await leases.terminate(number: lease.number, reason: "voluntary", on: lease.endDate.adding(days: 1), today: H.today, actor: F.actor)
            }
            #expect((afterTheEnd as? ServiceError)?.refusedMessage?.contains("ended on \(lease.endDate)") == true)
            let terminated = try await leases.terminate(
                number: lease.number, reason: "bought-housing", on: H.day("2027-05-01"), today: H.today, actor: F.actor)
            #expect(terminated.status == .terminated)
            #expect(terminated.terminatedOn == H.day("2027-05-01"))
            #expect(terminated.terminationReason == "bought-housing")
            #expect(terminated.moveOutBy == H.day("2027-06-30"), "60 days (lease.move_out_days)")
            #expect(try await O.unitStatus(store, O.unitC) == .leased, "until the talent moves out")

            let beforeTermination = await caught {
                try await leases.recordMoveOut(number: lease.number, on: H.day("2027-04-30"), today: H.today, actor: F.actor)
            }
            #expect((beforeTermination as? ServiceError)?.refusedMessage?.contains("terminated as of 2027-05-01") == true)
            #expect(try await O.unitStatus(store, O.unitC) == .leased)

            let moved = try await leases.recordMoveOut(number: lease.number, on: H.day("2027-06-20"), today: H.today, actor: F.actor)
            #expect(moved.vacatedOn == H.day("2027-06-20"))
            #expect(try await O.unitStatus(store, O.unitC) == .available)
            let again = await caught { try await leases.recordMoveOut(number: lease.number, on: H.day("2027-06-21"), today: H.today, actor: F.actor) }
            #expect((again as? ServiceError)?.duplicateMessage?.contains("2027-06-20") == true)
            #expect(try await F.audit(store, action: "housing.lease.terminate").count == 1)
            #expect(try await F.audit(store, action: "housing.lease.move-out").count == 1)
        }
    }

    @Test func aTalentAtTheCumulativeCapIsExcludedFromLaterRounds() async throws {
        try await H.withHousing { (store: Store) async throws in
            try await O.storePolicy(store, version: "test-cap-2y", [("cumulative_cap_years: 6", "cumulative_cap_years: 2")])
            let lease = try await Self.leaseOfC101(store)
            #expect(lease.endDate == H.day("2028-11-30"), "24 months: the whole cap")
            _ = try await HousingLeaseService(store: store).closeEnded(on: H.day("2028-12-01"), today: H.today, actor: F.actor)

            // 李工 applies again and a new round over building C is drawn: the unit is free, but the cap is reached.
            let application = try await H.submit(store, H.class4, prefer: [.oneBedroom], on: H.day("2028-12-05"))
            let rounds = HousingRoundService(store: store)
            _ = try await rounds.create(HousingRoundInput(code: "R2", name: "第二轮", asOf: H.day("2028-12-05"),
                                                          buildingCodes: [O.buildingC]), actor: F.actor)
            let preview = try await rounds.preview(code: "R2", seed: O.seed, actor: "tester")
            let excluded = try #require(preview.excluded.first { $0.application == application.number })
            #expect(excluded.reasons.contains { $0.hasPrefix("lease_cap: has held talent housing for 24 months") }, "\(excluded.reasons)")
            #expect(preview.ranked.isEmpty)
            #expect(await caught { try await rounds.commit(code: "R2", seed: O.seed, on: H.day("2028-12-05"), today: H.today, actor: F.actor) } == nil)
            #expect(try await rounds.verify(code: "R2", actor: "tester").confirmed)
            #expect(try await H.count(store, "housing_offers") == 1, "only the first round's offer")
        }
    }

    @Test func leasesThatRanOutAreClosedOnce() async throws {
        try await H.withHousing { (store: Store) async throws in
            let lease = try await Self.leaseOfC101(store)
            let leases = HousingLeaseService(store: store)
            #expect(try await leases.closeEnded(on: H.day("2028-11-30"), today: H.today, actor: F.actor).isEmpty, "the last day is still leased")
            let closed = try await leases.closeEnded(on: H.day("2028-12-01"), today: H.today, actor: F.actor)
            #expect(closed.map(\.number) == [lease.number])
            #expect(closed.first?.status == .ended)
            #expect(try await O.unitStatus(store, O.unitC) == .available)
            #expect(try await leases.closeEnded(on: H.day("2028-12-02"), today: H.today, actor: F.actor).isEmpty)
            #expect(try await F.audit(store, action: "housing.lease.end").count == 1)
        }
    }

    @Test func theDatabaseRefusesAnOverlappingLeaseAndASecondActiveLease() async throws {
        try await H.withHousing { (store: Store) async throws in
            let lease = try await Self.leaseOfC101(store)
            func insert(_ identity: String, unit: String, _ start: String, _ end: String) -> String {
                """
                INSERT INTO housing_leases (number, talent_id, unit_id, start_date, end_date, policy_version, policy_sha256)
                SELECT 'L-2027-' || lpad(nextval('housing_lease_numbers')::text, 5, '0'), t.id, u.id, '\(start)', '\(end)',
                       'x', '\(String(repeating: "0", count: 64))'
                FROM talents t, housing_units u WHERE t.identity_key = '\(identity)' AND u.code = '\(unit)'
                """
            }
            let overlap = await PracticeFixture.sqlError(store, insert(H.class5.key, unit: O.unitC, "2027-01-01", "2027-12-31"))
            guard case .overlap = overlap else { Issue.record("expected an exclusion conflict, got \(String(describing: overlap))"); return }
            #expect(overlap?.constraint == "housing_leases_no_double_booking")
            let second = await PracticeFixture.sqlError(store, insert(H.class4.key, unit: "B-101", "2027-01-01", "2027-12-31"))
            #expect(second?.constraint == "housing_leases_one_active_per_talent")
            // The day after the end is free.
            #expect(await PracticeFixture.sqlError(store, insert(H.class5.key, unit: O.unitC, "2028-12-01", "2029-11-30")) == nil)
            #expect(lease.endDate == H.day("2028-11-30"))
        }
    }
}
