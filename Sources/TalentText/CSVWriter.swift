import Foundation

/// Writes CSV that Excel (including Chinese Excel) opens correctly and ``CSVReader`` reads back.
///
/// Fields are quoted when they contain a comma, quote, CR or LF, or start or end with a space or tab.
public enum CSVWriter {
    /// A whole document: UTF-8 with a byte-order mark (so Excel does not guess GBK), CRLF line ends.
    public static func excelDocument(header: [String], rows: [[String]]) -> Data {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes.reserveCapacity(64 * (rows.count + 1))
        append(header, to: &bytes)
        for row in rows { append(row, to: &bytes) }
        return Data(bytes)
    }

    /// One CRLF-terminated line.
    public static func line(_ fields: [String]) -> String {
        var bytes: [UInt8] = []
        append(fields, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func append(_ fields: [String], to bytes: inout [UInt8]) {
        // A lone empty field would make a blank line, which readers skip.
        if fields.count == 1, fields[0].isEmpty {
            bytes.append(contentsOf: [0x22, 0x22, 0x0D, 0x0A])
            return
        }
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            let utf8 = field.utf8
            if needsQuotes(utf8) {
                bytes.append(UInt8(ascii: "\""))
                for byte in utf8 {
                    if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                    bytes.append(byte)
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    static func needsQuotes(_ utf8: String.UTF8View) -> Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 { return true }
        return utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
    }
}
