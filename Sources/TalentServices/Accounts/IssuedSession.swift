import Foundation
import TalentStore

/// A new session: the token, shown once and stored only as its SHA-256, and when it ends.
public struct IssuedSession: Sendable, Encodable {
    public var token: String
    public var expiresAt: Date
    public var account: AccountRecord
}

/// A new TOTP secret for an account, to show once (as text and as an `otpauth://` URI for an app).
public struct OTPEnrolment: Sendable, Encodable {
    public var account: AccountRecord
    public var secret: String
    public var provisioningURI: String
}
