import Foundation
import TalentDomain
import TalentRules
import TalentStore

/// Registers organisations and talents. One transaction per use case, audited in it.
public struct RegistryService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    // MARK: Organisations

    public func addOrganisation(_ input: OrganisationInput, actor: Principal) async throws(ServiceError) -> OrganisationRecord {
        _ = try AccessTable.authorize(.organisationAdd, actor)
        do {
            return try await insert(input, actor: actor)
        } catch .store(.duplicate(constraint: "organisations_credit_code_key", _)) {
            // Lost a race with a concurrent registration of the same code.
            throw .duplicate("credit_code \(input.creditCode.uppercased()) is already registered")
        }
    }

    private func insert(_ input: OrganisationInput, actor: Principal) async throws(ServiceError) -> OrganisationRecord {
        let draft: NewOrganisationDraft
        do { draft = try input.validated() } catch { throw .invalid(error) }
        let new = NewOrganisation(
            creditCode: draft.code, overrideReason: draft.reason, name: draft.name, kind: input.kind,
            industryChain: input.industryChain, inZone: input.inZone)
        return try await run {
            try await store.write { session in
                if let existing = try await session.organisation(creditCode: draft.code.value) {
                    throw ServiceError.duplicate(
                        "credit_code \(draft.code.value) is already registered to \(existing.name) (organisation #\(existing.id))")
                }
                let record = try await session.insertOrganisation(new)
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "organisation.add", entityType: "organisation", entityID: record.creditCode,
                    before: Optional<OrganisationRecord>.none, after: record, reason: nil))
                if let reason = draft.reason {
                    try await session.appendAudit(AuditRecord(
                        actor: actor.auditName, action: "organisation.accept-invalid-code", entityType: "organisation",
                        entityID: record.creditCode, before: Optional<OrganisationRecord>.none,
                        after: ["credit_code": record.creditCode], reason: reason))
                }
                return record
            }
        }
    }

    public func organisation(creditCode: String, actor: Principal) async throws(ServiceError) -> OrganisationRecord {
        let access = try AccessTable.authorize(.organisationRead, actor)
        let code = creditCode.trimmingCharacters(in: .whitespaces).uppercased()
        let found = try await run { try await store.read { try await $0.organisation(creditCode: code) } }
        guard let found, access.reaches(organisationID: found.id) else {
            throw .notFound("no organisation has credit code \(code)", next: .listOrganisations(kind: nil))
        }
        return found
    }

    public func organisations(_ filter: OrganisationFilter = .init(), actor: Principal) async throws(ServiceError) -> [OrganisationRecord] {
        let access = try AccessTable.authorize(.organisationRead, actor)
        let found = try await run { try await store.read { try await $0.organisations(filter) } }
        return access.reachesEverything ? found : found.filter { access.reaches(organisationID: $0.id) }
    }

    // MARK: Talents

    public func register(_ draft: TalentDraft, actor: Principal) async throws(ServiceError) -> TalentRecord {
        let access = try AccessTable.authorize(.talentRegister, actor)
        do {
            return try await insert(draft, access: access)
        } catch .store(.duplicate(constraint: "talents_identity_unique", _)) {
            // Lost a race with a concurrent registration of the same identity.
            throw .duplicate("\(Self.identityField(draft.identity)) \(draft.identity.masked) is already registered")
        }
    }

    private func insert(_ draft: TalentDraft, access: Access) async throws(ServiceError) -> TalentRecord {
        try await run {
            try await store.write { session in
                let employerID = try await Self.employerID(draft.employerCreditCode, session)
                // An employer's HR registers only its own staff.
                if !access.reachesEverything, employerID.map(access.organisations.contains) != true {
                    throw ServiceError.invalid(ValidationError(
                        field: "employer_credit_code", value: draft.employerCreditCode ?? "",
                        reason: "is not an organisation this account registers staff for",
                        hint: "give your own organisation's credit code"))
                }
                if let existing = try await session.talent(identityKey: draft.identity.key) {
                    guard access.reaches(talentID: existing.id, employerID: existing.employer?.id) else {
                        throw ServiceError.duplicate(
                            "\(Self.identityField(draft.identity)) \(draft.identity.masked) is already registered; "
                                + "ask the talent office to move the talent to your organisation")
                    }
                    throw ServiceError.duplicate(
                        "\(Self.identityField(draft.identity)) \(draft.identity.masked) is already registered as talent #\(existing.id) "
                            + "(\(existing.name))", next: .updateTalent(id: existing.id))
                }
                let record = try await session.insertTalent(draft, employerID: employerID)
                try await session.appendAudit(AuditRecord(
                    actor: access.principal.auditName, action: "talent.register", entityType: "talent", entityID: String(record.id),
                    before: Optional<TalentRecord>.none, after: record))
                return record
            }
        }
    }

    /// Replaces the given import-column values (`mobile`, `employer_credit_code`, …; an empty value
    /// clears the field). The identity cannot change. The previous version is kept in the history.
    public func update(
        identityKey: String, changes: [String: String], actor: Principal, reason: String? = nil
    ) async throws(ServiceError) -> TalentRecord {
        let access = try AccessTable.authorize(.talentUpdate, actor)
        if let field = ["id_number", "passport", "nationality"].first(where: { changes[$0] != nil }) {
            throw .invalid(ValidationError(
                field: field, value: changes[field] ?? "", reason: "the identity of a registered talent cannot be changed",
                hint: "register the correct identity as a new talent"))
        }
        if let unknown = changes.keys.sorted().first(where: { !TalentImportHeader.columns.contains($0) }) {
            throw .invalid(ValidationError(
                field: unknown, value: changes[unknown] ?? "", reason: "is not a talent field",
                hint: "fields are " + TalentImportHeader.columns.joined(separator: ", ")))
        }
        guard !changes.isEmpty else {
            throw .invalid(ValidationError(field: "changes", value: "", reason: "nothing to change",
                                           hint: "give at least one field to change, e.g. --mobile"))
        }
        return try await run {
            try await store.write { session in
                guard let before = try await session.talent(identityKey: identityKey, forUpdate: true),
                      access.reaches(talentID: before.id, employerID: before.employer?.id) else {
                    throw ServiceError.notFound("no talent is registered with identity \(PersonalDataMask.identity(identityKey))")
                }
                let draft: TalentDraft
                do {
                    draft = try TalentDraft(record: before).replacing(changes)
                } catch let error as ValidationError {
                    throw ServiceError.invalid(error)
                }
                let employerID = try await Self.employerID(draft.employerCreditCode, session)
                if !access.reachesEverything, employerID != before.employer?.id {
                    throw ServiceError.invalid(ValidationError(
                        field: "employer_credit_code", value: draft.employerCreditCode ?? "",
                        reason: "only the talent office moves a talent to another employer",
                        hint: "ask the talent office"))
                }
                let after = try await session.updateTalent(id: before.id, draft, employerID: employerID)
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "talent.update", entityType: "talent", entityID: String(before.id),
                    before: before, after: after, reason: reason))
                return after
            }
        }
    }

    /// One talent, its identity and mobile numbers masked. With `reveal`, shown in full, and the read and
    /// its `pii.reveal` audit entry share one transaction.
    public func talent(identityKey: String, reveal: PIIReveal? = nil, actor: Principal) async throws(ServiceError) -> TalentRecord {
        let access = try AccessTable.authorize(.talentRead, actor)
        return try await run {
            try await store.read(revealing: reveal) { session in
                let record = try await Self.talent(identityKey, access, session)
                guard let reveal else { return record }
                try access.requireReveal(reveal, talentID: record.id)
                try await session.recordReveal(reveal, by: access.principal, entityType: "talent", ids: [record.id])
                return record.revealed()
            }
        }
    }

    /// One talent with its certifications, as `talent show` prints them: numbers masked unless `reveal`,
    /// in which case one `pii.reveal` audit entry is written in the transaction of the read.
    public func dossier(identityKey: String, reveal: PIIReveal? = nil, actor: Principal) async throws(ServiceError) -> TalentDossier {
        try await dossier(.identity(identityKey), reveal: reveal, actor: actor)
    }

    /// ``dossier(identityKey:actor:reveal:)`` by the talent's record number (the API's address).
    public func dossier(id: Int64, reveal: PIIReveal? = nil, actor: Principal) async throws(ServiceError) -> TalentDossier {
        try await dossier(.id(id), reveal: reveal, actor: actor)
    }

    private func dossier(_ key: TalentKey, reveal: PIIReveal?, actor: Principal) async throws(ServiceError) -> TalentDossier {
        let access = try AccessTable.authorize(.talentRead, actor)
        return try await run {
            try await store.read(revealing: reveal) { session in
                let record = try await Self.talent(key, access, session)
                let certifications = try await session.certifications(talentID: record.id)
                guard let reveal else { return TalentDossier(talent: record, certifications: certifications) }
                try access.requireReveal(reveal, talentID: record.id)
                try await session.recordReveal(reveal, by: access.principal, entityType: "talent", ids: [record.id])
                return TalentDossier(talent: record.revealed(), certifications: certifications.map { $0.revealed() })
            }
        }
    }

    /// Talents in pinyin order of name. With `reveal`, one `pii.reveal` audit entry per talent listed is
    /// written in the transaction of the read.
    public func talents(_ filter: TalentFilter, reveal: PIIReveal? = nil, actor: Principal) async throws(ServiceError) -> [TalentRecord] {
        let access = try AccessTable.authorize(.talentRead, actor)
        let scoped = access.reachesEverything
            ? filter : filter.within(employers: access.organisations.sorted(), talents: access.talents.sorted())
        return try await run {
            try await store.read(revealing: reveal) { session in
                let records = try await session.talents(scoped)
                guard let reveal else { return records }
                for record in records { try access.requireReveal(reveal, talentID: record.id) }
                try await session.recordReveal(reveal, by: access.principal, entityType: "talent", ids: records.map(\.id))
                return records.map { $0.revealed() }
            }
        }
    }

    /// How many talents ``talents(_:reveal:actor:)`` would list without its limit and offset (in reach only).
    public func talentCount(_ filter: TalentFilter, actor: Principal) async throws(ServiceError) -> Int {
        let access = try AccessTable.authorize(.talentRead, actor)
        let scoped = access.reachesEverything
            ? filter : filter.within(employers: access.organisations.sorted(), talents: access.talents.sorted())
        return try await run { try await store.read { try await $0.talentCount(scoped) } }
    }

    /// The earlier versions of a talent's record, identity and mobile numbers masked in their JSON. With
    /// `reveal`, shown in full, and the read and its `pii.reveal` audit entry share one transaction.
    public func history(identityKey: String, reveal: PIIReveal? = nil, actor: Principal) async throws(ServiceError) -> [TalentVersion] {
        let access = try AccessTable.authorize(.talentRead, actor)
        return try await run {
            try await store.read(revealing: reveal) { session in
                let record = try await Self.talent(identityKey, access, session)
                if let reveal { try access.requireReveal(reveal, talentID: record.id) }
                let versions = try await session.talentHistory(id: record.id).map {
                    TalentVersion(version: $0.version, replacedAt: $0.replacedAt,
                                  data: reveal == nil ? PersonalDataMask.json($0.data) : $0.data)
                }
                if let reveal { try await session.recordReveal(reveal, by: access.principal, entityType: "talent", ids: [record.id]) }
                return versions
            }
        }
    }

    public func figures(actor: Principal) async throws(ServiceError) -> RegistryFigures {
        _ = try AccessTable.authorize(.reportRead, actor)
        return try await run { try await store.read { try await $0.registryFigures() } }
    }

    // MARK: Helpers

    static func talent(_ identityKey: String, _ access: Access, _ session: StoreSession) async throws -> TalentRecord {
        try await talent(.identity(identityKey), access, session)
    }

    /// The talent, when it exists and is in the access's reach; otherwise not found, in the same words.
    static func talent(_ key: TalentKey, _ access: Access, _ session: StoreSession,
                       forUpdate: Bool = false) async throws -> TalentRecord {
        let found: TalentRecord? = switch key {
        case let .identity(identityKey): try await session.talent(identityKey: identityKey, forUpdate: forUpdate)
        case let .id(id): try await session.talent(id: id, forUpdate: forUpdate)
        }
        guard let found, access.reaches(talentID: found.id, employerID: found.employer?.id) else {
            throw ServiceError.notFound(key.notFoundMessage, next: .findTalent)
        }
        return found
    }

    static func employerID(_ code: String?, _ session: StoreSession) async throws -> Int64? {
        guard let code else { return nil }
        guard let employer = try await session.organisation(creditCode: code) else {
            throw ServiceError.invalid(ValidationError(
                field: "employer", value: code, reason: "no organisation has this credit code"),
                next: .addOrganisation(kind: nil))
        }
        return employer.id
    }

    static func identityField(_ identity: PersonIdentity) -> String {
        if case .resident = identity { return "id_number" }
        return "passport"
    }
}

/// A talent with its certifications.
public struct TalentDossier: Sendable, Codable {
    public var talent: TalentRecord
    public var certifications: [CertificationRecord]
}

/// A previous version of a talent record.
public struct TalentVersion: Sendable, Codable {
    public var version: Int
    public var replacedAt: Date
    /// The row as JSON text.
    public var data: String
}

/// Runs store work and turns every failure into a `ServiceError`.
func run<T: Sendable>(_ body: () async throws -> T) async throws(ServiceError) -> T {
    do {
        return try await body()
    } catch {
        throw ServiceError.wrap(error)
    }
}

/// How a use case names a talent: by identity (the CLI) or by record number (the API, whose URLs never
/// carry an identity number).
enum TalentKey: Sendable {
    case identity(String)
    case id(Int64)

    var notFoundMessage: String {
        switch self {
        case let .identity(key): "no talent is registered with identity \(PersonalDataMask.identity(key))"
        case let .id(id): "no talent #\(id) is registered"
        }
    }
}
