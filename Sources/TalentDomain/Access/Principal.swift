/// Who is asking: the authenticated account (or the local operator of the CLI) with its roles and
/// their scopes. Every service call that reads or changes the registry takes one, and the services'
/// access table decides from it what is allowed; its ``auditName`` is what the audit log records.
public struct Principal: Sendable, Hashable {
    /// Where the request came from.
    public enum Origin: Sendable, Hashable {
        /// `talentctl` on the database server, by the OS user's name or `--actor`.
        case commandLine(operatorName: String)
        /// A signed-in account (`talentd`).
        case account(id: Int64, login: String)
    }

    public let origin: Origin
    /// The roles held, each with its scope.
    public let grants: Set<RoleGrant>
    /// Granted `reveal-pii`: may ask to see full identity and mobile numbers of anyone it may read.
    /// Anyone may see their own.
    public let mayRevealPersonalData: Bool

    public init(origin: Origin, grants: Set<RoleGrant>, mayRevealPersonalData: Bool) {
        self.origin = origin
        self.grants = grants
        self.mayRevealPersonalData = mayRevealPersonalData
    }

    /// The CLI's principal: an office administrator, allowed to reveal personal data. Someone with a
    /// shell on the database server can already do anything; the audit log says it came from the CLI.
    public static func localOperator(_ name: String) -> Principal {
        let trimmed = name.trimmingWhitespace()
        return Principal(origin: .commandLine(operatorName: trimmed.isEmpty ? "unknown" : trimmed),
                         grants: [.office(.officeAdmin)], mayRevealPersonalData: true)
    }

    /// What the audit log records as the actor: `cli:NAME` for the CLI, the login for an account (logins
    /// never contain a colon, so the two cannot be confused).
    public var auditName: String {
        switch origin {
        case let .commandLine(name): "cli:\(name)"
        case let .account(_, login): login
        }
    }

    /// The account's record number, nil for the CLI.
    public var accountID: Int64? {
        if case let .account(id, _) = origin { return id }
        return nil
    }

    /// Whether any grant is of `role`.
    public func holds(_ role: Role) -> Bool { grants.contains { $0.role == role } }

    /// The records the grants of `role` are limited to.
    public func scopeIDs(of role: Role) -> Set<Int64> {
        Set(grants.filter { $0.role == role }.compactMap(\.scopeID))
    }

    /// The roles held, in the order of ``Role/allCases``.
    public var roles: [Role] { Set(grants.map(\.role)).sorted() }
}
