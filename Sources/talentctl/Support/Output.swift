import Foundation
import TalentText

/// Writes tables and JSON to stdout.
enum Output {
    static func json<T: Encodable>(_ value: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(value) else { return }
        Terminal.out(data + Data("\n".utf8))
    }

    static func table(_ headers: [String], _ rows: [[String]], rightAligned: Set<Int> = []) {
        var table = TextTable(headers: headers, rightAligned: rightAligned)
        rows.forEach { table.append($0) }
        line(table.render())
    }

    /// Label: value lines, labels padded by display width.
    static func fields(_ pairs: [(String, String)]) {
        let width = pairs.map { DisplayWidth.of($0.0) }.max() ?? 0
        for (label, value) in pairs {
            line(DisplayWidth.pad(label, to: width) + "  " + value)
        }
    }

    static func line(_ text: String, terminator: String = "\n") {
        Terminal.out(text + terminator)
    }

    static func note(_ text: String) {
        Terminal.err(text + "\n")
    }

    /// "1 unit", "2 units": the count with the noun in the right number (`plural` when not just + "s").
    static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
    }
}
