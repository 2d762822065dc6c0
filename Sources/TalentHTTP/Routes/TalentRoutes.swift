import Foundation
import Hummingbird
import TalentServices

/// Talents, addressed by record number (never by identity number in a URL: URLs end up in proxy logs).
/// `GET /api/v1/talents` lists those in reach (an employer: its staff), `?q=` finding them by name, pinyin
/// or initials, `GET /api/v1/talents/{id}` shows
/// one with its certifications, `POST /api/v1/talents/search` finds one by identity number given in the
/// body, `POST /api/v1/talents` registers (an employer: its own staff).
struct TalentRoutes: RouteGroup {
    let zone: TalentZone
    let auth: Authenticator

    struct Search: Decodable {
        /// A resident identity number, or `NATIONALITY:PASSPORT`.
        var identity: String
    }

    func add(to routes: RouteTable) {
        routes.get("/api/v1/talents") { request, _ in
            let principal = try await auth.principal(request)
            let (limit, offset) = try request.paging()
            let filter = TalentFilter(employerCreditCode: request.queryText("employer")?.uppercased(),
                                      nameContains: request.queryText("name"), search: try request.searchText("q"),
                                      limit: limit, offset: offset)
            let records = try await zone.registry.talents(filter, reveal: reveal(request, principal, "GET /api/v1/talents"),
                                                          actor: principal)
            let total = try await zone.registry.talentCount(filter, actor: principal)
            return try Wire.json(Page(records, limit: limit, offset: offset, total: total))
        }
        routes.get("/api/v1/talents/{id}") { request, context in
            let principal = try await auth.principal(request)
            let id = try context.recordNumber(of: "talent")
            return try Wire.json(try await zone.registry.dossier(
                id: id, reveal: reveal(request, principal, "GET /api/v1/talents/{id}"), actor: principal))
        }
        routes.post("/api/v1/talents/search") { request, context in
            let principal = try await auth.principal(request)
            let body = try await request.decodeJSON(Search.self, context: context)
            let key: String
            do { key = try PersonIdentity(key: body.identity).key } catch let error as ValidationError { throw ServiceError.invalid(error) }
            return try Wire.json(try await zone.registry.dossier(
                identityKey: key, reveal: reveal(request, principal, "POST /api/v1/talents/search"), actor: principal))
        }
        routes.post("/api/v1/talents") { request, context in
            let principal = try await auth.principal(request)
            let columns = try await request.decodeJSON([String: String].self, context: context)
            let draft: TalentDraft
            do { draft = try TalentDraft(columns: columns) } catch let error as ValidationError { throw ServiceError.invalid(error) }
            return try Wire.json(try await zone.registry.register(draft, actor: principal), status: .created)
        }
    }

    private func reveal(_ request: Request, _ principal: Principal, _ scope: String) -> PIIReveal? {
        request.asksToReveal ? PIIReveal(scope: "talentd " + scope) : nil
    }
}
