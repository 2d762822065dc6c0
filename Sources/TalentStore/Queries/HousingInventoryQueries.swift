import Foundation
import PostgresNIO
import TalentDomain

/// Which units `housingUnits(_:)` returns; nil fields do not filter.
public struct HousingUnitFilter: Sendable, Equatable {
    public var projectCode: String?
    public var buildingCode: String?
    /// `studio`, `1BR`, `2BR`, `3BR`.
    public var category: String?
    public var status: UnitStatus?
    public var limit: Int
    public var offset: Int

    public init(projectCode: String? = nil, buildingCode: String? = nil, category: String? = nil,
                status: UnitStatus? = nil, limit: Int = 100_000, offset: Int = 0) {
        self.projectCode = projectCode
        self.buildingCode = buildingCode
        self.category = category
        self.status = status
        self.limit = limit
        self.offset = offset
    }
}

/// A unit to insert (the building already resolved to its id).
public struct NewHousingUnit: Sendable, Equatable {
    public var code: String
    public var buildingID: Int64
    public var floor: Int
    public var category: String
    public var areaHundredths: Int
    public var accessible: Bool

    public init(code: String, buildingID: Int64, floor: Int, category: String, areaHundredths: Int, accessible: Bool) {
        self.code = code
        self.buildingID = buildingID
        self.floor = floor
        self.category = category
        self.areaHundredths = areaHundredths
        self.accessible = accessible
    }
}

/// Housing projects, buildings and units.
extension StoreSession {
    // MARK: Projects

    func housingProject(from row: RowReader) throws -> HousingProjectRecord {
        HousingProjectRecord(id: try row.value("id"), code: try row.value("code"), name: try row.value("name"),
                             address: try row.value("address"))
    }

    public func insertHousingProject(code: String, name: String, address: String?) async throws -> HousingProjectRecord {
        let record = try await firstRow("""
            INSERT INTO housing_projects (code, name, address) VALUES (\(code), \(name), \(address))
            RETURNING id, code, name, address
            """, housingProject(from:))
        guard let record else { throw StoreError.internal("INSERT … RETURNING gave no row") }
        return record
    }

    public func housingProject(code: String) async throws -> HousingProjectRecord? {
        try await firstRow("SELECT id, code, name, address FROM housing_projects WHERE code = \(code)", housingProject(from:))
    }

    /// Sorted by code.
    public func housingProjects() async throws -> [HousingProjectRecord] {
        try await rows("SELECT id, code, name, address FROM housing_projects ORDER BY code", housingProject(from:))
    }

    // MARK: Buildings

    static let housingBuildingSelect = """
        SELECT b.id, b.code, p.code AS project_code, b.name, b.benchmark_fen_per_m2
        FROM housing_buildings b JOIN housing_projects p ON p.id = b.project_id
        """

    func housingBuilding(from row: RowReader) throws -> HousingBuildingRecord {
        HousingBuildingRecord(
            id: try row.value("id"), code: try row.value("code"), projectCode: try row.value("project_code"),
            name: try row.value("name"), benchmarkFenPerM2: Int(try row.value("benchmark_fen_per_m2", as: Int32.self)))
    }

    public func insertHousingBuilding(projectID: Int64, code: String, name: String,
                                      benchmarkFenPerM2: Int) async throws -> HousingBuildingRecord {
        try await query("""
            INSERT INTO housing_buildings (project_id, code, name, benchmark_fen_per_m2)
            VALUES (\(projectID), \(code), \(name), \(Int32(clamping: benchmarkFenPerM2)))
            """)
        guard let record = try await housingBuilding(code: code) else {
            throw StoreError.internal("the new building could not be read back")
        }
        return record
    }

    public func housingBuilding(code: String) async throws -> HousingBuildingRecord? {
        try await firstRow("\(unescaped: Self.housingBuildingSelect) WHERE b.code = \(code)", housingBuilding(from:))
    }

    /// Sorted by project code, then building code; all projects when `projectCode` is nil.
    public func housingBuildings(projectCode: String?) async throws -> [HousingBuildingRecord] {
        try await rows("""
            \(unescaped: Self.housingBuildingSelect)
            WHERE (\(projectCode)::text IS NULL OR p.code = \(projectCode))
            ORDER BY p.code, b.code
            """, housingBuilding(from:))
    }

    /// Building ids by code, for the codes that exist.
    public func housingBuildingIDs(codes: [String]) async throws -> [String: Int64] {
        guard !codes.isEmpty else { return [:] }
        let pairs = try await rows("SELECT code, id FROM housing_buildings WHERE code = ANY(\(codes))") {
            (try $0.value("code", as: String.self), try $0.value("id", as: Int64.self))
        }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    // MARK: Units

    static let housingUnitSelect = """
        SELECT u.id, u.code, b.code AS building_code, p.code AS project_code, u.floor, u.category, u.area_hundredths,
               u.accessible, u.status, b.benchmark_fen_per_m2
        FROM housing_units u JOIN housing_buildings b ON b.id = u.building_id JOIN housing_projects p ON p.id = b.project_id
        """

    func housingUnit(from row: RowReader) throws -> HousingUnitRecord {
        HousingUnitRecord(
            id: try row.value("id"), code: try row.value("code"), buildingCode: try row.value("building_code"),
            projectCode: try row.value("project_code"), floor: Int(try row.value("floor", as: Int32.self)),
            category: try row.value("category"), areaHundredths: Int(try row.value("area_hundredths", as: Int32.self)),
            accessible: try row.value("accessible"), status: try row.term("status", as: UnitStatus.self) ?? .available,
            benchmarkFenPerM2: Int(try row.value("benchmark_fen_per_m2", as: Int32.self)))
    }

    public func insertHousingUnit(_ unit: NewHousingUnit) async throws -> HousingUnitRecord {
        try await query("""
            INSERT INTO housing_units (code, building_id, floor, category, area_hundredths, accessible)
            VALUES (\(unit.code), \(unit.buildingID), \(Int32(clamping: unit.floor)), \(unit.category),
                    \(Int32(clamping: unit.areaHundredths)), \(unit.accessible))
            """)
        guard let record = try await housingUnit(code: unit.code) else {
            throw StoreError.internal("the new unit could not be read back")
        }
        return record
    }

    /// Inserts many units in one statement (`unnest` of one array per column); returns how many were inserted.
    @discardableResult
    public func insertHousingUnits(_ units: [NewHousingUnit], importBatchID: Int64?) async throws -> Int {
        guard !units.isEmpty else { return 0 }
        // Large files go in slices so no single statement carries an unbounded parameter.
        var inserted = 0
        var start = 0
        while start < units.count {
            let slice = units[start..<min(units.count, start + 5_000)]
            try await query("""
                INSERT INTO housing_units (code, building_id, floor, category, area_hundredths, accessible, import_batch_id)
                SELECT code, building_id, floor, category, area, accessible, \(importBatchID)
                FROM unnest(\(slice.map(\.code))::text[], \(slice.map(\.buildingID))::bigint[],
                            \(slice.map { Int32(clamping: $0.floor) })::int[], \(slice.map(\.category))::text[],
                            \(slice.map { Int32(clamping: $0.areaHundredths) })::int[], \(slice.map(\.accessible))::boolean[])
                     AS v(code, building_id, floor, category, area, accessible)
                """)
            inserted += slice.count
            start += slice.count
        }
        return inserted
    }

    /// The unit with this code; `forUpdate` locks its row.
    public func housingUnit(code: String, forUpdate: Bool = false) async throws -> HousingUnitRecord? {
        try await firstRow("""
            \(unescaped: Self.housingUnitSelect) WHERE upper(u.code) = upper(\(code)) \(unescaped: forUpdate ? "FOR UPDATE OF u" : "")
            """, housingUnit(from:))
    }

    /// The stored units among `codes`, whatever their case, keyed by the uppercased code (unit codes are
    /// unique in any case: Schema/0005).
    public func housingUnits(codes: [String]) async throws -> [String: HousingUnitRecord] {
        guard !codes.isEmpty else { return [:] }
        let upper = codes.map { $0.uppercased() }
        let records = try await rows("\(unescaped: Self.housingUnitSelect) WHERE upper(u.code) = ANY(\(upper))", housingUnit(from:))
        return Dictionary(records.map { ($0.code.uppercased(), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Sorted by project, building, floor and code.
    public func housingUnits(_ filter: HousingUnitFilter) async throws -> [HousingUnitRecord] {
        try await rows(Self.housingUnitList(filter, counting: false), housingUnit(from:))
    }

    /// How many units the filter selects, whatever its limit and offset.
    public func housingUnitCount(_ filter: HousingUnitFilter) async throws -> Int {
        for try await count in try await query(Self.housingUnitList(filter, counting: true)).decode(Int64.self) { return Int(count) }
        return 0
    }

    /// The units of `filter`, or their count (a NULL limit and offset are none).
    private static func housingUnitList(_ filter: HousingUnitFilter, counting: Bool) -> PostgresQuery {
        let limit = counting ? nil : filter.limit
        let offset = counting ? nil : filter.offset
        return """
            \(unescaped: counting ? Self.housingUnitCountSelect : Self.housingUnitSelect)
            WHERE (\(filter.projectCode)::text IS NULL OR p.code = \(filter.projectCode))
              AND (\(filter.buildingCode)::text IS NULL OR b.code = \(filter.buildingCode))
              AND (\(filter.category)::text IS NULL OR u.category = \(filter.category))
              AND (\(filter.status?.rawValue)::text IS NULL OR u.status = \(filter.status?.rawValue))
            \(unescaped: counting ? "" : "ORDER BY p.code, b.code, u.floor, u.code")
            LIMIT \(limit) OFFSET \(offset)
            """
    }

    static let housingUnitCountSelect = """
        SELECT count(*)
        FROM housing_units u JOIN housing_buildings b ON b.id = u.building_id JOIN housing_projects p ON p.id = b.project_id
        """

    /// Sets a unit's status (the caller has checked the transition).
    public func setHousingUnitStatus(id: Int64, _ status: UnitStatus) async throws {
        try await query("UPDATE housing_units SET status = \(status.rawValue), updated_at = now() WHERE id = \(id)")
    }
}
