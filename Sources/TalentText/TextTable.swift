/// A plain-text table for the terminal whose columns line up by display width, so Chinese names
/// (2 columns per character) align with Latin text.
///
/// ```
/// 姓名    学历  人数
/// ──────  ────  ────
/// 王小明  博士     3
/// ```
public struct TextTable: Sendable {
    public let headers: [String]
    /// Indexes of columns aligned to the right (numbers).
    public let rightAligned: Set<Int>
    public private(set) var rows: [[String]] = []

    public init(headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    /// Adds a row; missing cells are empty, line breaks and tabs inside cells become spaces.
    public mutating func append(_ row: [String]) {
        rows.append(row.map(Self.singleLine))
    }

    /// The header, a rule of `─` under each column, then the rows; columns separated by two spaces,
    /// no trailing spaces, lines joined by `\n` without a final newline.
    public func render() -> String {
        let columnCount = max(headers.count, rows.map(\.count).max() ?? 0)
        var widths = [Int](repeating: 0, count: columnCount)
        let header = headers.map(Self.singleLine)
        for row in [header] + rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(cell)) }
        }
        var lines = [format(header, widths)]
        lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        for row in rows { lines.append(format(row, widths)) }
        return lines.joined(separator: "\n")
    }

    func format(_ row: [String], _ widths: [Int]) -> String {
        var cells: [String] = []
        for (index, width) in widths.enumerated() {
            let cell = index < row.count ? row[index] : ""
            cells.append(DisplayWidth.pad(cell, to: width, alignRight: rightAligned.contains(index)))
        }
        var line = cells.joined(separator: "  ")
        while line.last == " " { line.removeLast() }
        return line
    }

    static func singleLine(_ cell: String) -> String {
        guard cell.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return cell }
        return String(cell.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\t" ? " " : $0 })
    }
}
