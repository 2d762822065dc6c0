import Foundation

/// The one way identity and mobile numbers are masked wherever they are shown without `--reveal-pii`:
/// `1101**********002X`, `USA:E1****67`, `138****8000`.
///
/// The masks work on text as given, valid or not, so an error about a mistyped number masks it the same
/// way a listing masks a registered one. The typed values (``ResidentIdentityNumber/masked``,
/// ``PassportNumber/masked``, ``MobileNumber/masked``, ``PersonIdentity/masked``) use these too.
public enum PersonalDataMask {
    /// A resident identity number, or an identity key `NAT:PASSPORT`, as typed or stored: the first 4
    /// and last 4 characters of a resident number (`1101**********002X`; all asterisks when shorter
    /// than 12), the nationality and a masked passport number of a key.
    public static func identity(_ text: String) -> String {
        let trimmed = text.trimmingWhitespace()
        if let colon = trimmed.firstIndex(of: ":") {
            return String(trimmed[..<colon]) + ":" + passport(String(trimmed[trimmed.index(after: colon)...]))
        }
        return keepingEnds(trimmed, head: 4, tail: 4, minimumLength: 12)
    }

    /// A passport number: the first 2 and last 2 characters (`E1****67`); all asterisks when shorter than 5.
    public static func passport(_ text: String) -> String {
        keepingEnds(text.trimmingWhitespace(), head: 2, tail: 2, minimumLength: 5)
    }

    /// A mobile number as typed or stored: without separators and country prefix, the first 3 and
    /// last 4 characters (`138****8000` for a valid number); all asterisks when shorter than 8.
    public static func mobile(_ text: String) -> String {
        // Not through `MobileNumber.init`: its errors are masked with this function.
        keepingEnds(String(MobileNumber.withoutPrefix(text)), head: 3, tail: 4, minimumLength: 8)
    }

    /// The value of a field for messages: masked when the field holds an identity or mobile number
    /// (`id_number`, `passport`, `identity`, `mobile`, …), as it is otherwise.
    public static func value(_ text: String, field: String) -> String {
        switch normalisedKey(field) {
        case let key where identityKeys.contains(key): identity(text)
        case "passport": passport(text)
        case let key where mobileKeys.contains(key): mobile(text)
        default: text
        }
    }

    /// Free text (a database message, say) with every full resident identity number, `NAT:PASSPORT` key
    /// and mainland mobile number in it masked.
    ///
    /// A resident number is 17 digits and a digit or X standing alone, with a real birth date in
    /// characters 7–14 (so a credit code is left alone); a mobile number is 11 digits standing alone
    /// matching `1[3-9]\d{9}`; a passport key is 2–3 capital letters, a colon and 5–20 capitals and digits.
    public static func numbers(in text: String) -> String {
        var output = ""
        var token = ""
        func flush() {
            output += maskedToken(token)
            token = ""
        }
        for character in text {
            if character.isASCII && (character.isLetter || character.isNumber || character == ":") {
                token.append(character)
            } else {
                flush()
                output.append(character)
            }
        }
        flush()
        return output
    }

    /// Field names, lowercased with `_` removed, whose values are identity keys.
    static let identityKeys: Set<String> = ["idnumber", "identitykey", "identitynumber", "talentidentitykey", "identity"]
    /// Field names, normalised the same way, whose values are mobile numbers.
    static let mobileKeys: Set<String> = ["mobile", "talentmobile"]

    static func normalisedKey(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: "_", with: "").replacingOccurrences(of: "-", with: "")
    }

    /// `text` with all but its first `head` and last `tail` characters replaced by asterisks, or all
    /// asterisks when it is shorter than `minimumLength`.
    static func keepingEnds(_ text: String, head: Int, tail: Int, minimumLength: Int) -> String {
        let count = text.count
        guard count >= minimumLength else { return String(repeating: "*", count: count) }
        return String(text.prefix(head)) + String(repeating: "*", count: count - head - tail) + String(text.suffix(tail))
    }

    /// One run of ASCII letters, digits and colons from ``numbers(in:)``, masked if it is a number.
    private static func maskedToken(_ token: String) -> String {
        // A run with colons (`USA:E1234567`, `talent:USA:E1234567`) is judged part by part.
        if token.contains(":") {
            let parts = token.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            var result: [String] = []
            var index = 0
            while index < parts.count {
                let part = parts[index]
                if index + 1 < parts.count, isNationality(part), isPassport(parts[index + 1]) {
                    result.append(part)
                    result.append(passport(parts[index + 1]))
                    index += 2
                } else {
                    result.append(maskedToken(part))
                    index += 1
                }
            }
            return result.joined(separator: ":")
        }
        guard token.count >= 11 else { return token }
        let bytes = Array(token.utf8)
        if bytes.count == 18, bytes[0..<17].allSatisfy(ResidentIdentityNumber.isDigit),
           ResidentIdentityNumber.isDigit(bytes[17]) || bytes[17] == UInt8(ascii: "X") || bytes[17] == UInt8(ascii: "x"),
           let birth = ResidentIdentityNumber.date(digits: bytes[6..<14]),
           birth >= ResidentIdentityNumber.earliestBirthDate, birth.year < 2200 {
            return identity(token)
        }
        if bytes.count == 11, bytes.allSatisfy(ResidentIdentityNumber.isDigit), bytes[0] == UInt8(ascii: "1"),
           (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(bytes[1]) {
            return mobile(token)
        }
        return token
    }

    private static func isNationality(_ text: String) -> Bool {
        (2...3).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isUppercase }
    }

    private static func isPassport(_ text: String) -> Bool {
        (5...20).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }
}
