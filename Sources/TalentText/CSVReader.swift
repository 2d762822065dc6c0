/// Reads CSV (RFC 4180) text into records, working on UTF-8 bytes.
///
/// Accepts CRLF, LF or lone CR line ends; quoted fields may contain the delimiter, `""` for a quote,
/// and line breaks. Empty and whitespace-only lines are skipped but still counted, so record line
/// numbers match what an editor shows. A leading byte-order mark is ignored.
public enum CSVReader {
    /// All records of `text`.
    ///
    /// - Throws: ``CSVError`` for a quoted field that is never closed (at the line where it starts),
    ///   a quote inside an unquoted field, or text after a closing quote.
    public static func records(in text: String, delimiter: UInt8 = UInt8(ascii: ",")) throws(CSVError) -> [CSVRecord] {
        var text = text
        let result = text.withUTF8 { bytes in
            var parser = CSVParser(bytes: bytes, delimiter: delimiter)
            return parser.parseAll()
        }
        return try result.get()
    }
}

struct CSVParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    var position = 0
    var line = 1
    var scratch: [UInt8] = []

    static let quote = UInt8(ascii: "\"")
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")

    init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    mutating func parseAll() -> Result<[CSVRecord], CSVError> {
        var records: [CSVRecord] = []
        var width = 8
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.lf || byte == Self.cr {
                consumeLineBreak()
                continue
            }
            let start = line
            var fields: [String] = []
            fields.reserveCapacity(width)
            var onlyBlank = true
            while true {
                let quoted = bytes[position] == Self.quote
                let field: String
                switch quoted ? quotedField(column: fields.count + 1) : unquotedField(column: fields.count + 1) {
                case .success(let text): field = text
                case .failure(let error): return .failure(error)
                }
                if quoted || !field.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { onlyBlank = false }
                fields.append(field)
                if position == bytes.count { break }
                let next = bytes[position]
                if next == delimiter {
                    position += 1
                    onlyBlank = false
                    if position == bytes.count {
                        fields.append("")
                        break
                    }
                    continue
                }
                if next == Self.lf || next == Self.cr {
                    consumeLineBreak()
                    break
                }
                return .failure(CSVError(
                    line: line, column: fields.count,
                    reason: "unexpected text after the closing quote; a quote inside a quoted field must be written twice (\"\")"))
            }
            if onlyBlank { continue }
            width = fields.count
            records.append(CSVRecord(line: start, fields: fields))
        }
        return .success(records)
    }

    mutating func consumeLineBreak() {
        if bytes[position] == Self.cr, position + 1 < bytes.count, bytes[position + 1] == Self.lf { position += 1 }
        position += 1
        line += 1
    }

    /// Reads up to the next delimiter or line break.
    mutating func unquotedField(column: Int) -> Result<String, CSVError> {
        let start = position
        var i = position
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            if byte == delimiter || byte == Self.lf || byte == Self.cr { break }
            if byte == Self.quote {
                return .failure(CSVError(
                    line: line, column: column,
                    reason: "a quote (\") inside an unquoted field; put the whole field in quotes and write the quote twice (\"\")"))
            }
            i += 1
        }
        position = i
        return .success(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
    }

    /// Reads a field that starts with a quote, up to its closing quote.
    mutating func quotedField(column: Int) -> Result<String, CSVError> {
        let startLine = line
        var i = position + 1
        var start = i
        var escaped = false
        scratch.removeAll(keepingCapacity: true)
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            if byte == Self.quote {
                if i + 1 < count, bytes[i + 1] == Self.quote {
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...i]))
                    escaped = true
                    i += 2
                    start = i
                    continue
                }
                position = i + 1
                let tail = UnsafeBufferPointer(rebasing: bytes[start..<i])
                if !escaped { return .success(String(decoding: tail, as: UTF8.self)) }
                scratch.append(contentsOf: tail)
                return .success(String(decoding: scratch, as: UTF8.self))
            }
            if byte == Self.lf || (byte == Self.cr && (i + 1 == count || bytes[i + 1] != Self.lf)) { line += 1 }
            i += 1
        }
        return .failure(CSVError(
            line: startLine, column: column,
            reason: "a quoted field starting here is never closed; close it with a quote, and write quotes inside it twice (\"\")"))
    }
}
