import Foundation
@testable import TalentHTTP
import TalentStore
import TestSupport
import Testing

/// The server as a client sees it: a real application on 127.0.0.1 (port 0) over a real PostgreSQL
/// database, spoken to with AsyncHTTPClient.
@Suite("talentd: health, problems, limits, metrics, OpenAPI")
struct ServerTests {
    @Test func healthzAnswersOkWithoutTheDatabase() async throws {
        try await TestServer.run { server in
            let response = try await server.client.get("/healthz")
            #expect(response.status == 200)
            #expect(response.header("content-type") == "application/json; charset=utf-8")
            #expect(try response.json() as NSDictionary == ["status": "ok"])
            let head = try await server.client.send("/healthz", method: "HEAD")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
        }
    }

    @Test func readyzAnswersReadyWhenTheDatabaseIsMigrated() async throws {
        try await TestServer.run { server in
            let response = try await server.client.get("/readyz")
            #expect(response.status == 200, "\(response.body)")
            #expect(try response.json() as NSDictionary == ["status": "ready"])
        }
    }

    @Test func readyzAnswers503OnceTheDatabaseIsGone() async throws {
        try await TestServer.run { server in
            #expect(try await server.client.get("/readyz").status == 200)
            var admin = server.database
            let name = admin.database
            admin.database = "postgres"
            try await DatabaseTarget.dropDatabaseIfExists(name, on: admin)
            let response = try await server.client.get("/readyz")
            #expect(response.status == 503)
            let problem = try response.problem()
            #expect(problem["type"] as? String == "urn:talentzone:problem:not-ready")
            #expect(problem["detail"] as? String == "the database does not answer")
            // The words name no host, user or database.
            #expect(!response.body.contains(name))
            #expect(!response.body.contains("postgres"))
            #expect(try await server.client.get("/healthz").status == 200)
        }
    }

    @Test func anUnknownRouteIsA404Problem() async throws {
        try await TestServer.run { server in
            let response = try await server.client.get("/no/such/thing")
            #expect(response.status == 404)
            let problem = try response.problem()
            #expect(problem["type"] as? String == "about:blank")
            #expect(problem["title"] as? String == "Not Found")
        }
    }

    @Test func aWrongMethodIsA405ProblemThatSaysWhichAreAllowed() async throws {
        try await TestServer.run { server in
            let response = try await server.client.send("/healthz", method: "DELETE")
            #expect(response.status == 405)
            #expect(response.header("allow") == "GET, HEAD")
            let problem = try response.problem()
            #expect(problem["detail"] as? String == "DELETE is not allowed here; use GET, HEAD")
            let post = try await server.client.send("/test/households", method: "GET")
            #expect(post.status == 405)
            #expect(post.header("allow") == "POST")
        }
    }

    @Test(arguments: [false, true])
    func aBodyOverTheLimitIsA413Problem(chunked: Bool) async throws {
        try await TestServer.run { server in
            let twoMiB = [UInt8](repeating: UInt8(ascii: " "), count: 2 << 20)
            let response = try await server.client.send("/test/households", method: "POST", body: twoMiB, chunked: chunked,
                                                        headers: ["content-type": "application/json"])
            #expect(response.status == 413)
            let problem = try response.problem()
            #expect(problem["type"] as? String == "urn:talentzone:problem:body-too-large")
            #expect(problem["detail"] as? String == "the request body is larger than this route takes (1 MiB)")
            // An upload route takes more (3 MiB in these tests), and the server still answers after a refusal.
            let upload = try await server.client.send("/test/uploads", method: "POST", body: twoMiB, chunked: chunked)
            #expect(upload.status == 200)
            #expect(try upload.json()["bytes"] as? Int == 2 << 20)
        }
    }

    @Test func malformedJSONIsA400Problem() async throws {
        try await TestServer.run { server in
            let response = try await server.client.post("/test/households", json: #"{"applicant": "王小明", "#)
            #expect(response.status == 400)
            let problem = try response.problem()
            #expect(problem["type"] as? String == "urn:talentzone:problem:malformed-body")
            #expect(problem["detail"] as? String == "the body is not valid JSON")
        }
    }

    @Test func aWrongTypeOrAMissingFieldIsA400ProblemWithItsPointer() async throws {
        try await TestServer.run { server in
            let wrongType = try await server.client.post("/test/households", json: """
                {"applicant": "王小明", "size": 2, "members": [{"name": "王大明", "birth_date": 19491231}]}
                """)
            #expect(wrongType.status == 400)
            let errors = try #require(try wrongType.problem()["errors"] as? [[String: Any]])
            #expect(errors.count == 1)
            #expect(errors.first?["pointer"] as? String == "/members/0/birth_date")
            #expect(errors.first?["field"] as? String == "members.0.birth_date")
            #expect(errors.first?["detail"] as? String == "must be a string")

            let missing = try await server.client.post("/test/households", json: #"{"applicant": "王小明", "members": []}"#)
            #expect(missing.status == 400)
            let missingErrors = try #require(try missing.problem()["errors"] as? [[String: Any]])
            #expect(missingErrors.first?["pointer"] as? String == "/size")
            #expect(missingErrors.first?["detail"] as? String == "is required")

            let good = try await server.client.post("/test/households", json: """
                {"applicant": "王小明", "size": 1, "members": [{"name": "王大明", "birth_date": "1949-12-31"}]}
                """)
            #expect(good.status == 201)
            #expect(good.body.contains(#""birth_date":"1949-12-31""#), "snake_case keys, as talentctl --json: \(good.body)")
        }
    }

    @Test func aServiceErrorIsItsProblemWithTheNextStepAsData() async throws {
        try await TestServer.run { server in
            let response = try await server.client.get("/test/units/B-101")
            #expect(response.status == 404)
            let problem = try response.problem()
            #expect(problem["type"] as? String == "urn:talentzone:problem:not-found")
            #expect(problem["detail"] as? String == "there is no housing unit B-101; list the housing units")
            let next = try #require(problem["next"] as? [String: Any])
            #expect(next["action"] as? String == "housing.unit.list")
        }
    }

    @Test func anErrorOfNoKnownKindIsA500WithAGenericDetail() async throws {
        try await TestServer.run { server in
            let response = try await server.client.get("/test/failure")
            #expect(response.status == 500)
            let problem = try response.problem()
            #expect(problem["detail"] as? String == "internal error; see the server log")
            #expect(!response.body.contains("UnknownFailure"))
        }
    }

    @Test func metricsCountRequestsByRouteTemplateNeverByPath() async throws {
        try await TestServer.run { server in
            _ = try await server.client.get("/healthz")
            _ = try await server.client.get("/healthz")
            _ = try await server.client.get("/test/units/R-11010519491231002X")
            _ = try await server.client.get("/talents/11010519491231002X")
            let response = try await server.client.get("/metrics")
            #expect(response.status == 200)
            #expect(response.header("content-type")?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = response.body
            #expect(text.contains(#"http_requests_total{route="/healthz",method="GET",status="200"} 2"#), "\(text)")
            #expect(text.contains(#"http_requests_total{route="/test/units/{code}",method="GET",status="404"} 1"#))
            #expect(text.contains(#"http_requests_total{route="unmatched",method="GET",status="404"} 1"#))
            #expect(text.contains(#"http_request_duration_seconds_count{route="/healthz"} 2"#))
            #expect(text.contains("# TYPE http_request_duration_seconds histogram"))
            #expect(!text.contains("11010519491231002X"))
        }
    }

    @Test func openAPIDocumentIsServedAsYAML() async throws {
        try await TestServer.run { server in
            let response = try await server.client.get("/openapi.yaml")
            #expect(response.status == 200)
            #expect(response.header("content-type") == "application/yaml")
            #expect(response.body.hasPrefix("openapi: 3.1"))
            let onDisk = try String(contentsOfFile: TestDatabase.schemaDirectory + "/../Docs/openapi.yaml", encoding: .utf8)
            #expect(response.body == onDisk)
            for path in ["/healthz:", "/readyz:", "/metrics:", "/openapi.yaml:"] {
                #expect(response.body.contains("  " + path), "Docs/openapi.yaml lacks \(path)")
            }
        }
    }

    @Test func aShutdownLetsTheRequestInFlightFinish() async throws {
        let inFlight = try await TestServer.run { server in
            let request = Task { try await server.client.get("/test/slow") }
            var started = ProbeRoutes.slowStarted.stream.makeAsyncIterator()
            _ = await started.next()
            return request
        }
        // The server has shut down; the request it was serving had its answer first.
        let response = try await inFlight.value
        #expect(response.status == 200)
        #expect(try response.json()["finished"] as? Bool == true)
    }
}
