import Foundation
import Testing
import TalentDomain
import TalentRules
import TalentServices
@testable import TalentStore
import TestSupport

@Suite("Housing applications: submit, the entitlement, one open per talent, withdraw")
struct HousingApplicationServiceTests {
    typealias F = RegistryFixture
    typealias H = HousingFixture

    @Test func submitsANumberedApplicationUnderThePolicyInForce() async throws {
        try await H.withHousing { (store: Store) async throws in
            let record = try await H.submit(store, H.class5, prefer: [.twoBedroom, .oneBedroom], members: 2)
            #expect(record.number == "HA-2026-00001")
            #expect(record.status == .open && record.submittedBy == "talent" && record.submittingEmployer == nil)
            #expect(record.householdSize == 3)
            #expect(record.household == [HouseholdMember(name: "林静", relation: "spouse"), HouseholdMember(name: "小宝1", relation: "child")])
            #expect(record.preferences == ["2BR", "1BR"])
            #expect(record.policyVersion == H.policyVersion)
            #expect(record.appliedOn == H.applied)
            #expect(record.talentName == H.class5.name && record.talentIdentityKey.fullValue == H.class5.key)

            let second = try await H.submit(store, H.class4, prefer: [.studio], byEmployer: F.employerCode)
            #expect(second.number == "HA-2026-00002")
            #expect(second.submittedBy == "employer" && second.submittingEmployer == F.employerCode)

            let audit = try await F.audit(store, action: "housing.application.submit")
            #expect(audit.count == 2)
            let stamp = try #require(audit.first { $0.entityID == "HA-2026-00001" }?.reason)
            #expect(stamp.contains("policy \(H.policyVersion) sha256 "))
            #expect(stamp.contains("class 5, household 3"))

            let service = HousingApplicationService(store: store)
            #expect(try await service.application(number: "ha-2026-00002", actor: "tester") == second)
            #expect(try await service.applications(status: .open, actor: "tester").map(\.number) == ["HA-2026-00001", "HA-2026-00002"])
            #expect(try await service.applications(talent: H.class4.key, actor: "tester").map(\.number) == ["HA-2026-00002"])
        }
    }

    @Test func refusesATalentWhoIsNotCertifiedOnTheDay() async throws {
        try await H.withHousing { (store: Store) async throws in
            let uncertified = await caught { try await H.submit(store, H.uncertified, prefer: [.studio]) }
            #expect((uncertified as? ServiceError)?.refusedMessage?.contains("not a certified talent") == true)
            let early = await caught { try await H.submit(store, H.class5, prefer: [.studio], on: H.day("2026-01-10")) }
            #expect((early as? ServiceError)?.refusedMessage?.contains("in force from 2026-01-15") == true)
            let unknown = await caught {
                try await HousingApplicationService(store: store).submit(
                    HousingApplicationInput(talent: F.residentID(4321), preferences: [.studio], appliedOn: H.applied), actor: F.actor)
            }
            #expect((unknown as? ServiceError)?.notFoundMessage?.contains("no talent") == true)
            #expect(try await H.count(store, "housing_applications") == 0)
        }
    }

    @Test func refusesPreferencesOutsideTheEntitlementAndSaysWhatIsAllowed() async throws {
        try await H.withHousing { (store: Store) async throws in
            // Class 6 may have studio and 1BR; a 3BR is outside whatever the household.
            let class6 = await caught { try await H.submit(store, H.class6, prefer: [.oneBedroom, .threeBedroom], members: 1) }
            let message = try #require((class6 as? ServiceError)?.refusedMessage)
            #expect(message.contains("3BR is outside the entitlement"))
            #expect(message.contains("class 6 with a household of 2 may apply for studio (up to 40 m²), 1BR (up to 60 m²)"))
            #expect(message.contains(H.policyVersion))
            // A household of 4 is too large for anything class 6 may have.
            let large = await caught { try await H.submit(store, H.class6, prefer: [.oneBedroom], members: 3) }
            #expect((large as? ServiceError)?.refusedMessage?.contains("household of 4 may apply for no unit category") == true)
            // Class 5 alone may not have a 2BR (2BR is for households of 2 to 5).
            let single = await caught { try await H.submit(store, H.class5, prefer: [.twoBedroom]) }
            let text = try #require((single as? ServiceError)?.refusedMessage)
            #expect(text.contains("may apply for studio (up to 40 m²), 1BR (up to 60 m²)"))
            let empty = await caught { try await H.submit(store, H.class5, prefer: []) }
            #expect((empty as? ServiceError)?.validation?.field == "prefer")
            let repeated = await caught { try await H.submit(store, H.class5, prefer: [.studio, .oneBedroom, .studio]) }
            #expect((repeated as? ServiceError)?.validation?.reason.contains("listed twice") == true)
            #expect(try await H.count(store, "housing_applications") == 0)
        }
    }

    @Test func oneOpenApplicationPerTalentNamingTheFirst() async throws {
        try await H.withHousing { (store: Store) async throws in
            let first = try await H.submit(store, H.class2, prefer: [.threeBedroom, .twoBedroom], members: 2)
            let second = await caught { try await H.submit(store, H.class2, prefer: [.studio]) }
            let message = try #require((second as? ServiceError)?.duplicateMessage)
            #expect(message.contains(first.number))
            #expect(try await H.count(store, "housing_applications") == 1)
            // The database enforces it too.
            let direct = await PracticeFixture.sqlError(store, """
                INSERT INTO housing_applications (number, talent_id, submitted_by, household_size, preferences, applied_on, policy_version)
                SELECT 'HA-2026-09999', talent_id, 'talent', 1, '{studio}', '2026-03-03', 'x' FROM housing_applications
                """)
            #expect(direct?.constraint == "housing_applications_one_open")
        }
    }

    @Test func concurrentSubmissionsLeaveOneOpenApplication() async throws {
        try await H.withHousing { (store: Store) async throws in
            // Each task reports nil on success, else the duplicate message (or the error's description).
            let outcomes = await withTaskGroup(of: String?.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        let error = await caught { try await H.submit(store, H.class4, prefer: [.studio]) }
                        return error.map { ($0 as? ServiceError)?.duplicateMessage ?? "other: \($0)" }
                    }
                }
                return await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == nil }.count == 1)
            let refusals = outcomes.compactMap { $0 }
            #expect(refusals.count == 5)
            #expect(refusals.allSatisfy { $0.contains("already has an open application, HA-2026-") }, "\(refusals)")
            #expect(try await H.count(store, "housing_applications") == 1)
        }
    }

    @Test func onlyTheTalentsEmployerMaySubmitForThem() async throws {
        try await H.withHousing { (store: Store) async throws in
            let other = await caught { try await H.submit(store, H.class5, prefer: [.studio], byEmployer: H.otherEmployerCode) }
            let message = try #require((other as? ServiceError)?.refusedMessage)
            #expect(message.contains(H.otherEmployerName) && message.contains("is not \(H.class5.name)'s employer"))
            let unknown = await caught { try await H.submit(store, H.class5, prefer: [.studio], byEmployer: "91350100M000100Y43") }
            #expect((unknown as? ServiceError)?.notFoundMessage?.contains("no organisation") == true)
            #expect(try await H.count(store, "housing_applications") == 0)
        }
    }

    @Test func householdMembersAreChecked() async throws {
        try await H.withHousing { (store: Store) async throws in
            let service = HousingApplicationService(store: store)
            let bad = await caught {
                try await service.submit(HousingApplicationInput(
                    talent: H.class5.key, household: [HouseholdMember(name: "李四", relation: "cousin")],
                    preferences: [.oneBedroom], appliedOn: H.applied), actor: F.actor)
            }
            #expect((bad as? ServiceError)?.validation?.field == "member")
            let twoSpouses = await caught {
                try await service.submit(HousingApplicationInput(
                    talent: H.class5.key,
                    household: [HouseholdMember(name: "李四", relation: "spouse"), HouseholdMember(name: "王五", relation: "配偶")],
                    preferences: [.oneBedroom], appliedOn: H.applied), actor: F.actor)
            }
            #expect((twoSpouses as? ServiceError)?.validation?.reason.contains("at most one spouse") == true)
            #expect(try await H.count(store, "housing_applications") == 0)
            let chinese = try await service.submit(HousingApplicationInput(
                talent: H.class5.key, household: [HouseholdMember(name: "李四", relation: "配偶")],
                preferences: [.oneBedroom], appliedOn: H.applied), actor: F.actor)
            #expect(chinese.household == [HouseholdMember(name: "李四", relation: "spouse")])
        }
    }

    @Test func withdrawsOnlyAnOpenApplication() async throws {
        try await H.withHousing { (store: Store) async throws in
            let service = HousingApplicationService(store: store)
            let first = try await H.submit(store, H.class5, prefer: [.studio])
            let withdrawn = try await service.withdraw(number: first.number, on: H.day("2026-03-10"), reason: "已购房", actor: F.actor)
            #expect(withdrawn.status == .withdrawn && withdrawn.withdrawnOn == H.day("2026-03-10") && withdrawn.withdrawReason == "已购房")
            let audit = try await F.audit(store, action: "housing.application.withdraw")
            #expect(audit.map(\.entityID) == [first.number])
            let twice = await caught { try await service.withdraw(number: first.number, on: H.day("2026-03-11"), reason: "x", actor: F.actor) }
            #expect((twice as? ServiceError)?.refusedMessage?.contains("already withdrawn on 2026-03-10") == true)

            // Withdrawing frees the talent to apply again.
            let again = try await H.submit(store, H.class5, prefer: [.oneBedroom], on: H.day("2026-03-12"))
            #expect(again.number == "HA-2026-00002")

            // An application holding an offer must decline it first.
            try await store.write { try await $0.execute(sql: "UPDATE housing_applications SET status = 'offered' WHERE number = 'HA-2026-00002'") }
            let offered = await caught { try await service.withdraw(number: again.number, on: H.day("2026-03-20"), reason: "x", actor: F.actor) }
            #expect((offered as? ServiceError)?.refusedMessage?.contains("decline the pending offer first") == true)
            let missing = await caught { try await service.withdraw(number: "HA-2026-00404", on: H.day("2026-03-20"), reason: "x", actor: F.actor) }
            #expect((missing as? ServiceError)?.notFoundMessage != nil)
            let noReason = await caught { try await service.withdraw(number: again.number, on: H.day("2026-03-20"), reason: "", actor: F.actor) }
            #expect((noReason as? ServiceError)?.validation?.field == "reason")
        }
    }
}
