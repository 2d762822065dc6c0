import Foundation
import TalentStore

/// `db backup` and `db restore`: the embedded cluster's database to and from a file in pg_dump's custom
/// format. An external server is backed up with its own tools (Docs/operations.md, "Backups").
public struct DatabaseBackupService: Sendable {
    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public struct BackupReport: Sendable, Encodable {
        public var file: String
        public var bytes: Int
        public var database: String
        public var clusterFolder: String
    }

    public struct RestoreReport: Sendable, Encodable {
        public var file: String
        public var database: String
        public var clusterFolder: String
        /// What the database held before it was replaced.
        public var replaced: ClusterBackup.Contents
        public var restored: ClusterBackup.Contents
        /// Migrations applied on top of the backup (it may come from an older version).
        public var appliedMigrations: [String]
    }

    /// Writes the embedded database to `file` (replacing an older file of that name only when done).
    public func backup(to file: String) async throws -> BackupReport {
        let backup = try embeddedCluster(for: "backup")
        let bytes = try await backup.backup(to: file)
        return BackupReport(file: file, bytes: bytes, database: backup.database, clusterFolder: backup.cluster.root)
    }

    /// Restores `file` into the embedded database. A database that holds data (rows no migration wrote)
    /// is replaced only with `force`. Afterwards the migrations run, as `db migrate` does, which also
    /// brings a backup made by an older version up to date.
    public func restore(from file: String, force: Bool) async throws -> RestoreReport {
        let backup = try embeddedCluster(for: "restore")
        guard ClusterBackup.isCustomFormatDump(file) else {
            throw ServiceError.unreadableFile(
                "\(file) is not a backup in pg_dump's custom format (the format of TalentZone's own backups and of `pg_dump -Fc`)")
        }
        let migrator = Migrator(migrations: try Migration.load(from: try SchemaDirectory.locate(environment: environment)))
        let before = try await backup.contents()
        if !before.isEmpty && !force {
            throw ServiceError.refused(
                "the database \(backup.database) in \(backup.cluster.root) is not empty (\(before.rows) rows in \(before.tables) tables); "
                    + "restoring would replace it.", next: .backUpBeforeRestore)
        }
        let restored = try await backup.restore(from: file, migrator: migrator)
        let applied = try await TalentZone.openForAdministration(environment: environment) { store, migrator, _ in
            try await migrator.migrate(store)
        }
        return RestoreReport(
            file: file, database: backup.database, clusterFolder: backup.cluster.root, replaced: before, restored: restored,
            appliedMigrations: applied.map { String(format: "%04d", $0.version) + "_" + $0.name })
    }

    private func embeddedCluster(for verb: String) throws -> ClusterBackup {
        guard case let .embedded(cluster, database) = try DatabaseTarget.resolve(environment: environment) else {
            throw StoreError.configuration(
                "db \(verb) works on the embedded cluster, but DATABASE_URL or PG* variables name an external server; "
                    + (verb == "backup" ? "back it up with `pg_dump \"$DATABASE_URL\" -Fc -f FILE`"
                                        : "restore into it with `pg_restore --no-owner -d \"$DATABASE_URL\" FILE`")
                    + " (Docs/operations.md)")
        }
        return try ClusterBackup(cluster: cluster, database: database, environment: environment)
    }
}
