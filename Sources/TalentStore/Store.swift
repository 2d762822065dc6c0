import Foundation
import Logging
import PostgresNIO

/// A connection pool to one TalentZone database. Every use case runs in `write` (one transaction)
/// or `read`; repositories are the `StoreSession` extensions in `Queries/`.
public final class Store: Sendable {
    public let settings: ConnectionSettings
    let client: PostgresClient
    let logger: Logger
    let leaseWatch = LeaseWatch()

    /// Logs only critical events: a command-line tool must not print connection chatter.
    public static var quietLogger: Logger {
        var logger = Logger(label: "talentzone.store")
        logger.logLevel = .critical
        return logger
    }

    private init(settings: ConnectionSettings, client: PostgresClient, logger: Logger) {
        self.settings = settings
        self.client = client
        self.logger = logger
    }

    /// Opens a pool for the duration of `body`. Fails fast, with `StoreError.unavailable`, when the
    /// server cannot be reached.
    public static func withStore<T: Sendable>(
        _ settings: ConnectionSettings,
        logger: Logger = Store.quietLogger,
        _ body: (Store) async throws -> T
    ) async throws -> T {
        let limits = try SessionLimits.ofProcess.get()
        try await probe(settings, limits: limits, logger: logger)
        var configuration = clientConfiguration(settings)
        configuration.options.additionalStartupParameters += limits.startupParameters
        configuration.options.maximumConnections = 8
        configuration.options.keepAliveBehavior = nil
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let store = Store(settings: settings, client: client, logger: logger)
        let watch = store.leaseWatch
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // The pool runs until the body is done, or until the monitor finds the server gone.
                await withTaskGroup(of: Void.self) { pool in
                    pool.addTask { await client.run() }
                    pool.addTask {
                        await watch.monitor {
                            (try? await probe(settings, limits: limits, logger: logger, timeout: .seconds(2))) != nil
                        }
                    }
                    await pool.next()
                    pool.cancelAll()
                }
            }
            defer { group.cancelAll() }
            return try await body(store)
        }
    }

    /// Runs `body` in one transaction; retries on serialization failures.
    public func write<T: Sendable>(_ body: (StoreSession) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                // BEGIN, body, COMMIT; ROLLBACK when body throws, unless the connection is gone (the server
                // died, say). postgres-nio's own `withTransaction` sends ROLLBACK on a closed connection too,
                // and a query written to a closed channel is never answered: the command hung forever.
                let token = leaseWatch.waitBegins()
                defer { leaseWatch.waitEnds(token) }
                return try await client.withConnection { connection in
                    leaseWatch.waitEnds(token)
                    let session = StoreSession(connection: connection, logger: logger)
                    try await session.query("BEGIN")
                    let value: T
                    do {
                        value = try await body(session)
                    } catch {
                        if !connection.isClosed { _ = try? await connection.query("ROLLBACK", logger: logger) }
                        throw error
                    }
                    try await session.query("COMMIT")
                    return value
                }
            } catch {
                if leaseWatch.serverLost { throw StoreError.unavailable(LeaseWatch.lostMessage) }
                let mapped = Self.mapUnlessDomain(error)
                if let storeError = mapped as? StoreError, storeError.isRetryable, attempt < 5 { continue }
                throw mapped
            }
        }
    }

    /// Runs `body` on one pooled connection, outside an explicit transaction.
    public func read<T: Sendable>(_ body: (StoreSession) async throws -> T) async throws -> T {
        let token = leaseWatch.waitBegins()
        defer { leaseWatch.waitEnds(token) }
        do {
            return try await client.withConnection { connection in
                leaseWatch.waitEnds(token)
                return try await body(StoreSession(connection: connection, logger: logger))
            }
        } catch {
            if leaseWatch.serverLost { throw StoreError.unavailable(LeaseWatch.lostMessage) }
            throw Self.mapUnlessDomain(error)
        }
    }

    /// Errors thrown by the caller's own code pass through unchanged; database errors are mapped.
    private static func mapUnlessDomain(_ error: any Error) -> any Error {
        if let error = error as? PostgresTransactionError, let inner = error.closureError {
            return mapUnlessDomain(inner)
        }
        if error is PSQLError || error is PostgresTransactionError || error is PostgresError { return StoreError.from(error) }
        return error
    }

    private static func probe(_ settings: ConnectionSettings, limits: SessionLimits, logger: Logger,
                              timeout: TimeAmount? = nil) async throws {
        var configuration = try connectionConfiguration(settings)
        configuration.options.additionalStartupParameters += limits.startupParameters
        if let timeout { configuration.options.connectTimeout = timeout }
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try await connection.close()
        } catch {
            switch StoreError.from(error) {
            case let .unavailable(message), let .internal(message):
                throw StoreError.unavailable("cannot connect to \(settings.redacted): \(message)")
            case let other:
                throw other
            }
        }
    }

    /// The probe's configuration. Throws when TLS is required but its settings cannot be used (an
    /// unreadable `sslrootcert`, say), rather than connecting without TLS.
    static func connectionConfiguration(_ settings: ConnectionSettings) throws(StoreError) -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        switch settings.endpoint {
        case let .unixSocket(path):
            configuration = .init(unixSocketPath: path, username: settings.user, password: settings.password, database: settings.database)
        case let .tcp(host, port):
            var tls = PostgresConnection.Configuration.TLS.disable
            if settings.sslMode != .disable {
                // libpq: `require` with a root certificate checks the chain, as `verify-ca` does.
                let mode = settings.sslMode == .require && settings.sslRootCertificate != nil ? .verifyCA : settings.sslMode
                var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
                tlsConfiguration.certificateVerification = verification(mode)
                if let root = settings.sslRootCertificate { tlsConfiguration.trustRoots = .file(root) }
                let required = [.require, .verifyCA, .verifyFull].contains(settings.sslMode)
                do {
                    let context = try NIOSSLContext(configuration: tlsConfiguration)
                    tls = required ? .require(context) : .prefer(context)
                } catch where required {
                    throw StoreError.configuration(
                        "TLS for \(settings.redacted) cannot be set up (sslmode=\(settings.sslMode.rawValue)"
                            + (settings.sslRootCertificate.map { ", sslrootcert=\($0)" } ?? "") + "): \(error). "
                            + "Check that sslrootcert is a PEM file of CA certificates")
                } catch {
                    tls = .disable  // `prefer` / `allow` go on without TLS, as libpq does
                }
            }
            configuration = PostgresConnection.Configuration(
                host: host, port: port, username: settings.user, password: settings.password,
                database: settings.database, tls: tls)
        }
        // libpq's `connect_timeout=0` waits indefinitely; a year is as long, and fits a `TimeAmount`.
        configuration.options.connectTimeout = .seconds(Int64(settings.connectTimeoutSeconds ?? 365 * 86_400))
        configuration.options.additionalStartupParameters = [("application_name", settings.applicationName)]
        return configuration
    }

    static func clientConfiguration(_ settings: ConnectionSettings) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        switch settings.endpoint {
        case let .unixSocket(path):
            configuration = .init(unixSocketPath: path, username: settings.user, password: settings.password, database: settings.database)
        case let .tcp(host, port):
            let tls: PostgresClient.Configuration.TLS
            let mode = settings.sslMode == .require && settings.sslRootCertificate != nil ? .verifyCA : settings.sslMode
            var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
            tlsConfiguration.certificateVerification = verification(mode)
            if let root = settings.sslRootCertificate { tlsConfiguration.trustRoots = .file(root) }
            switch settings.sslMode {
            case .disable: tls = .disable
            case .allow, .prefer: tls = .prefer(tlsConfiguration)
            case .require, .verifyCA, .verifyFull: tls = .require(tlsConfiguration)
            }
            configuration = .init(host: host, port: port, username: settings.user, password: settings.password,
                                  database: settings.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(settings.connectTimeoutSeconds ?? 365 * 86_400)
        configuration.options.additionalStartupParameters = [("application_name", settings.applicationName)]
        return configuration
    }

    private static func verification(_ mode: ConnectionSettings.SSLMode) -> CertificateVerification {
        switch mode {
        case .verifyFull: .fullVerification
        case .verifyCA: .noHostnameVerification
        default: .none  // libpq's `require` encrypts without checking the certificate
        }
    }
}

/// One connection, inside or outside a transaction, handed to repository functions.
public struct StoreSession: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    /// Runs `query`; on a connection that has closed it fails at once instead of waiting for an answer
    /// that cannot come (postgres-nio would wait forever: see ``Store/write(_:)``).
    @discardableResult
    func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try checkOpen()
        return try await connection.query(query, logger: logger)
    }

    func checkOpen() throws(StoreError) {
        guard connection.isClosed else { return }
        throw StoreError.unavailable("the connection to the database server closed (did the server stop?)")
    }

    /// Runs one literal SQL statement (migrations, tests); never with values from users.
    func execute(sql: String) async throws {
        try checkOpen()
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }
}
