import Hummingbird
import Prometheus

/// Counts requests and times them, by route template, into the application's own registry (served on
/// `GET /metrics`): `http_requests_total{route,method,status}` and the histogram
/// `http_request_duration_seconds{route}`. The registry belongs to one application, not to a global
/// metrics system, so that two servers in one process (tests) count apart.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = TalentRequestContext

    let registry: PrometheusCollectorRegistry

    // Computed: MetricNameDescriptor is not Sendable, so it cannot be a stored static.
    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(metricName: "http_requests", unitName: "total",
                             helpText: "HTTP requests answered, by route template, method and status.")
    }
    static var duration: MetricNameDescriptor {
        MetricNameDescriptor(metricName: "http_request_duration", unitName: "seconds",
                             helpText: "Time to answer an HTTP request, by route template.")
    }
    static let buckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let route = RouteLabel.of(context)
        registry.makeCounter(descriptor: Self.requests, labels: [
            ("route", route), ("method", RouteLabel.method(request.method)), ("status", String(response.status.code)),
        ]).increment()
        registry.makeDurationHistogram(descriptor: Self.duration, labels: [("route", route)], buckets: Self.buckets)
            .record(ContinuousClock.now - started)
        return response
    }
}
