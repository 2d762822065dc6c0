import Foundation
import Hummingbird
import TalentServices

/// The housing officers' rounds: list, create, preview, commit (with the published seed), verify and
/// export; and the office's lists of offers and leases.
struct HousingRoundRoutes: RouteGroup {
    let zone: TalentZone
    let auth: Authenticator

    struct Create: Decodable {
        var code: String
        var name: String
        var asOf: String
        var policyVersion: String?
        var projects: [String]?
        var buildings: [String]?
    }

    struct Seeded: Decodable {
        var seed: String
    }

    func add(to routes: RouteTable) {
        routes.get("/api/v1/housing/rounds") { request, _ in
            try Wire.json(try await zone.housingRounds.rounds(actor: try await auth.principal(request)))
        }
        routes.post("/api/v1/housing/rounds") { request, context in
            let principal = try await auth.principal(request)
            let body = try await request.decodeJSON(Create.self, context: context)
            let input = HousingRoundInput(code: body.code, name: body.name, asOf: try Self.day(body.asOf, field: "as_of"),
                                          policyVersion: body.policyVersion, projectCodes: body.projects ?? [],
                                          buildingCodes: body.buildings ?? [])
            return try Wire.json(try await zone.housingRounds.create(input, actor: principal), status: .created)
        }
        routes.get("/api/v1/housing/rounds/{code}") { request, context in
            try Wire.json(try await zone.housingRounds.round(code: Self.code(context), actor: try await auth.principal(request)))
        }
        routes.post("/api/v1/housing/rounds/{code}/preview") { request, context in
            let principal = try await auth.principal(request)
            let body = try await request.decodeJSON(Seeded.self, context: context)
            return try Wire.json(try await zone.housingRounds.preview(code: Self.code(context), seed: body.seed, actor: principal))
        }
        routes.post("/api/v1/housing/rounds/{code}/commit") { request, context in
            let principal = try await auth.principal(request)
            let body = try await request.decodeJSON(Seeded.self, context: context)
            return try Wire.json(try await zone.housingRounds.commit(code: Self.code(context), seed: body.seed, on: .today(),
                                                                     actor: principal))
        }
        routes.get("/api/v1/housing/rounds/{code}/verify") { request, context in
            try Wire.json(try await zone.housingRounds.verify(code: Self.code(context), actor: try await auth.principal(request)))
        }
        routes.get("/api/v1/housing/rounds/{code}/export") { request, context in
            try Wire.json(try await zone.housingRounds.export(code: Self.code(context), actor: try await auth.principal(request)))
        }
        routes.get("/api/v1/housing/offers") { request, _ in
            let principal = try await auth.principal(request)
            let status = try request.queryText("status").map { text throws(ServiceError) -> HousingOfferStatus in
                guard let status = HousingOfferStatus(rawValue: text) else {
                    throw .invalid(ValidationError(field: "status", value: text, reason: "is not an offer status"))
                }
                return status
            }
            let (limit, offset) = try request.paging()
            let offers = try await zone.housingOffers.offers(round: request.queryText("round"), status: status, actor: principal)
            return try Wire.json(Page(Array(offers.dropFirst(offset).prefix(limit)), limit: limit, offset: offset, total: offers.count))
        }
        routes.get("/api/v1/housing/leases") { request, _ in
            let principal = try await auth.principal(request)
            let (limit, offset) = try request.paging()
            let leases = try await zone.housingLeases.leases(unit: request.queryText("unit"), actor: principal)
            return try Wire.json(Page(Array(leases.dropFirst(offset).prefix(limit)), limit: limit, offset: offset, total: leases.count))
        }
    }

    static func code(_ context: TalentRequestContext) throws -> String {
        guard let code = context.parameters.get("code"), !code.isEmpty else { throw ServiceError.notFound("no such round") }
        return code
    }

    static func day(_ text: String, field: String) throws -> CalendarDate {
        guard let date = CalendarDate.parsing(cell: text) else {
            throw ServiceError.invalid(ValidationError(field: field, value: text, reason: "is not a date in the form YYYY-MM-DD"))
        }
        return date
    }
}
