import Foundation
import TalentDomain
import TalentRules
import TalentStore

/// Accounts, their roles and their sessions (Docs/access.md). Managing accounts is the office
/// administrators' use case `account.manage`; signing in needs no principal (it makes one). Passwords are
/// kept as bcrypt hashes of cost 12 and never written anywhere else; tokens as their SHA-256.
public struct AccountService: Sendable {
    let store: Store
    public var passwordRule: PasswordRule = .standard
    public var lockout: LockoutPolicy = .standard
    /// How long a session lasts from sign-in.
    public var sessionLifetime: TimeInterval = 8 * 3600
    /// bcrypt's cost factor; the database refuses hashes below 12.
    public var bcryptCost: UInt8 = 12
    /// The issuer named in TOTP provisioning URIs.
    public var otpIssuer = "TalentZone"

    public init(store: Store) {
        self.store = store
    }
}

// MARK: Managing accounts

extension AccountService {
    public func add(_ input: AccountInput, password: String, actor: Principal) async throws(ServiceError) -> AccountRecord {
        _ = try AccessTable.authorize(.accountManage, actor)
        let login: String
        do { login = try Login.validated(input.login) } catch { throw .invalid(error) }
        guard !input.grants.isEmpty else {
            throw .invalid(ValidationError(field: "role", value: "", reason: "an account needs at least one role",
                                           hint: "give --role, e.g. --role office-reviewer"))
        }
        let displayName = input.displayName?.trimmingCharacters(in: .whitespaces).nonEmpty
        let passwordHash = await hash(password)
        do {
            return try await run {
                try await store.write { session in
                    if try await session.account(login: login) != nil {
                        throw ServiceError.duplicate("an account with login \(login) already exists")
                    }
                    let grants = try await Self.resolve(input.grants, session)
                    try await checkPassword(password, login: login, grants: grants, session)
                    let id = try await session.insertAccount(NewAccount(
                        login: login, displayName: displayName, passwordHash: passwordHash,
                        revealPII: input.revealPII, requireOTP: false))
                    for grant in grants { try await session.insertAccountRole(accountID: id, grant) }
                    let record = try await Self.account(id: id, session)
                    try await session.appendAudit(AuditRecord(
                        actor: actor.auditName, action: "account.add", entityType: "account", entityID: login,
                        before: Optional<AccountRecord>.none, after: record))
                    return record
                }
            }
        } catch .store(.duplicate(constraint: "accounts_login_unique", _)) {
            throw .duplicate("an account with login \(login) already exists")
        }
    }

    public func accounts(actor: Principal) async throws(ServiceError) -> [AccountRecord] {
        _ = try AccessTable.authorize(.accountManage, actor)
        return try await run { try await store.read { try await $0.accounts() } }
    }

    public func account(login: String, actor: Principal) async throws(ServiceError) -> AccountRecord {
        _ = try AccessTable.authorize(.accountManage, actor)
        let login = login.trimmingCharacters(in: .whitespaces).lowercased()
        return try await run { try await store.read { try await Self.account(login: login, $0) } }
    }

    /// Disables (every session revoked at once) or enables the account.
    public func setDisabled(login: String, _ disabled: Bool, actor: Principal) async throws(ServiceError) -> AccountRecord {
        try await change(login, action: disabled ? "account.disable" : "account.enable", actor: actor) { before, session in
            try await session.setAccountDisabled(id: before.id, disabled)
            if disabled { try await session.revokeSessions(accountID: before.id) }
        }
    }

    public func grant(login: String, _ grant: GrantInput, actor: Principal) async throws(ServiceError) -> AccountRecord {
        try await change(login, action: "account.grant", actor: actor) { before, session in
            let resolved = try await Self.resolve([grant], session)[0]
            guard !before.grants.contains(resolved) else {
                throw ServiceError.duplicate("\(before.login) already holds \(resolved)")
            }
            try await session.insertAccountRole(accountID: before.id, resolved)
        }
    }

    public func revoke(login: String, _ grant: GrantInput, actor: Principal) async throws(ServiceError) -> AccountRecord {
        try await change(login, action: "account.revoke", actor: actor) { before, session in
            let resolved = try await Self.resolve([grant], session)[0]
            guard try await session.deleteAccountRole(accountID: before.id, resolved) else {
                throw ServiceError.notFound("\(before.login) does not hold \(resolved)")
            }
            if before.grants.count == 1 { try await session.revokeSessions(accountID: before.id) }
        }
    }

    /// Sets `reveal-pii` on or off.
    public func setRevealPII(login: String, _ reveal: Bool, actor: Principal) async throws(ServiceError) -> AccountRecord {
        try await change(login, action: reveal ? "account.reveal-pii.grant" : "account.reveal-pii.revoke", actor: actor) { before, session in
            try await session.setAccountRevealPII(id: before.id, reveal)
        }
    }

    /// A new password (checked against the rule); the account's sessions are revoked and its lock lifted.
    public func resetPassword(login: String, password: String, actor: Principal) async throws(ServiceError) -> AccountRecord {
        let newHash = await hash(password)
        return try await change(login, action: "account.reset-password", actor: actor) { before, session in
            try await checkPassword(password, login: before.login, grants: before.grants, session)
            try await session.setAccountPassword(id: before.id, hash: newHash)
            try await session.revokeSessions(accountID: before.id)
        }
    }

    /// Makes a new TOTP secret (replacing any) and, with `require`, makes sign-in need a code. The secret
    /// is returned once, to show to the account's owner.
    public func enableOTP(login: String, require: Bool, actor: Principal) async throws(ServiceError) -> OTPEnrolment {
        let secret = Base32.encode(TOTP.randomSecret())
        let record = try await change(login, action: "account.otp.enable", actor: actor) { before, session in
            try await session.setAccountOTP(id: before.id, secret: secret, require: require)
        }
        let uri = (try? TOTP(secret: Base32.decode(secret) ?? []))?.provisioningURI(issuer: otpIssuer, account: record.login) ?? ""
        return OTPEnrolment(account: record, secret: secret, provisioningURI: uri)
    }

    // MARK: Helpers

    /// One audited change of one account, the row locked first.
    private func change(_ login: String, action: String, actor: Principal,
                        _ body: @escaping @Sendable (AccountRecord, StoreSession) async throws -> Void) async throws(ServiceError) -> AccountRecord {
        _ = try AccessTable.authorize(.accountManage, actor)
        let login = login.trimmingCharacters(in: .whitespaces).lowercased()
        return try await run {
            try await store.write { session in
                guard let locked = try await session.accountCredentials(login: login) else {
                    throw ServiceError.notFound("no account has login \(login)")
                }
                let before = locked.account
                try await body(before, session)
                let after = try await Self.account(id: before.id, session)
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: action, entityType: "account", entityID: login, before: before, after: after))
                return after
            }
        }
    }

    func hash(_ password: String) async -> String { await PasswordHashing.hash(password, cost: bcryptCost) }

    /// Refuses a password the rule does not accept, naming every problem (never the password).
    func checkPassword(_ password: String, login: String, grants: [RoleGrant], _ session: StoreSession) async throws {
        var identity: String?
        if let talentID = grants.first(where: { $0.role == .talent })?.scopeID,
           let talent = try await session.talent(id: talentID) {
            identity = talent.identityKey.fullValue
        }
        let problems = passwordRule.problems(in: password, login: login, identityNumber: identity)
        guard problems.isEmpty else {
            throw ServiceError.invalid(ValidationError(
                field: "password", value: "", reason: problems.map { $0.description }.joined(separator: "; "),
                hint: "choose a longer passphrase that contains neither the login nor the identity number"))
        }
    }

    static func account(id: Int64, _ session: StoreSession) async throws -> AccountRecord {
        guard let record = try await session.account(id: id) else {
            throw StoreError.internal("account #\(id) could not be read back")
        }
        return record
    }

    static func account(login: String, _ session: StoreSession) async throws -> AccountRecord {
        guard let record = try await session.account(login: login) else {
            throw ServiceError.notFound("no account has login \(login)")
        }
        return record
    }

    /// The grants with their records found: organisations by credit code, talents by number.
    static func resolve(_ inputs: [GrantInput], _ session: StoreSession) async throws -> [RoleGrant] {
        var grants: [RoleGrant] = []
        for input in inputs {
            let scopeID: Int64?
            switch input.role.scope {
            case nil:
                guard input.organisationCode == nil, input.talentID == nil else {
                    throw ServiceError.invalid(ValidationError(
                        field: "role", value: input.role.rawValue, reason: "is not limited to one record",
                        hint: "grant it without --org, --university or --talent"))
                }
                scopeID = nil
            case .organisation?, .university?:
                let flag = input.role.scope == .university ? "--university" : "--org"
                guard let code = input.organisationCode?.trimmingCharacters(in: .whitespaces).uppercased().nonEmpty else {
                    throw ServiceError.invalid(ValidationError(
                        field: "role", value: input.role.rawValue, reason: "is limited to one organisation",
                        hint: "name it with \(flag) CREDIT_CODE"))
                }
                guard let organisation = try await session.organisation(creditCode: code) else {
                    throw ServiceError.notFound("no organisation has credit code \(code)", next: .listOrganisations(kind: nil))
                }
                if input.role == .university, organisation.kind != .university {
                    throw ServiceError.invalid(ValidationError(
                        field: "university", value: code, reason: "\(organisation.name) is not a university",
                        hint: "a university role names an organisation of kind university"))
                }
                scopeID = organisation.id
            case .talent?:
                guard let id = input.talentID else {
                    throw ServiceError.invalid(ValidationError(
                        field: "role", value: "talent", reason: "is limited to one talent", hint: "name it with --talent ID"))
                }
                guard try await session.talent(id: id) != nil else {
                    throw ServiceError.notFound("no talent #\(id) is registered", next: .findTalent)
                }
                scopeID = id
            }
            do { grants.append(try RoleGrant(input.role, scopeID: scopeID)) } catch { throw ServiceError.invalid(error) }
        }
        return grants
    }
}
