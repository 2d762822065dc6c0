import Foundation

/// A Unified Social Credit Code (统一社会信用代码, GB 32100-2015), 18 characters.
///
/// Layout: registering department, entity type, 6-digit region, 9-character organisation code
/// (GB 11714, whose own check character is position 17), and a check character (position 18).
/// The alphabet has 31 characters: `0123456789ABCDEFGHJKLMNPQRTUWXY` (no I, O, S, V, Z).
public struct CreditCode: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 18 characters, uppercased.
    public let value: String
    /// Whether position 18 matches the GB 32100 check character. Always true unless the code was
    /// accepted with ``init(acceptingInvalidChecksum:)``.
    public let isChecksumValid: Bool

    static let field = "credit_code"
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    static let organisationWeights = [3, 7, 9, 10, 5, 8, 4, 2]

    /// Validates a code as typed (spaces around it ignored, lowercase accepted): length, alphabet
    /// and the check character in position 18.
    public init(_ raw: String) throws(ValidationError) {
        let code = try Self.normalized(raw)
        let expected = Self.checkCharacter(forFirst17: String(code.prefix(17)))!
        let actual = code.last!
        guard expected == actual else {
            throw ValidationError(
                field: Self.field, value: raw,
                reason: "check character should be \(expected), not \(actual)",
                hint: "Compare the code with the business licence. A real code from an early pilot region that fails this check can be registered with the legacy override.")
        }
        self.value = code
        self.isChecksumValid = true
    }

    /// Accepts a legacy code whose check character does not match (some early pilot-region codes
    /// are real yet fail the check). Length and alphabet are still required;
    /// ``isChecksumValid`` tells whether the check passed.
    public init(acceptingInvalidChecksum raw: String) throws(ValidationError) {
        let code = try Self.normalized(raw)
        self.value = code
        self.isChecksumValid = Self.checkCharacter(forFirst17: String(code.prefix(17))) == code.last
    }

    /// The GB 32100 check character for 17 characters of the alphabet, or nil if the input is not that.
    public static func checkCharacter(forFirst17 chars: String) -> Character? {
        var sum = 0
        var count = 0
        for byte in chars.utf8 {
            guard count < 17, let value = alphabetValue(byte) else { return nil }
            sum += value * weights[count]
            count += 1
        }
        guard count == 17 else { return nil }
        return Character(Unicode.Scalar(alphabet[(31 - sum % 31) % 31]))
    }

    /// Builds a code by appending the check character (for generators and fixtures).
    ///
    /// - Precondition: `first17` is 17 characters of the alphabet (uppercase).
    public static func make(first17: String) -> CreditCode {
        guard let check = checkCharacter(forFirst17: first17) else {
            preconditionFailure("first17 must be 17 characters of 0123456789ABCDEFGHJKLMNPQRTUWXY")
        }
        return CreditCode(unchecked: first17 + String(check), isChecksumValid: true)
    }

    /// Whether position 17 is the GB 11714 organisation-code check character over positions 9–16.
    /// Reported only, never required: the credit code's own check character (position 18) is what
    /// makes a code valid.
    public var isOrganisationCodeValid: Bool {
        let bytes = Array(value.utf8)
        var sum = 0
        for i in 0..<8 {
            let byte = bytes[8 + i]
            let v: Int
            switch byte {
            case 0x30...0x39: v = Int(byte - 0x30)
            case 0x41...0x5A: v = Int(byte - 0x41) + 10
            default: return false
            }
            sum += v * Self.organisationWeights[i]
        }
        let c = 11 - sum % 11
        let expected: UInt8 = c == 10 ? UInt8(ascii: "X") : c == 11 ? UInt8(ascii: "0") : UInt8(0x30 + c)
        return bytes[16] == expected
    }

    /// The registering department (position 1): 1 staffing, 5 civil affairs, 9 market regulation, Y other.
    public var registeringDepartment: Character { value.first! }

    /// The 6-digit region code (positions 3–8).
    public var regionCode: String { String(value.dropFirst(2).prefix(6)) }

    public var description: String { value }

    init(unchecked value: String, isChecksumValid: Bool) {
        self.value = value
        self.isChecksumValid = isChecksumValid
    }

    static func alphabetValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: return Int(byte - 0x30)
        case 0x41...0x5A:
            // I, O, S, V, Z are not in the alphabet.
            return alphabet.firstIndex(of: byte)
        default: return nil
        }
    }

    static func normalized(_ raw: String) throws(ValidationError) -> String {
        let code = raw.trimmingWhitespace().uppercased()
        let chars = Array(code)
        guard chars.count == 18 else {
            throw ValidationError(
                field: field, value: raw, reason: "must have 18 characters, found \(chars.count)",
                hint: "Copy the code from the business licence or the National Enterprise Credit Information Publicity System.")
        }
        for (index, char) in chars.enumerated() {
            guard let byte = char.asciiValue, alphabetValue(byte) != nil else {
                let note = "IOSVZ".contains(char) ? " (the letters I, O, S, V and Z are never used; it may be 1, 0, 5, U or 2)" : ""
                throw ValidationError(
                    field: field, value: raw,
                    reason: "character \(index + 1) is '\(char)', which is not allowed in a credit code\(note)",
                    hint: "A credit code uses only digits and the letters ABCDEFGHJKLMNPQRTUWXY.")
            }
        }
        return code
    }

    /// Decodes a stored code, accepting legacy codes whose check character does not match.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(acceptingInvalidChecksum: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
