import Foundation
import PostgresNIO
import TalentDomain

/// Unit counts of one building by status.
public struct HousingBuildingOccupancyRow: Sendable, Codable, Equatable {
    public var projectCode: String
    public var projectName: String
    public var buildingCode: String
    public var buildingName: String
    public var units: Int
    public var leased: Int
    public var offered: Int
    public var available: Int
    public var maintenance: Int
    /// Units with a lease in force on the report's day (the figure `report stats` counts).
    public var letOn: Int
}

/// Units of one category: how many in all and how many are available now.
public struct HousingCategoryVacancyRow: Sendable, Codable, Equatable {
    public var category: String
    public var units: Int
    public var available: Int
    /// Available units that are accessible.
    public var accessibleAvailable: Int
    /// Smallest and largest available unit, hundredths of a m² (nil when none is available).
    public var minAreaHundredths: Int?
    public var maxAreaHundredths: Int?
}

/// Where one application stood in a committed round.
public struct HousingRoundStandingRow: Sendable, Codable, Equatable {
    public var roundCode: String
    public var roundName: String
    public var asOf: CalendarDate
    public var seed: String?
    public var policyVersion: String
    public var committedAt: Date?
    public var position: Int?
    public var priorityGroup: Int?
    public var score: Int?
    public var lotteryKey: String?
    public var preferences: [String]?
    public var allocatedCategory: String?
    public var quotaSkip: String?
    public var excludedReasons: [String]?
    /// How many applicants of the round had a position.
    public var positions: Int
}

/// The queries behind `housing report` and `housing status`.
extension StoreSession {
    /// Every building with its units by status now and the units let on `date`, by project and building code.
    public func housingOccupancy(on date: CalendarDate) async throws -> [HousingBuildingOccupancyRow] {
        try await rows("""
            SELECT p.code AS project_code, p.name AS project_name, b.code AS building_code, b.name AS building_name,
                   count(u.id) AS units,
                   count(u.id) FILTER (WHERE u.status = 'leased') AS leased,
                   count(u.id) FILTER (WHERE u.status = 'offered') AS offered,
                   count(u.id) FILTER (WHERE u.status = 'available') AS available,
                   count(u.id) FILTER (WHERE u.status = 'maintenance') AS maintenance,
                   count(u.id) FILTER (WHERE EXISTS (SELECT 1 FROM housing_leases l
                                                     WHERE l.unit_id = u.id AND l.occupancy @> \(date.description)::date)) AS let_on
            FROM housing_buildings b
            JOIN housing_projects p ON p.id = b.project_id
            LEFT JOIN housing_units u ON u.building_id = b.id
            GROUP BY p.code, p.name, b.code, b.name
            ORDER BY p.code, b.code
            """) { row in
            HousingBuildingOccupancyRow(
                projectCode: try row.value("project_code"), projectName: try row.value("project_name"),
                buildingCode: try row.value("building_code"), buildingName: try row.value("building_name"),
                units: Int(try row.value("units", as: Int64.self)), leased: Int(try row.value("leased", as: Int64.self)),
                offered: Int(try row.value("offered", as: Int64.self)),
                available: Int(try row.value("available", as: Int64.self)),
                maintenance: Int(try row.value("maintenance", as: Int64.self)),
                letOn: Int(try row.value("let_on", as: Int64.self)))
        }
    }

    /// Units by category (studio, 1BR, 2BR, 3BR), with the available ones.
    public func housingVacancies() async throws -> [HousingCategoryVacancyRow] {
        try await rows("""
            SELECT category, count(*) AS units,
                   count(*) FILTER (WHERE status = 'available') AS available,
                   count(*) FILTER (WHERE status = 'available' AND accessible) AS accessible,
                   min(area_hundredths) FILTER (WHERE status = 'available') AS min_area,
                   max(area_hundredths) FILTER (WHERE status = 'available') AS max_area
            FROM housing_units
            GROUP BY category
            ORDER BY array_position(ARRAY['studio', '1BR', '2BR', '3BR'], category)
            """) { row in
            HousingCategoryVacancyRow(
                category: try row.value("category"), units: Int(try row.value("units", as: Int64.self)),
                available: Int(try row.value("available", as: Int64.self)),
                accessibleAvailable: Int(try row.value("accessible", as: Int64.self)),
                minAreaHundredths: try row.value("min_area", as: Int32?.self).map(Int.init),
                maxAreaHundredths: try row.value("max_area", as: Int32?.self).map(Int.init))
        }
    }

    /// Active leases ending from `from` through `through`, soonest first.
    public func housingLeasesEnding(from: CalendarDate, through: CalendarDate) async throws -> [HousingLeaseRecord] {
        try await rows("""
            \(unescaped: Self.housingLeaseSelect)
            WHERE l.status = 'active' AND l.end_date BETWEEN \(from.description)::date AND \(through.description)::date
            ORDER BY l.end_date, u.code
            """, housingLease(from:))
    }

    /// Leases that take their unit on some day from `from` through `through`, by unit code.
    public func housingLeasesOccupying(from: CalendarDate, through: CalendarDate) async throws -> [HousingLeaseRecord] {
        try await rows("""
            \(unescaped: Self.housingLeaseSelect)
            WHERE l.occupancy && daterange(\(from.description)::date, \(through.description)::date, '[]')
            ORDER BY u.code, l.start_date
            """, housingLease(from:))
    }

    /// The rent schedules of several leases, keyed by lease id.
    public func housingLeaseRents(leaseIDs: [Int64]) async throws -> [Int64: [HousingLeaseRentRecord]] {
        guard !leaseIDs.isEmpty else { return [:] }
        let pairs = try await rows("""
            SELECT \(unescaped: Self.housingLeaseRentColumns)
            FROM housing_lease_rents WHERE lease_id = ANY(\(leaseIDs)) ORDER BY lease_id, lease_year
            """) { row in (try row.value("lease_id", as: Int64.self), try housingLeaseRent(from: row)) }
        return Dictionary(grouping: pairs, by: \.0).mapValues { $0.map(\.1) }
    }

    /// Where the application stood in the latest committed round that drew it.
    public func latestHousingRoundStanding(applicationID: Int64) async throws -> HousingRoundStandingRow? {
        try await firstRow("""
            SELECT r.code, r.name, r.as_of::text AS as_of, r.seed, r.policy_version, r.committed_at,
                   e.position, e.priority_group, e.score, e.lottery_key, e.preferences, e.allocated_category, e.quota_skip,
                   e.excluded_reasons,
                   r.positioned AS positions
            FROM housing_round_entries e JOIN housing_rounds r ON r.id = e.round_id
            WHERE e.application_id = \(applicationID) AND r.status = 'committed'
            ORDER BY r.committed_at DESC, r.id DESC
            LIMIT 1
            """) { row in
            HousingRoundStandingRow(
                roundCode: try row.value("code"), roundName: try row.value("name"),
                asOf: try row.date("as_of") ?? CalendarDate(daysSinceEpoch: 0), seed: try row.value("seed"),
                policyVersion: try row.value("policy_version"), committedAt: try row.value("committed_at"),
                position: try row.value("position", as: Int32?.self).map(Int.init),
                priorityGroup: try row.value("priority_group", as: Int32?.self).map(Int.init),
                score: try row.value("score", as: Int32?.self).map(Int.init), lotteryKey: try row.value("lottery_key"),
                preferences: try row.value("preferences"), allocatedCategory: try row.value("allocated_category"),
                quotaSkip: try row.value("quota_skip"), excludedReasons: try row.value("excluded_reasons"),
                positions: Int(try row.value("positions", as: Int32.self)))
        }
    }
}
