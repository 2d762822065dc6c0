import Foundation
import Hummingbird
import TalentServices

/// What an employer's HR and the office do for a talent they reach: open a certification
/// (`POST /api/v1/talents/{id}/certifications` `{requested_class?}`), recommend it (`…/recommend`, the
/// employer's step), and apply for housing on the talent's behalf (`POST /api/v1/talents/{id}/housing/applications`);
/// and the office's reads: `GET /api/v1/talents/{id}/housing`, `GET /api/v1/audit`.
struct StaffRoutes: RouteGroup {
    let zone: TalentZone
    let auth: Authenticator

    struct Apply: Decodable {
        var requestedClass: Int?
    }

    func add(to routes: RouteTable) {
        routes.post("/api/v1/talents/{id}/certifications") { request, context in
            let principal = try await auth.principal(request)
            let id = try context.recordNumber(of: "talent")
            let body = try await request.decodeJSON(Apply.self, context: context)
            let requested = try body.requestedClass.map { number throws(ServiceError) -> TalentClass in
                guard let talentClass = TalentClass(number) else {
                    throw .invalid(ValidationError(field: "requested_class", value: String(number), reason: "is not a talent class (1 to 6)"))
                }
                return talentClass
            }
            return try Wire.json(try await zone.certification.apply(talentID: id, requestedClass: requested, actor: principal),
                                 status: .created)
        }
        routes.post("/api/v1/talents/{id}/certifications/recommend") { request, context in
            let principal = try await auth.principal(request)
            let id = try context.recordNumber(of: "talent")
            return try Wire.json(try await zone.certification.advance(talentID: id, .init(.recommend), actor: principal))
        }
        routes.post("/api/v1/talents/{id}/housing/applications") { request, context in
            let principal = try await auth.principal(request)
            let id = try context.recordNumber(of: "talent")
            let body = try await request.decodeJSON(ApplicationBody.self, context: context)
            return try Wire.json(try await zone.housingApplications.submit(body.input(talentID: id), actor: principal),
                                 status: .created)
        }
        routes.get("/api/v1/talents/{id}/housing") { request, context in
            let principal = try await auth.principal(request)
            let id = try context.recordNumber(of: "talent")
            return try Wire.json(try await zone.housingStatus.status(talentID: id, on: .today(), actor: principal))
        }
        routes.get("/api/v1/audit") { request, _ in
            let principal = try await auth.principal(request)
            let (limit, _) = try request.paging()
            return try Wire.json(try await zone.audit.entries(
                entity: request.queryText("entity"), action: request.queryText("action"), limit: limit, actor: principal))
        }
    }
}
