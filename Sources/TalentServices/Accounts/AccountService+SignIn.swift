import Crypto
import Foundation
import HummingbirdBcrypt
import TalentDomain
import TalentRules
import TalentStore

// MARK: Signing in and sessions

extension AccountService {
    /// The words of every refused sign-in, whatever the reason (unknown login, wrong password, locked or
    /// disabled account), so the answer does not tell whether a login exists.
    public static let refusedSignIn = "the login or password is wrong, or the account is locked or disabled"

    /// Checks the login, the password and (when the account has one) the one-time code, and opens a
    /// session. Each failure counts towards the lock and is audited, in a transaction that commits; the
    /// refusal then reads the same for every reason.
    public func signIn(login: String, password: String, otp: String? = nil,
                       now: Date = Date()) async throws(ServiceError) -> IssuedSession {
        let login = login.trimmingCharacters(in: .whitespaces).lowercased()
        let outcome = try await run {
            try await store.write { session in try await attempt(login: login, password: password, otp: otp, now: now, session) }
        }
        switch outcome {
        case let .signedIn(issued): return issued
        case .needsOTP: throw .notSignedIn("a one-time code from the authenticator app is needed (otp)")
        case .refused: throw .notSignedIn(Self.refusedSignIn)
        }
    }

    /// The principal of a live session's token (`Authorization: Bearer …` or the session cookie).
    public func principal(token: String, now: Date = Date()) async throws(ServiceError) -> Principal {
        let digest = Self.digest(token)
        let found = try await run { try await store.read { try await $0.liveSession(tokenSHA256: digest, now: now) } }
        guard let found else { throw .notSignedIn("no valid session: sign in again") }
        // Last use is kept to the minute, so a busy client does not turn every read into a write.
        if now.timeIntervalSince(found.lastUsedAt) > 60 {
            _ = try? await store.write { try await $0.touchSession(id: found.id, at: now) }
        }
        return Self.principal(found.account)
    }

    /// Ends the session of `token`; signing out twice, or with a token that never was, is not an error.
    public func signOut(token: String) async throws(ServiceError) {
        let digest = Self.digest(token)
        try await run {
            try await store.write { session in
                guard let live = try await session.liveSession(tokenSHA256: digest, now: Date()),
                      try await session.revokeSession(tokenSHA256: digest) else { return }
                try await session.appendAudit(AuditRecord(
                    actor: live.account.login, action: "account.sign-out", entityType: "account", entityID: live.account.login,
                    before: Optional<String>.none, after: Optional<String>.none))
            }
        }
    }

    /// The principal an account's roles make.
    public static func principal(_ account: AccountRecord) -> Principal {
        Principal(origin: .account(id: account.id, login: account.login), grants: Set(account.grants),
                  mayRevealPersonalData: account.revealPII)
    }

    // MARK: The attempt

    enum Attempt: Sendable {
        case signedIn(IssuedSession)
        case needsOTP
        case refused
    }

    /// A bcrypt hash of cost 12 to check unknown logins against, so they take as long as known ones.
    static let timingHash = Bcrypt.hash("TalentZone: no such account", cost: 12)

    private func attempt(login: String, password: String, otp: String?, now: Date, _ session: StoreSession) async throws -> Attempt {
        // A login that cannot exist (a NUL byte, a colon, 10 kB of text) is not looked up at all.
        let credentials = (try? Login.validated(login)) == nil ? nil : try await session.accountCredentials(login: login)
        guard let credentials else {
            _ = await PasswordHashing.verify(password, hash: Self.timingHash)
            try await session.appendAudit(AuditRecord(
                actor: "anonymous", action: "account.sign-in.refused", entityType: "account", entityID: "",
                before: Optional<String>.none, after: ["why": "unknown login"]))
            return .refused
        }
        let account = credentials.account
        if account.disabledAt != nil || lockout.isLocked(lockedUntil: account.lockedUntil, now: now) {
            _ = await PasswordHashing.verify(password, hash: Self.timingHash)
            try await refuse(account, why: account.disabledAt != nil ? "disabled" : "locked", session)
            return .refused
        }
        guard await PasswordHashing.verify(password, hash: credentials.passwordHash) else {
            try await fail(account, why: "wrong password", now: now, session)
            return .refused
        }
        if let secret = credentials.otpSecret, account.requireOTP {
            guard let otp = otp?.trimmingCharacters(in: .whitespaces), !otp.isEmpty else { return .needsOTP }
            guard let bytes = Base32.decode(secret), let step = (try? TOTP(secret: bytes))?.matchingStep(otp, at: now),
                  credentials.otpLastStep.map({ Int64(step) > $0 }) ?? true else {
                try await fail(account, why: "wrong or reused one-time code", now: now, session)
                return .refused
            }
            try await session.setOTPLastStep(id: account.id, Int64(step))
        }
        if account.failedLogins > 0 || account.lockedUntil != nil {
            try await session.setLoginFailures(id: account.id, failures: 0, lockedUntil: nil)
        }
        let token = Self.newToken()
        let expires = now.addingTimeInterval(sessionLifetime)
        _ = try await session.insertSession(accountID: account.id, tokenSHA256: Self.digest(token), createdAt: now, expiresAt: expires)
        try await session.appendAudit(AuditRecord(
            actor: account.login, action: "account.sign-in", entityType: "account", entityID: account.login,
            before: Optional<String>.none, after: ["expires_at": ISO8601DateFormatter().string(from: expires)]))
        return .signedIn(IssuedSession(token: token, expiresAt: expires, account: account))
    }

    /// Counts a failure; the policy may lock the account (audited as its own entry).
    private func fail(_ account: AccountRecord, why: String, now: Date, _ session: StoreSession) async throws {
        let decision = lockout.afterFailure(failuresSoFar: account.failedLogins, now: now)
        try await session.setLoginFailures(id: account.id, failures: decision.failures, lockedUntil: decision.lockedUntil)
        try await refuse(account, why: why, session)
        if let until = decision.lockedUntil {
            try await session.appendAudit(AuditRecord(
                actor: "anonymous", action: "account.lock", entityType: "account", entityID: account.login,
                before: Optional<String>.none, after: ["locked_until": ISO8601DateFormatter().string(from: until)],
                reason: "\(lockout.maximumFailures) failed sign-ins in a row"))
        }
    }

    private func refuse(_ account: AccountRecord, why: String, _ session: StoreSession) async throws {
        try await session.appendAudit(AuditRecord(
            actor: "anonymous", action: "account.sign-in.refused", entityType: "account", entityID: account.login,
            before: Optional<String>.none, after: ["why": why]))
    }

    /// 256 random bits, base64url without padding.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
