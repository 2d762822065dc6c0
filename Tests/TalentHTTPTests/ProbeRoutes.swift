import Foundation
@testable import TalentHTTP
import TalentServices

/// Routes that exist only in the tests, to drive the machinery every real route shares: a JSON body
/// (decoding errors, the body limit), an upload route's larger limit, a service error, an error of no
/// known kind, and a slow request (graceful shutdown).
struct ProbeRoutes: RouteGroup {
    struct Household: Codable, Sendable {
        struct Member: Codable, Sendable {
            var name: String
            var birthDate: String
        }

        var applicant: String
        var size: Int
        var members: [Member]
    }

    struct UnknownFailure: Error {}

    /// Signals that a slow request has started (so a test can shut the server down while it runs).
    static let slowStarted = AsyncStream.makeStream(of: Void.self)

    func add(to routes: RouteTable) {
        routes.post("/test/households") { request, context in
            let household = try await request.decodeJSON(Household.self, context: context)
            return try Wire.json(household, status: .created)
        }
        routes.post("/test/uploads", body: .upload) { request, context in
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            return try Wire.json(["bytes": body.readableBytes])
        }
        routes.get("/test/units/{code}") { _, context in
            let code = context.parameters.get("code") ?? ""
            throw ServiceError.notFound("there is no housing unit \(code)", next: .listHousingUnits)
        }
        routes.get("/test/failure") { _, _ in
            throw UnknownFailure()
        }
        routes.get("/test/slow") { _, _ in
            Self.slowStarted.continuation.yield()
            try await Task.sleep(for: .milliseconds(700))
            return try Wire.json(["finished": true])
        }
    }
}
