/// RFC 4648 base32 (alphabet `A`–`Z`, `2`–`7`), the form authenticator apps show and accept a TOTP
/// secret in.
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// The 5-bit value of each alphabet byte (upper and lower case), 0xFF for any other byte.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, letter) in alphabet.enumerated() {
            table[Int(letter)] = UInt8(value)
            table[Int(letter) | 0x20] = UInt8(value)  // ASCII lower case; digits 2–7 map to themselves
        }
        return table
    }()

    /// `bytes` in upper-case base32 without `=` padding ("foo" → `MZXW6`).
    public static func encode(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        text.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                text.append(alphabet[Int((buffer >> UInt32(bits)) & 0x1F)])
            }
        }
        if bits > 0 { text.append(alphabet[Int((buffer << UInt32(5 - bits)) & 0x1F)]) }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes of `text`, or nil when it is not base32. Lower case is accepted, spaces and hyphens
    /// (as in `mzxw 6ytb-oi`) are ignored, and `=` padding may be given or left out; anything else is
    /// refused, as is a length no byte string encodes to or unused trailing bits that are not zero.
    public static func decode(_ text: String) -> [UInt8]? {
        let significant = text.utf8.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "-") }
        let padding = significant.reversed().prefix { $0 == UInt8(ascii: "=") }.count
        let letters = significant.dropLast(padding)
        guard [0, 2, 4, 5, 7].contains(letters.count % 8) else { return nil }
        guard padding == 0 || (letters.count + padding) % 8 == 0 && padding < 8 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(letters.count * 5 / 8)
        var buffer: UInt32 = 0
        var bits = 0
        for letter in letters {
            let value = values[Int(letter)]
            guard value != 0xFF else { return nil }
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        guard buffer & ((1 << UInt32(bits)) - 1) == 0 else { return nil }
        return bytes
    }
}
