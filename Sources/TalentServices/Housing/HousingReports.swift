import Foundation
import TalentDomain
import TalentStore

/// Units by status per building now, and the share let on the report's day: units with a lease in force
/// that day (so a lease accepted today that starts next month counts as `leased` but not yet as let).
/// The share is the figure `report stats` shows for the same day.
public struct HousingOccupancyReport: Sendable, Codable, Equatable, HousingReportTable {
    public struct Line: Sendable, Codable, Equatable {
        public var projectCode: String
        public var projectName: String
        public var buildingCode: String
        public var buildingName: String
        public var units: Int
        public var leased: Int
        public var offered: Int
        public var available: Int
        public var maintenance: Int
        /// Units with a lease in force on the report's day.
        public var letOn: Int
        /// let ÷ units × 100, to one decimal (0 for a building without units).
        public var occupancyPercent: Double

        init(_ row: HousingBuildingOccupancyRow) {
            self.init(projectCode: row.projectCode, projectName: row.projectName, buildingCode: row.buildingCode,
                      buildingName: row.buildingName, units: row.units, leased: row.leased, offered: row.offered,
                      available: row.available, maintenance: row.maintenance, letOn: row.letOn)
        }

        init(projectCode: String, projectName: String, buildingCode: String, buildingName: String, units: Int,
             leased: Int, offered: Int, available: Int, maintenance: Int, letOn: Int) {
            self.projectCode = projectCode
            self.projectName = projectName
            self.buildingCode = buildingCode
            self.buildingName = buildingName
            self.units = units
            self.leased = leased
            self.offered = offered
            self.available = available
            self.maintenance = maintenance
            self.letOn = letOn
            // Tenths of a percent in integers, so 2 of 3 is 66.7 everywhere.
            occupancyPercent = units == 0 ? 0 : Double((letOn * 1000 + units / 2) / units) / 10
        }
    }

    /// The day the share let is counted on.
    public var on: CalendarDate
    public var buildings: [Line]
    /// Every building together.
    public var total: Line

    init(on date: CalendarDate, buildings: [Line]) {
        on = date
        self.buildings = buildings
        func sum(_ key: KeyPath<Line, Int>) -> Int { buildings.reduce(0) { $0 + $1[keyPath: key] } }
        total = Line(projectCode: "", projectName: "", buildingCode: "", buildingName: "total", units: sum(\.units),
                     leased: sum(\.leased), offered: sum(\.offered), available: sum(\.available),
                     maintenance: sum(\.maintenance), letOn: sum(\.letOn))
    }

    public var headers: [String] {
        ["project", "building", "name", "units", "leased", "offered", "available", "maintenance", "let on \(on)", "occupancy %"]
    }

    public var rows: [[String]] {
        (buildings + [total]).map { line in
            [line.projectCode, line.buildingCode, line.buildingName, String(line.units), String(line.leased),
             String(line.offered), String(line.available), String(line.maintenance), String(line.letOn),
             String(format: "%.1f", line.occupancyPercent)]
        }
    }
}

/// Units by category with the available ones.
public struct HousingVacancyReport: Sendable, Codable, Equatable, HousingReportTable {
    public var categories: [HousingCategoryVacancyRow]

    public var headers: [String] { ["category", "units", "available", "accessible available", "area m² (available)"] }

    public var rows: [[String]] {
        categories.map { row in
            let area = row.minAreaHundredths.map { min in
                let max = row.maxAreaHundredths ?? min
                return min == max ? HousingFormat.squareMetres(min) : "\(HousingFormat.squareMetres(min))–\(HousingFormat.squareMetres(max))"
            } ?? ""
            return [row.category, String(row.units), String(row.available), String(row.accessibleAvailable), area]
        }
    }
}

/// Active leases ending within a number of days.
public struct HousingExpiringReport: Sendable, Codable, Equatable, HousingReportTable {
    public struct Line: Sendable, Codable, Equatable {
        public var leaseNumber: String
        public var talentName: String
        public var unitCode: String
        public var buildingCode: String
        public var startDate: CalendarDate
        public var endDate: CalendarDate
        public var daysLeft: Int
        /// The first day a renewal may be requested.
        public var renewalWindowOpens: CalendarDate
        /// The monthly rent of the lease's last year.
        public var monthlyFen: Int
    }

    public var on: CalendarDate
    public var withinDays: Int
    public var leases: [Line]

    public var headers: [String] { ["lease", "talent", "unit", "start", "end", "days left", "renewal from", "monthly rent (yuan)"] }

    public var rows: [[String]] {
        leases.map {
            [$0.leaseNumber, $0.talentName, $0.unitCode, $0.startDate.description, $0.endDate.description,
             String($0.daysLeft), $0.renewalWindowOpens.description, HousingFormat.yuan($0.monthlyFen)]
        }
    }
}

/// The rent due for one month, lease by lease, with totals.
public struct HousingRentRoll: Sendable, Codable, Equatable, HousingReportTable {
    public struct Line: Sendable, Codable, Equatable {
        public var leaseNumber: String
        public var talentName: String
        public var unitCode: String
        public var buildingCode: String
        /// The first day of the lease month billed.
        public var billedFrom: CalendarDate
        public var leaseYear: Int
        public var fullFen: Int
        public var discountPercent: Int
        public var monthlyFen: Int
        public var monthlyYuan: String

        init(leaseNumber: String, talentName: String, unitCode: String, buildingCode: String, billedFrom: CalendarDate,
             leaseYear: Int, fullFen: Int, discountPercent: Int, monthlyFen: Int) {
            self.leaseNumber = leaseNumber
            self.talentName = talentName
            self.unitCode = unitCode
            self.buildingCode = buildingCode
            self.billedFrom = billedFrom
            self.leaseYear = leaseYear
            self.fullFen = fullFen
            self.discountPercent = discountPercent
            self.monthlyFen = monthlyFen
            monthlyYuan = HousingFormat.yuan(monthlyFen)
        }
    }

    public var month: YearMonth
    public var lines: [Line]
    public var totalFullFen: Int
    public var totalFen: Int
    public var totalYuan: String

    init(month: YearMonth, lines: [Line]) {
        self.month = month
        self.lines = lines
        totalFullFen = lines.reduce(0) { $0 + $1.fullFen }
        totalFen = lines.reduce(0) { $0 + $1.monthlyFen }
        totalYuan = HousingFormat.yuan(totalFen)
    }

    public var headers: [String] {
        ["lease", "talent", "unit", "from", "lease year", "full rent (fen)", "discount %", "monthly rent (fen)",
         "monthly rent (yuan)"]
    }

    public var rows: [[String]] {
        lines.map {
            [$0.leaseNumber, $0.talentName, $0.unitCode, $0.billedFrom.description, String($0.leaseYear), String($0.fullFen),
             String($0.discountPercent), String($0.monthlyFen), $0.monthlyYuan]
        } + [["total", "", "", "", "", String(totalFullFen), "", String(totalFen), totalYuan]]
    }
}
