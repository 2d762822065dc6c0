import Foundation
import TalentRules
import TalentServices
import Testing

/// Signing in over HTTP: lockout after five failures (the answer never tells whether the login exists),
/// sign-out revokes, the second factor, and the password never in a response, the audit log or the log.
@Suite("Sign-in and sessions")
struct SignInTests {
    static let admin = Principal.localOperator("sign-in-test")
    static let password = "a long enough passphrase 7"

    static func account(_ server: TestServer, _ login: String, role: Role = .auditor) async throws {
        _ = try await server.zone.accounts.add(AccountInput(login: login, grants: [GrantInput(role: role)]),
                                               password: password, actor: admin)
    }

    @Test func fiveFailuresLockTheAccountAndTheAnswerNeverSaysWhy() async throws {
        try await TestServer.run { server in
            try await Self.account(server, "li.na")
            let wrong = #"{"login":"li.na","password":"not the password at all"}"#
            let unknown = try await server.client.post("/api/v1/session", json: #"{"login":"nobody.here","password":"whatever it is"}"#)
            var refusals = [unknown]
            for _ in 1...5 { refusals.append(try await server.client.post("/api/v1/session", json: wrong)) }
            // Locked now: the right password is refused too, in the same words.
            refusals.append(try await server.client.post("/api/v1/session",
                                                         json: #"{"login":"li.na","password":"\#(Self.password)"}"#))
            for response in refusals {
                #expect(response.status == 401)
                #expect(try response.problem()["detail"] as? String == AccountService.refusedSignIn)
                #expect(!response.body.contains(Self.password))
            }
            let entries = try await server.zone.audit.entries(entity: "account:li.na", limit: 50, actor: Self.admin)
            #expect(entries.filter { $0.action == "account.sign-in.refused" }.count == 6)
            #expect(entries.filter { $0.action == "account.lock" }.count == 1)
            #expect(entries.allSatisfy { !($0.after ?? "").contains(Self.password) && !($0.after ?? "").contains("not the password") })
            let account = try await server.zone.accounts.account(login: "li.na", actor: Self.admin)
            #expect(account.lockedUntil.map { $0 > Date().addingTimeInterval(800) } == true)
            // The administrator lifts the lock with a new password.
            _ = try await server.zone.accounts.resetPassword(login: "li.na", password: Self.password + "!", actor: Self.admin)
            _ = try await server.client.signIn("li.na", Self.password + "!")
        }
    }

    @Test func signingOutRevokesTheTokenAndTheCookieWorksLikeTheHeader() async throws {
        try await TestServer.run { server in
            try await Self.account(server, "wang.fang")
            let response = try await server.client.post("/api/v1/session",
                                                        json: #"{"login":"wang.fang","password":"\#(Self.password)"}"#)
            #expect(response.status == 201)
            let token = try #require(try response.json()["token"] as? String)
            #expect(token.count >= 43)  // 256 bits, base64url
            let cookie = try #require(response.header("set-cookie"))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.hasPrefix("tz_session="))
            #expect(!response.body.contains(Self.password))
            let viaCookie = try await server.client.send("/api/v1/me", method: "GET", headers: ["cookie": "tz_session=\(token)"])
            #expect(viaCookie.status == 200 && viaCookie.body.contains("wang.fang"))
            #expect(try await server.client.get("/api/v1/me", token: token).status == 200)
            #expect(try await server.client.call("DELETE", "/api/v1/session", token: token).status == 204)
            #expect(try await server.client.get("/api/v1/me", token: token).status == 401)
            #expect(try await server.client.get("/api/v1/me", token: "made-up").status == 401)
        }
    }

    @Test func aRequiredSecondFactorIsCheckedAndACodeIsNeverTakenTwice() async throws {
        try await TestServer.run { server in
            try await Self.account(server, "zhao.lei", role: .officeReviewer)
            let enrolment = try await server.zone.accounts.enableOTP(login: "zhao.lei", require: true, actor: Self.admin)
            #expect(enrolment.provisioningURI.hasPrefix("otpauth://totp/"))
            let totp = try TOTP(secret: try #require(Base32.decode(enrolment.secret)))
            let body = #"{"login":"zhao.lei","password":"\#(Self.password)""#
            let missing = try await server.client.post("/api/v1/session", json: body + "}")
            #expect(missing.status == 401 && missing.body.contains("one-time code"))
            let code = totp.code(at: Date())
            let wrongCode = code == "000000" ? "111111" : "000000"
            #expect(try await server.client.post("/api/v1/session", json: body + #","otp":"\#(wrongCode)"}"#).status == 401)
            #expect(try await server.client.post("/api/v1/session", json: body + #","otp":"\#(code)"}"#).status == 201)
            #expect(try await server.client.post("/api/v1/session", json: body + #","otp":"\#(code)"}"#).status == 401)
        }
    }

    @Test func aBadBodyIsA400AndNeverA500() async throws {
        try await TestServer.run { server in
            for body in ["", "{", #"{"login":1}"#, #"{"login":"x"}"#, "[]"] {
                let response = try await server.client.post("/api/v1/session", json: body)
                #expect((400..<500).contains(response.status), "\(body): \(response.status) \(response.body)")
            }
        }
    }
}
