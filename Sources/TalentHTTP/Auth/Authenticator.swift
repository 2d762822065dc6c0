import Hummingbird
import TalentServices

/// Who sent a request: the session token from `Authorization: Bearer …` (API clients) or the
/// `tz_session` cookie (browsers), checked by the account service on every request, so a session
/// made by one talentd process works on every other and a revoked one stops at once.
struct Authenticator: Sendable {
    let accounts: AccountService

    static let cookieName = "tz_session"

    /// The token the request carries, if any.
    static func token(_ request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                let token = parts[1].trimmingCharacters(in: .whitespaces)
                return token.isEmpty ? nil : token
            }
            return nil
        }
        for cookie in request.headers[values: .cookie].flatMap({ $0.split(separator: ";") }) {
            let pair = cookie.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0] == cookieName, !pair[1].isEmpty { return pair[1] }
        }
        return nil
    }

    /// The signed-in principal, or 401.
    func principal(_ request: Request) async throws -> Principal {
        guard let token = Self.token(request) else {
            throw ServiceError.notSignedIn("sign in first (POST /api/v1/session), then send Authorization: Bearer TOKEN")
        }
        return try await accounts.principal(token: token)
    }
}
