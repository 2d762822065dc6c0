import Foundation
import Hummingbird
import TalentServices

/// Answering an offer: `POST /api/v1/offers/{id}/accept` (optionally `{start}`), `POST
/// /api/v1/offers/{id}/decline` `{reason}` with one of the policy's reason codes. A talent answers only
/// their own offers: anyone else's is not found. `GET /api/v1/offers/{id}` shows one.
struct HousingOfferRoutes: RouteGroup {
    let zone: TalentZone
    let auth: Authenticator

    struct Accept: Decodable {
        /// The lease's first day (default: the day of acceptance, or when the unit is free).
        var start: String?
    }

    struct Decline: Decodable {
        var reason: String
    }

    func add(to routes: RouteTable) {
        routes.get("/api/v1/offers/{id}") { request, context in
            let principal = try await auth.principal(request)
            return try Wire.json(try await zone.housingOffers.offer(id: try context.recordNumber(of: "offer"), actor: principal))
        }
        routes.post("/api/v1/offers/{id}/accept") { request, context in
            let principal = try await auth.principal(request)
            let id = try context.recordNumber(of: "offer")
            let body = try await request.decodeJSON(Accept.self, context: context)
            let start = try body.start.map { text throws(ServiceError) -> CalendarDate in
                guard let date = CalendarDate.parsing(cell: text) else {
                    throw .invalid(ValidationError(field: "start", value: text, reason: "is not a date in the form YYYY-MM-DD"))
                }
                return date
            }
            return try Wire.json(try await zone.housingOffers.accept(offerID: id, on: .today(), start: start, actor: principal))
        }
        routes.post("/api/v1/offers/{id}/decline") { request, context in
            let principal = try await auth.principal(request)
            let id = try context.recordNumber(of: "offer")
            let body = try await request.decodeJSON(Decline.self, context: context)
            return try Wire.json(try await zone.housingOffers.decline(offerID: id, reason: body.reason, on: .today(), actor: principal))
        }
    }
}
