import Foundation

/// How one kind of personal number is masked.
public protocol PersonalNumberKind: Sendable {
    static func mask(_ text: String) -> String
}

/// Identity keys: a resident identity number or `NAT:PASSPORT` (`1101**********002X`, `USA:E1****67`).
public enum IdentityNumberKind: PersonalNumberKind {
    public static func mask(_ text: String) -> String { PersonalDataMask.identity(text) }
}

/// Passport numbers on their own (`E1****67`).
public enum PassportNumberKind: PersonalNumberKind {
    public static func mask(_ text: String) -> String { PersonalDataMask.passport(text) }
}

/// Mobile numbers (`138****8000`).
public enum MobileNumberKind: PersonalNumberKind {
    public static func mask(_ text: String) -> String { PersonalDataMask.mobile(text) }
}

/// An identity or mobile number as a record holds it.
public typealias IdentityOnRecord = PersonalNumber<IdentityNumberKind>
/// A passport number as a record holds it.
public typealias PassportOnRecord = PersonalNumber<PassportNumberKind>
/// A mobile number as a record holds it.
public typealias MobileOnRecord = PersonalNumber<MobileNumberKind>

/// A personal number (identity, passport, mobile) held by a record that people are shown.
///
/// Its renderings — `description`, string interpolation, JSON encoding — are masked, unless the value
/// was ``revealed()``, which only a service does, for a caller who asked and is entitled, in the
/// transaction that records the reveal. The full number is reachable only through ``fullValue``, which
/// code calls where it needs the number itself (a lookup, a comparison), never to show it.
///
/// The store encodes records in full for its own JSON (audit entries, earlier versions) by setting
/// ``CodingUserInfoKey/personalNumbersInFull`` on its encoder.
public struct PersonalNumber<Kind: PersonalNumberKind>: Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    private let stored: String
    /// Whether the renderings show the full number.
    public let isRevealed: Bool

    /// The number as stored (valid, as every stored number was validated on its way in).
    public init(stored: String) {
        self.init(stored: stored, revealed: false)
    }

    private init(stored: String, revealed: Bool) {
        self.stored = stored
        self.isRevealed = revealed
    }

    public init(stringLiteral value: String) {
        self.init(stored: value)
    }

    /// The full number, for code that needs the number itself. Not for showing it: show the value.
    public var fullValue: String { stored }

    /// The masked rendering, whatever the value's state.
    public var masked: String { Kind.mask(stored) }

    /// The same number, rendered in full.
    public func revealed() -> PersonalNumber {
        PersonalNumber(stored: stored, revealed: true)
    }

    public var description: String { isRevealed ? stored : masked }

    public static func == (lhs: PersonalNumber, rhs: PersonalNumber) -> Bool { lhs.stored == rhs.stored }
    public func hash(into hasher: inout Hasher) { hasher.combine(stored) }
    public static func < (lhs: PersonalNumber, rhs: PersonalNumber) -> Bool { lhs.stored < rhs.stored }

    public init(from decoder: any Decoder) throws {
        self.init(stored: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(encoder.userInfo[.personalNumbersInFull] as? Bool == true ? stored : description)
    }
}

extension CodingUserInfoKey {
    /// Set to `true` on an encoder that writes personal numbers in full: the store's own JSON columns.
    public static let personalNumbersInFull = CodingUserInfoKey(rawValue: "personalNumbersInFull")!
}
