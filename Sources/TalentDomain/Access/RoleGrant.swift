/// One role held by an account, with the record it is limited to where the role has a scope: the
/// organisation (`employer`), the university (`university`, an organisation of kind university) or the
/// talent (`talent`), by record number.
public struct RoleGrant: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let role: Role
    /// `organisations.id` for employer and university, `talents.id` for talent; nil for the office roles.
    public let scopeID: Int64?

    /// A grant, checked: a scoped role needs its record, an office role takes none.
    public init(_ role: Role, scopeID: Int64? = nil) throws(ValidationError) {
        switch (role.scope, scopeID) {
        case (nil, nil), (.some, .some): break
        case let (.some(scope), nil):
            throw ValidationError(field: "role", value: role.rawValue, reason: "is limited to one \(scope.rawValue)",
                                  hint: "name the \(scope.rawValue) the role is for")
        case (nil, .some):
            throw ValidationError(field: "role", value: role.rawValue, reason: "is not limited to one record",
                                  hint: "grant it without an organisation, university or talent")
        }
        self.role = role
        self.scopeID = scopeID
    }

    /// An office role (no scope).
    public static func office(_ role: Role) -> RoleGrant {
        precondition(role.scope == nil, "\(role) needs a scope")
        return try! RoleGrant(role)
    }

    /// `employer@org:12`, `office-admin`.
    public var description: String {
        guard let scope = role.scope, let scopeID else { return role.rawValue }
        return "\(role.rawValue)@\(scope.rawValue):\(scopeID)"
    }

    public static func < (lhs: RoleGrant, rhs: RoleGrant) -> Bool {
        (lhs.role, lhs.scopeID ?? 0) < (rhs.role, rhs.scopeID ?? 0)
    }
}
