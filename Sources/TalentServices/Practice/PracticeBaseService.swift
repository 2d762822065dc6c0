import Foundation
import TalentDomain
import TalentRules
import TalentStore

/// The graduate practice base: programmes, cohorts, trainees, host positions and both sides'
/// rankings. Matching, the practice itself and projects are in the other files of this folder.
/// One transaction per use case, audited in it.
public struct PracticeBaseService: Sendable {
    let store: Store
    /// The duration policy the completion rule applies when the service does not follow the stored policy.
    public let duration: PracticeDuration
    /// Whether the completion rule takes its duration from the policy in force on the day in question
    /// (read in the same transaction) and completion records that policy's version and SHA-256.
    public let followsStoredPolicy: Bool

    /// Applies a fixed duration (tests, the demo loader); completions name no policy version.
    public init(store: Store, duration: PracticeDuration = .standard) {
        self.store = store
        self.duration = duration
        self.followsStoredPolicy = false
    }

    /// Applies the stored policy in force on each day in question (`PolicyFile.standard` when none is stored).
    public static func followingStoredPolicy(store: Store) -> PracticeBaseService {
        PracticeBaseService(store: store, followsStoredPolicy: true)
    }

    private init(store: Store, followsStoredPolicy: Bool) {
        self.store = store
        self.duration = .standard
        self.followsStoredPolicy = followsStoredPolicy
    }

    /// The duration rule for `date`, and the policy it came from when the service follows the stored one.
    func duration(on date: CalendarDate, _ session: StoreSession) async throws -> (PracticeDuration, PolicyInForce?) {
        guard followsStoredPolicy else { return (duration, nil) }
        let inForce = try await PolicyInForce.resolve(on: date, session)
        return (inForce.policy.practice, inForce)
    }

    // MARK: Programmes

    public func addProgramme(universityCode: String, field: String, fieldEn: String? = nil,
                             actor: Principal) async throws(ServiceError) -> ProgrammeRecord {
        _ = try AccessTable.authorize(.practiceManage, actor)
        guard let field = field.trimmed.nonEmpty else {
            throw .invalid(ValidationError(field: "field", value: field, reason: "is empty", hint: "e.g. 大数据工程"))
        }
        return try await run {
            try await store.write { session in
                let university = try await Self.organisation(universityCode, kinds: [.university], session)
                if try await session.programme(universityID: university.id, field: field) != nil {
                    throw ServiceError.duplicate("\(university.name) already has the programme \(field)")
                }
                let record = try await session.insertProgramme(
                    universityID: university.id, field: field, fieldEn: fieldEn?.trimmed.nonEmpty)
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "practice.programme.add", entityType: "degree_programme",
                    entityID: String(record.id), before: Optional<ProgrammeRecord>.none, after: record))
                return record
            }
        }
    }

    public func programmes(universityCode: String? = nil) async throws(ServiceError) -> [ProgrammeRecord] {
        try await run { try await store.read { try await $0.programmes(universityCode: universityCode?.uppercased()) } }
    }

    // MARK: Cohorts

    public func createCohort(_ input: CohortInput, actor: Principal) async throws(ServiceError) -> CohortRecord {
        _ = try AccessTable.authorize(.practiceManage, actor)
        guard (2000...2100).contains(input.intakeYear) else {
            throw .invalid(ValidationError(field: "year", value: String(input.intakeYear), reason: "is not a plausible intake year"))
        }
        guard input.practiceEnd > input.practiceStart else {
            throw .invalid(ValidationError(
                field: "end", value: input.practiceEnd.description,
                reason: "the practice window must end after it starts (\(input.practiceStart))"))
        }
        let name = input.name?.trimmed.nonEmpty ?? "\(input.intakeYear)级"
        return try await run {
            try await store.write { session in
                if let existing = try await session.cohort(year: input.intakeYear) {
                    throw ServiceError.duplicate("the \(existing.name) cohort (intake \(input.intakeYear)) already exists")
                }
                let record = try await session.insertCohort(
                    intakeYear: input.intakeYear, name: name, start: input.practiceStart, end: input.practiceEnd)
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "practice.cohort.create", entityType: "cohort", entityID: String(record.intakeYear),
                    before: Optional<CohortRecord>.none, after: record))
                return record
            }
        }
    }

    public func cohorts() async throws(ServiceError) -> [CohortRecord] {
        try await run { try await store.read { try await $0.cohorts() } }
    }

    // MARK: Trainees

    public func enrol(_ input: TraineeInput, cohortYear: Int, today: CalendarDate = .today(),
                      actor: Principal) async throws(ServiceError) -> TraineeRecord {
        _ = try AccessTable.authorize(.practiceManage, actor)
        let draft: TraineeDraft
        switch input.validated(today: today) {
        case let .success(valid): draft = valid
        case let .failure(issues): throw .invalid(issues.firstValidationError)
        }
        return try await run {
            try await store.write { session in
                let cohort = try await Self.cohort(cohortYear, session)
                let university = try await Self.university(draft.university, session)
                guard let programme = try await session.programme(universityID: university.id, field: draft.field) else {
                    throw ServiceError.notFound(
                        "\(university.name) has no programme \(draft.field)",
                        next: .addProgramme(university: university.creditCode, field: draft.field))
                }
                if let other = try await session.trainees(studentNumber: draft.studentNumber, universityCode: university.creditCode).first {
                    throw ServiceError.duplicate(
                        "\(university.name) student \(draft.studentNumber) is already enrolled (\(other.name), \(other.cohortName))")
                }
                if let number = try await session.enrolledIdentities(cohortID: cohort.id, [draft.identity.key])[draft.identity.key] {
                    throw ServiceError.duplicate(
                        "identity \(draft.identity.masked) is already enrolled in \(cohort.name) as student \(number)")
                }
                let record = try await session.insertTrainee(NewTrainee(
                    cohortID: cohort.id, universityID: university.id, programmeID: programme.id,
                    studentNumber: draft.studentNumber, name: draft.name.value, identityKey: draft.identity.key,
                    mobile: draft.mobile?.value, directFromBachelor: draft.directFromBachelor,
                    campusSupervisor: draft.campusSupervisor.value))
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "practice.trainee.enrol", entityType: "trainee", entityID: String(record.id),
                    before: Optional<TraineeRecord>.none, after: record))
                return record
            }
        }
    }

    /// Sorted by university, then name, in pinyin order. With `reveal`, one `pii.reveal` audit entry per
    /// trainee listed is written in the transaction of the read.
    public func trainees(_ filter: TraineeFilter, reveal: PIIReveal? = nil, actor: Principal) async throws(ServiceError) -> [TraineeRecord] {
        let access = try AccessTable.authorize(.practiceRead, actor)
        if reveal != nil { try access.requireReveal() }
        var filter = filter
        filter.universityCode = filter.universityCode?.uppercased()
        return try await run { [filter] in
            try await store.read(revealing: reveal) { session in
                let own = try await Self.universityCodes(access, session)
                let records = try await session.trainees(filter).filter { own?.contains($0.universityCode) ?? true }
                guard let reveal else { return records }
                try await session.recordReveal(reveal, by: actor, entityType: "trainee", ids: records.map(\.id))
                return records.map { $0.revealed() }
            }
        }
    }

    /// One trainee with the stage reports, the final assessment and what still blocks completion today.
    /// With `reveal`, the read and its `pii.reveal` audit entry share one transaction.
    public func trainee(_ reference: TraineeReference, on date: CalendarDate = .today(),
                        reveal: PIIReveal? = nil, actor: Principal) async throws(ServiceError) -> TraineeDetail {
        let access = try AccessTable.authorize(.practiceRead, actor)
        if reveal != nil { try access.requireReveal() }
        return try await run {
            try await store.read(revealing: reveal) { session in
                let trainee = try await Self.trainee(reference, session)
                guard try await Self.universityCodes(access, session)?.contains(trainee.universityCode) ?? true else {
                    throw ServiceError.notFound("no trainee is enrolled as \(reference)", next: .listTrainees)
                }
                guard let reveal else { return try await detail(of: trainee, on: date, session) }
                try await session.recordReveal(reveal, by: actor, entityType: "trainee", ids: [trainee.id])
                return try await detail(of: trainee.revealed(), on: date, session)
            }
        }
    }

    // MARK: Host positions

    public func addPosition(_ input: PositionInput, cohortYear: Int, actor: Principal) async throws(ServiceError) -> HostPositionRecord {
        _ = try AccessTable.authorize(.practiceManage, actor)
        let clean: PositionInput
        switch input.validated() {
        case let .success(valid): clean = valid
        case let .failure(issues): throw .invalid(issues.firstValidationError)
        }
        return try await run {
            try await store.write { session in
                let cohort = try await Self.cohort(cohortYear, session)
                let enterprise = try await Self.organisation(clean.enterpriseCode, kinds: [.enterprise], session)
                if try await session.positions(cohortID: cohort.id).contains(where: { $0.code == clean.code }) {
                    throw ServiceError.duplicate("\(cohort.name) already has a position \(clean.code)")
                }
                let record = try await session.insertPosition(NewHostPosition(
                    cohortID: cohort.id, enterpriseID: enterprise.id, code: clean.code, title: clean.title,
                    capacity: clean.capacity, topic: clean.topic, skills: clean.skills))
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "practice.position.add", entityType: "host_position", entityID: String(record.id),
                    before: Optional<HostPositionRecord>.none, after: record))
                return record
            }
        }
    }

    public func positions(cohortYear: Int, enterpriseCode: String? = nil) async throws(ServiceError) -> [HostPositionRecord] {
        try await run {
            try await store.read { session in
                let cohort = try await Self.cohort(cohortYear, session)
                return try await session.positions(cohortID: cohort.id, enterpriseCode: enterpriseCode?.uppercased())
            }
        }
    }

    // MARK: Both sides' rankings

    /// Replaces the trainee's ranked list of positions (codes, most preferred first).
    public func setPreferences(cohortYear: Int, trainee reference: TraineeReference, positionCodes: [String],
                               actor: Principal) async throws(ServiceError) {
        _ = try AccessTable.authorize(.practiceManage, actor)
        try Self.refuseTies(positionCodes, what: "position", field: "positions")
        try await run {
            try await store.write { session in
                let cohort = try await Self.openCohort(cohortYear, session)
                let trainee = try await Self.trainee(reference, session)
                guard trainee.cohortYear == cohort.intakeYear else {
                    throw ServiceError.refused("\(trainee.name) (\(reference)) belongs to \(trainee.cohortName), not \(cohort.name)")
                }
                let byCode = Dictionary(uniqueKeysWithValues: try await session.positions(cohortID: cohort.id).map { ($0.code, $0.id) })
                let ids = try positionCodes.map { code in
                    guard let id = byCode[code] else {
                        throw ServiceError.notFound("\(cohort.name) has no position \(code)", next: .listPositions(cohort: cohortYear))
                    }
                    return id
                }
                try await session.replacePreferences(cohortID: cohort.id, traineeID: trainee.id, positionIDs: ids)
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "practice.preferences.set", entityType: "trainee", entityID: String(trainee.id),
                    before: Optional<[String]>.none, after: ["positions": positionCodes]))
            }
        }
    }

    /// Replaces the position's ranked list of trainees (most preferred first).
    public func setRanking(cohortYear: Int, positionCode: String, trainees references: [TraineeReference],
                           actor: Principal) async throws(ServiceError) {
        _ = try AccessTable.authorize(.practiceManage, actor)
        try Self.refuseTies(references.map(\.description), what: "trainee", field: "trainees")
        try await run {
            try await store.write { session in
                let cohort = try await Self.openCohort(cohortYear, session)
                guard let position = try await session.positions(cohortID: cohort.id).first(where: { $0.code == positionCode }) else {
                    throw ServiceError.notFound("\(cohort.name) has no position \(positionCode)")
                }
                var ids: [Int64] = []
                for reference in references {
                    let trainee = try await Self.trainee(reference, session)
                    guard trainee.cohortYear == cohort.intakeYear else {
                        throw ServiceError.refused("\(trainee.name) (\(reference)) belongs to \(trainee.cohortName), not \(cohort.name)")
                    }
                    ids.append(trainee.id)
                }
                try await session.replaceRanking(cohortID: cohort.id, positionID: position.id, traineeIDs: ids)
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "practice.ranking.set", entityType: "host_position", entityID: String(position.id),
                    before: Optional<[String]>.none, after: ["trainees": ids.map(String.init)]))
            }
        }
    }

    // MARK: Look-ups shared by the use cases

    static func cohort(_ year: Int, _ session: StoreSession, forUpdate: Bool = false) async throws -> CohortRecord {
        guard let cohort = try await session.cohort(year: year, forUpdate: forUpdate) else {
            throw ServiceError.notFound("there is no cohort with intake year \(year)", next: .createCohort(year: year))
        }
        return cohort
    }

    /// A cohort whose rankings may still change: not matched yet.
    static func openCohort(_ year: Int, _ session: StoreSession) async throws -> CohortRecord {
        let cohort = try await cohort(year, session, forUpdate: true)
        if let matchedAt = cohort.matchedAt {
            throw ServiceError.refused(
                "\(cohort.name) was matched on \(ISO8601DateFormatter().string(from: matchedAt)); its preferences and rankings are final")
        }
        return cohort
    }

    static func organisation(_ code: String, kinds: Set<OrganisationKind>, _ session: StoreSession) async throws -> OrganisationRecord {
        let code = code.trimmed.uppercased()
        guard let organisation = try await session.organisation(creditCode: code) else {
            throw ServiceError.notFound("no organisation has credit code \(code)", next: .addOrganisation(kind: nil))
        }
        guard kinds.contains(organisation.kind) else {
            throw ServiceError.refused(
                "\(organisation.name) (\(code)) is registered as \(organisation.kind.rawValue); expected "
                    + kinds.map(\.rawValue).sorted().joined(separator: " or "))
        }
        return organisation
    }

    /// A university by credit code or exact registered name.
    static func university(_ reference: String, _ session: StoreSession) async throws -> OrganisationRecord {
        if let byCode = try await session.organisation(creditCode: reference.uppercased()) {
            return try await organisation(byCode.creditCode, kinds: [.university], session)
        }
        let named = try await session.organisations(OrganisationFilter(kind: .university)).filter { $0.name == reference }
        guard named.count == 1, let university = named.first else {
            throw ServiceError.notFound(named.isEmpty
                ? "no university is registered as \(reference); give its credit code"
                : "\(named.count) universities are named \(reference); give the credit code instead",
                next: named.isEmpty ? .addOrganisation(kind: .university) : nil)
        }
        return university
    }

    /// The credit codes of the universities a scoped access reaches; nil when it reaches every record.
    static func universityCodes(_ access: Access, _ session: StoreSession) async throws -> Set<String>? {
        guard !access.reachesEverything else { return nil }
        var codes: Set<String> = []
        for id in access.universities {
            if let university = try await session.organisation(id: id) { codes.insert(university.creditCode) }
        }
        return codes
    }

    static func trainee(_ reference: TraineeReference, _ session: StoreSession, forUpdate: Bool = false) async throws -> TraineeRecord {
        let found = try await session.trainees(studentNumber: reference.studentNumber, universityCode: reference.universityCode)
        guard let first = found.first else {
            throw ServiceError.notFound("no trainee is enrolled as \(reference)", next: .listTrainees)
        }
        guard found.count == 1 else {
            throw ServiceError.refused(
                "\(found.count) universities have a student \(reference.studentNumber) ("
                    + found.map { "\($0.universityName) \($0.universityCode)" }.joined(separator: ", ") + "); add --university CODE")
        }
        guard forUpdate, let locked = try await session.trainee(id: first.id, forUpdate: true) else { return first }
        return locked
    }

    static func refuseTies(_ items: [String], what: String, field: String) throws(ServiceError) {
        var seen: Set<String> = []
        for item in items where !seen.insert(item).inserted {
            throw .invalid(ValidationError(
                field: field, value: item, reason: "the \(what) \(item) is ranked twice",
                hint: "rankings are strict: list each \(what) once, best first"))
        }
    }
}
