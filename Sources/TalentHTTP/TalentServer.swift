import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle
import TalentServices

/// The HTTP front door: builds the application for a zone (``application(zone:configuration:metrics:onListening:)``)
/// and runs it, until SIGTERM or SIGINT for talentd (``run(zone:configuration:onListening:)``), or for the
/// length of a closure for tests (``withRunning(zone:configuration:metrics:_:)``). Either way a shutdown
/// stops accepting connections and lets the requests in flight finish.
public enum TalentServer {
    /// The application: the routes of every group (`TalentServer+Routes.swift`) behind request logging,
    /// metrics and the problem mapping. `onListening` is called once the socket is bound, with the port
    /// really bound (the one chosen when 0 was asked for). `metrics` is this application's own registry.
    public static func application(
        zone: TalentZone, configuration: ServerConfiguration, metrics: PrometheusCollectorRegistry = .init(),
        onListening: @escaping @Sendable (ListeningAddress) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        application(configuration: configuration, groups: routeGroups(zone: zone, configuration: configuration, metrics: metrics),
                    metrics: metrics, onListening: onListening)
    }

    /// Runs the application until SIGTERM or SIGINT, then finishes the requests in flight and returns.
    /// Fails with ``StartError`` when the address cannot be bound.
    public static func run(zone: TalentZone, configuration: ServerConfiguration,
                           onListening: @escaping @Sendable (ListeningAddress) async -> Void = { _ in }) async throws {
        let listening = Flag()
        let app = application(zone: zone, configuration: configuration) { address in
            listening.set()
            await onListening(address)
        }
        do {
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch where !listening.isSet {
            throw StartError(host: configuration.host, port: configuration.port, reason: String(describing: error))
        }
    }

    /// Starts a server, calls `body` with where it listens, then shuts it down gracefully (tests, tools).
    public static func withRunning<T: Sendable>(
        zone: TalentZone, configuration: ServerConfiguration, metrics: PrometheusCollectorRegistry = .init(),
        _ body: @Sendable (ListeningAddress) async throws -> T
    ) async throws -> T {
        try await withRunning({ application(zone: zone, configuration: configuration, metrics: metrics, onListening: $0) }, body)
    }

    /// The address could not be bound (in use, not this machine's, a name that does not resolve).
    public struct StartError: Error, CustomStringConvertible {
        public var host: String
        public var port: Int
        public var reason: String

        public var description: String { "cannot listen on \(host):\(port): \(reason)" }
    }

    /// Runs the application `make` builds (given the callback to call once bound) in a service group of
    /// its own, calls `body` with its address, then triggers a graceful shutdown and waits for it.
    static func withRunning<App: ApplicationProtocol, T: Sendable>(
        _ make: (@escaping @Sendable (ListeningAddress) async -> Void) -> App,
        _ body: @Sendable (ListeningAddress) async throws -> T
    ) async throws -> T {
        let (addresses, bound) = AsyncStream.makeStream(of: ListeningAddress.self)
        let app = make { address in
            bound.yield(address)
            bound.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [app], logger: app.logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { bound.finish() }  // a server that fails to start ends the wait for its address
                try await group.run()
            }
            var iterator = addresses.makeAsyncIterator()
            guard let address = await iterator.next() else {
                try await tasks.waitForAll()
                throw StartError(host: "?", port: 0, reason: "the server stopped before it listened")
            }
            let result: Result<T, any Error>
            do {
                result = .success(try await body(address))
            } catch {
                result = .failure(error)
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return try result.get()
        }
    }
}

/// Set once, read from any thread.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    func set() { lock.withLock { value = true } }
}
