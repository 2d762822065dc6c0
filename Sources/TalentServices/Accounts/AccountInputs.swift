import Foundation
import TalentDomain

/// A role to grant, with the record it is limited to named as people know it: an organisation or a
/// university by its credit code, a talent by record number.
public struct GrantInput: Sendable, Equatable {
    public var role: Role
    /// The credit code of the organisation (`employer`) or university (`university`).
    public var organisationCode: String?
    /// The talent's record number (`talent`).
    public var talentID: Int64?

    public init(role: Role, organisationCode: String? = nil, talentID: Int64? = nil) {
        self.role = role
        self.organisationCode = organisationCode
        self.talentID = talentID
    }
}

/// A new account: its login, the roles it holds and its entitlements. The password travels apart.
public struct AccountInput: Sendable, Equatable {
    public var login: String
    public var displayName: String?
    public var grants: [GrantInput]
    /// May ask to see full identity and mobile numbers (`reveal-pii`).
    public var revealPII: Bool
    /// Must give a TOTP code at sign-in (`--require-otp`); the secret is made by `user otp enable`.
    public var requireOTP: Bool

    public init(login: String, displayName: String? = nil, grants: [GrantInput], revealPII: Bool = false,
                requireOTP: Bool = false) {
        self.login = login
        self.displayName = displayName
        self.grants = grants
        self.revealPII = revealPII
        self.requireOTP = requireOTP
    }
}

/// A login: 3 to 64 characters of lower-case letters, digits, `.`, `_` and `-`, starting with a letter or
/// digit. Never a colon, so no login reads like the CLI's `cli:NAME` actors.
public enum Login {
    public static func validated(_ text: String) throws(ValidationError) -> String {
        let login = text.trimmingCharacters(in: .whitespaces).lowercased()
        let allowed = login.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
        guard (3...64).contains(login.count), allowed, let first = login.unicodeScalars.first, !"._-".unicodeScalars.contains(first) else {
            throw ValidationError(field: "login", value: text,
                                  reason: "must be 3 to 64 letters (a-z), digits, '.', '_' or '-', starting with a letter or digit",
                                  hint: "e.g. zhang.wei or hr-guiyang-01")
        }
        return login
    }
}
