/// A mainland resident identity number (居民身份证号码, GB 11643-1999), 18 characters.
///
/// Layout: 6-digit region code, birth date `YYYYMMDD`, 3-digit sequence (odd = male), and a
/// MOD 11-2 check character (`0`–`9` or `X`). The region code is deliberately not checked against
/// GB/T 2260: retired codes (e.g. 440524) are still on valid cards.
public struct ResidentIdentityNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 18 characters, with a final `x` written as `X`.
    public let value: String

    static let field = "id_number"

    /// The earliest birth date accepted. Not 1900: the standard's own example, 440524188001010014,
    /// has a birth date in 1880.
    public static let earliestBirthDate = CalendarDate(year: 1800, month: 1, day: 1)!
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// Validates a number as typed: surrounding spaces are ignored and a final `x` is accepted.
    ///
    /// Checks the length, that the first 17 characters are digits, that the birth date is a real date
    /// between ``earliestBirthDate`` (1800-01-01) and `today`, and the check character.
    public init(_ raw: String, today: CalendarDate = .today()) throws(ValidationError) {
        let trimmed = raw.trimmingWhitespace()
        func failure(_ reason: String, _ hint: String) -> ValidationError {
            ValidationError(field: Self.field, value: raw, reason: reason, hint: hint)
        }
        var bytes = Array(trimmed.utf8)
        guard bytes.count == 18, trimmed.isASCII else {
            let count = trimmed.count
            if count == 18, let bad = trimmed.first(where: { !$0.isASCII }) {
                let position = trimmed.firstIndex(of: bad).map { trimmed.distance(from: trimmed.startIndex, to: $0) + 1 } ?? 0
                throw failure(
                    "character \(position) is '\(bad)', but only digits and a final X are allowed",
                    "Type the number with half-width digits.")
            }
            throw failure(
                "must have 18 characters, found \(count)",
                "Copy the number from the front of the identity card; 15-digit numbers from before 1999 must be converted to 18 digits.")
        }
        for index in 0..<17 where !Self.isDigit(bytes[index]) {
            throw failure(
                "character \(index + 1) is '\(Character(Unicode.Scalar(bytes[index])))', but the first 17 characters must be digits",
                "Only the last character may be the letter X.")
        }
        if bytes[17] == UInt8(ascii: "x") { bytes[17] = UInt8(ascii: "X") }
        let last = Character(Unicode.Scalar(bytes[17]))
        guard Self.isDigit(bytes[17]) || last == "X" else {
            throw failure("the last character is '\(last)', but must be a digit or X", "Check the last character on the card.")
        }
        guard let birth = Self.date(digits: bytes[6..<14]) else {
            throw failure(
                "characters 7–14 (\(String(decoding: bytes[6..<14], as: UTF8.self))) are not a real birth date",
                "Characters 7–14 are the birth date as YYYYMMDD; check them against the card.")
        }
        guard birth >= Self.earliestBirthDate else {
            throw failure("birth date \(birth) is before \(Self.earliestBirthDate)", "Check characters 7–14, the birth date as YYYYMMDD.")
        }
        guard birth <= today else {
            throw failure("birth date \(birth) is in the future", "Check characters 7–14, the birth date as YYYYMMDD.")
        }
        let expected = Self.checkCharacter(digits: bytes[0..<17])
        guard expected == last else {
            throw failure(
                "check character should be \(expected), not \(last)",
                "One of the 18 characters is mistyped; compare the whole number with the card.")
        }
        self.value = String(decoding: bytes, as: UTF8.self)
    }

    /// The MOD 11-2 check character for 17 digits, or nil if the input is not 17 ASCII digits.
    public static func checkCharacter(forFirst17 digits: String) -> Character? {
        let bytes = Array(digits.utf8)
        guard bytes.count == 17, bytes.allSatisfy(isDigit) else { return nil }
        return checkCharacter(digits: bytes[...])
    }

    static func checkCharacter(digits: ArraySlice<UInt8>) -> Character {
        var sum = 0
        for (weight, byte) in zip(weights, digits) { sum += Int(byte - 0x30) * weight }
        return checkCharacters[sum % 11]
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Builds a valid number from its parts (for generators and fixtures).
    ///
    /// - Precondition: `region` is 6 digits and `sequence` is in 0...999.
    public static func make(region: String, birthDate: CalendarDate, sequence: Int) -> ResidentIdentityNumber {
        precondition(region.utf8.count == 6 && region.allSatisfy(\.isASCIIDigit), "region must be 6 digits")
        precondition((0...999).contains(sequence), "sequence must be in 0...999")
        let birth = CalendarDate.pad(birthDate.year, 4) + CalendarDate.pad(birthDate.month, 2)
            + CalendarDate.pad(birthDate.day, 2)
        let first17 = region + birth + CalendarDate.pad(sequence, 3)
        return ResidentIdentityNumber(unchecked: first17 + String(checkCharacter(forFirst17: first17)!))
    }

    /// The 6-digit administrative region code where the number was first issued.
    public var regionCode: String { String(value.prefix(6)) }

    /// The birth date encoded in characters 7–14.
    public var birthDate: CalendarDate {
        Self.date(digits: Array(value.utf8)[6..<14])!
    }

    /// Sex from the 17th digit: odd is male, even is female.
    public var sex: Sex {
        let digit = value.utf8[value.utf8.index(value.utf8.startIndex, offsetBy: 16)] - 0x30
        return digit % 2 == 1 ? .male : .female
    }

    /// First 4 and last 4 characters with 10 asterisks between, e.g. `1101**********002X`.
    public var masked: String { PersonalDataMask.keepingEnds(value, head: 4, tail: 4, minimumLength: 12) }

    public var description: String { value }

    init(unchecked value: String) {
        self.value = value
    }

    /// `YYYYMMDD` digits as a date, nil if not a real date.
    static func date(digits: ArraySlice<UInt8>) -> CalendarDate? {
        var parts = [0, 0, 0]
        for (offset, byte) in digits.enumerated() {
            guard isDigit(byte) else { return nil }
            let part = offset < 4 ? 0 : offset < 6 ? 1 : 2
            parts[part] = parts[part] * 10 + Int(byte - 0x30)
        }
        return CalendarDate(year: parts[0], month: parts[1], day: parts[2])
    }

    /// Decodes a stored number; it is validated again, against the current date.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

extension Character {
    var isASCIIDigit: Bool { asciiValue.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
}
