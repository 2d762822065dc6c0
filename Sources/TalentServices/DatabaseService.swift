import Foundation
import TalentStore

/// `db up`, `db down`, `db status` and `db migrate`: which database is used, the embedded cluster's
/// life, and the schema migrations. (`db backup` and `db restore` are ``DatabaseBackupService``.)
public struct DatabaseService: Sendable {
    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Where the embedded cluster lives; nil when DATABASE_URL or PG* variables name an external server.
    public struct ClusterLocation: Sendable, Encodable {
        public var folder: String
        public var socket: String
        public var database: String
    }

    public struct UpReport: Sendable, Encodable {
        public var cluster: ClusterLocation
        public var wasRunning: Bool
        public var appliedMigrations: Int
    }

    /// Creates (if needed) and starts the embedded cluster and applies pending migrations; nil when an
    /// external server is configured (there is nothing to start).
    public func up() async throws -> UpReport? {
        guard case let .embedded(cluster, database) = try DatabaseTarget.resolve(environment: environment) else { return nil }
        let wasRunning = cluster.state() == .running
        let applied = try await TalentZone.openForAdministration(environment: environment) { store, migrator, _ in
            try await migrator.migrate(store)
        }
        return UpReport(cluster: ClusterLocation(folder: cluster.root, socket: cluster.socketPath, database: database),
                        wasRunning: wasRunning, appliedMigrations: applied.count)
    }

    public struct DownReport: Sendable, Encodable {
        public var folder: String
        public var wasRunning: Bool
    }

    /// Stops the embedded cluster (its data stays); nil when an external server is configured.
    public func down() throws -> DownReport? {
        guard case let .embedded(cluster, _) = try DatabaseTarget.resolve(environment: environment) else { return nil }
        let wasRunning = cluster.state() == .running
        try cluster.stop()
        return DownReport(folder: cluster.root, wasRunning: wasRunning)
    }

    public struct StatusReport: Sendable, Encodable {
        public var database: String
        public var embedded: Bool
        public var clusterFolder: String?
        public var running: Bool
        public var migrations: [Migrator.Entry]
        /// `running`, `stopped` or `not created yet`.
        public var server: String {
            running ? "running" : (notCreated ? "not created yet" : "stopped")
        }
        var notCreated = false

        enum CodingKeys: String, CodingKey { case database, embedded, clusterFolder, running, migrations }
    }

    /// Which database is used, whether it runs, and the state of every migration. A stopped embedded
    /// cluster is not started.
    public func status() async throws -> StatusReport {
        let target = try DatabaseTarget.resolve(environment: environment)
        var report = StatusReport(database: "", embedded: target.isEmbedded, running: false, migrations: [])
        switch target {
        case let .external(settings):
            report.database = settings.redacted
        case let .embedded(cluster, database):
            report.database = "embedded cluster, database \(database)"
            report.clusterFolder = cluster.root
            let state = cluster.state()
            guard state == .running else {
                report.notCreated = state == .notInitialised
                return report
            }
        }
        report.migrations = try await TalentZone.openForAdministration(environment: environment) { store, migrator, _ in
            try await migrator.status(store)
        }
        report.running = true
        return report
    }

    public struct MigrateReport: Sendable, Encodable {
        /// `0006_least_privilege` and the like, in the order applied.
        public var applied: [String]
        public var migrations: Int
        public var roles: PrivilegeReport?
    }

    /// Applies pending migrations, grants the application role its privileges and reports the roles.
    public func migrate() async throws -> MigrateReport {
        try await TalentZone.openForAdministration(environment: environment) { store, migrator, _ in
            let applied = try await migrator.migrate(store)
            let roles = try await migrator.roles?.report(store)
            return MigrateReport(applied: applied.map { String(format: "%04d", $0.version) + "_" + $0.name },
                                 migrations: migrator.migrations.count, roles: roles)
        }
    }
}
