import Foundation

/// What a new password must satisfy before the service hashes it with bcrypt. Pure: the service
/// supplies the login and identity number of the account, and refuses the password when
/// ``problems(in:login:identityNumber:)`` is not empty.
///
/// Lengths count Swift `Character`s (what a person sees as one letter), not bytes. bcrypt reads only
/// the first 72 bytes of its input and ignores the rest, so a longer password would be accepted with
/// anything after byte 72 changed: the service must refuse any password over
/// ``maximumUTF8Bytes`` UTF-8 bytes, and the rule reports it as ``PasswordProblem/tooManyBytes(maximum:)``.
/// Chinese characters take 3 bytes each, so 24 of them already fill bcrypt's 72 bytes.
public struct PasswordRule: Sendable, Equatable {
    /// The fewest characters a password may have.
    public var minimumLength: Int
    /// The most characters a password may have. With the standard 128, a password this long is always
    /// over ``maximumUTF8Bytes`` too; the character limit matters for a rule with a smaller maximum.
    public var maximumLength: Int

    /// The most UTF-8 bytes bcrypt reads. Not a policy choice: it is the hash's limit.
    public static let maximumUTF8Bytes = 72

    /// The fewest characters a login or identity number must have before the rule looks for it in a
    /// password; shorter ones would refuse too many good passwords.
    public static let shortestFragmentChecked = 3

    /// How many trailing characters of an identity number also may not appear (its last 6, which
    /// people often reuse as a PIN).
    public static let identityNumberTailLength = 6

    /// A rule with the given character limits.
    public init(minimumLength: Int, maximumLength: Int) {
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
    }

    /// At least 12 and at most 128 characters (and at most 72 UTF-8 bytes).
    public static let standard = PasswordRule(minimumLength: 12, maximumLength: 128)

    /// Everything wrong with `password` for the account `login` whose holder has `identityNumber`
    /// (a resident identity number or a passport number, nil when none is registered), in a fixed
    /// order; empty means the password may be used.
    ///
    /// The login and identity number are looked for without regard to case; a login (or identity
    /// number) shorter than ``shortestFragmentChecked`` characters is not looked for.
    public func problems(in password: String, login: String, identityNumber: String?) -> [PasswordProblem] {
        var problems: [PasswordProblem] = []
        let length = password.count
        if length < minimumLength { problems.append(.tooShort(minimum: minimumLength)) }
        if length > maximumLength { problems.append(.tooLong(maximum: maximumLength)) }
        if password.utf8.count > Self.maximumUTF8Bytes { problems.append(.tooManyBytes(maximum: Self.maximumUTF8Bytes)) }
        if Self.contains(password, any: [login]) { problems.append(.containsLogin) }
        if let identityNumber, Self.contains(password, any: Self.identityFragments(identityNumber)) {
            problems.append(.containsIdentityNumber)
        }
        if Set(password).count < 3 { problems.append(.fewerThanThreeDistinctCharacters) }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            problems.append(.controlCharacters)
        }
        return problems
    }

    /// The whole identity number and its last 6 characters.
    private static func identityFragments(_ identityNumber: String) -> [String] {
        let trimmed = identityNumber.trimmingCharacters(in: .whitespacesAndNewlines)
        return [trimmed, String(trimmed.suffix(identityNumberTailLength))]
    }

    /// Whether any fragment long enough to check appears in `password`, ignoring case.
    private static func contains(_ password: String, any fragments: [String]) -> Bool {
        fragments.contains { fragment in
            let trimmed = fragment.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.count >= shortestFragmentChecked && password.range(of: trimmed, options: .caseInsensitive) != nil
        }
    }
}

/// One reason a password is refused. The description is a sentence for the administrator or the
/// account holder, lower case and without a final period (like ``ValidationError``'s reason), and
/// never repeats the password, the login or the identity number.
public enum PasswordProblem: Sendable, Equatable, CustomStringConvertible {
    /// Fewer characters than the rule's minimum.
    case tooShort(minimum: Int)
    /// More characters than the rule's maximum.
    case tooLong(maximum: Int)
    /// More UTF-8 bytes than bcrypt reads.
    case tooManyBytes(maximum: Int)
    /// The login appears in the password.
    case containsLogin
    /// The identity number, or its last 6 characters, appear in the password.
    case containsIdentityNumber
    /// The password repeats one or two characters only (`aaaaaaaaaaaa`, `abababababab`).
    case fewerThanThreeDistinctCharacters
    /// The password holds a control character (Unicode category Cc: tab, line break, escape, …).
    case controlCharacters

    public var description: String {
        switch self {
        case .tooShort(let minimum):
            "the password must be at least \(minimum) characters long"
        case .tooLong(let maximum):
            "the password must be at most \(maximum) characters long"
        case .tooManyBytes(let maximum):
            "the password must be at most \(maximum) bytes long in UTF-8; a Chinese character takes 3 bytes, so use fewer of them"
        case .containsLogin:
            "the password must not contain the login name"
        case .containsIdentityNumber:
            "the password must not contain the identity number or its last 6 characters"
        case .fewerThanThreeDistinctCharacters:
            "the password must use at least 3 different characters"
        case .controlCharacters:
            "the password must not contain control characters such as tabs or line breaks"
        }
    }
}
