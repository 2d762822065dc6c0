import Foundation
import TalentStore

/// Real PostgreSQL for tests: one throwaway cluster per test process (in a fresh /tmp folder,
/// Unix socket only, durability off), migrated once into a template database; every suite gets its
/// own database created from the template, so suites run in parallel and never touch a system
/// cluster. Anything that goes wrong here throws: a database test fails, it never skips.
public enum TestDatabase {
    /// A fresh, migrated database for one suite or test.
    public static func make(_ label: String = #function) async throws -> ConnectionSettings {
        let cluster = try await shared.value.get()
        let name = "t_\(sanitize(label))_\(nextNumber())"
        var lastError: (any Error)?
        for attempt in 0..<20 {
            do {
                try await DatabaseTarget.createDatabaseIfMissing(
                    name, template: templateName, owner: DatabaseRoles.standard.owner, on: cluster.admin)
                var settings = cluster.admin
                settings.database = name
                return settings
            } catch {
                // "source database is being accessed by other users": another suite is copying it.
                lastError = error
                try await Task.sleep(for: .milliseconds(50 * (attempt + 1)))
            }
        }
        throw lastError ?? StoreError.unavailable("could not create test database \(name)")
    }

    /// `settings` (a superuser's, as ``make(_:)`` returns) for the application role that talentctl's use
    /// cases connect as: it owns nothing and may do only what Docs/operations.md lists.
    public static func application(_ settings: ConnectionSettings) -> ConnectionSettings {
        var settings = settings
        settings.user = DatabaseRoles.standard.application
        return settings
    }

    /// `settings` for the owner role that migrations run as.
    public static func owner(_ settings: ConnectionSettings) -> ConnectionSettings {
        var settings = settings
        settings.user = DatabaseRoles.standard.owner
        return settings
    }

    /// The cluster every test of this process shares (for tests that run `talentctl` against it).
    public static func cluster() async throws -> EmbeddedCluster {
        try await shared.value.get().cluster
    }

    /// The package's `Schema/` folder.
    public static var schemaDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Schema").path
    }

    /// A `DATABASE_URL` for `settings` (Unix socket).
    public static func url(for settings: ConnectionSettings) -> String {
        guard case let .unixSocket(path) = settings.endpoint else { return "" }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return "postgres://\(settings.user)@/\(settings.database)?host=\(folder)&sslmode=disable"
    }

    static let templateName = "talentzone_template"

    struct Running: Sendable {
        var cluster: EmbeddedCluster
        var admin: ConnectionSettings
    }

    private static let shared = Task<Result<Running, any Error>, Never> {
        do {
            return .success(try await start())
        } catch {
            return .failure(error)
        }
    }

    private static func start() async throws -> Running {
        var template = Array("/tmp/talentzone-test-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw StoreError.unavailable("mkdtemp failed") }
        let home = String(cString: made)
        chmod(home, 0o755)  // the postgres OS user (when we are root) must reach the folder
        let cluster = try EmbeddedCluster(home: home, durable: false, environment: ProcessInfo.processInfo.environment)
        try cluster.start()
        Cleanup.register(cluster: cluster, folder: home)
        let admin = ConnectionSettings(
            endpoint: .unixSocket(path: cluster.socketPath), user: cluster.superuser, database: "postgres", sslMode: .disable)
        let roles = DatabaseRoles.standard
        try await roles.prepareCluster(admin)
        try await DatabaseTarget.createDatabaseIfMissing(templateName, owner: roles.owner, on: admin)
        var templateSettings = admin
        templateSettings.database = templateName
        let migrator = Migrator(migrations: try Migration.load(from: schemaDirectory), roles: roles)
        try await Store.withStore(owner(templateSettings)) { store in
            _ = try await migrator.migrate(store)
        }
        return Running(cluster: cluster, admin: admin)
    }

    private static func sanitize(_ label: String) -> String {
        let cleaned = label.lowercased().unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "_" }
        return String(String(cleaned).prefix(30))
    }

    private static let counter = Counter()

    private static func nextNumber() -> Int { counter.next() }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

/// Stops the throwaway cluster and removes its folder when the test process exits.
private enum Cleanup {
    nonisolated(unsafe) static var cluster: EmbeddedCluster?
    nonisolated(unsafe) static var folder: String?

    static func register(cluster: EmbeddedCluster, folder: String) {
        self.cluster = cluster
        self.folder = folder
        atexit {
            try? Cleanup.cluster?.stop(immediate: true)
            if let folder = Cleanup.folder { try? FileManager.default.removeItem(atPath: folder) }
        }
    }
}
