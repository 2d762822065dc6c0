import Foundation
import TalentText

/// One benchmark of `talentbench` (import, later allocation, matching, rosters): it measures and
/// returns figures; the runner prints them. Add a section by conforming and listing it in main.swift.
protocol BenchSection: Sendable {
    /// Short name for `--only`.
    var name: String { get }
    var title: String { get }
    /// Whether the section needs the throwaway PostgreSQL cluster.
    var needsDatabase: Bool { get }
    func run(_ context: BenchContext) async throws -> BenchResult
}

/// What every section gets: the options and, when needed, the throwaway cluster.
struct BenchContext: Sendable {
    var options: BenchOptions
    var cluster: BenchCluster?

    func requireCluster() throws -> BenchCluster {
        guard let cluster else { throw BenchFailure("this section needs the PostgreSQL cluster, which was not started") }
        return cluster
    }

    /// A progress line on stderr.
    func note(_ text: String) {
        FileHandle.standardError.write(Data(("  " + text + "\n").utf8))
    }
}

/// A section's figures: tables and lines, printed in order.
struct BenchResult: Sendable {
    enum Block: Sendable {
        case table(TextTable)
        case line(String)
    }

    var blocks: [Block] = []

    mutating func table(_ headers: [String], _ rows: [[String]], rightAligned: Set<Int> = []) {
        var table = TextTable(headers: headers, rightAligned: rightAligned)
        rows.forEach { table.append($0) }
        blocks.append(.table(table))
    }

    mutating func line(_ text: String) {
        blocks.append(.line(text))
    }

    func render() -> String {
        blocks.map {
            switch $0 {
            case let .table(table): table.render()
            case let .line(text): text
            }
        }.joined(separator: "\n")
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `--rows N`, `--runs N`, `--only NAME`, and for result day `--sessions N`, `--seconds N`.
struct BenchOptions: Sendable {
    var rows = 100_000
    var runs = 3
    var only: String?
    /// Result day: how many applicants sign in (each sign-in is a cost-12 bcrypt check).
    var sessions = 256
    /// Result day: how long each load runs.
    var seconds = 20

    static let usage = "usage: talentbench [--rows N] [--runs N] [--only SECTION] [--sessions N] [--seconds N]"

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            if flag == "--help" || flag == "-h" { throw BenchFailure(Self.usage) }
            guard let value = rest.popFirst() else { throw BenchFailure("\(flag) needs a value; \(Self.usage)") }
            switch flag {
            case "--rows": rows = try Self.positive(value, flag)
            case "--runs": runs = try Self.positive(value, flag)
            case "--only": only = value
            case "--sessions": sessions = try Self.positive(value, flag)
            case "--seconds": seconds = try Self.positive(value, flag)
            default: throw BenchFailure("unknown option \(flag); \(Self.usage)")
            }
        }
    }

    private static func positive(_ text: String, _ flag: String) throws -> Int {
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")), value > 0 else {
            throw BenchFailure("\(flag) must be a positive whole number, not \(text)")
        }
        return value
    }
}

/// Seconds of a duration, for arithmetic.
extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}

/// Formatting for figures.
enum Figure {
    static func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }
    static func rate(_ rows: Int, _ seconds: Double) -> String {
        seconds > 0 ? String(format: "%.0f rows/s", Double(rows) / seconds) : "–"
    }
    static func share(_ part: Double, of whole: Double) -> String {
        whole > 0 ? String(format: "%.0f%%", 100 * part / whole) : "–"
    }
}
