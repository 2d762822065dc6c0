import Foundation
import TalentServices
import TalentStore

/// (a) `TalentImportService.importFile` of N generated valid talents into a freshly migrated
/// database, against (b) `psql \copy` of the same CSV file into a bare table of text columns, and
/// (c) `psql \copy` of the rows the import sent, replayed into `talents` of a fresh database (every
/// constraint, index and foreign key in force). Best of `runs` each; employers are added first, untimed.
struct ImportBenchmark: BenchSection {
    let name = "import"
    let title = "Talent import vs raw COPY"
    let needsDatabase = true

    func run(_ context: BenchContext) async throws -> BenchResult {
        let cluster = try context.requireCluster()
        let rows = context.options.rows, runs = context.options.runs
        let psql = try Psql.locate()
        let clock = ContinuousClock()

        let started = clock.now
        let data = DemoDataSet(seed: DemoDataSet.defaultSeed, talentCount: rows)
        let csv = data.csvDocument()
        let file = cluster.folder + "-talents-\(rows).csv", replay = cluster.folder + "-talents-\(rows).copy"
        try csv.write(to: URL(fileURLWithPath: file))
        defer {
            try? FileManager.default.removeItem(atPath: file)
            try? FileManager.default.removeItem(atPath: replay)
        }
        context.note(String(format: "generated %d talents, %.1f MB CSV in %.1f s", rows, Double(csv.count) / 1e6,
                            (clock.now - started).seconds))

        var ours: [ImportTiming] = []
        for run in 1...runs {
            let database = "bench_import_\(run)"
            let timing = try await Store.withStore(try await cluster.freshDatabase(database)) { store in
                try await addEmployers(data, store)
                return try await ImportTiming.measure(TalentImportService(store: store), file: file, rows: rows)
            }
            if run == 1 {
                try psql.run(cluster: cluster, database: database, command: CopyBaseline.psqlExportTalentsCommand(to: replay))
            }
            try await DatabaseTarget.dropDatabaseIfExists(database, on: cluster.admin)
            context.note(String(format: "import run %d: %.3f s", run, timing.total))
            ours.append(timing)
        }

        var bare: [Double] = []
        for run in 1...runs {
            let settings = try await cluster.bareDatabase("bench_bare")
            try await Store.withStore(settings) { store in
                try await store.read { try await $0.createBareTextTable("bare_talents", columns: TalentImportHeader.columns) }
            }
            let seconds = try psql.timed(cluster: cluster, database: "bench_bare",
                                         command: try CopyBaseline.psqlCopyCommand(table: "bare_talents", csvFile: file))
            try await expectRows(rows, in: "bare_talents", settings)
            context.note(String(format: "psql \\copy into a bare table, run %d: %.3f s", run, seconds))
            bare.append(seconds)
        }

        var schema: [Double] = []
        for run in 1...runs {
            let settings = try await cluster.freshDatabase("bench_schema")
            try await Store.withStore(settings) { store in
                try await addEmployers(data, store)
                _ = try await store.write { session in
                    try await session.insertImportBatch(NewImportBatch(
                        kind: "talents", fileName: "replay", fileSHA256: String(repeating: "0", count: 64), encoding: "utf-8",
                        rowsTotal: rows, rowsAdded: rows, rowsSkipped: 0, actor: "cli:bench"))
                }
            }
            let seconds = try psql.timed(cluster: cluster, database: "bench_schema",
                                         command: CopyBaseline.psqlImportTalentsCommand(from: replay))
            try await expectRows(rows, in: "talents", settings)
            context.note(String(format: "psql \\copy into talents, run %d: %.3f s", run, seconds))
            schema.append(seconds)
        }
        try await DatabaseTarget.dropDatabaseIfExists("bench_schema", on: cluster.admin)
        return ImportReport(rows: rows, runs: runs, csvBytes: csv.count, ours: ours, bare: bare, schema: schema).result()
    }

    /// The data set's organisations, one by one through the registry (as an office would).
    private func addEmployers(_ data: DemoDataSet, _ store: Store) async throws {
        let registry = RegistryService(store: store)
        for organisation in data.organisations {
            _ = try await registry.addOrganisation(organisation, actor: .localOperator("bench"))
        }
    }

    private func expectRows(_ rows: Int, in table: String, _ settings: ConnectionSettings) async throws {
        let copied = try await Store.withStore(settings) { store in
            try await store.read { try await $0.rowCount(of: table) }
        }
        guard copied == rows else { throw BenchFailure("psql \\copy left \(copied) rows in \(table), expected \(rows)") }
    }
}
