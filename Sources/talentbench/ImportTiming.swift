import Foundation
import TalentServices

/// One timed import, split into phases by the times of the service's progress events: the first
/// "validating" event comes once the file is read, decoded and parsed; the last one when every row
/// is validated; the first "writing" event after the database checks and the first COPY chunk.
struct ImportTiming: Sendable {
    struct Phase: Sendable {
        var name: String
        var seconds: Double
    }

    var total: Double
    var phases: [Phase]

    static func measure(_ service: TalentImportService, file: String, rows: Int) async throws -> ImportTiming {
        let clock = ContinuousClock()
        let marks = Marks(clock.now)
        let report = try await service.importFile(
            at: file, options: .init(writeErrorReport: false), actor: .localOperator("bench")
        ) { phase, done, total in
            marks.record(phase: phase, done: done, total: total, at: clock.now)
        }
        let end = clock.now
        guard report.added == rows else {
            throw BenchFailure("the import added \(report.added) of \(rows) rows: \(report.summary)")
        }
        return marks.timing(end: end)
    }

    /// The first time each milestone was reached.
    final class Marks: @unchecked Sendable {
        private let lock = NSLock()
        private let start: ContinuousClock.Instant
        private var parsed: ContinuousClock.Instant?
        private var validated: ContinuousClock.Instant?
        private var firstChunk: ContinuousClock.Instant?

        init(_ start: ContinuousClock.Instant) { self.start = start }

        func record(phase: String, done: Int, total: Int, at now: ContinuousClock.Instant) {
            lock.lock()
            defer { lock.unlock() }
            switch phase {
            case "validating":
                if parsed == nil { parsed = now }
                if done == total { validated = now }
            case "writing":
                if firstChunk == nil { firstChunk = now }
            default: break
            }
        }

        func timing(end: ContinuousClock.Instant) -> ImportTiming {
            lock.lock()
            defer { lock.unlock() }
            let parsed = parsed ?? start, validated = validated ?? parsed, firstChunk = firstChunk ?? validated
            return ImportTiming(total: (end - start).seconds, phases: [
                Phase(name: "read file, decode UTF-8, parse CSV", seconds: (parsed - start).seconds),
                Phase(name: "validate rows (identity, names, terms, dates)", seconds: (validated - parsed).seconds),
                Phase(name: "database checks, batch row, first COPY chunk", seconds: (firstChunk - validated).seconds),
                Phase(name: "rest of COPY, audit, commit", seconds: (end - firstChunk).seconds),
            ])
        }
    }
}
