import Foundation
import Hummingbird
import TalentServices

/// A talent's own record and housing: `GET /api/v1/me/talent` (their numbers shown in full, the reveal
/// audited), `GET /api/v1/me/housing` (applications, eligibility rule by rule, points, place in the
/// order, offers, lease, rent), `POST /api/v1/me/housing/applications`.
struct SelfServiceRoutes: RouteGroup {
    let zone: TalentZone
    let auth: Authenticator

    func add(to routes: RouteTable) {
        routes.get("/api/v1/me/talent") { request, _ in
            let (principal, talentID) = try await ownTalent(request)
            return try Wire.json(try await zone.registry.dossier(
                id: talentID, reveal: PIIReveal(scope: "talentd GET /api/v1/me/talent"), actor: principal))
        }
        routes.get("/api/v1/me/housing") { request, _ in
            let (principal, talentID) = try await ownTalent(request)
            return try Wire.json(try await zone.housingStatus.status(talentID: talentID, on: .today(), actor: principal))
        }
        routes.post("/api/v1/me/housing/applications") { request, context in
            let (principal, talentID) = try await ownTalent(request)
            let body = try await request.decodeJSON(ApplicationBody.self, context: context)
            return try Wire.json(try await zone.housingApplications.submit(
                body.input(talentID: talentID), actor: principal), status: .created)
        }
    }

    /// The signed-in principal and the one talent it is (a `talent` grant); anything else is refused.
    private func ownTalent(_ request: Request) async throws -> (Principal, Int64) {
        let principal = try await auth.principal(request)
        let own = principal.scopeIDs(of: .talent).sorted()
        guard own.count == 1 else {
            throw ServiceError.notPermitted("\(principal.auditName) is not signed in as one talent; "
                + "/api/v1/me/… is a talent's own record (office and employer accounts use /api/v1/talents/{id})")
        }
        return (principal, own[0])
    }
}

/// A housing application as a request body: the household's other members and the unit categories
/// wanted, most wanted first (`studio`, `1BR`, `2BR`, `3BR`).
struct ApplicationBody: Decodable {
    var household: [HouseholdMember]?
    var preferences: [String]

    func input(talentID: Int64) throws -> HousingApplicationInput {
        var categories: [UnitCategory] = []
        for (index, text) in preferences.enumerated() {
            guard let category = UnitCategory.parse(text.trimmingCharacters(in: .whitespaces)) else {
                throw ServiceError.invalid(ValidationError(
                    field: "preferences.\(index)", value: text, reason: "is not a unit category",
                    hint: "use studio, 1BR, 2BR or 3BR"))
            }
            categories.append(category)
        }
        return HousingApplicationInput(talent: "", talentID: talentID, household: household ?? [], preferences: categories,
                                       appliedOn: .today())
    }
}
