/// Splits a SQL script into statements, because the extended query protocol runs one at a time.
/// Understands quotes, dollar-quoted bodies (`$$ … $$`, `$fn$ … $fn$`) and both comment styles.
enum SQLScript {
    static func statements(in script: String) -> [String] {
        let bytes = Array(script.utf8)
        var statements: [String] = []
        var start = 0
        var index = 0
        var hasCode = false  // anything but whitespace and comments since `start`
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                let escapes = byte == UInt8(ascii: "'") && isEscapeStringPrefix(bytes, before: index)
                index = skipQuoted(bytes, from: index, quote: byte, backslashEscapes: escapes)
                hasCode = true
            case UInt8(ascii: "-") where next(bytes, index) == UInt8(ascii: "-"):
                while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where next(bytes, index) == UInt8(ascii: "*"):
                index += 2
                while index + 1 < bytes.count && !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) {
                    index += 1
                }
                index += 2
            case UInt8(ascii: "$"):
                index = skipDollarQuoted(bytes, from: index)
                hasCode = true
            case UInt8(ascii: ";"):
                if hasCode {
                    statements.append(String(decoding: bytes[start..<index], as: UTF8.self).trimmingWhitespace())
                }
                index += 1
                start = index
                hasCode = false
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                index += 1
            default:
                hasCode = true
                index += 1
            }
        }
        if hasCode && start < bytes.count {
            statements.append(String(decoding: bytes[start..<min(index, bytes.count)], as: UTF8.self).trimmingWhitespace())
        }
        return statements
    }

    /// `E'…'` (PostgreSQL escape string): backslash escapes the next character.
    private static func isEscapeStringPrefix(_ bytes: [UInt8], before index: Int) -> Bool {
        guard index >= 1, bytes[index - 1] | 0x20 == UInt8(ascii: "e") else { return false }
        return index < 2 || !(isLetter(bytes[index - 2]) || isDigit(bytes[index - 2]) || bytes[index - 2] == UInt8(ascii: "_"))
    }

    private static func next(_ bytes: [UInt8], _ index: Int) -> UInt8? {
        index + 1 < bytes.count ? bytes[index + 1] : nil
    }

    private static func skipQuoted(_ bytes: [UInt8], from start: Int, quote: UInt8, backslashEscapes: Bool) -> Int {
        var index = start + 1
        while index < bytes.count {
            if backslashEscapes && bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == quote {
                if next(bytes, index) == quote { index += 2; continue }
                return index + 1
            }
            index += 1
        }
        return index
    }

    /// `$tag$ … $tag$`; a lone `$1` placeholder is not a quote.
    private static func skipDollarQuoted(_ bytes: [UInt8], from start: Int) -> Int {
        var end = start + 1
        while end < bytes.count, bytes[end] == UInt8(ascii: "_") || isLetter(bytes[end]) || (end > start + 1 && isDigit(bytes[end])) {
            end += 1
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "$") else { return start + 1 }
        let tag = Array(bytes[start...end])
        var index = end + 1
        while index + tag.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "$") && Array(bytes[index..<(index + tag.count)]) == tag {
                return index + tag.count
            }
            index += 1
        }
        return bytes.count
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || byte >= 0x80
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
