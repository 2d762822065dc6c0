import Foundation
import Testing
import TalentDomain
import TalentRules
import TalentServices
@testable import TalentStore
import TestSupport

@Suite("Policy service: stored versions, the one in force, and the decisions that record it")
struct PolicyServiceTests {
    typealias F = RegistryFixture
    typealias P = PracticeFixture

    static let standard = PolicyFile.standard

    /// The default policy text with its version, effective date and some lines replaced.
    static func policy(_ version: String, effective: String = "2026-01-01", _ edits: [String: String] = [:]) -> Data {
        var text = standard.text
            .replacingOccurrences(of: "version: gz-talent-town-2026.1", with: "version: \(version)")
            .replacingOccurrences(of: "effective: 2026-01-01", with: "effective: \(effective)")
        for (old, new) in edits {
            precondition(text.contains(old), "'\(old)' is not in the default policy")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return Data(text.utf8)
    }

    static func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    @Test func loadStoresTheTextItsHashAndTheEffectiveDateAudited() async throws {
        try await F.withStore { (store: Store) async throws in
            let service = PolicyService(store: store)
            let data = Self.policy("gz-2026.2", effective: "2026-07-01")
            let record = try await service.load(data: data, file: "p.yaml", actor: F.actor)
            #expect(record.version == "gz-2026.2")
            #expect(record.effective == Self.day("2026-07-01"))
            #expect(record.sha256 == (try PolicyFile(data: data)).sha256)
            #expect(record.loadedBy == F.actor.auditName)

            let shown = try await service.show(version: "gz-2026.2")
            #expect(shown.content == String(decoding: data, as: UTF8.self))
            #expect(try await service.list().map(\.version) == ["gz-2026.2"])
            #expect(try await service.list().first?.content == nil)

            let audit = try await F.audit(store, action: "policy.load")
            #expect(audit.count == 1)
            #expect(audit.first?.entityID == "gz-2026.2")
            #expect(try F.object(audit.first?.after)["sha256"] as? String == record.sha256)

            let overridden = try await service.load(
                data: Self.policy("gz-2026.3", effective: "2026-07-01"), effective: Self.day("2026-09-01"), actor: F.actor)
            #expect(overridden.effective == Self.day("2026-09-01"))
            #expect(try await F.audit(store, action: "policy.load").first?.reason?.contains("the file says 2026-07-01") == true)
        }
    }

    @Test func aRepeatedFileOrVersionLabelIsRefused() async throws {
        try await F.withStore { (store: Store) async throws in
            let service = PolicyService(store: store)
            let data = Self.policy("gz-2026.2")
            _ = try await service.load(data: data, actor: F.actor)

            let again = await caught { try await service.load(data: data, actor: F.actor) } as? ServiceError
            #expect(again?.duplicateMessage?.contains("already stored as version gz-2026.2") == true)

            let edited = Self.policy("gz-2026.2", ["  notice_days: 7": "  notice_days: 10"])
            let relabel = await caught { try await service.load(data: edited, actor: F.actor) } as? ServiceError
            #expect(relabel?.duplicateMessage?.contains("policy version gz-2026.2 is already stored") == true)
            #expect(relabel?.duplicateMessage?.contains("new `version:` label") == true)
            #expect(try await service.list().count == 1)
            #expect(try await F.auditCount(store, action: "policy.load") == 1)

            // The built-in default's label and `default` name the built-in policy already.
            let builtInLabel = Self.policy("gz-talent-town-2026.1", ["  expiry_days: 7": "  expiry_days: 30"])
            let shadow = await caught { try await service.load(data: builtInLabel, actor: F.actor) } as? ServiceError
            #expect(shadow?.refusedMessage?.contains("label of the built-in default policy") == true)
            let reserved = await caught { try await service.load(data: Self.policy("default"), actor: F.actor) } as? ServiceError
            #expect(reserved?.refusedMessage?.contains("`default` names the built-in policy") == true)
            #expect(try await service.list().count == 1)
            // The built-in text itself may be stored under its own label.
            _ = try await service.load(data: Self.policy("gz-talent-town-2026.1"), actor: F.actor)
            #expect(try await service.list().count == 2)
        }
    }

    @Test func aBrokenPolicyIsRefusedWithEveryProblemAndItsPlace() async throws {
        try await F.withStore { (store: Store) async throws in
            let service = PolicyService(store: store)
            let broken = Self.policy("gz-bad", ["  notice_days: 7": "  notice_days: 700", "  validity_years: 6": "  validity_yeers: 6"])
            let error = await caught { try await service.load(data: broken, file: "bad.yaml", actor: F.actor) }
            guard case let .invalidPolicy(policyError)? = error as? ServiceError else {
                Issue.record("expected invalidPolicy, got \(String(describing: error))")
                return
            }
            #expect(policyError.file == "bad.yaml")
            let paths = policyError.problems.map(\.path)
            #expect(paths.contains("certification.notice_days"))
            #expect(paths.contains { $0.hasPrefix("certification.validity_ye") })
            #expect(policyError.problems.allSatisfy { $0.line != nil && $0.column != nil })
            #expect(try await service.list().isEmpty)
            #expect(try await F.auditCount(store, action: "policy.load") == 0)
        }
    }

    @Test func theVersionInForceIsTheLatestEffectiveOnOrBeforeTheDay() async throws {
        try await F.withStore { (store: Store) async throws in
            let service = PolicyService(store: store)
            let none = try await service.current(on: Self.day("2026-06-01"))
            #expect(!none.isStored)
            #expect(none.version == Self.standard.policy.version)
            #expect(none.sha256 == Self.standard.sha256)
            #expect(none.stamp.contains("built-in default"))

            // Loaded out of order: the effective date decides, not the order of loading.
            let later = try await service.load(data: Self.policy("gz-2027.1", effective: "2027-01-01"), actor: F.actor)
            let earlier = try await service.load(data: Self.policy("gz-2026.2", effective: "2026-03-01"), actor: F.actor)
            #expect(try await service.list().map(\.version) == ["gz-2027.1", "gz-2026.2"])

            #expect(try await service.current(on: Self.day("2026-02-28")).isStored == false)
            let march = try await service.current(on: Self.day("2026-03-01"))
            #expect(march.isStored && march.version == "gz-2026.2" && march.sha256 == earlier.sha256)
            #expect(try await service.current(on: Self.day("2026-12-31")).version == "gz-2026.2")
            let next = try await service.current(on: Self.day("2027-01-01"))
            #expect(next.version == "gz-2027.1" && next.sha256 == later.sha256)
            #expect(next.stamp == "policy gz-2027.1 sha256 \(later.sha256)")
        }
    }

    @Test func diffShowsTheChangedLinesUnifiedStyle() async throws {
        try await F.withStore { (store: Store) async throws in
            let service = PolicyService(store: store)
            _ = try await service.load(data: Self.policy("gz-a"), actor: F.actor)
            _ = try await service.load(data: Self.policy("gz-b", ["  notice_days: 7": "  notice_days: 14"]), actor: F.actor)
            let diff = try await service.diff("gz-a", "gz-b")
            let lines = diff.unified.split(separator: "\n").map(String.init)
            #expect(lines.prefix(2) == ["--- gz-a", "+++ gz-b"])
            #expect(lines.contains("-version: gz-a") && lines.contains("+version: gz-b"))
            let removed = try #require(lines.firstIndex(of: "-  notice_days: 7"))
            #expect(lines[removed + 1] == "+  notice_days: 14", "removals come before additions")
            #expect(lines[removed - 1] == " certification:" && lines[removed + 2] == "   validity_years: 6")
            #expect(lines.filter { $0.hasPrefix("-") || $0.hasPrefix("+") }.count == 6)
            #expect(lines.filter { $0.hasPrefix("@@") }.count == 2)
            #expect(lines.contains("@@ -1,5 +1,5 @@"))

            #expect(try await service.diff("gz-a", "gz-a").isEmpty)
            let missing = await caught { try await service.diff("gz-a", "gz-zz") } as? ServiceError
            #expect(missing?.notFoundMessage?.contains("no policy version gz-zz") == true)
            #expect(missing?.notFoundMessage?.contains("gz-a, gz-b") == true || missing?.notFoundMessage?.contains("gz-b, gz-a") == true)

            // The built-in default, by `default` or by its label (not stored here), is a side of a diff too.
            let fromDefault = try await service.diff("default", "gz-b").unified.split(separator: "\n").map(String.init)
            #expect(fromDefault.prefix(2) == ["--- gz-talent-town-2026.1", "+++ gz-b"])
            #expect(fromDefault.contains("-version: gz-talent-town-2026.1") && fromDefault.contains("+  notice_days: 14"))
            #expect(try await service.diff("gz-talent-town-2026.1", "default").isEmpty)
            let builtIn = try await service.text(version: "gz-talent-town-2026.1")
            #expect(builtIn.source == "built-in default" && builtIn.sha256 == PolicyFile.standard.sha256 && builtIn.loadedBy == nil)
            #expect(try await service.text(version: "gz-a").source == "stored")
        }
    }

    @Test func storedVersionsCannotBeChanged() async throws {
        try await F.withStore { (store: Store) async throws in
            _ = try await PolicyService(store: store).load(data: Self.policy("gz-a"), actor: F.actor)
            let update = await P.sqlError(store, "UPDATE policies SET effective = '2020-01-01'")
            #expect(update != nil)
            #expect("\(String(describing: update))".contains("immutable"))
            #expect(await P.sqlError(store, "DELETE FROM policies") != nil)
        }
    }

    @Test func certificationAppliesAndRecordsThePolicyInForceOnTheStepsDay() async throws {
        try await CertificationServiceTests.withTalent { (store: Store, _: CertificationService) async throws in
            let stored = try await PolicyService(store: store).load(
                data: Self.policy("gz-strict", ["  notice_days: 7": "  notice_days: 14", "  validity_years: 6": "  validity_years: 3"]),
                actor: F.actor)
            let service = CertificationService.followingStoredPolicy(store: store)
            let published = try await CertificationServiceTests.inPublicNotice(service)
            #expect(published.noticeEnd == Self.day("2026-01-21"))
            let early = await caught {
                try await service.advance(identityKey: CertificationServiceTests.key, .init(.approve, on: Self.day("2026-01-15")),
                                          actor: F.actor)
            } as? ServiceError
            #expect(early?.refusedMessage?.contains("runs until 2026-01-21") == true)
            let approved = try await service.advance(
                identityKey: CertificationServiceTests.key, .init(.approve, on: Self.day("2026-01-22")), actor: F.actor)
            #expect(approved.validUntil == Self.day("2029-01-21"))
            let audit = try #require(try await F.audit(store, action: "certification.approve").first)
            #expect(audit.reason == "policy gz-strict sha256 \(stored.sha256)")
            #expect(try await F.audit(store, action: "certification.publish").first?.reason?.contains(stored.sha256) == true)
        }
    }

    @Test func certificationFallsBackToTheBuiltInPolicyAndSaysSo() async throws {
        try await CertificationServiceTests.withTalent { (store: Store, _: CertificationService) async throws in
            let service = CertificationService.followingStoredPolicy(store: store)
            _ = try await CertificationServiceTests.certified(service)
            let reason = try await F.audit(store, action: "certification.approve").first?.reason
            #expect(reason == "policy \(Self.standard.policy.version) sha256 \(Self.standard.sha256) (built-in default)")
        }
    }

    @Test func practiceCompletionAppliesAndRecordsThePolicyInForce() async throws {
        try await P.withBase { (store: Store, fixed: PracticeBaseService) async throws in
            let stored = try await PolicyService(store: store).load(
                data: Self.policy("gz-long-practice", ["  minimum_months: 6": "  minimum_months: 9"]), actor: F.actor)
            try await P.startedTrainee(fixed)
            try await PracticeCompletionTests.reportAndAssess(fixed)
            let service = PracticeBaseService.followingStoredPolicy(store: store)
            let short = await caught { try await service.complete(P.ref(1), on: Self.day("2027-03-01"), today: P.today, actor: F.actor) }
            #expect((short as? ServiceError)?.refusedMessage?.contains("9") == true)
            #expect(try await service.trainee(P.ref(1), on: Self.day("2027-03-01"), actor: "tester").requiredMonths == 9)
            let done = try await service.complete(P.ref(1), on: Self.day("2027-06-01"), today: P.today, actor: F.actor)
            #expect(done.status == .completed)
            let audit = try #require(try await F.audit(store, action: "practice.complete").first)
            #expect(audit.reason == "policy gz-long-practice sha256 \(stored.sha256)")
        }
    }
}
