import Foundation
import Hummingbird
import TalentServices

/// `POST /api/v1/session` signs in (token in the body and an HttpOnly cookie), `DELETE /api/v1/session`
/// signs out, `GET /api/v1/me` says who is signed in, with which roles and scopes.
struct SessionRoutes: RouteGroup {
    let accounts: AccountService
    let auth: Authenticator
    /// Whether the session cookie carries `Secure`: always, except on a loopback address (plain HTTP to
    /// 127.0.0.1 in development and tests; behind a TLS proxy talentd listens on loopback too, and the
    /// proxy speaks HTTPS to the browser, see Docs/operations.md).
    let secureCookie: Bool

    struct SignIn: Decodable {
        var login: String
        var password: String
        var otp: String?
    }

    struct Created: Encodable {
        var token: String
        var expiresAt: Date
        var account: Me
    }

    func add(to routes: RouteTable) {
        routes.post("/api/v1/session") { request, context in
            let body = try await request.decodeJSON(SignIn.self, context: context)
            let session = try await accounts.signIn(login: body.login, password: body.password, otp: body.otp)
            var response = try Wire.json(
                Created(token: session.token, expiresAt: session.expiresAt, account: Me(session.account)), status: .created)
            let maxAge = max(0, Int(session.expiresAt.timeIntervalSinceNow))
            response.headers[.setCookie] = cookie(session.token, maxAge: maxAge)
            response.headers[.cacheControl] = "no-store"
            return response
        }
        routes.delete("/api/v1/session") { request, _ in
            guard let token = Authenticator.token(request) else {
                throw ServiceError.notSignedIn("no session to end: send Authorization: Bearer TOKEN")
            }
            _ = try await auth.principal(request)
            try await accounts.signOut(token: token)
            var response = Response(status: .noContent)
            response.headers[.setCookie] = cookie("", maxAge: 0)
            return response
        }
        routes.get("/api/v1/me") { request, _ in
            let principal = try await auth.principal(request)
            return try Wire.json(Me(principal))
        }
    }

    private func cookie(_ token: String, maxAge: Int) -> String {
        "\(Authenticator.cookieName)=\(token); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict" + (secureCookie ? "; Secure" : "")
    }
}

/// The signed-in account as `GET /api/v1/me` shows it.
struct Me: Encodable {
    struct Grant: Encodable {
        var role: String
        /// `organisation`, `university` or `talent`; absent for the office roles.
        var scope: String?
        /// The record the grant is limited to.
        var scopeId: Int64?
    }

    var login: String
    var roles: [Grant]
    var revealPii: Bool

    init(_ account: AccountRecord) {
        self.init(AccountService.principal(account))
    }

    init(_ principal: Principal) {
        login = principal.auditName
        roles = principal.grants.sorted().map { Grant(role: $0.role.rawValue, scope: $0.role.scope?.rawValue, scopeId: $0.scopeID) }
        revealPii = principal.mayRevealPersonalData
    }
}
