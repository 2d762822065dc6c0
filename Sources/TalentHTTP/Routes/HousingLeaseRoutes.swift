import Foundation
import Hummingbird
import TalentServices

/// A housing officer's steps on a lease, as `talentctl housing lease renew|terminate`: renew within the
/// renewal window (`POST /api/v1/housing/leases/{number}/renew` `{on?}`), terminate with a reason code
/// (`…/terminate` `{reason, on?}`). A lease in the wrong state is 409, a bad reason or day 422.
struct HousingLeaseRoutes: RouteGroup {
    let zone: TalentZone
    let auth: Authenticator

    struct Renew: Decodable {
        /// The day of the request (default today; not after today).
        var on: String?
    }

    struct Terminate: Decodable {
        var reason: String
        /// The day of termination (default today; not after today).
        var on: String?
    }

    func add(to routes: RouteTable) {
        routes.post("/api/v1/housing/leases/{number}/renew") { request, context in
            let principal = try await auth.principal(request)
            let body = try await request.decodeJSON(Renew.self, context: context)
            let day = try body.on.map { try HousingRoundRoutes.day($0, field: "on") } ?? .today()
            return try Wire.json(try await zone.housingLeases.renew(number: Self.number(context), on: day, actor: principal),
                                 status: .created)
        }
        routes.post("/api/v1/housing/leases/{number}/terminate") { request, context in
            let principal = try await auth.principal(request)
            let body = try await request.decodeJSON(Terminate.self, context: context)
            let day = try body.on.map { try HousingRoundRoutes.day($0, field: "on") } ?? .today()
            return try Wire.json(try await zone.housingLeases.terminate(
                number: Self.number(context), reason: body.reason, on: day, actor: principal))
        }
    }

    static func number(_ context: TalentRequestContext) throws -> String {
        guard let number = context.parameters.get("number"), !number.isEmpty else { throw ServiceError.notFound("no such lease") }
        return number
    }
}
