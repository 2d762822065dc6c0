import Foundation
import Logging
import PostgresNIO

/// The database a command works on: a configured server, or the embedded default cluster.
public enum DatabaseTarget: Sendable {
    case external(ConnectionSettings)
    case embedded(EmbeddedCluster, database: String)

    /// The database the embedded cluster holds TalentZone's data in.
    public static let embeddedDatabaseName = "talentzone"

    /// `DATABASE_URL` or the libpq variables when set, else the embedded cluster in `TALENTZONE_HOME`
    /// (default `./.talentzone`).
    public static func resolve(environment: [String: String]) throws(StoreError) -> DatabaseTarget {
        if let settings = try ConnectionSettings.fromEnvironment(environment) {
            return .external(settings)
        }
        let cluster = try EmbeddedCluster(home: EmbeddedCluster.defaultHome(environment: environment), environment: environment)
        return .embedded(cluster, database: embeddedDatabaseName)
    }

    public var isEmbedded: Bool {
        if case .embedded = self { return true }
        return false
    }

    /// Connection settings; for the embedded cluster this starts it and creates its database if needed.
    public func prepare() async throws -> ConnectionSettings {
        switch self {
        case let .external(settings):
            return settings
        case let .embedded(cluster, database):
            try cluster.start()
            let settings = ConnectionSettings(
                endpoint: .unixSocket(path: cluster.socketPath), user: cluster.superuser, database: database, sslMode: .disable)
            try await Self.createDatabaseIfMissing(database, on: settings)
            return settings
        }
    }

    /// Creates `name` on the server of `settings` (connecting to its `postgres` database) unless it exists.
    /// With `template`, the new database is a file copy of it (fast, for test suites).
    public static func createDatabaseIfMissing(_ name: String, template: String? = nil, on settings: ConnectionSettings) async throws {
        try checkIdentifier(name)
        if let template { try checkIdentifier(template) }
        var admin = settings
        admin.database = "postgres"
        try await Store.withStore(admin) { store in
            try await store.read { session in
                let exists = try await session.firstRow("SELECT 1 AS one FROM pg_database WHERE datname = \(name)") { _ in true } ?? false
                guard !exists else { return }
                let templateClause = template.map { " TEMPLATE \($0) STRATEGY = file_copy" } ?? ""
                do {
                    try await session.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)\(templateClause)"))
                } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42P04" {
                    return  // created concurrently by another process: fine
                }
            }
        }
    }

    /// Drops `name` if it exists (test and benchmark databases).
    public static func dropDatabaseIfExists(_ name: String, on settings: ConnectionSettings) async throws {
        try checkIdentifier(name)
        var admin = settings
        admin.database = "postgres"
        _ = try await Store.withStore(admin) { store in
            try await store.read { session in
                try await session.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
            }
        }
    }

    private static func checkIdentifier(_ name: String) throws(StoreError) {
        let allowed = name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        guard allowed, !name.isEmpty, name.utf8.count < 64 else {
            throw StoreError.configuration("database name '\(name)' must be lowercase letters, digits and _")
        }
    }
}
