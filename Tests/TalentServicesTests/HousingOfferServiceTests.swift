import Foundation
import Testing
import TalentDomain
import TalentRules
@testable import TalentServices
@testable import TalentStore
import TestSupport

/// Accepting, declining and expiring offers, worked by hand on ``HousingOfferFixture``. Unit C-101 is a
/// 1BR of 45.60 m² at 3200 fen/m²: full rent 3200 × 4560 / 100 = 145920 fen a month; class 4 pays 50%
/// for lease years 1–3 under the default policy: 72960 fen (729.60 yuan).
@Suite("Housing offers: accept, decline, pass on, penalty, expire")
struct HousingOfferServiceTests {
    typealias F = RegistryFixture
    typealias H = HousingFixture
    typealias O = HousingOfferFixture

    @Test func acceptingCreatesTheLeaseWithItsTermAndRentSchedule() async throws {
        try await H.withHousing { (store: Store) async throws in
            let offer = try await O.offerOfC101(store)
            #expect(offer.unitCode == O.unitC)
            #expect(offer.category == "1BR")
            #expect(offer.source == "round")
            #expect(offer.offeredOn == O.committedOn)
            #expect(offer.expiresOn == O.lastDay)
            #expect(offer.roundCode == "R1")
            #expect(offer.talentName == H.class4.name)

            let detail = try await HousingOfferService(store: store).accept(
                offerID: offer.id, on: H.day("2026-12-01"), today: H.today, actor: F.actor)
            let lease = detail.lease
            #expect(lease.number.wholeMatch(of: /L-2026-[0-9]{5}/) != nil)
            #expect(lease.startDate == H.day("2026-12-01"))
            #expect(lease.endDate == H.day("2028-11-30"), "24 months less a day")
            #expect(lease.status == .active)
            #expect(lease.unitCode == O.unitC)
            #expect(lease.offerID == offer.id)
            #expect(lease.applicationNumber == offer.applicationNumber)
            #expect(lease.policyVersion == H.policyVersion)
            #expect(lease.policySHA256 == PolicyFile.standard.sha256)

            #expect(detail.rents.map(\.leaseYear) == [1, 2])
            #expect(detail.rents.map(\.fromDate) == [H.day("2026-12-01"), H.day("2027-12-01")])
            #expect(detail.rents.map(\.untilDate) == [H.day("2027-11-30"), H.day("2028-11-30")])
            #expect(detail.rents.map(\.fullFen) == [145920, 145920])
            #expect(detail.rents.map(\.percentPayable) == [50, 50])
            #expect(detail.rents.map(\.monthlyFen) == [72960, 72960])
            #expect(detail.rents.allSatisfy { $0.discounted })
            #expect(detail.rents[0].breakdown == [
                "benchmark 3200 fen/m² × 45.6 m² = 145920 fen", "class 4, lease year 1 of 3: 50% payable",
                "145920 fen × 50% = 72960 fen",
            ])

            let stored = try await HousingLeaseService(store: store).lease(number: lease.number, actor: "tester")
            #expect(stored == detail)
            #expect(try await O.unitStatus(store, O.unitC) == .leased)
            #expect(try await O.applicationStatus(store, offer.applicationNumber) == .housed)
            let after = try await HousingOfferService(store: store).offer(id: offer.id, actor: "tester")
            #expect(after.status == .accepted)
            #expect(after.decidedOn == H.day("2026-12-01"))
            let audit = try #require(try await F.audit(store, action: "housing.offer.accept").first)
            #expect(audit.entityID == String(offer.id))
            #expect(audit.reason?.contains(lease.number) == true)
            #expect(audit.reason?.contains(PolicyFile.standard.sha256) == true)

            let again = await caught { try await HousingOfferService(store: store).accept(offerID: offer.id, on: H.day("2026-12-02"), today: H.today, actor: F.actor) }
            #expect((again as? ServiceError)?.refusedMessage?.contains("was accepted on 2026-12-01") == true)
            #expect(try await H.count(store, "housing_leases") == 1)
        }
    }

    @Test func aLeaseMayStartLaterThanTheAcceptance() async throws {
        try await H.withHousing { (store: Store) async throws in
            let offer = try await O.offerOfC101(store)
            let detail = try await HousingOfferService(store: store).accept(
                offerID: offer.id, on: H.day("2026-11-30"), start: H.day("2027-01-01"), today: H.today, actor: F.actor)
            #expect(detail.lease.startDate == H.day("2027-01-01"))
            #expect(detail.lease.endDate == H.day("2028-12-31"))
            #expect(detail.lease.number.hasPrefix("L-2026-"), "numbered in the year of the decision")
        }
    }

    @Test func aLeaseStartsNoSoonerThanThePreviousTenantLeftAndNotTooLate() async throws {
        try await H.withHousing { (store: Store) async throws in
            let offers = HousingOfferService(store: store)
            let leases = HousingLeaseService(store: store)
            let first = try await O.offerOfC101(store)
            let tooLate = await caught {
                try await offers.accept(offerID: first.id, on: H.day("2026-11-30"), start: H.day("2027-03-01"), today: H.today, actor: F.actor)
            }
            #expect((tooLate as? ServiceError)?.refusedMessage?.contains("at most 90 days after the acceptance") == true)
            #expect(try await H.count(store, "housing_leases") == 0)

            let old = try await offers.accept(offerID: first.id, on: H.day("2026-11-30"), today: H.today, actor: F.actor).lease
            _ = try await leases.terminate(number: old.number, reason: "bought-housing", on: H.day("2027-05-01"), today: H.today, actor: F.actor)
            _ = try await leases.recordMoveOut(number: old.number, on: H.day("2027-06-20"), today: H.today, actor: F.actor)

            // The unit is back in stock on the move-out day; a new round offers it that same day.
            let application = try await H.submit(store, H.class5, prefer: [.oneBedroom], on: H.day("2027-06-20"))
            try await O.round(store, code: "R2", buildings: [O.buildingC], asOf: H.day("2027-06-20"), committedOn: H.day("2027-06-20"))
            let second = try await O.pendingOffer(store, application.number)
            #expect(second.unitCode == O.unitC)
            let sameDay = await caught {
                try await offers.accept(offerID: second.id, on: H.day("2027-06-20"), start: H.day("2027-06-20"), today: H.today, actor: F.actor)
            }
            let message = try #require((sameDay as? ServiceError)?.refusedMessage)
            #expect(message.contains("held by its previous lease through 2027-06-20"))
            #expect(message.contains("--start 2027-06-21"))
            #expect(!message.contains("Key ("), "no constraint text")
            let lease = try await offers.accept(offerID: second.id, on: H.day("2027-06-20"), today: H.today, actor: F.actor).lease
            #expect(lease.startDate == H.day("2027-06-21"), "the day after the move-out, without --start")
        }
    }

    @Test func anExpiredOfferCannotBeAcceptedAndNothingIsWritten() async throws {
        try await H.withHousing { (store: Store) async throws in
            let offer = try await O.offerOfC101(store)
            let audits = try await F.auditCount(store)
            let error = await caught {
                try await HousingOfferService(store: store).accept(offerID: offer.id, on: H.day("2026-12-04"), today: H.today, actor: F.actor)
            }
            let message = try #require((error as? ServiceError)?.refusedMessage)
            #expect(message.contains("expired on 2026-12-03"))
            #expect((error as? ServiceError)?.nextStep == .expireHousingOffers)
            #expect(try await H.count(store, "housing_leases") == 0)
            #expect(try await HousingOfferService(store: store).offer(id: offer.id, actor: "tester").status == .pending)
            #expect(try await O.unitStatus(store, O.unitC) == .offered)
            #expect(try await F.auditCount(store) == audits)
            let missing = await caught { try await HousingOfferService(store: store).offer(id: 9999, actor: "tester") }
            #expect((missing as? ServiceError)?.notFoundMessage?.contains("#9999") == true)
        }
    }

    @Test func aDeclineReasonOutsideThePolicyIsRefusedWithTheList() async throws {
        try await H.withHousing { (store: Store) async throws in
            let offer = try await O.offerOfC101(store)
            let audits = try await F.auditCount(store)
            let error = await caught {
                try await HousingOfferService(store: store).decline(
                    offerID: offer.id, reason: "too-far", on: H.day("2026-11-28"), today: H.today, actor: F.actor)
            }
            let validation = try #require((error as? ServiceError)?.validation)
            #expect(validation.field == "reason")
            #expect(validation.hint?.contains("location") == true)
            #expect(validation.hint?.contains("job-change") == true)
            #expect(try await HousingOfferService(store: store).offer(id: offer.id, actor: "tester").status == .pending)
            #expect(try await O.unitStatus(store, O.unitC) == .offered)
            #expect(try await F.auditCount(store) == audits)
        }
    }

    /// Policy with a per-employer cap of 2. Building B: 1BR B-203, B-204; studios B-101, B-102.
    /// Applicants (c5b works for the other employer, all others for the first):
    /// c2 [1BR] → 1BR; c4 [studio] → studio; c5 [1BR] → nothing (cap or stock); c5b [1BR] → 1BR; c6 [1BR] → nothing.
    @Test func aDeclinedUnitPassesToTheNextWaitingApplicantWithinTheEmployerCap() async throws {
        try await H.withHousing { (store: Store) async throws in
            try await O.storePolicy(store, version: "test-cap-2", [("per_employer_cap: 5", "per_employer_cap: 2")])
            try await O.employ(store, H.class5b, by: H.otherEmployerCode)
            let c2 = try await H.submit(store, H.class2, prefer: [.oneBedroom])
            let c4 = try await H.submit(store, H.class4, prefer: [.studio])
            let c5 = try await H.submit(store, H.class5, prefer: [.oneBedroom])
            let c5b = try await H.submit(store, H.class5b, prefer: [.oneBedroom])
            let c6 = try await H.submit(store, H.class6, prefer: [.oneBedroom])
            let round = try await O.round(store, buildings: [H.buildingB])
            #expect(round.policyVersion == "test-cap-2")
            let offers = HousingOfferService(store: store)
            #expect(Set(try await offers.offers(round: "R1", actor: "tester").map(\.applicationNumber)) == [c2.number, c4.number, c5b.number])

            // c5b declines: the first employer already holds 2 live offers (c2, c4), so neither c5 nor c6 may
            // have the unit: it goes back to stock.
            let c5bOffer = try await O.pendingOffer(store, c5b.number)
            let first = try await offers.decline(offerID: c5bOffer.id, reason: "location", on: H.day("2026-11-28"), today: H.today, actor: F.actor)
            #expect(first.offer.status == .declined)
            #expect(first.offer.declineReason == "location")
            #expect(first.offer.decidedOn == H.day("2026-11-28"))
            #expect(first.passedOn == nil)
            #expect(first.unitReturnedToStock)
            #expect(first.bar == nil, "one decline is below the penalty")
            #expect(try await O.unitStatus(store, c5bOffer.unitCode) == .available)
            #expect(try await O.applicationStatus(store, c5b.number) == .open)

            // c2 declines: the employer now holds 1 live offer (c4), so c5, first in line for a 1BR, gets it.
            let c2Offer = try await O.pendingOffer(store, c2.number)
            let second = try await offers.decline(offerID: c2Offer.id, reason: "rent", on: H.day("2026-11-29"), today: H.today, actor: F.actor)
            let passed = try #require(second.passedOn)
            #expect(passed.applicationNumber == c5.number)
            #expect(passed.unitCode == c2Offer.unitCode)
            #expect(passed.category == "1BR")
            #expect(passed.source == "waitlist")
            #expect(passed.status == .pending)
            #expect(passed.offeredOn == H.day("2026-11-29"))
            #expect(passed.expiresOn == H.day("2026-12-06"))
            #expect(passed.policyVersion == "test-cap-2")
            #expect(passed.roundCode == "R1")
            #expect(!second.unitReturnedToStock)
            #expect(try await O.unitStatus(store, c2Offer.unitCode) == .offered)
            #expect(try await O.applicationStatus(store, c5.number) == .offered)
            #expect(try await O.applicationStatus(store, c6.number) == .open)
            #expect(try await O.applicationStatus(store, c2.number) == .open)
            #expect(try await F.audit(store, action: "housing.offer.pass-on").map(\.entityID) == [String(passed.id)])
            #expect(try await F.audit(store, action: "housing.offer.decline").count == 2)

            // c5 declines in turn: c6 is the only one left waiting for a 1BR and the employer holds 1 offer (c4).
            let third = try await offers.decline(offerID: passed.id, reason: "family", on: H.day("2026-11-30"), today: H.today, actor: F.actor)
            #expect(third.passedOn?.applicationNumber == c6.number)
            // …and when c6 declines too, nobody in the round is still waiting: back to stock.
            let last = try await offers.decline(offerID: try #require(third.passedOn).id, reason: "other",
                                                on: H.day("2026-12-01"), today: H.today, actor: F.actor)
            #expect(last.passedOn == nil)
            #expect(try await O.unitStatus(store, c2Offer.unitCode) == .available)
            #expect(try await O.doubleAllocations(store) == 0)
        }
    }

    @Test func eligibilityIsCheckedAgainWhenAUnitPassesOnAndOnAcceptance() async throws {
        try await H.withHousing { (store: Store) async throws in
            // Building B has two 1BR units: c2 (group 1) and one of c5/c5b (group 2) get them; the other of
            // c5/c5b, then c6 (group 3), wait in that order.
            let c2 = try await H.submit(store, H.class2, prefer: [.oneBedroom])
            let c5 = try await H.submit(store, H.class5, prefer: [.oneBedroom])
            let c5b = try await H.submit(store, H.class5b, prefer: [.oneBedroom])
            let c6 = try await H.submit(store, H.class6, prefer: [.oneBedroom])
            try await O.round(store, buildings: [H.buildingB])
            let offers = HousingOfferService(store: store)
            let offered = Set(try await offers.offers(round: "R1", actor: "tester").map(\.applicationNumber))
            try #require(offered.contains(c2.number) && offered.intersection([c5.number, c5b.number]).count == 1)
            let (waiting, waitingTalent) = offered.contains(c5.number) ? (c5b, H.class5b) : (c5, H.class5)
            func ownsHousing(_ talent: H.Talent) async throws {
                try await store.write { session in
                    try await session.execute(sql: "UPDATE talents SET owns_housing = true WHERE identity_key = '\(talent.key)'")
                }
            }
            let c2Offer = try await O.pendingOffer(store, c2.number)
            // The first in line for the 1BR bought housing since the round: the unit passes to c6 instead.
            try await ownsHousing(waitingTalent)
            let declined = try await offers.decline(offerID: c2Offer.id, reason: "rent", on: H.day("2026-11-29"), today: H.today, actor: F.actor)
            let passed = try #require(declined.passedOn)
            #expect(passed.applicationNumber == c6.number)
            #expect(try await O.applicationStatus(store, waiting.number) == .open)

            // c6 bought housing too before accepting: refused with the rule, nothing written.
            try await ownsHousing(H.class6)
            let audits = try await F.auditCount(store)
            let refused = await caught { try await offers.accept(offerID: passed.id, on: H.day("2026-11-30"), today: H.today, actor: F.actor) }
            let message = try #require((refused as? ServiceError)?.refusedMessage)
            #expect(message.contains("no longer eligible on 2026-11-30"))
            #expect(message.contains("owns_housing"))
            #expect(try await H.count(store, "housing_leases") == 0)
            #expect(try await offers.offer(id: passed.id, actor: "tester").status == .pending)
            #expect(try await F.auditCount(store) == audits)
        }
    }

    @Test func aReservedCategoryPassesOnlyToThoseWhoMayUseIt() async throws {
        let waitlist = [
            Self.entry(1, "HA-2026-00001", ["1BR"]),
            Self.entry(2, "HA-2026-00002", ["1BR@reserved:g3", "1BR"]),
            Self.entry(3, "HA-2026-00003", ["1BR"], allocated: "1BR"),
            Self.entry(4, "HA-2026-00004", ["1BR@reserved:g3"], barredUntil: H.day("2027-01-01")),
        ]
        let day = H.day("2026-12-01")
        #expect(Self.candidates(waitlist, "1BR@reserved:g3", day) == ["HA-2026-00002"])
        #expect(Self.candidates(waitlist, "1BR", day) == ["HA-2026-00001", "HA-2026-00002"])
        #expect(Self.candidates(waitlist, "1BR@reserved:g3", H.day("2027-01-02"))
                == ["HA-2026-00002", "HA-2026-00004"])
    }

    static func candidates(_ waitlist: [HousingWaitlistRow], _ category: String, _ date: CalendarDate) -> [String] {
        HousingWaitlist.candidates(waitlist, category: category, on: date).map(\.applicationNumber)
    }

    static func entry(_ position: Int, _ number: String, _ preferences: [String], allocated: String? = nil,
                      barredUntil: CalendarDate? = nil) -> HousingWaitlistRow {
        HousingWaitlistRow(applicationID: Int64(position), applicationNumber: number, talentID: Int64(position),
                           position: position, preferences: preferences, allocatedCategory: allocated,
                           applicationStatus: allocated == nil ? .open : .offered, currentEmployer: nil,
                           offeredInRound: allocated != nil, hasPendingOffer: allocated != nil, barredUntil: barredUntil)
    }

    /// The second decline bars the talent for 12 months from its day (offers.penalty of the default policy).
    @Test func theSecondDeclineBarsTheTalent() async throws {
        try await H.withHousing { (store: Store) async throws in
            let application = try await H.submit(store, H.class4, prefer: [.oneBedroom])
            try await O.round(store, buildings: [H.buildingB])
            let offers = HousingOfferService(store: store)
            let first = try await offers.decline(offerID: try await O.pendingOffer(store, application.number).id,
                                                 reason: "location", on: H.day("2026-11-28"), today: H.today, actor: F.actor)
            #expect(first.bar == nil)
            #expect(try await H.count(store, "housing_bars") == 0)

            try await O.round(store, code: "R2", buildings: [H.buildingB], asOf: H.day("2026-11-30"),
                              committedOn: H.day("2026-12-01"))
            let secondOffer = try await O.pendingOffer(store, application.number)
            #expect(secondOffer.roundCode == "R2")
            let second = try await offers.decline(offerID: secondOffer.id, reason: "unit-size", on: H.day("2026-12-02"),
                                                  today: H.today, actor: F.actor)
            let bar = try #require(second.bar)
            #expect(bar.fromDate == H.day("2026-12-02"))
            #expect(bar.untilDate == H.day("2027-12-01"))
            #expect(bar.policyVersion == H.policyVersion)
            #expect(bar.reason.contains("barred 12 months"))
            #expect(try await H.count(store, "housing_bars") == 1)
            #expect(try await F.audit(store, action: "housing.bar").map(\.entityType) == ["talent"])

            let standing = try await HousingStatusService(store: store).status(talent: H.class4.key, on: H.day("2027-03-01"), actor: "tester")
            #expect(standing.barredUntil == H.day("2027-12-01"))
            #expect(!standing.eligible)
            #expect(standing.eligibility.first { $0.rule == "not_barred" }?.explanation
                    == "barred until 2027-12-01 after declined offers")
        }
    }

    /// c4 and one of c5/c5b get the two 1BR of building B, the other waits; c6 gets a studio.
    @Test func overdueOffersExpireOncePassingTheirUnitsOn() async throws {
        try await H.withHousing { (store: Store) async throws in
            let c4 = try await H.submit(store, H.class4, prefer: [.oneBedroom])
            let c5 = try await H.submit(store, H.class5, prefer: [.oneBedroom])
            let c5b = try await H.submit(store, H.class5b, prefer: [.oneBedroom])
            let c6 = try await H.submit(store, H.class6, prefer: [.studio])
            try await O.round(store, buildings: [H.buildingB])
            let offers = HousingOfferService(store: store)
            let round = try await offers.offers(round: "R1", actor: "tester")
            #expect(round.count == 3)
            let waiting = round.contains { $0.applicationNumber == c5.number } ? c5b : c5
            let c4Offer = try await O.pendingOffer(store, c4.number)

            #expect(try await offers.expire(on: O.lastDay, today: H.today, actor: F.actor).isEmpty, "the last day is still open")
            let expired = try await offers.expire(on: H.day("2026-12-04"), today: H.today, actor: F.actor)
            #expect(expired.count == 3)
            #expect(expired.allSatisfy { $0.offer.status == .expired && $0.offer.decidedOn == H.day("2026-12-04") })
            #expect(expired.allSatisfy { $0.bar == nil }, "one expiry each is below the penalty")
            let passed = try #require(expired.first { $0.offer.id == c4Offer.id }?.passedOn)
            #expect(passed.applicationNumber == waiting.number)
            #expect(passed.unitCode == c4Offer.unitCode)
            #expect(passed.expiresOn == H.day("2026-12-11"))
            #expect(expired.filter(\.unitReturnedToStock).count == 2)
            #expect(try await O.applicationStatus(store, c6.number) == .open)
            #expect(try await O.applicationStatus(store, c4.number) == .open)
            #expect(try await O.applicationStatus(store, waiting.number) == .offered)
            #expect(try await F.audit(store, action: "housing.offer.expire").count == 3)

            #expect(try await offers.expire(on: H.day("2026-12-04"), today: H.today, actor: F.actor).isEmpty, "idempotent")
            #expect(try await offers.offers(status: .pending, actor: "tester").map(\.id) == [passed.id])
            #expect(try await O.doubleAllocations(store) == 0)
        }
    }
}
