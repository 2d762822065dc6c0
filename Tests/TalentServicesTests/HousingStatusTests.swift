import Foundation
import Testing
import TalentDomain
import TalentRules
import TalentServices
@testable import TalentStore
import TestSupport

/// `housing status`: where a talent stands, on ``HousingOfferFixture``.
@Suite("Housing status: where a talent stands")
struct HousingStatusTests {
    typealias F = RegistryFixture
    typealias H = HousingFixture
    typealias O = HousingOfferFixture

    /// Class 4 (doctorate) on 2027-01-15: class 30 + qualification 20 + 3 whole years of insurance since
    /// 2024-01 × 2 = 6 + household 0 + microelectronics 10 + 10 whole months waiting since 2026-03-02 = 76.
    @Test func aHousedTalentSeesApplicationRoundOfferLeaseAndRent() async throws {
        try await H.withHousing { (store: Store) async throws in
            let offer = try await O.offerOfC101(store)
            let lease = try await HousingOfferService(store: store).accept(offerID: offer.id, on: H.day("2026-12-01"), actor: F.actor)
            let standing = try await HousingStatusService(store: store).status(talent: H.class4.key, on: H.day("2027-01-15"), actor: "tester")

            #expect(standing.name == H.class4.name)
            #expect(standing.policyVersion == H.policyVersion)
            #expect(standing.application?.number == offer.applicationNumber)
            #expect(standing.application?.status == .housed)
            #expect(standing.certifiedClass == 4)
            #expect(!standing.eligible)
            #expect(standing.eligibility.map(\.rule) == [
                "certified_class_in", "certification_valid", "contract_months_left_at_least", "employer_in_zone",
                "social_insurance_in_zone", "owns_housing", "no_active_lease", "not_barred",
            ])
            #expect(standing.eligibility.filter { !$0.passed }.map(\.rule) == ["no_active_lease"])
            #expect(standing.entitlement == ["studio", "1BR"])
            #expect(standing.priorityGroup == 2)
            #expect(standing.points == 76)
            #expect(standing.breakdown.map(\.points) == [30, 20, 6, 0, 10, 10])

            let round = try #require(standing.round)
            #expect(round.roundCode == "R1")
            #expect(round.seed == O.seed)
            #expect(round.position == 1)
            #expect(round.positions == 1)
            #expect(round.allocatedCategory == "1BR")
            #expect(round.lotteryKey == LotteryKey.of(seed: O.seed, applicationNumber: offer.applicationNumber))
            #expect(standing.offer?.id == offer.id)
            #expect(standing.offer?.status == .accepted)
            #expect(standing.lease?.number == lease.lease.number)
            #expect(standing.monthlyRent?.monthlyFen == 72960)
            #expect(standing.monthlyRent?.leaseYear == 1)
            #expect(standing.barredUntil == nil)
        }
    }

    @Test func aTalentWithoutCertificationOrApplicationSeesWhy() async throws {
        try await H.withHousing { (store: Store) async throws in
            let standing = try await HousingStatusService(store: store).status(talent: H.uncertified.key, on: H.day("2026-06-01"), actor: "tester")
            #expect(standing.application == nil)
            #expect(standing.round == nil && standing.offer == nil && standing.lease == nil)
            #expect(!standing.eligible)
            let failed = standing.eligibility.filter { !$0.passed }
            #expect(failed.map(\.rule) == ["certified_class_in", "certification_valid"])
            #expect(failed.first?.explanation.hasPrefix("not certified") == true)
            #expect(standing.entitlement.isEmpty)
            #expect(standing.priorityGroup == nil)

            let missing = await caught {
                try await HousingStatusService(store: store).status(talent: F.residentID(9999), on: H.day("2026-06-01"), actor: "tester")
            }
            #expect((missing as? ServiceError)?.notFoundMessage?.contains("no talent") == true)
        }
    }

    @Test func aWaitingApplicantSeesTheirPositionAndNoAllocation() async throws {
        try await H.withHousing { (store: Store) async throws in
            try await H.submit(store, H.class2, prefer: [.oneBedroom])
            try await H.submit(store, H.class4, prefer: [.oneBedroom])
            let c5 = try await H.submit(store, H.class5, prefer: [.oneBedroom])
            try await O.round(store, buildings: [H.buildingB])
            let standing = try await HousingStatusService(store: store).status(talent: H.class5.key, on: H.day("2026-11-27"), actor: "tester")
            #expect(standing.application?.number == c5.number)
            #expect(standing.application?.status == .open)
            #expect(standing.eligible)
            #expect(standing.round?.position == 3)
            #expect(standing.round?.positions == 3)
            #expect(standing.round?.allocatedCategory == nil)
            #expect(standing.offer == nil)
        }
    }
}
