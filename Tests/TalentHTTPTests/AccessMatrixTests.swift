import Foundation
import TalentServices
import Testing

/// Every route against every principal, the expected status worked out from the services' access
/// table (`AccessTable.rules`), not written out by hand: a role the table does not allow gets 403, a
/// record outside the grant's scope 404, no session, an expired one and a disabled account's 401.
/// Then a hand-written list of the refusals that matter most. Nothing the matrix sends may change data.
@Suite("Access matrix", .serialized)
struct AccessMatrixTests {
    /// One route as the matrix calls it.
    struct Route {
        var method: String
        var path: String
        var body: String?
        /// The use case the route runs; nil for `/api/v1/me` (anyone signed in).
        var useCase: UseCase?
        /// The talent the request is about, when it is about one (its scope decides 404).
        var about: Int64?
        /// `/api/v1/me/…`: a talent's own, refused to every other role.
        var selfOnly = false
        /// What an allowed principal in reach gets (a refusal after the access check, where the request
        /// would otherwise change data).
        var allowed: Int
        /// What an allowed principal out of reach gets (404, so existence does not leak).
        var outOfReach = 404
    }

    static func routes(_ f: AccessFixture) throws -> [Route] {
        let columns = String(decoding: try JSONSerialization.data(withJSONObject: f.columnsA), as: UTF8.self)
        let a = f.talentA, b = f.talentB
        return [
            Route(method: "GET", path: "/api/v1/me", useCase: nil, allowed: 200),
            Route(method: "GET", path: "/api/v1/me/talent", useCase: .talentRead, selfOnly: true, allowed: 200),
            Route(method: "GET", path: "/api/v1/me/housing", useCase: .housingRead, selfOnly: true, allowed: 200),
            Route(method: "GET", path: "/api/v1/talents", useCase: .talentRead, allowed: 200),
            Route(method: "GET", path: "/api/v1/talents/\(a)", useCase: .talentRead, about: a, allowed: 200),
            Route(method: "GET", path: "/api/v1/talents/\(b)", useCase: .talentRead, about: b, allowed: 200),
            Route(method: "POST", path: "/api/v1/talents/search", body: #"{"identity":"\#(f.identityA)"}"#,
                  useCase: .talentRead, about: a, allowed: 200),
            Route(method: "GET", path: "/api/v1/talents/\(a)/housing", useCase: .housingRead, about: a, allowed: 200),
            // Already registered: 409 for those who may register A; another employer may not name A's employer.
            Route(method: "POST", path: "/api/v1/talents", body: columns, useCase: .talentRegister, about: a,
                  allowed: 409, outOfReach: 422),
            // A is certified: opening another certification is refused.
            Route(method: "POST", path: "/api/v1/talents/\(a)/certifications", body: #"{"requested_class":5}"#,
                  useCase: .certificationApply, about: a, allowed: 409),
            // A is certified: there is nothing to recommend.
            Route(method: "POST", path: "/api/v1/talents/\(a)/certifications/recommend", body: "{}",
                  useCase: .certificationRecommend, about: a, allowed: 409),
            // A's application holds an offer: a second one is refused.
            Route(method: "POST", path: "/api/v1/talents/\(a)/housing/applications", body: #"{"preferences":["studio"]}"#,
                  useCase: .housingApply, about: a, allowed: 409),
            Route(method: "GET", path: "/api/v1/offers/\(f.offerA)", useCase: .housingRead, about: a, allowed: 200),
            // Not one of the policy's reasons: refused after the access check, nothing written.
            Route(method: "POST", path: "/api/v1/offers/\(f.offerA)/decline", body: #"{"reason":"no-such-reason"}"#,
                  useCase: .housingOfferRespond, about: a, allowed: 422),
            Route(method: "GET", path: "/api/v1/audit?limit=5", useCase: .auditRead, allowed: 200),
            Route(method: "GET", path: "/api/v1/housing/rounds", useCase: .housingRoundRead, allowed: 200),
            Route(method: "GET", path: "/api/v1/housing/rounds/2026-R1/verify", useCase: .housingRoundRead, allowed: 200),
            // Committed already: a second commit is refused, nothing written.
            Route(method: "POST", path: "/api/v1/housing/rounds/2026-R1/commit", body: #"{"seed":"20261126"}"#,
                  useCase: .housingRoundManage, allowed: 409),
            Route(method: "GET", path: "/api/v1/housing/offers?limit=5", useCase: .housingList, allowed: 200),
            Route(method: "GET", path: "/api/v1/housing/leases?limit=5", useCase: .housingList, allowed: 200),
            Route(method: "GET", path: "/api/v1/rosters/\(f.cohort)", useCase: .rosterRead, allowed: 200),
            Route(method: "GET", path: "/api/v1/talents?q=wang&limit=5", useCase: .talentRead, allowed: 200),
            Route(method: "GET", path: "/api/v1/housing/projects", useCase: .housingInventoryRead, allowed: 200),
            Route(method: "GET", path: "/api/v1/housing/buildings", useCase: .housingInventoryRead, allowed: 200),
            Route(method: "GET", path: "/api/v1/housing/units?status=available&limit=5", useCase: .housingInventoryRead, allowed: 200),
            Route(method: "GET", path: "/api/v1/housing/units/\(f.unitCode)", useCase: .housingInventoryRead, allowed: 200),
            // A row naming no building: the whole file is refused, nothing written.
            Route(method: "POST", path: "/api/v1/housing/units/import", body: AccessFixture.unitsWithoutBuilding,
                  useCase: .housingInventoryManage, allowed: 422),
            // No such lease, and no such reason: refused after the access check.
            Route(method: "POST", path: "/api/v1/housing/leases/L-1999-9999/renew", body: "{}",
                  useCase: .housingLeaseManage, allowed: 404),
            Route(method: "POST", path: "/api/v1/housing/leases/L-1999-9999/terminate", body: #"{"reason":"no-such-reason"}"#,
                  useCase: .housingLeaseManage, allowed: 422),
            Route(method: "GET", path: "/api/v1/reports/statistics", useCase: .reportRead, allowed: 200),
            Route(method: "GET", path: "/api/v1/reports/housing/occupancy", useCase: .reportRead, allowed: 200),
            Route(method: "GET", path: "/api/v1/reports/housing/vacancies", useCase: .reportRead, allowed: 200),
            Route(method: "GET", path: "/api/v1/reports/housing/expiring?within=365", useCase: .reportRead, allowed: 200),
            Route(method: "GET", path: "/api/v1/reports/housing/rent-roll?month=2026-12", useCase: .reportRead, allowed: 200),
        ]
    }

    /// The status `name` (a principal of `role`) should get, from the access table.
    static func expected(_ route: Route, role: Role, name: String, _ f: AccessFixture) -> Int {
        guard let useCase = route.useCase else { return route.allowed }
        if route.selfOnly { return role == .talent ? route.allowed : 403 }
        guard AccessTable.roles(allowing: useCase).contains(role) else { return 403 }
        guard let about = route.about else { return route.allowed }
        switch role {
        case .employer: return (name == "hr-a") == (about == f.talentA) ? route.allowed : route.outOfReach
        case .talent: return (name == "talent-a") == (about == f.talentA) ? route.allowed : route.outOfReach
        case .university: return route.outOfReach
        default: return route.allowed
        }
    }

    @Test func everyRouteForEveryPrincipalAsTheTableSays() async throws {
        try await TestServer.run { server in
            let f = try await AccessFixture.make(server)
            let before = try await AccessFixture.changes(server.zone)
            var checked = 0
            for route in try Self.routes(f) {
                for (name, role) in AccessFixture.signedIn {
                    let response = try await server.client.call(route.method, route.path, json: route.body, token: f.tokens[name])
                    let want = Self.expected(route, role: role!, name: name, f)
                    #expect(response.status == want, "\(route.method) \(route.path) as \(name): \(response.status) \(response.body)")
                    if response.status >= 400 { _ = try response.problem() }
                    checked += 1
                }
                for name in [nil, "expired", "gone"] as [String?] {
                    let token = name.map { f.tokens[$0] ?? "" } ?? nil
                    let response = try await server.client.call(route.method, route.path, json: route.body, token: token)
                    #expect(response.status == 401, "\(route.method) \(route.path) as \(name ?? "nobody"): \(response.body)")
                    #expect(response.header("www-authenticate")?.hasPrefix("Bearer") == true)
                    checked += 1
                }
            }
            #expect(checked == (try Self.routes(f)).count * 12)
            #expect(try await AccessFixture.changes(server.zone) == before, "a request of the matrix changed data")
        }
    }

    @Test func theRefusalsThatMatterMost() async throws {
        try await TestServer.run { server in
            let f = try await AccessFixture.make(server)
            let c = server.client
            let before = try await AccessFixture.changes(server.zone)
            // A talent reading another talent's housing: not found, and their own shows only them.
            #expect(try await c.get("/api/v1/talents/\(f.talentA)/housing", token: f.tokens["talent-b"]).status == 404)
            let own = try await c.get("/api/v1/me/housing", token: f.tokens["talent-b"])
            #expect(own.status == 200 && !own.body.contains("\"talent_id\":\(f.talentA),"))
            // An employer recommending another employer's employee; registering one; applying for them.
            #expect(try await c.call("POST", "/api/v1/talents/\(f.talentA)/certifications/recommend", json: "{}",
                                     token: f.tokens["hr-b"]).status == 404)
            #expect(try await c.call("POST", "/api/v1/talents/\(f.talentA)/housing/applications",
                                     json: #"{"preferences":["studio"]}"#, token: f.tokens["hr-b"]).status == 404)
            // An employer's list holds its own staff only.
            let staff = try await c.get("/api/v1/talents?limit=200", token: f.tokens["hr-b"])
            #expect(staff.status == 200 && !staff.body.contains("\"id\":\(f.talentA),"))
            // A university reading another university's roster.
            #expect(try await c.get("/api/v1/rosters/\(f.cohort)?university=\(f.otherUniversityCode)",
                                    token: f.tokens["uni"]).status == 404)
            #expect(try await c.get("/api/v1/rosters/\(f.cohort)?university=\(f.universityCode)&format=csv",
                                    token: f.tokens["uni"]).status == 200)
            // An auditor changing anything, or asking for numbers in full.
            #expect(try await c.call("POST", "/api/v1/offers/\(f.offerA)/decline", json: #"{"reason":"moved-away"}"#,
                                     token: f.tokens["auditor"]).status == 403)
            #expect(try await c.call("POST", "/api/v1/talents/\(f.talentA)/certifications", json: "{}",
                                     token: f.tokens["auditor"]).status == 403)
            #expect(try await c.get("/api/v1/talents/\(f.talentA)?reveal=true", token: f.tokens["auditor"]).status == 403)
            // A talent answering someone else's offer.
            #expect(try await c.call("POST", "/api/v1/offers/\(f.offerA)/decline", json: #"{"reason":"moved-away"}"#,
                                     token: f.tokens["talent-b"]).status == 404)
            #expect(try await AccessFixture.changes(server.zone) == before, "a refused request changed data")

            // Personal data: masked for the auditor, in full for the admin who asks (and audited), and for the talent.
            let masked = try await c.get("/api/v1/talents/\(f.talentA)", token: f.tokens["auditor"])
            #expect(masked.status == 200 && !masked.body.contains(f.identityA))
            let reveals = try await server.zone.audit.entries(entity: "talent:\(f.talentA)", action: "pii.reveal", limit: 100,
                                                              actor: AccessFixture.admin).count
            let full = try await c.get("/api/v1/talents/\(f.talentA)?reveal=true", token: f.tokens["admin"])
            #expect(full.status == 200 && full.body.contains(f.identityA))
            let mine = try await c.get("/api/v1/me/talent", token: f.tokens["talent-a"])
            #expect(mine.status == 200 && mine.body.contains(f.identityA))
            let entries = try await server.zone.audit.entries(entity: "talent:\(f.talentA)", action: "pii.reveal", limit: 100,
                                                              actor: AccessFixture.admin)
            #expect(entries.count == reveals + 2)
            #expect(Set(entries.prefix(2).map(\.actor)) == ["admin", "talent-a"])
        }
    }
}
