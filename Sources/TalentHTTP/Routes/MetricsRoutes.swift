import Hummingbird
import Prometheus

/// `GET /metrics`: the application's registry in the Prometheus text exposition format.
struct MetricsRoutes: RouteGroup {
    let registry: PrometheusCollectorRegistry

    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    func add(to routes: RouteTable) {
        routes.get("/metrics") { _, _ in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return Response(status: .ok, headers: [.contentType: Self.contentType, .contentLength: String(buffer.count)],
                            body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}
