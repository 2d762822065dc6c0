import TalentDomain
import TalentRules
import TalentStore

/// The housing stock: projects, their buildings (with the benchmark rent) and units. Units are added
/// one by one or imported from CSV (`HousingUnitImport.swift`); a unit's status is `offered` and
/// `leased` only through offers and leases, and by hand only `available` ↔ `maintenance`.
/// One transaction per use case, audited in it.
public struct HousingInventoryService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }
}

// The API other parts rely on.
extension HousingInventoryService {
    public func addProject(_ input: HousingProjectInput, actor: Principal) async throws(ServiceError) -> HousingProjectRecord {
        _ = try AccessTable.authorize(.housingInventoryManage, actor)
        let code = try HousingCodes.checked(input.code, field: "code", example: "ZGTT")
        guard let name = input.name.trimmed.nonEmpty else {
            throw .invalid(ValidationError(field: "name", value: input.name, reason: "is empty", hint: "e.g. 智谷人才小镇"))
        }
        return try await run {
            try await store.write { session in
                if let existing = try await session.housingProject(code: code) {
                    throw ServiceError.duplicate("project \(code) already exists (\(existing.name))")
                }
                let record = try await session.insertHousingProject(code: code, name: name, address: input.address?.trimmed.nonEmpty)
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "housing.project.add", entityType: "housing_project", entityID: code,
                    before: Optional<HousingProjectRecord>.none, after: record))
                return record
            }
        }
    }

    public func addBuilding(_ input: HousingBuildingInput, actor: Principal) async throws(ServiceError) -> HousingBuildingRecord {
        _ = try AccessTable.authorize(.housingInventoryManage, actor)
        let code = try HousingCodes.checked(input.code, field: "code", example: "ZGTT-A")
        guard let name = input.name.trimmed.nonEmpty else {
            throw .invalid(ValidationError(field: "name", value: input.name, reason: "is empty", hint: "e.g. A栋"))
        }
        guard (1...1_000_000).contains(input.benchmarkFenPerM2) else {
            throw .invalid(ValidationError(
                field: "benchmark", value: Hundredths.format(input.benchmarkFenPerM2),
                reason: "the benchmark rent must be more than ¥0.00 and at most ¥10000.00 per m² per month",
                hint: "give yuan per m² per month, e.g. --benchmark 32.00"))
        }
        return try await run {
            try await store.write { session in
                let project = try await Self.project(input.projectCode, session)
                if let existing = try await session.housingBuilding(code: code) {
                    throw ServiceError.duplicate("building \(code) already exists (\(existing.name), project \(existing.projectCode))")
                }
                let record = try await session.insertHousingBuilding(
                    projectID: project.id, code: code, name: name, benchmarkFenPerM2: input.benchmarkFenPerM2)
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "housing.building.add", entityType: "housing_building", entityID: code,
                    before: Optional<HousingBuildingRecord>.none, after: record))
                return record
            }
        }
    }

    public func addUnit(_ input: HousingUnitInput, actor: Principal) async throws(ServiceError) -> HousingUnitRecord {
        _ = try AccessTable.authorize(.housingInventoryManage, actor)
        if let problem = HousingUnitRules.problems(input).first { throw .invalid(problem) }
        let code = input.code.trimmed
        return try await run {
            try await store.write { session in
                guard let building = try await session.housingBuilding(code: input.buildingCode.trimmed) else {
                    throw ServiceError.notFound(
                        "no building has code \(input.buildingCode)", next: .listHousingBuildings)
                }
                if let existing = try await session.housingUnit(code: code) {
                    throw ServiceError.duplicate(
                        "unit \(code) already exists (building \(existing.buildingCode), floor \(existing.floor), \(existing.category))")
                }
                let record = try await session.insertHousingUnit(NewHousingUnit(
                    code: code, buildingID: building.id, floor: input.floor, category: input.category.rawValue,
                    areaHundredths: input.areaHundredths, accessible: input.accessible))
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "housing.unit.add", entityType: "housing_unit", entityID: code,
                    before: Optional<HousingUnitRecord>.none, after: record))
                return record
            }
        }
    }

    public func unit(code: String, actor: Principal) async throws(ServiceError) -> HousingUnitRecord {
        _ = try AccessTable.authorize(.housingInventoryRead, actor)
        let code = code.trimmed
        guard let record = try await run({ try await store.read { try await $0.housingUnit(code: code) } }) else {
            throw .notFound("no unit has code \(code)", next: .listHousingUnits)
        }
        return record
    }
}

extension HousingInventoryService {
    /// Every project, by code.
    public func projects(actor: Principal) async throws(ServiceError) -> [HousingProjectRecord] {
        _ = try AccessTable.authorize(.housingInventoryRead, actor)
        return try await run { try await store.read { try await $0.housingProjects() } }
    }

    /// The buildings of one project (every project when nil), by project and code.
    public func buildings(projectCode: String? = nil, actor: Principal) async throws(ServiceError) -> [HousingBuildingRecord] {
        _ = try AccessTable.authorize(.housingInventoryRead, actor)
        let code = projectCode?.trimmed.nonEmpty
        return try await run {
            try await store.read { session in
                if let code { _ = try await Self.project(code, session) }
                return try await session.housingBuildings(projectCode: code)
            }
        }
    }

    /// The units the filter selects, by project, building, floor and code. An unknown project or
    /// building code is refused (a typo would otherwise look like an empty project or building).
    public func units(filter: HousingUnitFilter = .init(), actor: Principal) async throws(ServiceError) -> [HousingUnitRecord] {
        try await unitList(filter, actor: actor) { try await $0.housingUnits($1) }
    }

    /// How many units ``units(filter:actor:)`` would list without its limit and offset.
    public func unitCount(filter: HousingUnitFilter = .init(), actor: Principal) async throws(ServiceError) -> Int {
        try await unitList(filter, actor: actor) { try await $0.housingUnitCount($1) }
    }

    private func unitList<T: Sendable>(_ filter: HousingUnitFilter, actor: Principal,
                                       _ read: (StoreSession, HousingUnitFilter) async throws -> T)
        async throws(ServiceError) -> T
    {
        _ = try AccessTable.authorize(.housingInventoryRead, actor)
        if let category = filter.category, UnitCategory.parse(category) == nil {
            throw .invalid(ValidationError(field: "category", value: category, reason: "is not a unit category",
                                           hint: "use studio, 1BR, 2BR or 3BR"))
        }
        var filter = filter
        filter.category = filter.category.flatMap(UnitCategory.parse)?.rawValue
        filter.projectCode = filter.projectCode?.trimmed.nonEmpty
        filter.buildingCode = filter.buildingCode?.trimmed.nonEmpty
        return try await run { [filter] in
            try await store.read { session in
                if let code = filter.projectCode { _ = try await Self.project(code, session) }
                if let code = filter.buildingCode, try await session.housingBuilding(code: code) == nil {
                    throw ServiceError.notFound("no building has code \(code)", next: .listHousingBuildings)
                }
                return try await read(session, filter)
            }
        }
    }

    /// Takes a unit out of stock (`maintenance`) or returns it (`available`). `offered` and `leased`
    /// follow the unit's offers and leases, so they are neither set nor left by hand.
    /// `date` may not be after `today`: the change takes effect when it is recorded.
    public func setStatus(code: String, to status: UnitStatus, reason: String, on date: CalendarDate,
                          today: CalendarDate = .today(), actor: Principal) async throws(ServiceError) -> HousingUnitRecord {
        _ = try AccessTable.authorize(.housingInventoryManage, actor)
        let code = code.trimmed
        try date.requireHappened(by: today, "a change of a unit's status")
        guard status.isSetByHand else {
            throw .refused("a unit becomes \(status.rawValue) only through an offer or a lease; "
                + "by hand a unit moves only between available and maintenance")
        }
        guard let reason = reason.trimmed.nonEmpty else {
            throw .invalid(ValidationError(field: "reason", value: reason, reason: "is empty",
                                           hint: "say why, e.g. --reason \"漏水维修\""))
        }
        return try await run {
            try await store.write { session in
                guard let before = try await session.housingUnit(code: code, forUpdate: true) else {
                    throw ServiceError.notFound("no unit has code \(code)", next: .listHousingUnits)
                }
                switch before.status {
                case _ where before.status.canChangeByHand(to: status):
                    break
                case .offered:
                    throw ServiceError.refused(
                        "unit \(code) is offered to an applicant; it returns to stock when the offer is declined or expires")
                case .leased:
                    throw ServiceError.refused(
                        "unit \(code) is leased; it returns to stock after the lease ends or the tenant moves out")
                default:
                    throw ServiceError.refused("unit \(code) is already \(status.rawValue); nothing to change")
                }
                try await session.setHousingUnitStatus(id: before.id, status)
                var after = before
                after.status = status
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "housing.unit.status", entityType: "housing_unit", entityID: code,
                    before: before, after: after, reason: "\(date): \(reason)"))
                return after
            }
        }
    }

    static func project(_ code: String, _ session: StoreSession) async throws -> HousingProjectRecord {
        let code = code.trimmed
        guard let project = try await session.housingProject(code: code) else {
            throw ServiceError.notFound("no project has code \(code)", next: .listHousingProjects)
        }
        return project
    }
}

/// The code rule shared by projects, buildings and units (the schema's CHECK).
enum HousingCodes {
    static func isValid(_ code: String) -> Bool {
        HousingCodeSyntax.isWellFormed(code)
    }

    static func checked(_ raw: String, field: String, example: String) throws(ServiceError) -> String {
        let code = raw.trimmed
        guard isValid(code) else {
            throw .invalid(ValidationError(field: field, value: HousingCodeSyntax.shown(raw), reason: HousingCodeSyntax.rule,
                                           hint: "e.g. \(example)"))
        }
        return code
    }
}
