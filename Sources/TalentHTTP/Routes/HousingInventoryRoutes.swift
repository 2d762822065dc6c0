import Foundation
import Hummingbird
import TalentServices

/// The housing stock for housing officers (and auditors, who read it): projects, buildings, units with
/// filters and paging, and the unit import (`POST /api/v1/housing/units/import`, a CSV body in the format
/// of `talentctl housing unit import`, Docs/units-example.csv: all or nothing, every bad row listed in
/// the 422 problem's `issues`).
struct HousingInventoryRoutes: RouteGroup {
    let zone: TalentZone
    let auth: Authenticator

    /// The name an uploaded file goes by in the import report and the import batch.
    static let uploadName = "units.csv"

    func add(to routes: RouteTable) {
        routes.get("/api/v1/housing/projects") { request, _ in
            try Wire.json(try await zone.housingInventory.projects(actor: try await auth.principal(request)))
        }
        routes.get("/api/v1/housing/buildings") { request, _ in
            let principal = try await auth.principal(request)
            return try Wire.json(try await zone.housingInventory.buildings(projectCode: request.queryText("project"), actor: principal))
        }
        routes.get("/api/v1/housing/units") { request, _ in
            let principal = try await auth.principal(request)
            let (limit, offset) = try request.paging()
            let status = try request.queryText("status").map { text throws(ServiceError) -> UnitStatus in
                guard let status = UnitStatus(rawValue: text.lowercased()) else {
                    throw .invalid(ValidationError(field: "status", value: text, reason: "is not a unit status",
                                                   hint: "use available, offered, leased or maintenance"))
                }
                return status
            }
            let filter = HousingUnitFilter(projectCode: request.queryText("project"), buildingCode: request.queryText("building"),
                                           category: request.queryText("category"), status: status, limit: limit, offset: offset)
            let units = try await zone.housingInventory.units(filter: filter, actor: principal)
            let total = try await zone.housingInventory.unitCount(filter: filter, actor: principal)
            return try Wire.json(Page(units, limit: limit, offset: offset, total: total))
        }
        routes.get("/api/v1/housing/units/{code}") { request, context in
            let principal = try await auth.principal(request)
            guard let code = context.parameters.get("code") else { throw ServiceError.notFound("no such unit") }
            return try Wire.json(try await zone.housingInventory.unit(code: code, actor: principal))
        }
        routes.post("/api/v1/housing/units/import", body: .upload) { request, context in
            let principal = try await auth.principal(request)
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let options = TalentImportService.Options(skipInvalid: request.asksFor("skip_invalid"), writeErrorReport: false)
            let report = try await zone.housingInventory.importUnits(
                csv: Data(body.readableBytesView), fileName: Self.uploadName, options: options, actor: principal)
            return try Wire.json(report, status: report.added > 0 ? .created : .ok)
        }
    }
}
