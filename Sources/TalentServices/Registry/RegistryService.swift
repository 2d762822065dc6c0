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

    public func addOrganisation(_ input: OrganisationInput, actor: String) async throws(ServiceError) -> OrganisationRecord {
        do {
            return try await insert(input, actor: actor)
        } catch .store(.duplicate(constraint: "organisations_credit_code_key", _)) {
            // Lost a race with a concurrent registration of the same code.
            throw .duplicate("credit_code \(input.creditCode.uppercased()) is already registered")
        }
    }

    private func insert(_ input: OrganisationInput, actor: String) async throws(ServiceError) -> OrganisationRecord {
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
                    actor: actor, action: "organisation.add", entityType: "organisation", entityID: record.creditCode,
                    before: Optional<OrganisationRecord>.none, after: record, reason: nil))
                if let reason = draft.reason {
                    try await session.appendAudit(AuditRecord(
                        actor: actor, action: "organisation.accept-invalid-code", entityType: "organisation",
                        entityID: record.creditCode, before: Optional<OrganisationRecord>.none,
                        after: ["credit_code": record.creditCode], reason: reason))
                }
                return record
            }
        }
    }

    public func organisation(creditCode: String) async throws(ServiceError) -> OrganisationRecord {
        let code = creditCode.trimmingCharacters(in: .whitespaces).uppercased()
        let found = try await run { try await store.read { try await $0.organisation(creditCode: code) } }
        guard let found else {
            throw .notFound("no organisation has credit code \(code)", next: .listOrganisations(kind: nil))
        }
        return found
    }

    public func organisations(_ filter: OrganisationFilter = .init()) async throws(ServiceError) -> [OrganisationRecord] {
        try await run { try await store.read { try await $0.organisations(filter) } }
    }

    // MARK: Talents

    public func register(_ draft: TalentDraft, actor: String) async throws(ServiceError) -> TalentRecord {
        do {
            return try await insert(draft, actor: actor)
        } catch .store(.duplicate(constraint: "talents_identity_unique", _)) {
            // Lost a race with a concurrent registration of the same identity.
            throw .duplicate("\(Self.identityField(draft.identity)) \(draft.identity.masked) is already registered")
        }
    }

    private func insert(_ draft: TalentDraft, actor: String) async throws(ServiceError) -> TalentRecord {
        try await run {
            try await store.write { session in
                if let existing = try await session.talent(identityKey: draft.identity.key) {
                    throw ServiceError.duplicate(
                        "\(Self.identityField(draft.identity)) \(draft.identity.masked) is already registered as talent #\(existing.id) "
                            + "(\(existing.name))", next: .updateTalent(id: existing.id))
                }
                let employerID = try await Self.employerID(draft.employerCreditCode, session)
                let record = try await session.insertTalent(draft, employerID: employerID)
                try await session.appendAudit(AuditRecord(
                    actor: actor, action: "talent.register", entityType: "talent", entityID: String(record.id),
                    before: Optional<TalentRecord>.none, after: record))
                return record
            }
        }
    }

    /// Replaces the given import-column values (`mobile`, `employer_credit_code`, …; an empty value
    /// clears the field). The identity cannot change. The previous version is kept in the history.
    public func update(
        identityKey: String, changes: [String: String], actor: String, reason: String? = nil
    ) async throws(ServiceError) -> TalentRecord {
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
                guard let before = try await session.talent(identityKey: identityKey, forUpdate: true) else {
                    throw ServiceError.notFound("no talent is registered with identity \(PersonalDataMask.identity(identityKey))")
                }
                let draft: TalentDraft
                do {
                    draft = try TalentDraft(record: before).replacing(changes)
                } catch let error as ValidationError {
                    throw ServiceError.invalid(error)
                }
                let employerID = try await Self.employerID(draft.employerCreditCode, session)
                let after = try await session.updateTalent(id: before.id, draft, employerID: employerID)
                try await session.appendAudit(AuditRecord(
                    actor: actor, action: "talent.update", entityType: "talent", entityID: String(before.id),
                    before: before, after: after, reason: reason))
                return after
            }
        }
    }

    /// One talent, its identity and mobile numbers masked. With `reveal`, shown in full, and the read and
    /// its `pii.reveal` audit entry share one transaction.
    public func talent(identityKey: String, reveal: PIIReveal? = nil) async throws(ServiceError) -> TalentRecord {
        try await run {
            try await store.read(revealing: reveal) { session in
                let record = try await Self.talent(identityKey, session)
                guard let reveal else { return record }
                try await session.recordReveal(reveal, entityType: "talent", ids: [record.id])
                return record.revealed()
            }
        }
    }

    /// One talent with its certifications, as `talent show` prints them: numbers masked unless `reveal`,
    /// in which case one `pii.reveal` audit entry is written in the transaction of the read.
    public func dossier(identityKey: String, reveal: PIIReveal? = nil) async throws(ServiceError) -> TalentDossier {
        try await run {
            try await store.read(revealing: reveal) { session in
                let record = try await Self.talent(identityKey, session)
                let certifications = try await session.certifications(talentID: record.id)
                guard let reveal else { return TalentDossier(talent: record, certifications: certifications) }
                try await session.recordReveal(reveal, entityType: "talent", ids: [record.id])
                return TalentDossier(talent: record.revealed(), certifications: certifications.map { $0.revealed() })
            }
        }
    }

    /// Talents in pinyin order of name. With `reveal`, one `pii.reveal` audit entry per talent listed is
    /// written in the transaction of the read.
    public func talents(_ filter: TalentFilter, reveal: PIIReveal? = nil) async throws(ServiceError) -> [TalentRecord] {
        try await run {
            try await store.read(revealing: reveal) { session in
                let records = try await session.talents(filter)
                guard let reveal else { return records }
                try await session.recordReveal(reveal, entityType: "talent", ids: records.map(\.id))
                return records.map { $0.revealed() }
            }
        }
    }

    /// The earlier versions of a talent's record, identity and mobile numbers masked in their JSON. With
    /// `reveal`, shown in full, and the read and its `pii.reveal` audit entry share one transaction.
    public func history(identityKey: String, reveal: PIIReveal? = nil) async throws(ServiceError) -> [TalentVersion] {
        try await run {
            try await store.read(revealing: reveal) { session in
                let record = try await Self.talent(identityKey, session)
                let versions = try await session.talentHistory(id: record.id).map {
                    TalentVersion(version: $0.version, replacedAt: $0.replacedAt,
                                  data: reveal == nil ? PersonalDataMask.json($0.data) : $0.data)
                }
                if let reveal { try await session.recordReveal(reveal, entityType: "talent", ids: [record.id]) }
                return versions
            }
        }
    }

    public func figures() async throws(ServiceError) -> RegistryFigures {
        try await run { try await store.read { try await $0.registryFigures() } }
    }

    // MARK: Helpers

    static func talent(_ identityKey: String, _ session: StoreSession) async throws -> TalentRecord {
        guard let found = try await session.talent(identityKey: identityKey) else {
            throw ServiceError.notFound("no talent is registered with identity \(PersonalDataMask.identity(identityKey))",
                                        next: .findTalent)
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
