import Foundation
import TalentStore

/// A throwaway PostgreSQL cluster for benchmarks, in a fresh /tmp folder (Unix socket only,
/// durability off, as for tests), with a migrated template database to copy fresh databases from.
/// ``stop()`` shuts it down and removes the folder.
struct BenchCluster: Sendable {
    let cluster: EmbeddedCluster
    let folder: String
    let admin: ConnectionSettings

    static let templateName = "bench_template"

    static func start() async throws -> BenchCluster {
        var template = Array("/tmp/talentbench-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw StoreError.unavailable("mkdtemp failed") }
        let folder = String(cString: made)
        chmod(folder, 0o755)  // the postgres OS user (when we are root) must reach the folder
        let environment = ProcessInfo.processInfo.environment
        let cluster = try EmbeddedCluster(home: folder, durable: false, environment: environment)
        try cluster.start()
        let admin = ConnectionSettings(
            endpoint: .unixSocket(path: cluster.socketPath), user: cluster.superuser, database: "postgres", sslMode: .disable)
        let running = BenchCluster(cluster: cluster, folder: folder, admin: admin)
        try await DatabaseTarget.createDatabaseIfMissing(templateName, on: admin)
        let migrator = Migrator(migrations: try Migration.load(from: try SchemaDirectory.locate(environment: environment)))
        try await Store.withStore(running.settings(templateName)) { store in
            _ = try await migrator.migrate(store)
        }
        return running
    }

    /// Connection settings for one of the cluster's databases.
    func settings(_ database: String) -> ConnectionSettings {
        var settings = admin
        settings.database = database
        return settings
    }

    /// A new, migrated, empty database (dropped first if it exists).
    func freshDatabase(_ name: String) async throws -> ConnectionSettings {
        try await DatabaseTarget.dropDatabaseIfExists(name, on: admin)
        try await DatabaseTarget.createDatabaseIfMissing(name, template: Self.templateName, on: admin)
        return settings(name)
    }

    /// An empty database without the schema (for baselines).
    func bareDatabase(_ name: String) async throws -> ConnectionSettings {
        try await DatabaseTarget.dropDatabaseIfExists(name, on: admin)
        try await DatabaseTarget.createDatabaseIfMissing(name, on: admin)
        return settings(name)
    }

    func stop() {
        try? cluster.stop(immediate: true)
        try? FileManager.default.removeItem(atPath: folder)
    }
}
