import Foundation
import Testing
import TalentDomain
import TalentRules
import TalentServices
@testable import TalentStore
import TestSupport

/// A round of a few thousand applications seeded in SQL: the bulk paths (unnest inserts, locks, the
/// facts query) give a round that verifies and exports cleanly, every unit offered at most once.
@Suite("Housing rounds at scale")
struct HousingRoundScaleTests {
    typealias F = RegistryFixture

    /// `applications` certified talents of classes 4–6 across 50 in-zone employers, `units` units
    /// (studio, 1BR, 2BR in turn) in two buildings, one open application each.
    static func seed(_ store: Store, applications: Int, units: Int) async throws {
        try await store.write { session in
            for sql in [
                """
                INSERT INTO organisations (credit_code, checksum_valid, override_reason, name, kind, industry_chain, in_zone)
                SELECT '91520000' || lpad(g::text, 10, '0'), false, 'scale test', '企业' || g, 'enterprise',
                       CASE WHEN g % 2 = 0 THEN 'microelectronics' ELSE 'other' END, true
                FROM generate_series(1, 50) g
                """,
                """
                INSERT INTO talents (name, id_number, employer_id, degree, contract_start, contract_end, insurance_since)
                SELECT '人才' || g, lpad(g::text, 18, '0'), (SELECT id FROM organisations ORDER BY id OFFSET g % 50 LIMIT 1),
                       (ARRAY['doctorate', 'master', 'bachelor'])[1 + g % 3], '2024-01-01', '2030-12-31',
                       make_date(2020 + g % 6, 1 + g % 12, 1)
                FROM generate_series(1, \(applications)) g
                """,
                """
                INSERT INTO certifications (talent_id, status, requested_class, talent_class, applied_on, valid_from, valid_until)
                SELECT id, 'certified', 4 + id % 3, 4 + id % 3, '2026-01-05', '2026-01-15', '2032-01-14' FROM talents
                """,
                "INSERT INTO housing_projects (code, name) VALUES ('ZG', '智谷人才小镇')",
                """
                INSERT INTO housing_buildings (project_id, code, name, benchmark_fen_per_m2)
                SELECT p.id, b, b, 3200 FROM housing_projects p, unnest(ARRAY['ZG-1', 'ZG-2']) b
                """,
                """
                INSERT INTO housing_units (code, building_id, floor, category, area_hundredths)
                SELECT 'U-' || lpad(g::text, 6, '0'), (SELECT id FROM housing_buildings WHERE code = 'ZG-' || (1 + g % 2)),
                       1 + g % 30, (ARRAY['studio', '1BR', '2BR'])[1 + g % 3], 4000
                FROM generate_series(1, \(units)) g
                """,
                """
                INSERT INTO housing_applications (number, talent_id, submitted_by, household_size, household, preferences,
                                                  applied_on, policy_version)
                SELECT 'HA-2026-' || lpad(id::text, 5, '0'), id, 'talent', 1 + id % 2,
                       CASE WHEN id % 2 = 0 THEN '[]'::jsonb ELSE '[{"name": "林静", "relation": "spouse"}]'::jsonb END,
                       CASE WHEN id % 2 = 0 THEN ARRAY['1BR', 'studio'] ELSE ARRAY['2BR', '1BR', 'studio'] END,
                       make_date(2026, (1 + id % 10)::int, 1), 'gz-talent-town-2026.1'
                FROM talents
                """,
            ] {
                try await session.execute(sql: sql)
            }
        }
    }

    @Test func aRoundOfThousandsCommitsVerifiesAndExports() async throws {
        let applications = Int(ProcessInfo.processInfo.environment["HOUSING_SCALE_APPLICATIONS"] ?? "") ?? 3_000
        let units = Int(ProcessInfo.processInfo.environment["HOUSING_SCALE_UNITS"] ?? "") ?? 600
        try await F.withStore { (store: Store) async throws in
            try await Self.seed(store, applications: applications, units: units)
            // No per-employer cap, so every unit finds a taker and the count below is exact.
            _ = try await PolicyService(store: store).load(
                data: PolicyServiceTests.policy("gz-scale", ["  per_employer_cap: 5": "  per_employer_cap: null"]), actor: F.actor)
            let service = HousingRoundService(store: store)
            let clock = ContinuousClock()
            var started = clock.now
            _ = try await service.create(HousingRoundInput(code: "BIG", name: "大轮", asOf: CalendarDate("2026-11-20")!), actor: F.actor)
            let created = clock.now - started
            started = clock.now
            let preview = try await service.preview(code: "BIG", seed: "20261126", actor: "tester")
            let previewed = clock.now - started
            started = clock.now
            let outcome = try await service.commit(code: "BIG", seed: "20261126", on: CalendarDate("2026-11-26")!, actor: F.actor)
            let committed = clock.now - started
            started = clock.now
            let report = try await service.verify(code: "BIG", actor: "tester")
            let verified = clock.now - started
            print("scale \(applications)/\(units): create \(created), preview \(previewed), commit \(committed), verify \(verified)")

            #expect(outcome.ranked == preview.ranked)
            #expect(outcome.ranked.count + outcome.excluded.count == applications)
            #expect(outcome.offered == min(units, outcome.ranked.count))
            #expect(report.confirmed, "\(report.discrepancies.prefix(5))")
            #expect(try await PracticeFixture.scalar(store, "SELECT count(*) AS n FROM housing_offers") == Int64(outcome.offered))
            #expect(try await PracticeFixture.scalar(
                store, "SELECT count(*) AS n FROM (SELECT unit_id FROM housing_offers GROUP BY unit_id HAVING count(*) > 1) x") == 0)
            #expect(AllocationVerification.verify(try await service.export(code: "BIG", actor: "tester")).isEmpty)
        }
    }
}
