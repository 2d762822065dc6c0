import Crypto
import Foundation
import Testing
import TalentDomain
import TalentRules
import TalentServices
@testable import TalentStore
import TestSupport

/// Rounds on the housing fixture, worked by hand. As of 2026-11-20 under the default policy every
/// certified applicant has 4 points of local insurance (2 whole years since 2024-01), 10 for the
/// microelectronics chain and 8 for waiting (applied 2026-03-02), household of one:
/// class 2 (doctorate) 50+20+22 = 92, group 1; class 4 (doctorate) 30+20+22 = 72, group 2;
/// class 5 (master) 20+12+22 = 54, group 2; class 6 (bachelor) 10+6+22 = 38, group 3.
/// Units of building B: studios B-101, B-102; 1BR B-203, B-204; 2BR B-305, B-306.
@Suite("Housing rounds: create, preview, commit, verify, export")
struct HousingRoundServiceTests {
    typealias F = RegistryFixture
    typealias H = HousingFixture

    static let asOf = H.day("2026-11-20")
    static let seed = "20261126"
    static let committedOn = H.day("2026-11-26")

    /// The five certified talents' applications (class 2, 4, 5, 5b, 6), all preferring 1BR then studio.
    static func applications(_ store: Store) async throws -> [String: String] {
        let records = try await H.submitAll(store)
        return Dictionary(uniqueKeysWithValues: zip(["c2", "c4", "c5", "c5b", "c6"], records.map(\.number)))
    }

    static func create(_ store: Store, code: String = "R1", buildings: [String] = [H.buildingB],
                       policyVersion: String? = nil) async throws -> HousingRoundRecord {
        try await HousingRoundService(store: store).create(
            HousingRoundInput(code: code, name: "2026 第一轮", asOf: asOf, policyVersion: policyVersion, buildingCodes: buildings),
            actor: F.actor)
    }

    @Test func aRoundOfBuildingBDrawnByHand() async throws {
        try await H.withHousing { (store: Store) async throws in
            let numbers = try await Self.applications(store)
            // Class 5b owns housing now; one studio is under repair.
            _ = try await RegistryService(store: store).update(
                identityKey: H.class5b.key, changes: ["owns_housing": "true"], actor: F.actor, reason: "bought a flat")
            _ = try await HousingInventoryService(store: store).setStatus(
                code: "B-101", to: .maintenance, reason: "漏水维修", on: Self.asOf, actor: F.actor)

            let service = HousingRoundService(store: store)
            let record = try await Self.create(store)
            #expect(record.status == .draft)
            #expect(record.units == 5)
            #expect(record.applications == 5)
            #expect(record.policyVersion == H.policyVersion)
            #expect(record.policySHA256 == PolicyFile.standard.sha256)
            #expect(try await F.audit(store, action: "housing.round.create").count == 1)

            let preview = try await service.preview(code: "R1", seed: Self.seed, actor: "tester")
            #expect(preview.ranked.map(\.application) == [numbers["c2"], numbers["c4"], numbers["c5"], numbers["c6"]])
            #expect(preview.ranked.map(\.position) == [1, 2, 3, 4])
            #expect(preview.ranked.map(\.priorityGroup) == [1, 2, 2, 3])
            #expect(preview.ranked.map(\.score) == [92, 72, 54, 38])
            #expect(preview.ranked.map(\.category) == ["1BR", "1BR", "studio", nil])
            #expect(preview.ranked.map(\.unit) == ["B-203", "B-204", "B-102", nil])
            #expect(preview.ranked.map(\.preferences) == Array(repeating: ["1BR", "studio"], count: 4))
            #expect(preview.ranked[3].result.hasPrefix("waiting"))
            for row in preview.ranked {
                #expect(row.lotteryKey == LotteryKey.of(seed: Self.seed, applicationNumber: row.application))
                let digest = SHA256.hash(data: Data("\(Self.seed):\(row.application)".utf8)).map { String(format: "%02x", $0) }.joined()
                #expect(row.lotteryKey == digest)
            }
            #expect(preview.excluded.map(\.application) == [numbers["c5b"]!])
            #expect(preview.excluded.map(\.name) == [H.class5b.name])
            #expect(preview.excluded.map(\.reasons) == [["owns_housing: owns housing in the city"]])
            #expect(preview.stock.map { "\($0.category) \($0.allocated)/\($0.units)" } == ["1BR 2/2", "2BR 0/2", "studio 1/1"])
            #expect(!preview.committed)
            #expect(try await H.count(store, "housing_round_entries") == 0)
            #expect(try await H.count(store, "housing_offers") == 0)

            let audits = try await F.auditCount(store)
            let committed = try await service.commit(code: "R1", seed: Self.seed, on: Self.committedOn, actor: F.actor)
            #expect(committed.committed)
            #expect(committed.ranked == preview.ranked)
            #expect(committed.excluded == preview.excluded)
            #expect(committed.inputSHA256 == preview.inputSHA256)
            #expect(committed.offersExpireOn == H.day("2026-12-03"))
            #expect(try await F.auditCount(store) == audits + 1)
            let audit = try #require(try await F.audit(store, action: "housing.round.commit").first)
            #expect(audit.reason?.contains("seed \(Self.seed)") == true)
            #expect(audit.reason?.contains(PolicyFile.standard.sha256) == true)
            #expect(audit.reason?.contains(committed.inputSHA256) == true)

            let round = try await service.round(code: "R1", actor: "tester")
            #expect(round.status == .committed)
            #expect(round.seed == Self.seed)
            #expect(round.inputSHA256 == committed.inputSHA256)
            #expect(round.committedBy == F.actor.auditName)
            #expect(try await H.count(store, "housing_round_entries") == 5)

            let offers = try await store.read { try await $0.housingRoundOffers(roundID: round.id) }
            #expect(offers.map(\.number) == [numbers["c2"], numbers["c4"], numbers["c5"]])
            #expect(offers.map(\.unitCode) == ["B-203", "B-204", "B-102"])
            #expect(offers.allSatisfy { $0.status == "pending" && $0.source == "round" })
            for code in ["B-203", "B-204", "B-102"] {
                #expect(try await HousingInventoryService(store: store).unit(code: code, actor: "tester").status == .offered)
            }
            #expect(try await HousingInventoryService(store: store).unit(code: "B-305", actor: "tester").status == .available)
            let applications = HousingApplicationService(store: store)
            #expect(try await applications.application(number: numbers["c2"]!, actor: "tester").status == .offered)
            #expect(try await applications.application(number: numbers["c6"]!, actor: "tester").status == .open)
            #expect(try await PracticeFixture.scalar(
                store, "SELECT count(*) AS n FROM housing_offers WHERE expires_on = '2026-12-03' AND offered_on = '2026-11-26'") == 3)

            let report = try await service.verify(code: "R1", actor: "tester")
            #expect(report.confirmed, "\(report.discrepancies)")
            #expect(report.applicants == 4)
            #expect(report.excluded == 1)
            #expect(report.offers == 3)

            let export = try await service.export(code: "R1", actor: "tester")
            #expect(AllocationVerification.verify(export).isEmpty)
            #expect(export.round == "R1")
            #expect(export.seed == Self.seed)
            #expect(export.policyVersion == H.policyVersion)
            #expect(export.quotas.perEmployerCap == 5)
            #expect(export.units == ["1BR": 2, "2BR": 2, "studio": 1])
            #expect(export.applicants.map(\.id) == preview.ranked.map(\.application))
            #expect(export.applicants.allSatisfy { $0.employer == F.employerCode })
            #expect(export.allocation[numbers["c2"]!] == "1BR")
            #expect(export.allocation[numbers["c6"]!] == .some(nil))
            #expect(export.allocation.count == 4)
            #expect(export.quotaSkips.isEmpty)
            #expect(export.excluded.map(\.id) == [numbers["c5b"]!])
            let json = try JSONSerialization.jsonObject(with: try export.json()) as? [String: Any]
            #expect(Set(json?.keys.map { $0 } ?? []) == ["round", "seed", "policy_version", "policy_sha256", "quotas", "applicants",
                                                         "units", "allocation", "quota_skips", "excluded"])
            let stored = try #require(try await store.read { try await $0.housingRoundInput(roundID: round.id) })
            let hash = SHA256.hash(data: Data(stored.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(hash == round.inputSHA256)
        }
    }

    @Test func aPerEmployerCapPassesApplicantsOverAndTheExportSaysSo() async throws {
        try await H.withHousing { (store: Store) async throws in
            let stored = try await PolicyService(store: store).load(
                data: PolicyServiceTests.policy("gz-cap-2", ["  per_employer_cap: 5": "  per_employer_cap: 2"]), actor: F.actor)
            let numbers = try await Self.applications(store)
            let record = try await Self.create(store)
            #expect(record.policyVersion == "gz-cap-2")
            #expect(record.policySHA256 == stored.sha256)
            let service = HousingRoundService(store: store)
            let outcome = try await service.commit(code: "R1", seed: Self.seed, on: Self.committedOn, actor: F.actor)
            #expect(outcome.ranked.compactMap(\.category) == ["1BR", "1BR"])
            #expect(outcome.ranked.prefix(2).map(\.application) == [numbers["c2"], numbers["c4"]])
            #expect(outcome.ranked.suffix(3).allSatisfy { $0.quotaSkip == QuotaSkip.perEmployerCap })
            #expect(outcome.ranked.last?.application == numbers["c6"])
            #expect(outcome.ranked.last?.result.contains("would have taken studio") == true)
            let export = try await service.export(code: "R1", actor: "tester")
            #expect(export.quotas.perEmployerCap == 2)
            #expect(Set(export.quotaSkips.map(\.id)) == Set(["c5", "c5b", "c6"].map { numbers[$0]! }))
            #expect(AllocationVerification.verify(export).isEmpty)
            #expect(try await service.verify(code: "R1", actor: "tester").confirmed)
        }
    }

    @Test func reservedStockGoesToItsGroupFromTheSamePhysicalPool() async throws {
        try await H.withHousing { (store: Store) async throws in
            let numbers = try await Self.applications(store)
            _ = try await Self.create(store, buildings: [H.buildingA, H.buildingB])
            let service = HousingRoundService(store: store)
            let outcome = try await service.commit(code: "R1", seed: Self.seed, on: Self.committedOn, actor: F.actor)
            // 6 one-bedroom flats: 20 % (1) is kept for group 3, who draws on it first.
            #expect(outcome.stock.first { $0.category == "1BR@reserved:g3" }?.units == 1)
            #expect(outcome.stock.first { $0.category == "1BR" }?.units == 5)
            let c5First = LotteryKey.of(seed: Self.seed, applicationNumber: numbers["c5"]!)
                < LotteryKey.of(seed: Self.seed, applicationNumber: numbers["c5b"]!)
            let tie = c5First ? [numbers["c5"], numbers["c5b"]] : [numbers["c5b"], numbers["c5"]]
            #expect(outcome.ranked.map(\.application) == [numbers["c2"], numbers["c4"]] + tie + [numbers["c6"]])
            #expect(outcome.ranked.map(\.category) == ["1BR", "1BR", "1BR", "1BR", "1BR@reserved:g3"])
            // General 1BR units in (building, floor, code) order; the reserve takes the next one.
            #expect(outcome.ranked.map(\.unit) == ["A-205", "A-206", "A-207", "A-208", "B-203"])
            #expect(outcome.ranked.last?.preferences == ["1BR@reserved:g3", "1BR", "studio"])
            #expect(outcome.ranked.first?.preferences == ["1BR", "studio"])
            let export = try await service.export(code: "R1", actor: "tester")
            #expect(export.quotas.reserved == [ReservedStock(group: 3, category: "1BR", units: 1)])
            #expect(export.units["1BR@reserved:g3"] == 1)
            #expect(AllocationVerification.verify(export).isEmpty)
            #expect(try await service.verify(code: "R1", actor: "tester").confirmed)
        }
    }

    @Test func creatingRefusesWhatCannotBeARound() async throws {
        try await H.withHousing { (store: Store) async throws in
            let service = HousingRoundService(store: store)
            let empty = await caught { try await Self.create(store) } as? ServiceError
            #expect(empty?.refusedMessage?.contains("no open application") == true)
            _ = try await Self.applications(store)
            let unknown = await caught { try await Self.create(store, buildings: ["NOPE"]) } as? ServiceError
            #expect(unknown?.notFoundMessage?.contains("NOPE") == true)
            let policy = await caught { try await Self.create(store, policyVersion: "gz-missing") } as? ServiceError
            #expect(policy?.notFoundMessage?.contains("gz-missing") == true)
            let badCode = await caught { try await Self.create(store, code: "R 1") } as? ServiceError
            #expect(badCode?.validation?.field == "code")
            #expect(try await H.count(store, "housing_rounds") == 0)

            let made = try await Self.create(store, policyVersion: H.policyVersion)
            #expect(made.policyVersion == H.policyVersion)
            let twice = await caught { try await Self.create(store) } as? ServiceError
            #expect(twice?.duplicateMessage?.contains("R1") == true)
            #expect(try await service.rounds(actor: "tester").map(\.code) == ["R1"])
            let missing = await caught { try await service.round(code: "R9", actor: "tester") } as? ServiceError
            #expect(missing?.notFoundMessage?.contains("R1") == true)
            let draft = await caught { try await service.verify(code: "R1", actor: "tester") } as? ServiceError
            #expect(draft?.refusedMessage?.contains("draft") == true)
            let tooEarly = await caught {
                try await HousingRoundService(store: store).create(
                    HousingRoundInput(code: "R2", name: "早", asOf: H.day("2026-01-01")), actor: F.actor)
            } as? ServiceError
            #expect(tooEarly?.refusedMessage?.contains("2026-01-01") == true)
        }
    }

    @Test func anApplicationWithdrawnAfterCreationIsExcludedWithTheReason() async throws {
        try await H.withHousing { (store: Store) async throws in
            let numbers = try await Self.applications(store)
            _ = try await Self.create(store)
            _ = try await HousingApplicationService(store: store).withdraw(
                number: numbers["c2"]!, on: H.day("2026-11-21"), reason: "moved away", actor: F.actor)
            let outcome = try await HousingRoundService(store: store).commit(
                code: "R1", seed: Self.seed, on: Self.committedOn, actor: F.actor)
            #expect(outcome.excluded.map(\.application) == [numbers["c2"]!])
            #expect(outcome.excluded.first?.reasons == ["application_open: withdrawn on 2026-11-21"])
            #expect(outcome.ranked.first?.application == numbers["c4"])
            #expect(try await HousingRoundService(store: store).verify(code: "R1", actor: "tester").confirmed)
        }
    }
}
