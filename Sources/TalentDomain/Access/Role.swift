/// What an account may do, by kind of work (Docs/access.md). An account holds one or more roles; the
/// services' access table (`TalentServices/Access/AccessTable.swift`) says which use cases each allows.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    /// The talent office's administrators: everything, including accounts.
    case officeAdmin = "office-admin"
    /// Certification steps (notice, approval, rejection, revocation) and reading the registry.
    case officeReviewer = "office-reviewer"
    /// Housing inventory, rounds, offers and leases.
    case housingOfficer = "housing-officer"
    /// An employer's HR officer: only that organisation's staff.
    case employer
    /// A partner university's coordinator: only that university's trainees and rosters.
    case university
    /// A talent: only their own record and housing.
    case talent
    /// Reads everything and changes nothing; personal data masked unless also granted `reveal-pii`.
    case auditor

    /// What a role's grant must name: the organisation, the university or the talent it is limited to.
    public enum Scope: String, Sendable, Codable {
        case organisation, university, talent
    }

    /// The scope a grant of this role names, or nil for the office roles, which see everything.
    public var scope: Scope? {
        switch self {
        case .employer: .organisation
        case .university: .university
        case .talent: .talent
        case .officeAdmin, .officeReviewer, .housingOfficer, .auditor: nil
        }
    }

    /// Office staff (every role but `talent` and `employer`, and `university`'s coordinators are staff of
    /// a partner): the roles a second factor can be required for.
    public var isStaff: Bool { self != .talent && self != .employer }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Parses `office-admin`, `housing-officer`, … (case-insensitive, `_` taken for `-`).
    public static func parse(_ text: String) throws(ValidationError) -> Role {
        let key = text.trimmingWhitespace().lowercased().replacingOccurrences(of: "_", with: "-")
        guard let role = Role(rawValue: key) else {
            throw ValidationError(field: "role", value: text, reason: "is not a role",
                                  hint: "roles are " + allCases.map(\.rawValue).joined(separator: ", "))
        }
        return role
    }
}
