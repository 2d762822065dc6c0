import Foundation
import Testing
import TalentDomain
import TalentRules
import TalentServices
@testable import TalentStore
import TestSupport

/// `rules explain / classify / simulate`, `talent honours` and approval by the classification, on the
/// housing fixture (default policy, as of 2026-11-20: see HousingRoundServiceTests for the points).
@Suite("Rules explained: explain, classify, simulate, honours, approval by classification")
struct RuleExplanationServiceTests {
    typealias F = RegistryFixture
    typealias H = HousingFixture
    typealias R = HousingRoundServiceTests

    static func writePolicy(_ data: Data) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString).yaml").path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func explainGoesRuleByRuleWithTheHouseholdOfTheOpenApplication() async throws {
        try await H.withHousing { (store: Store) async throws in
            let application = try await H.submit(store, H.class5, prefer: [.twoBedroom, .oneBedroom], members: 1)
            let e = try await RuleExplanationService(store: store).explain(identityKey: H.class5.key, on: R.asOf)
            #expect(e.talent == H.class5.name)
            #expect(e.policyVersion == H.policyVersion)
            #expect(e.policySource == "built-in default")
            #expect(e.eligible)
            #expect(e.eligibility.map(\.rule) == ["certified_class_in", "certification_valid", "contract_months_left_at_least",
                                                  "employer_in_zone", "social_insurance_in_zone", "owns_housing", "no_active_lease",
                                                  "not_barred"])
            #expect(e.eligibility.filter { !$0.passed }.isEmpty)
            #expect(e.eligibility[2].explanation == "labour contract ends 2030-12-31, 49 whole months left (at least 12 required)")
            #expect(e.householdSize == 2)
            #expect(e.householdFrom == "application \(application.number)")
            #expect(e.entitlement.map(\.category) == ["studio", "1BR", "2BR"])
            #expect(e.entitlement.map(\.maxAreaM2) == [40, 60, 90])
            #expect(e.application?.entitledPreferences == ["2BR", "1BR"])
            #expect(e.priorityGroup == 2)
            // class 20 + master 12 + 2 years of insurance 4 + one more member 2 + microelectronics 10 + 8 months waiting 8
            #expect(e.breakdown.map(\.points) == [20, 12, 4, 2, 10, 8])
            #expect(e.breakdown.map(\.factor) == ["class", "qualification", "local_insurance", "household", "industry_chain", "months_waiting"])
            #expect(e.score == 56)
            #expect(e.proposedClass == 5)
            #expect(e.classificationReason == "class 5: degree master (at least master)")
        }
    }

    @Test func explainSaysWhyAnUncertifiedTalentIsNotEligible() async throws {
        try await H.withHousing { (store: Store) async throws in
            let e = try await RuleExplanationService(store: store).explain(identityKey: H.uncertified.key, on: R.asOf)
            #expect(!e.eligible)
            #expect(e.eligibility.filter { !$0.passed }.map(\.rule) == ["certified_class_in", "certification_valid"])
            #expect(e.eligibility[0].explanation == "not certified (classes 1, 2, 3, 4, 5, 6 may apply)")
            #expect(e.eligibility[1].explanation == "no certification")
            #expect(e.householdSize == 1)
            #expect(e.householdFrom == "no open application: 1 person assumed")
            #expect(e.entitlement.isEmpty)
            #expect(e.priorityGroup == nil)
            #expect(e.application == nil)
            #expect(e.proposedClass == 5)
        }
    }

    @Test func explainUnderAnotherVersionOrAFile() async throws {
        try await H.withHousing { (store: Store) async throws in
            let service = RuleExplanationService(store: store)
            let missing = await caught { try await service.explain(identityKey: H.class6.key, on: R.asOf, policy: .version("gz-none")) }
            #expect((missing as? ServiceError)?.notFoundMessage?.contains("gz-none") == true)
            let path = try Self.writePolicy(PolicyServiceTests.policy(
                "gz-no-six", ["certified_class_in: [1, 2, 3, 4, 5, 6]": "certified_class_in: [1, 2, 3, 4, 5]"]))
            let e = try await service.explain(identityKey: H.class6.key, on: R.asOf, policy: .file(path))
            #expect(e.policyVersion == "gz-no-six")
            #expect(e.policySource == "file")
            #expect(!e.eligible)
            #expect(e.eligibility.first?.explanation == "certified class 6 is not one of 1, 2, 3, 4, 5")
            let unreadable = await caught { try await service.explain(identityKey: H.class6.key, on: R.asOf, policy: .file("/nonexistent.yaml")) }
            #expect((unreadable as? ServiceError)?.unreadableMessage != nil)
            let missingTalent = await caught { try await service.explain(identityKey: F.residentID(999), on: R.asOf) }
            #expect((missingTalent as? ServiceError)?.notFoundMessage != nil)
        }
    }

    @Test func classifyProposesAClassFromQualificationsAndHonours() async throws {
        try await H.withHousing { (store: Store) async throws in
            let service = RuleExplanationService(store: store)
            let doctor = try await service.classify(identityKey: H.class2.key, on: R.asOf)
            #expect(doctor.proposedClass == 4)
            #expect(doctor.reason == "class 4: degree doctorate (at least doctorate)")
            #expect(doctor.certifiedClass == 2)

            let bad = await caught { try await service.setHonours(identityKey: H.class2.key, ["nobel"], on: R.asOf, actor: F.actor) }
            #expect((bad as? ServiceError)?.validation?.hint?.contains("academician") == true)
            let set = try await service.setHonours(identityKey: H.class2.key, ["Changjiang-Scholar", "academician"], on: R.asOf, actor: F.actor)
            #expect(set == ["academician", "changjiang-scholar"])
            #expect(try await service.honours(identityKey: H.class2.key) == ["academician", "changjiang-scholar"])
            #expect(try await F.audit(store, action: "talent.honours").count == 1)
            let academician = try await service.classify(identityKey: H.class2.key, on: R.asOf)
            #expect(academician.proposedClass == 1)
            #expect(academician.reason == "class 1: honour academician")
            _ = try await service.setHonours(identityKey: H.class2.key, [], on: R.asOf, actor: F.actor)
            #expect(try await service.honours(identityKey: H.class2.key).isEmpty)
        }
    }

    @Test func approvalWithoutAClassGrantsTheProposalAndSaysWhy() async throws {
        try await CertificationServiceTests.withTalent { (store: Store, _: CertificationService) async throws in
            let service = CertificationService.followingStoredPolicy(store: store)
            _ = try await CertificationServiceTests.inPublicNotice(service, requestedClass: nil)
            let approved = try await service.advance(
                identityKey: CertificationServiceTests.key, .init(.approve, on: H.day("2026-01-15")), actor: F.actor)
            #expect(approved.talentClass == 5)
            let reason = try #require(try await F.audit(store, action: "certification.approve").first?.reason)
            #expect(reason.contains("class proposed by the classification: class 5: degree master (at least master)"), "\(reason)")
            #expect(reason.contains(PolicyFile.standard.sha256))
        }
    }

    @Test func approvalNotesAProposalThatDiffersFromTheClassGranted() async throws {
        try await CertificationServiceTests.withTalent { (store: Store, _: CertificationService) async throws in
            let service = CertificationService.followingStoredPolicy(store: store)
            _ = try await CertificationServiceTests.inPublicNotice(service, requestedClass: 6)
            let approved = try await service.advance(
                identityKey: CertificationServiceTests.key, .init(.approve, on: H.day("2026-01-15")), actor: F.actor)
            #expect(approved.talentClass == 6)
            let reason = try await F.audit(store, action: "certification.approve").first?.reason
            #expect(reason?.contains("class 6 granted; the classification proposes class 5") == true, "\(String(describing: reason))")
        }
    }

    @Test func simulateReportsWhoGainsAndLosesUnderAnotherPolicy() async throws {
        try await H.withHousing { (store: Store) async throws in
            let numbers = try await R.applications(store)
            _ = try await R.create(store)
            let path = try Self.writePolicy(PolicyServiceTests.policy(
                "gz-no-five", ["certified_class_in: [1, 2, 3, 4, 5, 6]": "certified_class_in: [1, 2, 3, 4, 6]"]))
            let report = try await RuleExplanationService(store: store).simulate(round: "R1", policyFile: path, seed: R.seed)
            #expect(report.seed == R.seed)
            #expect(report.baselinePolicy == H.policyVersion)
            #expect(report.whatIfPolicy == "gz-no-five")
            #expect(report.baselineOffers == 4)
            #expect(report.whatIfOffers == 3)
            #expect(report.baselineExcluded == 0)
            #expect(report.whatIfExcluded == 2)
            // Both class 5 applicants lose their studio; class 6, waiting before, gains one.
            #expect(Set(report.losses.map(\.application)) == [numbers["c5"]!, numbers["c5b"]!])
            #expect(report.losses.allSatisfy { $0.baseline == "studio" && $0.whatIf == nil })
            #expect(report.losses.first?.whatIfResult.hasPrefix("excluded: certified_class_in") == true)
            #expect(report.gains.map(\.application) == [numbers["c6"]!])
            #expect(report.gains.first?.baselineResult == "waiting (position 5)")
            #expect(report.gains.first?.whatIf == "studio")
            #expect(report.changes.isEmpty)
            #expect(try await H.count(store, "housing_round_entries") == 0)
            #expect(try await HousingRoundService(store: store).round(code: "R1", actor: "tester").status == .draft)

            let same = try await RuleExplanationService(store: store).simulate(
                round: "R1", policyFile: try Self.writePolicy(PolicyServiceTests.policy("gz-same")))
            #expect(same.seed == "R1")
            #expect(same.gains.isEmpty && same.losses.isEmpty && same.changes.isEmpty)
        }
    }
}
