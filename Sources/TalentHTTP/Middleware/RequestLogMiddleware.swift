import Foundation
import Hummingbird
import Logging

/// One log line per request: method, route template, status and duration. Never the path as called,
/// the query string, the body, the `Authorization` header or a cookie: they can carry personal data or
/// credentials.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = TalentRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - started
        context.logger.info("request", metadata: [
            "method": .string(RouteLabel.method(request.method)),
            "route": .string(RouteLabel.of(context)),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .string(String(format: "%.1f", elapsed.seconds * 1000)),
        ])
        return response
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
