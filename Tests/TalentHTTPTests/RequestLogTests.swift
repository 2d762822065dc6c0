import Foundation
import Logging
@testable import TalentHTTP
import Testing

/// The request log: one line per request with method, route template, status and duration, and
/// nothing that can carry personal data or credentials.
@Suite("talentd: request log")
struct RequestLogTests {
    @Test func aRequestIsLoggedByItsTemplateWithoutPathQueryBodyOrCredentials() async throws {
        let capture = LogCapture()
        let secret = "11010519491231002X"
        try await TestServer.run(logger: capture.logger) { server in
            _ = try await server.client.send("/test/units/\(secret)?mobile=13800138000", method: "GET",
                                             headers: ["authorization": "Bearer s3cr3t-token", "cookie": "session=c00kie"])
            _ = try await server.client.post("/test/households", json: #"{"applicant": "\#(secret)"}"#)
        }
        let requests = capture.entries.filter { $0.message == "request" }
        #expect(requests.count == 2)
        let first = try #require(requests.first)
        #expect(first.metadata["method"] == "GET")
        #expect(first.metadata["route"] == "/test/units/{code}")
        #expect(first.metadata["status"] == "404")
        #expect(first.metadata["duration_ms"].flatMap(Double.init) != nil)
        #expect(requests.last?.metadata["status"] == "400")
        let everything = capture.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
        for leak in [secret, "13800138000", "s3cr3t-token", "c00kie", "mobile="] {
            #expect(!everything.contains(leak), "the log carries \(leak): \(everything)")
        }
    }

    @Test func aFailureIsLoggedWithItsCauseWhileTheClientSeesOnlyAGenericDetail() async throws {
        let capture = LogCapture()
        try await TestServer.run(logger: capture.logger) { server in
            let response = try await server.client.get("/test/failure")
            #expect(response.status == 500)
        }
        let failure = try #require(capture.entries.first { $0.message == "request failed" })
        #expect(failure.level == .error)
        #expect(failure.metadata["error"]?.contains("UnknownFailure") == true)
        #expect(failure.metadata["route"] == "/test/failure")
    }
}

/// Keeps every log entry in memory.
final class LogCapture: @unchecked Sendable {
    struct Entry {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    private let lock = NSLock()
    private var stored: [Entry] = []

    var entries: [Entry] { lock.withLock { stored } }

    var logger: Logger {
        var logger = Logger(label: "talentd-test") { _ in Handler(capture: self) }
        logger.logLevel = .info
        return logger
    }

    fileprivate func append(_ entry: Entry) { lock.withLock { stored.append(entry) } }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            var all = metadata
            all.merge(event.metadata ?? [:]) { $1 }
            capture.append(Entry(level: event.level, message: event.message.description,
                                 metadata: all.mapValues { "\($0)" }))
        }
    }
}
