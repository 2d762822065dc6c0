import TalentStore

/// What one principal may reach in one use case: everything (an office role allows it) or only the
/// records its scoped grants name. Returned by ``AccessTable/authorize(_:_:)``; a service asks it about
/// each record it is about to read or change, and narrows lists with it.
public struct Access: Sendable {
    public let useCase: UseCase
    public let principal: Principal
    /// The principal's grants that allow the use case.
    public let grants: Set<RoleGrant>

    /// An office role allows it: every record is in reach.
    public var reachesEverything: Bool { grants.contains { $0.role.scope == nil } }
    /// The organisations (employers) in reach through `employer` grants.
    public var organisations: Set<Int64> { ids(.employer) }
    /// The universities in reach through `university` grants.
    public var universities: Set<Int64> { ids(.university) }
    /// The talents in reach through `talent` grants.
    public var talents: Set<Int64> { ids(.talent) }

    private func ids(_ role: Role) -> Set<Int64> {
        Set(grants.filter { $0.role == role }.compactMap(\.scopeID))
    }

    /// A talent is in reach: everything, the talent themself, or their employer's HR.
    public func reaches(talentID: Int64, employerID: Int64?) -> Bool {
        reachesEverything || talents.contains(talentID) || employerID.map(organisations.contains) == true
    }

    /// An organisation is in reach: everything, or the employer or university it is.
    public func reaches(organisationID: Int64) -> Bool {
        reachesEverything || organisations.contains(organisationID) || universities.contains(organisationID)
    }

    /// A university's records (programmes, trainees, rosters) are in reach.
    public func reaches(universityID: Int64) -> Bool { reachesEverything || universities.contains(universityID) }

    /// Throws `notFound(message)` unless `inReach`: out of scope reads exactly as missing.
    public func require(_ inReach: Bool, else message: @autoclosure () -> String, next: NextStep? = nil) throws(ServiceError) {
        guard inReach else { throw .notFound(message(), next: next) }
    }

    /// Whether full identity and mobile numbers of a talent may be shown: with `reveal-pii`, or one's own.
    public func mayReveal(talentID: Int64) -> Bool {
        principal.mayRevealPersonalData || principal.scopeIDs(of: .talent).contains(talentID)
    }
}

extension Access {
    /// Refuses a reveal of `talentID`'s numbers that the principal may not ask for.
    func requireReveal(_ reveal: PIIReveal, talentID: Int64) throws(ServiceError) {
        guard mayReveal(talentID: talentID) else { throw Self.revealRefused(principal) }
    }

    /// Refuses a reveal of anyone's numbers without the `reveal-pii` entitlement (rosters, trainees).
    func requireReveal() throws(ServiceError) {
        guard principal.mayRevealPersonalData else { throw Self.revealRefused(principal) }
    }

    static func revealRefused(_ principal: Principal) -> ServiceError {
        .notPermitted("\(principal.auditName) may not see full identity and mobile numbers: that needs the reveal-pii entitlement")
    }
}

extension Access {
    /// Whether the talent with this record number is in reach (reads the talent's employer when needed).
    func reaches(talentID: Int64, _ session: StoreSession) async throws -> Bool {
        if reachesEverything || talents.contains(talentID) { return true }
        guard !organisations.isEmpty, let talent = try await session.talent(id: talentID) else { return false }
        return reaches(talentID: talentID, employerID: talent.employer?.id)
    }
}
