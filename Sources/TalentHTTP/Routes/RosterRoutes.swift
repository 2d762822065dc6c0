import Foundation
import Hummingbird
import TalentServices

/// A cohort's trainee roster: `GET /api/v1/rosters/{cohort}?format=json|csv|html` (`university=`,
/// `enterprise=` filter; a university's account sees its own trainees only). CSV is UTF-8 with a BOM, so
/// Excel opens it with the Chinese intact.
struct RosterRoutes: RouteGroup {
    let zone: TalentZone
    let auth: Authenticator

    static let formats: [RosterFormat: String] = [
        .json: "application/json; charset=utf-8", .csv: "text/csv; charset=utf-8", .html: "text/html; charset=utf-8",
    ]

    func add(to routes: RouteTable) {
        routes.get("/api/v1/rosters/{cohort}") { request, context in
            let principal = try await auth.principal(request)
            guard let text = context.parameters.get("cohort"), let year = Int(text), (2000...2100).contains(year) else {
                throw ServiceError.notFound("no cohort has that intake year", next: .listCohorts)
            }
            let name = request.queryText("format") ?? "json"
            guard let format = RosterFormat(rawValue: name), let contentType = Self.formats[format] else {
                throw ServiceError.invalid(ValidationError(field: "format", value: name, reason: "is not a roster format",
                                                           hint: "use json, csv or html"))
            }
            let roster = try await zone.roster.roster(RosterRequest(
                cohortYear: year, university: request.queryText("university"), enterprise: request.queryText("enterprise"),
                revealPII: request.asksToReveal), actor: principal)
            let data = RosterDocument.render(roster, as: format)
            var headers: HTTPFields = [.contentType: contentType, .contentLength: String(data.count)]
            if format == .csv { headers[.contentDisposition] = "attachment; filename=\"roster-\(year).csv\"" }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
