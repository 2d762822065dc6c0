import Foundation
import TalentRules
import TalentServices
import TalentStore

/// The 50,000-application round of the housing benchmarks (the round itself and result day), created
/// and not yet committed.
///
/// The demo's organisations and 50,000 generated talents imported through the
/// talent import (COPY); then, in bulk SQL through psql because running 250,000 certification steps
/// and 50,000 single submissions through the services would take many minutes of setup: a certification
/// in force per talent (class from degree and title), 10,000 units in 20 buildings and one open
/// application per talent with preferences within the entitlement. The policy is the default one with
/// the per-employer cap raised to 200 (185 employers × 5 would cap the round at 925 offers). The setup
/// ends with `ANALYZE`, as autovacuum would have done on a live database after such a load.
enum HousingRoundFixture {
    static let applications = 50_000
    static let units = 10_000
    static let round = "BENCH-R1"
    static let seed = "20261126"
    static let asOf = CalendarDate(year: 2026, month: 11, day: 1)!

    /// Loads everything into the fresh `database` and creates the round (not committed).
    static func load(_ store: Store, cluster: BenchCluster, database: String) async throws {
        try await register(DemoDataSet(talentCount: applications), store)
        let policy = DefaultPolicy.yaml
            .replacingOccurrences(of: "version: gz-talent-town-2026.1", with: "version: bench-2026.1")
            .replacingOccurrences(of: "per_employer_cap: 5", with: "per_employer_cap: 200")
        _ = try await PolicyService(store: store).load(data: Data(policy.utf8), file: "bench.yaml", actor: .localOperator("bench"))
        try Psql.locate().run(cluster: cluster, database: database, command: setupSQL)
        try await HousingRoundService(store: store).create(
            HousingRoundInput(code: round, name: "基准轮次", asOf: asOf), actor: .localOperator("bench"))
    }

    private static func register(_ data: DemoDataSet, _ store: Store) async throws {
        let registry = RegistryService(store: store)
        for organisation in data.organisations { _ = try await registry.addOrganisation(organisation, actor: .localOperator("bench")) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bench-housing-talents-\(UUID().uuidString).csv")
        try data.csvDocument().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try await TalentImportService(store: store).importFile(
            at: file.path, options: .init(writeErrorReport: false), actor: .localOperator("bench"))
    }

    /// Certifications, units and applications in bulk (see the type's comment for why SQL).
    static let setupSQL = """
        BEGIN;
        INSERT INTO certifications (talent_id, status, talent_class, applied_on, valid_from, valid_until)
        SELECT id, 'certified',
               CASE WHEN degree = 'doctorate' OR title = 'full-senior' THEN 4
                    WHEN degree = 'master' OR title = 'associate-senior' THEN 5 ELSE 6 END,
               DATE '2025-01-02', DATE '2025-02-01', DATE '2031-01-31'
        FROM talents;
        INSERT INTO housing_projects (code, name) VALUES ('BENCH', '基准人才公寓');
        INSERT INTO housing_buildings (project_id, code, name, benchmark_fen_per_m2)
        SELECT p.id, 'B-' || b, '基准公寓 ' || b || ' 栋', 3000 + 10 * b FROM housing_projects p, generate_series(1, 20) b;
        INSERT INTO housing_units (code, building_id, floor, category, area_hundredths)
        SELECT 'U-' || lpad(n::text, 5, '0'), bld.id, 2 + (n / 20) % 30, u.category,
               CASE u.category WHEN 'studio' THEN 3500 WHEN '1BR' THEN 5200 WHEN '2BR' THEN 8000 ELSE 10500 END
        FROM generate_series(0, 9999) n
        CROSS JOIN LATERAL (SELECT (ARRAY['studio','studio','studio','1BR','1BR','1BR','1BR','2BR','2BR','3BR'])[1 + n % 10]
                            AS category) u
        JOIN housing_buildings bld ON bld.code = 'B-' || (1 + n % 20);
        INSERT INTO housing_applications (number, talent_id, submitted_by, household_size, household, preferences,
                                          applied_on, policy_version)
        SELECT 'HA-2026-' || lpad(row_number() OVER (ORDER BY t.id)::text, 5, '0'), t.id, 'talent', s.size,
               (SELECT coalesce(jsonb_agg(jsonb_build_object('name', '家属', 'relation', 'child')), '[]'::jsonb)
                FROM generate_series(1, s.size - 1)),
               CASE WHEN c.talent_class = 6 THEN (CASE WHEN s.size <= 2 THEN ARRAY['1BR','studio'] ELSE ARRAY['1BR'] END)
                    WHEN s.size = 1 THEN ARRAY['1BR','studio']
                    WHEN s.size = 2 THEN ARRAY['2BR','1BR','studio']
                    WHEN s.size = 3 THEN ARRAY['2BR','1BR']
                    ELSE ARRAY['2BR']
               END,
               DATE '2026-01-01' + (t.id % 300)::int, 'bench-2026.1'
        FROM talents t
        JOIN certifications c ON c.talent_id = t.id AND c.status = 'certified'
        CROSS JOIN LATERAL (SELECT CASE WHEN c.talent_class = 6 THEN 1 + (t.id % 3)::int ELSE 1 + (t.id % 4)::int END AS size) s
        ORDER BY t.id
        LIMIT \(applications);
        COMMIT;
        ANALYZE;
        """
}
