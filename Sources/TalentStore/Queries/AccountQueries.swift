import Foundation
import PostgresNIO
import TalentDomain

/// An account as stored, without its password hash and OTP secret (``AccountCredentials`` carries those
/// to the sign-in check, and nowhere else).
public struct AccountRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var login: String
    public var displayName: String?
    public var grants: [RoleGrant]
    public var revealPII: Bool
    public var requireOTP: Bool
    public var otpEnabled: Bool
    public var failedLogins: Int
    public var lockedUntil: Date?
    public var disabledAt: Date?
    public var passwordChangedAt: Date
    public var createdAt: Date
}

/// What the sign-in check needs: the bcrypt hash, the OTP secret and the lock state.
public struct AccountCredentials: Sendable {
    public var account: AccountRecord
    public var passwordHash: String
    public var otpSecret: String?
    public var otpLastStep: Int64?
}

/// A new account.
public struct NewAccount: Sendable {
    public var login: String
    public var displayName: String?
    public var passwordHash: String
    public var revealPII: Bool
    public var requireOTP: Bool

    public init(login: String, displayName: String?, passwordHash: String, revealPII: Bool, requireOTP: Bool) {
        self.login = login
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.revealPII = revealPII
        self.requireOTP = requireOTP
    }
}

/// A live session found by its token's hash, with its account.
public struct SessionRecord: Sendable {
    public var id: Int64
    public var account: AccountRecord
    public var expiresAt: Date
    public var lastUsedAt: Date
}

extension StoreSession {
    static let accountColumns = """
        a.id, a.login, a.display_name, a.reveal_pii, a.require_otp, a.otp_secret IS NOT NULL AS otp_enabled,
        a.failed_logins, a.locked_until, a.disabled_at, a.password_changed_at, a.created_at
        """

    func account(from row: RowReader, grants: [RoleGrant]) throws -> AccountRecord {
        AccountRecord(
            id: try row.value("id"), login: try row.value("login"), displayName: try row.value("display_name"),
            grants: grants, revealPII: try row.value("reveal_pii"), requireOTP: try row.value("require_otp"),
            otpEnabled: try row.value("otp_enabled"), failedLogins: Int(try row.value("failed_logins", as: Int32.self)),
            lockedUntil: try row.value("locked_until"), disabledAt: try row.value("disabled_at"),
            passwordChangedAt: try row.value("password_changed_at"), createdAt: try row.value("created_at"))
    }

    public func insertAccount(_ new: NewAccount) async throws -> Int64 {
        let rows = try await query("""
            INSERT INTO accounts (login, display_name, password_hash, reveal_pii, require_otp)
            VALUES (\(new.login), \(new.displayName), \(new.passwordHash), \(new.revealPII), \(new.requireOTP))
            RETURNING id
            """)
        for try await id in rows.decode(Int64.self) { return id }
        throw StoreError.internal("INSERT … RETURNING gave no row")
    }

    /// The grants of these accounts, by account.
    func accountGrants(_ ids: [Int64]) async throws -> [Int64: [RoleGrant]] {
        guard !ids.isEmpty else { return [:] }
        let found = try await rows("""
            SELECT account_id, role, coalesce(organisation_id, talent_id) AS scope_id FROM account_roles
            WHERE account_id = ANY(\(ids)) ORDER BY account_id, role, scope_id
            """) { row -> (Int64, String, Int64?) in
            (try row.value("account_id"), try row.value("role"), try row.value("scope_id"))
        }
        var grants: [Int64: [RoleGrant]] = [:]
        for (account, role, scope) in found {
            guard let role = Role(rawValue: role) else {
                throw StoreError.internal("account #\(account) holds the unknown role \(role)")
            }
            grants[account, default: []].append(try RoleGrant(role, scopeID: scope))
        }
        return grants
    }

    public func account(login: String) async throws -> AccountRecord? {
        try await withGrants(firstRow("""
            SELECT \(unescaped: Self.accountColumns) FROM accounts a WHERE a.login = \(login)
            """) { try self.account(from: $0, grants: []) })
    }

    public func account(id: Int64) async throws -> AccountRecord? {
        try await withGrants(firstRow("""
            SELECT \(unescaped: Self.accountColumns) FROM accounts a WHERE a.id = \(id)
            """) { try self.account(from: $0, grants: []) })
    }

    private func withGrants(_ account: AccountRecord?) async throws -> AccountRecord? {
        guard var account else { return nil }
        account.grants = try await accountGrants([account.id])[account.id] ?? []
        return account
    }

    /// Every account, by login.
    public func accounts() async throws -> [AccountRecord] {
        let plain = try await rows("SELECT \(unescaped: Self.accountColumns) FROM accounts a ORDER BY a.login") {
            try self.account(from: $0, grants: [])
        }
        let grants = try await accountGrants(plain.map(\.id))
        return plain.map { var account = $0; account.grants = grants[$0.id] ?? []; return account }
    }

    /// The account and its secrets, locked for the sign-in's update of its failure count.
    public func accountCredentials(login: String) async throws -> AccountCredentials? {
        let row = try await firstRow("""
            SELECT \(unescaped: Self.accountColumns), a.password_hash, a.otp_secret, a.otp_last_step
            FROM accounts a WHERE a.login = \(login) FOR UPDATE
            """) { row in
            (try self.account(from: row, grants: []), try row.value("password_hash", as: String.self),
             try row.value("otp_secret", as: String?.self), try row.value("otp_last_step", as: Int64?.self))
        }
        guard let (account, hash, secret, lastStep) = row else { return nil }
        var withGrants = account
        withGrants.grants = try await accountGrants([account.id])[account.id] ?? []
        return AccountCredentials(account: withGrants, passwordHash: hash, otpSecret: secret, otpLastStep: lastStep)
    }

    public func insertAccountRole(accountID: Int64, _ grant: RoleGrant) async throws {
        let organisation = grant.role.scope == .talent ? nil : grant.scopeID
        let talent = grant.role.scope == .talent ? grant.scopeID : nil
        try await query("""
            INSERT INTO account_roles (account_id, role, organisation_id, talent_id)
            VALUES (\(accountID), \(grant.role.rawValue), \(organisation), \(talent))
            """)
    }

    /// Removes the grant; false when the account did not hold it.
    public func deleteAccountRole(accountID: Int64, _ grant: RoleGrant) async throws -> Bool {
        let rows = try await query("""
            DELETE FROM account_roles
            WHERE account_id = \(accountID) AND role = \(grant.role.rawValue)
              AND coalesce(organisation_id, talent_id, 0) = \(grant.scopeID ?? 0)
            RETURNING account_id
            """)
        for try await _ in rows.decode(Int64.self) { return true }
        return false
    }

    public func setAccountPassword(id: Int64, hash: String) async throws {
        try await query("""
            UPDATE accounts SET password_hash = \(hash), password_changed_at = now(), failed_logins = 0, locked_until = NULL
            WHERE id = \(id)
            """)
    }

    public func setAccountDisabled(id: Int64, _ disabled: Bool) async throws {
        try await query("""
            UPDATE accounts SET disabled_at = CASE WHEN \(disabled) THEN coalesce(disabled_at, now()) END WHERE id = \(id)
            """)
    }

    public func setAccountRevealPII(id: Int64, _ reveal: Bool) async throws {
        try await query("UPDATE accounts SET reveal_pii = \(reveal) WHERE id = \(id)")
    }

    /// Records the sign-in failures so far and the lock, if the policy locked the account.
    public func setLoginFailures(id: Int64, failures: Int, lockedUntil: Date?) async throws {
        try await query("""
            UPDATE accounts SET failed_logins = \(Int32(failures)), locked_until = \(lockedUntil) WHERE id = \(id)
            """)
    }

    public func setAccountOTP(id: Int64, secret: String?, require: Bool) async throws {
        try await query("""
            UPDATE accounts SET otp_secret = \(secret), require_otp = \(require), otp_last_step = NULL WHERE id = \(id)
            """)
    }

    public func setOTPLastStep(id: Int64, _ step: Int64) async throws {
        try await query("UPDATE accounts SET otp_last_step = \(step) WHERE id = \(id)")
    }

    // MARK: Sessions

    public func insertSession(accountID: Int64, tokenSHA256: String, createdAt: Date, expiresAt: Date) async throws -> Int64 {
        let rows = try await query("""
            INSERT INTO account_sessions (account_id, token_sha256, created_at, last_used_at, expires_at)
            VALUES (\(accountID), \(tokenSHA256), \(createdAt), \(createdAt), \(expiresAt)) RETURNING id
            """)
        for try await id in rows.decode(Int64.self) { return id }
        throw StoreError.internal("INSERT … RETURNING gave no row")
    }

    /// The session with this token hash when it is neither revoked nor expired at `now` and its account
    /// is not disabled, with the account's grants: one statement, one row per grant (every request
    /// asks this first).
    public func liveSession(tokenSHA256: String, now: Date) async throws -> SessionRecord? {
        let found = try await rows("""
            SELECT s.id AS session_id, s.expires_at, s.last_used_at, \(unescaped: Self.accountColumns),
                   g.role AS grant_role, coalesce(g.organisation_id, g.talent_id) AS grant_scope
            FROM account_sessions s JOIN accounts a ON a.id = s.account_id
            LEFT JOIN account_roles g ON g.account_id = a.id
            WHERE s.token_sha256 = \(tokenSHA256) AND s.revoked_at IS NULL AND s.expires_at > \(now)
              AND a.disabled_at IS NULL
            ORDER BY g.role, grant_scope
            """) { row in
            (id: try row.value("session_id", as: Int64.self), expires: try row.value("expires_at", as: Date.self),
             lastUsed: try row.value("last_used_at", as: Date.self), account: try self.account(from: row, grants: []),
             role: try row.value("grant_role", as: String?.self), scope: try row.value("grant_scope", as: Int64?.self))
        }
        guard let first = found.first else { return nil }
        var account = first.account
        for row in found {
            guard let name = row.role else { continue }
            guard let role = Role(rawValue: name) else {
                throw StoreError.internal("account #\(account.id) holds the unknown role \(name)")
            }
            account.grants.append(try RoleGrant(role, scopeID: row.scope))
        }
        return SessionRecord(id: first.id, account: account, expiresAt: first.expires, lastUsedAt: first.lastUsed)
    }

    public func touchSession(id: Int64, at now: Date) async throws {
        try await query("UPDATE account_sessions SET last_used_at = \(now) WHERE id = \(id) AND last_used_at < \(now)")
    }

    /// Revokes the session with this token hash; false when none was live.
    public func revokeSession(tokenSHA256: String) async throws -> Bool {
        let rows = try await query("""
            UPDATE account_sessions SET revoked_at = now() WHERE token_sha256 = \(tokenSHA256) AND revoked_at IS NULL
            RETURNING id
            """)
        for try await _ in rows.decode(Int64.self) { return true }
        return false
    }

    /// Revokes every live session of the account (disable, password reset); the number revoked.
    @discardableResult
    public func revokeSessions(accountID: Int64) async throws -> Int {
        let rows = try await query("""
            UPDATE account_sessions SET revoked_at = now() WHERE account_id = \(accountID) AND revoked_at IS NULL
            RETURNING id
            """)
        var count = 0
        for try await _ in rows.decode(Int64.self) { count += 1 }
        return count
    }
}
