import Foundation
import TalentDomain
import TalentRules
import TalentStore
import TalentText

/// The housing reports (`talentctl housing report …`): occupancy by project and building, vacancies by
/// category, leases expiring soon, and the monthly rent roll. Each is counted from stored rows when
/// asked, and renders as CSV (UTF-8 with a BOM, CRLF) through ``HousingReportTable``.
public struct HousingReportService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }
}

extension HousingReportService {
    /// Units of every building by status now, with the share let on `date`, and the total.
    public func occupancy(on date: CalendarDate = .today(), actor: Principal) async throws(ServiceError) -> HousingOccupancyReport {
        _ = try AccessTable.authorize(.reportRead, actor)
        let rows = try await housingRun { try await store.read { try await $0.housingOccupancy(on: date) } }
        return HousingOccupancyReport(on: date, buildings: rows.map(HousingOccupancyReport.Line.init))
    }

    /// Units by category with the available ones.
    public func vacancies(actor: Principal) async throws(ServiceError) -> HousingVacancyReport {
        _ = try AccessTable.authorize(.reportRead, actor)
        return HousingVacancyReport(categories: try await housingRun { try await store.read { try await $0.housingVacancies() } })
    }

    /// Active leases ending from `date` through `days` days later, with their renewal window.
    public func expiring(within days: Int, on date: CalendarDate, actor: Principal) async throws(ServiceError) -> HousingExpiringReport {
        _ = try AccessTable.authorize(.reportRead, actor)
        guard (0...3660).contains(days) else {
            throw .invalid(ValidationError(field: "within", value: String(days), reason: "must be 0 to 3660 days"))
        }
        return try await housingRun {
            try await store.read { session in
                let inForce = try await PolicyInForce.resolve(on: date, session)
                let leases = try await session.housingLeasesEnding(from: date, through: date.adding(days: days))
                let rents = try await session.housingLeaseRents(leaseIDs: leases.map(\.id))
                return HousingExpiringReport(on: date, withinDays: days, leases: leases.map { lease in
                    HousingExpiringReport.Line(
                        leaseNumber: lease.number, talentName: lease.talentName, unitCode: lease.unitCode,
                        buildingCode: lease.buildingCode, startDate: lease.startDate, endDate: lease.endDate,
                        daysLeft: lease.endDate.daysSinceEpoch - date.daysSinceEpoch,
                        renewalWindowOpens: inForce.policy.lease.renewalWindowOpens(leaseEnd: lease.endDate),
                        monthlyFen: LeaseSchedule.rent(on: lease.endDate, in: rents[lease.id] ?? [])?.monthlyFen ?? 0)
                })
            }
        }
    }

    /// The rent due for `month`: one line per lease whose lease month begins in it (a lease month runs from
    /// the start day, e.g. the 15th to the 14th), while the talent holds the unit (to the move-out for a
    /// terminated lease). So a renewal and the lease it continues are never both billed for one month.
    public func rentRoll(month: YearMonth, actor: Principal) async throws(ServiceError) -> HousingRentRoll {
        _ = try AccessTable.authorize(.reportRead, actor)
        return try await housingRun {
            try await store.read { session in
                let leases = try await session.housingLeasesOccupying(from: month.firstDay, through: month.lastDay)
                let rents = try await session.housingLeaseRents(leaseIDs: leases.map(\.id))
                let lines: [HousingRentRoll.Line] = leases.compactMap { lease in
                    let k = YearMonth(lease.startDate).months(until: month)
                    let billedFrom = lease.startDate.adding(months: k)
                    guard k >= 0, billedFrom <= lease.occupiedUntil,
                          let rent = LeaseSchedule.rent(on: billedFrom, in: rents[lease.id] ?? []) else { return nil }
                    return HousingRentRoll.Line(
                        leaseNumber: lease.number, talentName: lease.talentName, unitCode: lease.unitCode,
                        buildingCode: lease.buildingCode, billedFrom: billedFrom, leaseYear: rent.leaseYear,
                        fullFen: rent.fullFen, discountPercent: 100 - rent.percentPayable, monthlyFen: rent.monthlyFen)
                }
                return HousingRentRoll(month: month, lines: lines)
            }
        }
    }
}

/// How money and areas are written in housing output.
public enum HousingFormat {
    /// Fen as yuan with two decimals: 145920 → `1459.20`.
    public static func yuan(_ fen: Int) -> String {
        (fen < 0 ? "-" : "") + String(abs(fen) / 100) + "." + (abs(fen) % 100 < 10 ? "0" : "") + String(abs(fen) % 100)
    }

    /// Hundredths of a m² as m² with two decimals: 4560 → `45.60`.
    public static func squareMetres(_ hundredths: Int) -> String {
        String(hundredths / 100) + "." + (hundredths % 100 < 10 ? "0" : "") + String(hundredths % 100)
    }
}

/// A report as a table of strings: the CLI prints it aligned, and ``csv`` is the same table for Excel.
public protocol HousingReportTable {
    var headers: [String] { get }
    var rows: [[String]] { get }
}

extension HousingReportTable {
    /// UTF-8 with a byte-order mark and CRLF line ends (TalentText's CSVWriter).
    public var csv: Data { CSVWriter.excelDocument(header: headers, rows: rows) }
}
