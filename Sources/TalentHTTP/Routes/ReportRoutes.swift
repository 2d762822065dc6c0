import Foundation
import Hummingbird
import TalentServices

/// The reports of `talentctl report stats` and `talentctl housing report …`, as JSON, for the office
/// roles and auditors (`report.read`): the zone's statistics, and housing occupancy, vacancies, leases
/// expiring soon and the monthly rent roll.
struct ReportRoutes: RouteGroup {
    let zone: TalentZone
    let auth: Authenticator

    func add(to routes: RouteTable) {
        routes.get("/api/v1/reports/statistics") { request, _ in
            let principal = try await auth.principal(request)
            return try Wire.json(try await zone.report.statistics(asOf: try request.queryDay("as_of") ?? .today(), actor: principal))
        }
        routes.get("/api/v1/reports/housing/occupancy") { request, _ in
            let principal = try await auth.principal(request)
            return try Wire.json(try await zone.housingReports.occupancy(on: try request.queryDay("on") ?? .today(), actor: principal))
        }
        routes.get("/api/v1/reports/housing/vacancies") { request, _ in
            try Wire.json(try await zone.housingReports.vacancies(actor: try await auth.principal(request)))
        }
        routes.get("/api/v1/reports/housing/expiring") { request, _ in
            let principal = try await auth.principal(request)
            let within = try request.integer("within", in: 0...3660) ?? 90
            return try Wire.json(try await zone.housingReports.expiring(
                within: within, on: try request.queryDay("on") ?? .today(), actor: principal))
        }
        routes.get("/api/v1/reports/housing/rent-roll") { request, _ in
            let principal = try await auth.principal(request)
            guard let month = try request.queryMonth("month") else {
                throw ServiceError.invalid(ValidationError(field: "month", value: "", reason: "is required", hint: "e.g. ?month=2026-12"))
            }
            return try Wire.json(try await zone.housingReports.rentRoll(month: month, actor: principal))
        }
    }
}
