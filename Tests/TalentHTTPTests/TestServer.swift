import AsyncHTTPClient
import Foundation
import Logging
import Prometheus
@testable import TalentHTTP
import TalentServices
import TalentStore
import TestSupport
import Testing

/// A real server (the application talentd runs) on 127.0.0.1, port 0, over a throwaway migrated
/// database of its own, with ``ProbeRoutes`` beside the real routes; and a real HTTP client.
struct TestServer {
    let client: TestClient
    /// The zone the server runs on, to arrange data and accounts through the services.
    let zone: TalentZone
    /// A superuser's settings for the server's database, to arrange things behind its back.
    let database: ConnectionSettings

    static var configuration: ServerConfiguration {
        ServerConfiguration(host: "127.0.0.1", port: 0, uploadLimit: 3 << 20, logLevel: .warning,
                            environment: ["TALENTZONE_SCHEMA_DIR": TestDatabase.schemaDirectory])
    }

    /// Runs `body` against a server that is shut down gracefully when it returns.
    static func run<T: Sendable>(
        _ label: String = #function, configuration: ServerConfiguration = Self.configuration,
        logger: Logger? = nil, _ body: @Sendable (TestServer) async throws -> T
    ) async throws -> T {
        let settings = try await TestDatabase.make(label)
        let environment = ["DATABASE_URL": TestDatabase.url(for: TestDatabase.application(settings)),
                           "TALENTZONE_SCHEMA_DIR": TestDatabase.schemaDirectory]
        return try await TalentZone.open(environment: environment) { zone in
            let metrics = PrometheusCollectorRegistry()
            let groups = TalentServer.routeGroups(zone: zone, configuration: configuration, metrics: metrics) + [ProbeRoutes()]
            return try await TalentServer.withRunning({ onListening in
                TalentServer.application(configuration: configuration, groups: groups, metrics: metrics,
                                         logger: logger, onListening: onListening)
            }) { address in
                try await body(TestServer(client: TestClient(base: address.url), zone: zone, database: settings))
            }
        }
    }
}

/// A response, read whole.
struct TestResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: String

    func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The body as a JSON object.
    func json(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(body.utf8))
        return try #require(value as? [String: Any], "not a JSON object: \(body)", sourceLocation: sourceLocation)
    }

    /// The body as a problem document, checked to be one (content type, the members of RFC 9457, the
    /// status repeated).
    func problem(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        #expect(header("content-type") == "application/problem+json", sourceLocation: sourceLocation)
        let problem = try json(sourceLocation: sourceLocation)
        #expect(problem["status"] as? Int == status, sourceLocation: sourceLocation)
        #expect(problem["type"] is String, sourceLocation: sourceLocation)
        #expect(problem["title"] is String, sourceLocation: sourceLocation)
        #expect(problem["detail"] is String, sourceLocation: sourceLocation)
        return problem
    }
}

/// AsyncHTTPClient against one server.
struct TestClient: Sendable {
    let base: String

    func get(_ path: String, token: String? = nil) async throws -> TestResponse {
        try await send(path, method: "GET", headers: token.map { ["authorization": "Bearer \($0)"] } ?? [:])
    }

    /// A JSON request with a bearer token (none when nil).
    func call(_ method: String, _ path: String, json: String? = nil, token: String?) async throws -> TestResponse {
        var headers: [String: String] = [:]
        if let token { headers["authorization"] = "Bearer \(token)" }
        if json != nil { headers["content-type"] = "application/json" }
        return try await send(path, method: method, body: json.map { Array($0.utf8) }, headers: headers)
    }

    /// Signs in; the token.
    func signIn(_ login: String, _ password: String, otp: String? = nil,
                sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let otpMember = otp.map { ",\"otp\":\"\($0)\"" } ?? ""
        let response = try await post("/api/v1/session", json: "{\"login\":\"\(login)\",\"password\":\"\(password)\"\(otpMember)}")
        #expect(response.status == 201, "\(login): \(response.body)", sourceLocation: sourceLocation)
        return try #require(try response.json()["token"] as? String, sourceLocation: sourceLocation)
    }

    func post(_ path: String, json: String, chunked: Bool = false) async throws -> TestResponse {
        try await send(path, method: "POST", body: Array(json.utf8), chunked: chunked,
                       headers: ["content-type": "application/json"])
    }

    func send(_ path: String, method: String, body: [UInt8]? = nil, chunked: Bool = false,
              headers: [String: String] = [:]) async throws -> TestResponse {
        var request = HTTPClientRequest(url: base + path)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = chunked ? .bytes(body, length: .unknown) : .bytes(body) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name.lowercased()] = header.value }
        return TestResponse(status: Int(response.status.code), headers: fields,
                            body: String(decoding: bytes.readableBytesView, as: UTF8.self))
    }
}
