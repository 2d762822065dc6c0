import Foundation
import Testing
import TalentDomain
import TalentRules
import TalentServices
@testable import TalentStore
import TestSupport

/// A committed round is final, all-or-nothing, never offers a unit twice, and `verify` catches tampering.
@Suite("Housing rounds: commit once, all or nothing, tampering detected")
struct HousingRoundIntegrityTests {
    typealias F = RegistryFixture
    typealias H = HousingFixture
    typealias R = HousingRoundServiceTests

    /// The fixture's applications and a draft round R1 of building B.
    static func withDraft(_ label: String = #function, _ body: (Store, HousingRoundService) async throws -> Void) async throws {
        try await H.withHousing(label) { (store: Store) async throws in
            _ = try await R.applications(store)
            _ = try await R.create(store)
            try await body(store, HousingRoundService(store: store))
        }
    }

    static func tamper(_ store: Store, _ statements: [String]) async throws {
        try await store.write { session in
            try await session.execute(sql: "SET LOCAL session_replication_role = replica")
            for sql in statements { try await session.execute(sql: sql) }
        }
    }

    @Test func committingTwiceIsRefusedAndChangesNothing() async throws {
        try await Self.withDraft { (store: Store, service: HousingRoundService) async throws in
            _ = try await service.commit(code: "R1", seed: R.seed, on: R.committedOn, actor: F.actor)
            let audits = try await F.auditCount(store)
            let offers = try await H.count(store, "housing_offers")
            let again = await caught {
                try await service.commit(code: "R1", seed: "other", on: R.committedOn, actor: F.actor)
            } as? ServiceError
            let message = try #require(again?.duplicateMessage)
            #expect(message.contains("already committed"))
            #expect(message.contains("seed \(R.seed)"))
            #expect(message.contains(F.actor.auditName))
            #expect(try await F.auditCount(store) == audits)
            #expect(try await H.count(store, "housing_offers") == offers)
            #expect(try await service.round(code: "R1", actor: "tester").seed == R.seed)
            let preview = await caught { try await service.preview(code: "R1", seed: R.seed, actor: "tester") } as? ServiceError
            #expect(preview?.refusedMessage?.contains("already committed") == true)
        }
    }

    @Test func offersDatedBeforeTheRoundAndRoundsWithoutStockAreRefused() async throws {
        // An offer dated years back would expire before anyone could accept it.
        try await Self.withDraft { (store: Store, service: HousingRoundService) async throws in
            let audits = try await F.auditCount(store)
            let early = await caught {
                try await service.commit(code: "R1", seed: R.seed, on: H.day("2020-01-01"), actor: F.actor)
            } as? ServiceError
            #expect(early?.refusedMessage?.contains("drawn as of 2026-11-20; its offers cannot be made on 2020-01-01") == true)
            #expect(try await service.round(code: "R1", actor: "tester").status == .draft)
            #expect(try await H.count(store, "housing_offers") == 0)
            #expect(try await F.auditCount(store) == audits)

            // Every unit of the round goes into maintenance after it was created: nothing left to draw.
            try await store.write { session in
                try await session.execute(sql: "UPDATE housing_units SET status = 'maintenance' WHERE status = 'available'")
            }
            let offers = try await H.count(store, "housing_offers")
            let empty = await caught {
                try await service.commit(code: "R1", seed: R.seed, on: R.committedOn, actor: F.actor)
            } as? ServiceError
            #expect(empty?.refusedMessage?.contains("has no available unit left") == true)
            #expect(try await service.round(code: "R1", actor: "tester").status == .draft)
            #expect(try await H.count(store, "housing_offers") == offers)
        }
    }

    @Test func theOutcomeRowsCannotBeChangedWithoutBypassingTriggers() async throws {
        try await Self.withDraft { (store: Store, service: HousingRoundService) async throws in
            _ = try await service.commit(code: "R1", seed: R.seed, on: R.committedOn, actor: F.actor)
            let update = await PracticeFixture.sqlError(store, "UPDATE housing_round_entries SET score = 0")
            #expect("\(String(describing: update))".contains("immutable"))
            #expect(await PracticeFixture.sqlError(store, "DELETE FROM housing_round_entries") != nil)
        }
    }

    @Test func verifyDetectsATamperedOutcome() async throws {
        try await Self.withDraft { (store: Store, service: HousingRoundService) async throws in
            let outcome = try await service.commit(code: "R1", seed: R.seed, on: R.committedOn, actor: F.actor)
            let first = try #require(outcome.ranked.first)
            let waiting = try #require(outcome.ranked.first { $0.category == nil })
            try await Self.tamper(store, [
                "UPDATE housing_round_entries SET allocated_category = NULL WHERE position = 1",
                "UPDATE housing_round_entries SET allocated_category = 'studio' WHERE position = \(waiting.position)",
                "UPDATE housing_round_entries SET lottery_key = repeat('0', 64) WHERE position = 2",
            ])
            let report = try await service.verify(code: "R1", actor: "tester")
            #expect(!report.confirmed)
            let text = report.discrepancies.joined(separator: "\n")
            #expect(text.contains("\(first.application).allocation: stored null, recomputed '1BR'"), "\(text)")
            #expect(text.contains("\(waiting.application).allocation: stored 'studio', recomputed null"), "\(text)")
            #expect(text.contains("\(outcome.ranked[1].application).lottery_key"), "\(text)")
            // The offers no longer match the tampered rows either.
            #expect(text.contains("\(first.application): allocated nothing, but holds round offer"), "\(text)")
            #expect(text.contains("\(waiting.application): allocated studio, but has 0 round offers"), "\(text)")
        }
    }

    @Test func verifyDetectsATamperedInputDocument() async throws {
        try await Self.withDraft { (store: Store, service: HousingRoundService) async throws in
            _ = try await service.commit(code: "R1", seed: R.seed, on: R.committedOn, actor: F.actor)
            try await Self.tamper(store, [#"UPDATE housing_rounds SET input_json = replace(input_json, '"score":38', '"score":99')"#])
            let report = try await service.verify(code: "R1", actor: "tester")
            #expect(!report.confirmed)
            #expect(report.discrepancies.first?.hasPrefix("input_sha256: stored") == true, "\(report.discrepancies)")
            #expect(report.discrepancies.contains { $0.contains(".score: stored 38, input 99") }, "\(report.discrepancies)")
        }
    }

    @Test func verifyDetectsAnOfferOfTheWrongUnit() async throws {
        try await Self.withDraft { (store: Store, service: HousingRoundService) async throws in
            let outcome = try await service.commit(code: "R1", seed: R.seed, on: R.committedOn, actor: F.actor)
            let first = try #require(outcome.ranked.first)
            try await Self.tamper(store, [
                "UPDATE housing_offers SET unit_id = (SELECT id FROM housing_units WHERE code = 'B-305') WHERE category = '1BR' AND unit_id = (SELECT id FROM housing_units WHERE code = '\(first.unit ?? "")')",
            ])
            let report = try await service.verify(code: "R1", actor: "tester")
            #expect(report.discrepancies.contains { $0.contains("\(first.application): allocated 1BR, but offer") && $0.contains("B-305, a 2BR") },
                    "\(report.discrepancies)")
        }
    }

    @Test func aFailureInTheMiddleOfACommitLeavesNothingWritten() async throws {
        try await Self.withDraft { (store: Store, service: HousingRoundService) async throws in
            try await store.write { session in
                try await session.execute(sql: """
                    CREATE FUNCTION test_refuse_offer() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'test: the offers table refuses rows'; END $$
                    """)
                try await session.execute(sql: """
                    CREATE TRIGGER test_refuse_offer BEFORE INSERT ON housing_offers FOR EACH ROW EXECUTE FUNCTION test_refuse_offer()
                    """)
            }
            let audits = try await F.auditCount(store)
            let failure = await caught { try await service.commit(code: "R1", seed: R.seed, on: R.committedOn, actor: F.actor) }
            #expect("\(String(describing: failure))".contains("refuses rows"))
            let round = try await service.round(code: "R1", actor: "tester")
            #expect(round.status == .draft)
            #expect(round.seed == nil)
            #expect(try await H.count(store, "housing_round_entries") == 0)
            #expect(try await H.count(store, "housing_offers") == 0)
            #expect(try await PracticeFixture.scalar(store, "SELECT count(*) AS n FROM housing_units WHERE status <> 'available'") == 0)
            #expect(try await PracticeFixture.scalar(store, "SELECT count(*) AS n FROM housing_applications WHERE status <> 'open'") == 0)
            #expect(try await F.auditCount(store) == audits)

            try await store.write { try await $0.execute(sql: "DROP TRIGGER test_refuse_offer ON housing_offers") }
            let outcome = try await service.commit(code: "R1", seed: R.seed, on: R.committedOn, actor: F.actor)
            #expect(outcome.offered == 4)
            #expect(try await service.verify(code: "R1", actor: "tester").confirmed)
        }
    }

    @Test func concurrentCommitsOfOneRoundLetExactlyOneThrough() async throws {
        try await Self.withDraft { (store: Store, service: HousingRoundService) async throws in
            let results = await withTaskGroup(of: Result<String, ServiceError>.self) { group in
                for n in 0..<8 {
                    group.addTask {
                        do throws(ServiceError) {
                            let outcome = try await service.commit(code: "R1", seed: "seed-\(n)", on: R.committedOn, actor: .localOperator("task-\(n)"))
                            return .success(outcome.seed)
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                var all: [Result<String, ServiceError>] = []
                for await result in group { all.append(result) }
                return all
            }
            let winners = results.compactMap { try? $0.get() }
            #expect(winners.count == 1)
            for case let .failure(error) in results {
                #expect(error.duplicateMessage?.contains("already committed") == true, "\(error)")
            }
            let round = try await service.round(code: "R1", actor: "tester")
            #expect(round.seed == winners.first)
            #expect(try await H.count(store, "housing_offers") == 4)
            #expect(try await PracticeFixture.scalar(
                store, "SELECT count(*) AS n FROM (SELECT unit_id FROM housing_offers GROUP BY unit_id HAVING count(*) > 1) x") == 0)
            #expect(try await service.verify(code: "R1", actor: "tester").confirmed)
        }
    }

    @Test func twoRoundsSharingUnitsAndApplicationsCommittedAtOnceNeverOfferTwice() async throws {
        try await H.withHousing { (store: Store) async throws in
            _ = try await R.applications(store)
            _ = try await R.create(store, code: "R1", buildings: [H.buildingB])
            _ = try await R.create(store, code: "R2", buildings: [H.buildingA, H.buildingB])
            let service = HousingRoundService(store: store)
            let outcomes = await withTaskGroup(of: HousingRoundOutcome?.self) { group in
                for code in ["R1", "R2"] {
                    group.addTask { try? await service.commit(code: code, seed: R.seed, on: R.committedOn, actor: F.actor) }
                }
                var all: [HousingRoundOutcome] = []
                for await case let outcome? in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.count == 2)
            // Whoever committed second found the first one's applicants offered and left them out.
            #expect(outcomes.map(\.offered).reduce(0, +) == 5)
            #expect(try await H.count(store, "housing_offers") == 5)
            #expect(try await PracticeFixture.scalar(
                store, "SELECT count(*) AS n FROM (SELECT unit_id FROM housing_offers GROUP BY unit_id HAVING count(*) > 1) x") == 0)
            #expect(try await PracticeFixture.scalar(
                store, "SELECT count(*) AS n FROM (SELECT application_id FROM housing_offers GROUP BY application_id HAVING count(*) > 1) x") == 0)
            #expect(try await service.verify(code: "R1", actor: "tester").confirmed)
            #expect(try await service.verify(code: "R2", actor: "tester").confirmed)
        }
    }
}
