import ArgumentParser
import Foundation
import TalentServices
import TalentText

extension TalentCommand {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import talents from a CSV file: all rows validated first, then all or nothing.",
            discussion: """
                The first row names the columns (any order; optional ones may be absent):
                  \(TalentImportHeader.columns.joined(separator: ", "))
                Encoding: UTF-8 with or without BOM, or GB18030/GBK as saved by Chinese Excel (detected, or
                chosen with --encoding). Any bad row means nothing is written; every bad row is listed on screen
                and in FILE.errors.csv. Importing the same file again adds nothing. See Docs/talents-example.csv.

                Example:
                  talentctl talent import talents.csv
                  talentctl talent import 人才名单.csv --encoding gb18030 --skip-invalid
                """)

        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var importOptions: CSVImportOptions
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await importOptions.run(json: output.json, summary: \.summary) { zone, options, progress in
                try await zone.talentImport.importFile(at: file, options: options, actor: actor.resolved, progress: progress)
            }
        }
    }
}

/// One progress bar per phase, shown only on a terminal.
final class ProgressBox: @unchecked Sendable {
    private let lock = NSLock()
    private var phase = ""
    private var bar: ProgressBar?

    func update(phase: String, done: Int, total: Int) {
        lock.lock()
        defer { lock.unlock() }
        if phase != self.phase {
            bar?.finish()
            bar = ProgressBar(title: phase, total: total)
            self.phase = phase
        }
        bar?.advance(to: done)
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        bar?.finish()
        bar = nil
    }
}

/// `--skip-invalid` and `--encoding` of the row-by-row CSV imports (talents, housing units), and how
/// they run: a progress bar per phase, then the report (``Failure/finishImport(_:json:summary:)``).
struct CSVImportOptions: ParsableArguments {
    @Flag(help: "Import the valid rows and report the invalid ones instead of importing nothing.") var skipInvalid = false
    @Option(help: "auto | utf-8 | gb18030 (gbk and gb2312 are read as gb18030).") var encoding: String = "auto"

    func resolved() throws -> TalentImportService.Options {
        .init(encoding: try SourceEncoding.option(encoding), skipInvalid: skipInvalid)
    }

    func run<Report: Encodable & ImportOutcome & Sendable>(
        json: Bool, summary: @escaping @Sendable (Report) -> String,
        _ body: @escaping (TalentZone, TalentImportService.Options, @escaping TalentImportService.Progress) async throws -> Report
    ) async throws {
        let options = try resolved()
        try await Command.run { zone in
            let bar = ProgressBox()
            let report = try await body(zone, options) { phase, done, total in bar.update(phase: phase, done: done, total: total) }
            bar.finish()
            try Failure.finishImport(report, json: json, summary: summary(report))
        }
    }
}

extension SourceEncoding {
    /// The value of an `--encoding` option, or a usage error naming the allowed ones.
    static func option(_ text: String) throws -> SourceEncoding {
        guard let encoding = parse(text) else { throw UsageError("--encoding must be auto, utf-8 or gb18030 (not \(text))") }
        return encoding
    }
}
