import Foundation

/// The figures of ``ImportBenchmark``, as tables.
struct ImportReport {
    var rows: Int
    var runs: Int
    var csvBytes: Int
    var ours: [ImportTiming]
    var bare: [Double]
    var schema: [Double]

    func result() -> BenchResult {
        let best = ours.min { $0.total < $1.total }!
        let bestBare = bare.min()!, bestSchema = schema.min()!
        var result = BenchResult()
        result.line(String(format: "%d generated valid talents, %.1f MB CSV (UTF-8 with BOM); best of %d runs each.\n",
                           rows, Double(csvBytes) / 1e6, runs))
        func row(_ label: String, _ seconds: Double, _ all: [Double]) -> [String] {
            [label, Figure.seconds(seconds), Figure.rate(rows, seconds), String(format: "%.2f×", seconds / bestBare),
             all.map { String(format: "%.3f", $0) }.joined(separator: " ")]
        }
        result.table(["", "best", "rows/s", "vs (b)", "all runs (s)"], [
            row("(a) TalentImportService.importFile", best.total, ours.map(\.total)),
            row("(b) psql \\copy CSV into a bare text table", bestBare, bare),
            row("(c) psql \\copy of (a)'s rows into talents", bestSchema, schema),
        ], rightAligned: [1, 2, 3])
        result.line(String(format: "\nratio ours / raw COPY (a)/(b): %.2f× (goal: within 1.5×)", best.total / bestBare))
        result.line(String(format: "ratio ours / COPY into the real table (a)/(c): %.2f×\n", best.total / bestSchema))
        result.line("Where the import's time goes (best run; phases from the service's progress events):")
        result.table(["phase", "time", "share"], best.phases.map {
            [$0.name, Figure.seconds($0.seconds), Figure.share($0.seconds, of: best.total)]
        }, rightAligned: [1, 2])
        return result
    }
}
