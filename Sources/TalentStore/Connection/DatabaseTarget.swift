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

    /// Connection settings; for the embedded cluster this starts it, creates its roles and database if
    /// needed and makes sure the roles own and may do what Docs/operations.md says.
    public func prepare() async throws -> PreparedDatabase {
        switch self {
        case let .external(settings):
            return PreparedDatabase(application: settings, migration: settings, roles: nil)
        case let .embedded(cluster, database):
            try cluster.start()
            let roles = DatabaseRoles.standard
            let admin = cluster.connectionSettings(role: cluster.superuser, database: "postgres")
            let marker = cluster.root + "/secured-\(database)"
            let secured = FileManager.default.fileExists(atPath: marker)
            if !secured { try await roles.prepareCluster(admin) }
            let created = try await Self.createDatabaseIfMissing(database, owner: roles.owner, on: admin)
            if !secured || created {
                try await roles.secureDatabase(named: database, on: cluster.connectionSettings(role: cluster.superuser, database: database))
                FileManager.default.createFile(atPath: marker, contents: Data("1\n".utf8))
            }
            return PreparedDatabase(
                application: cluster.connectionSettings(role: roles.application, database: database),
                migration: cluster.connectionSettings(role: roles.owner, database: database),
                roles: roles)
        }
    }

    /// Creates `name` on the server of `settings` (connecting to its `postgres` database) unless it exists.
    /// With `template`, the new database is a file copy of it (fast, for test suites); with `owner`, that
    /// role owns it. Returns true when it created the database.
    @discardableResult
    public static func createDatabaseIfMissing(_ name: String, template: String? = nil, owner: String? = nil,
                                               on settings: ConnectionSettings) async throws -> Bool {
        try DatabaseNames.check(name, what: "database name")
        if let template { try DatabaseNames.check(template, what: "template database name") }
        if let owner { try DatabaseNames.check(owner, what: "owner role") }
        var admin = settings
        admin.database = "postgres"
        return try await Store.withStore(admin) { store in
            try await store.read { session in
                let exists = try await session.firstRow("SELECT 1 AS one FROM pg_database WHERE datname = \(name)") { _ in true } ?? false
                guard !exists else { return false }
                let ownerClause = owner.map { " OWNER \($0)" } ?? ""
                let templateClause = template.map { " TEMPLATE \($0) STRATEGY = file_copy" } ?? ""
                do {
                    try await session.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)\(ownerClause)\(templateClause)"))
                    return true
                } catch let error as PSQLError where ["42P04", "23505"].contains(error.serverInfo?[.sqlState] ?? "") {
                    return false  // created concurrently by another process: fine
                }
            }
        }
    }

    /// Drops `name` if it exists (test and benchmark databases).
    public static func dropDatabaseIfExists(_ name: String, on settings: ConnectionSettings) async throws {
        try DatabaseNames.check(name, what: "database name")
        var admin = settings
        admin.database = "postgres"
        _ = try await Store.withStore(admin) { store in
            try await store.read { session in
                try await session.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
            }
        }
    }
}

/// The connections a program makes once the database is ready: use cases connect as `application`,
/// migrations as `migration`. For an external server both are what `DATABASE_URL` / `PG*` say.
public struct PreparedDatabase: Sendable {
    public var application: ConnectionSettings
    public var migration: ConnectionSettings
    /// The roles the migrator grants privileges between; nil for an external server, where
    /// `talentctl db migrate` reads them from the environment (Docs/operations.md).
    public var roles: DatabaseRoles?
}

extension EmbeddedCluster {
    /// Settings for connecting to `database` as `role` over the cluster's socket.
    public func connectionSettings(role: String, database: String) -> ConnectionSettings {
        ConnectionSettings(endpoint: .unixSocket(path: socketPath), user: role, database: database, sslMode: .disable)
    }
}
