import Foundation
import PostgresNIO

/// Backs up and restores one database of the embedded cluster with `pg_dump -Fc` / `pg_restore`, the
/// programs of the cluster's own PostgreSQL version. They run as the cluster's OS user (the `postgres`
/// user when we are root, as initdb does) and connect as the superuser `postgres` over the cluster's
/// socket folder. The backup file is streamed through descriptors we open ourselves, so it may live
/// where the `postgres` OS user cannot reach and always belongs to whoever runs talentctl.
public struct ClusterBackup: Sendable {
    /// What a database holds beyond its schema.
    public struct Contents: Sendable, Equatable, Encodable {
        public var exists: Bool
        /// Tables in the database, TalentZone's or not.
        public var tables: Int
        /// Rows not written by a migration (the reference rows a migration inserts do not count).
        public var rows: Int
        /// Nothing would be lost by replacing the database.
        public var isEmpty: Bool { rows == 0 }
    }

    public let cluster: EmbeddedCluster
    public let database: String
    private let binaries: PostgresBinaries
    private let runner: CommandRunner

    public init(cluster: EmbeddedCluster, database: String, environment: [String: String]) throws(StoreError) {
        self.cluster = cluster
        self.database = database
        self.binaries = try PostgresBinaries.locate(environment: environment)
        self.runner = CommandRunner.forCurrentUser()
        for program in [binaries.pgDump, binaries.pgRestore] where !FileManager.default.isExecutableFile(atPath: program) {
            throw StoreError.unavailable(
                "\(program) was not found beside initdb; install the client programs of the same version "
                    + "(`apt-get install -y postgresql-client`) or set TALENTZONE_PG_BINDIR to a folder that has them all")
        }
    }

    /// The first bytes of every `pg_dump -Fc` file.
    public static let customFormatMagic = Array("PGDMP".utf8)

    /// True when `path` starts like a custom-format dump.
    public static func isCustomFormatDump(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: customFormatMagic.count)).map(Array.init) == customFormatMagic
    }

    // MARK: Backup

    /// Writes the database to `file` in pg_dump's custom format and returns its size in bytes. The dump
    /// goes to a new file beside `file` first and replaces `file` only once pg_dump has succeeded, so a
    /// failed backup never leaves a truncated file or destroys an older one.
    public func backup(to file: String) async throws -> Int {
        let target = URL(fileURLWithPath: file).standardizedFileURL
        let folder = target.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw StoreError.configuration("\(file) is a folder; give the backup a file name, e.g. \(file)/talentzone.dump")
        }
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreError.configuration("cannot write the backup to \(file): the folder \(folder) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw StoreError.configuration("cannot write the backup to \(file): the folder \(folder) is not writable")
        }
        guard cluster.state() != .notInitialised else {
            throw StoreError.notFound(
                "there is no embedded cluster in \(cluster.root) yet, so there is nothing to back up "
                    + "(TALENTZONE_HOME chooses the cluster's folder)")
        }
        guard try await contents().exists else {
            throw StoreError.notFound("the embedded cluster in \(cluster.root) has no database \(database) to back up")
        }
        let partial = folder + "/." + target.lastPathComponent + ".partial-\(getpid())-\(UUID().uuidString.prefix(8))"
        defer { unlink(partial) }
        let result = try run(binaries.pgDump, connection(database) + ["--format=custom"], standardOutput: partial)
        guard result.status == 0 else {
            throw StoreError.unavailable("pg_dump of \(database) failed (exit \(result.status)): \(EmbeddedCluster.lastLines(of: result.standardError))")
        }
        try Self.flush(partial)
        guard rename(partial, target.path) == 0 else {
            throw StoreError.configuration("cannot write the backup to \(file): \(String(cString: strerror(errno)))")
        }
        Self.flushFolder(folder)
        var info = stat()
        return stat(target.path, &info) == 0 ? Int(info.st_size) : 0
    }

    // MARK: Restore

    /// What the database holds now, starting the cluster if needed.
    public func contents() async throws -> Contents {
        try cluster.start()
        guard try await exists(database) else { return Contents(exists: false, tables: 0, rows: 0) }
        return try await Store.withStore(settings(database)) { store in
            try await store.read { session in
                // Only rows whose inserting transaction is not one that recorded a migration count:
                // the migrations run in one transaction each, together with their schema_migrations row.
                let exists = try await session.firstRow("SELECT to_regclass('schema_migrations') IS NOT NULL AS present") {
                    try $0.value("present", as: Bool.self)
                } ?? false
                let condition = exists ? "xmin::text NOT IN (SELECT xmin::text FROM schema_migrations)" : "true"
                return try await session.firstRow(PostgresQuery(unsafeSQL: """
                    SELECT count(*)::bigint AS tables,
                           coalesce(sum((xpath('/row/n/text()', query_to_xml(
                               format('SELECT count(*) AS n FROM %I.%I WHERE \(condition)', n.nspname, c.relname),
                               false, true, '')))[1]::text::bigint), 0)::bigint AS rows
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
                      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
                      AND c.oid IS DISTINCT FROM to_regclass('schema_migrations')
                    """)) { row in
                    Contents(exists: true, tables: Int(try row.value("tables", as: Int64.self)),
                             rows: Int(try row.value("rows", as: Int64.self)))
                } ?? Contents(exists: true, tables: 0, rows: 0)
            }
        }
    }

    /// Replaces the database with the backup in `file`, whatever it holds (the caller decides whether
    /// that is allowed). The backup is restored into a new database first and checked against
    /// `migrator`'s migrations; only then is the old database dropped and the new one renamed, so a
    /// backup that fails to restore leaves the current data as it was. Owners and privileges are not
    /// restored (`--no-owner --no-privileges`): the standard roles get them as in a new database.
    public func restore(from file: String, migrator: Migrator) async throws -> Contents {
        try cluster.start()
        let staging = database + "_restoring"
        let admin = settings("postgres")
        try await DatabaseTarget.dropDatabaseIfExists(staging, on: admin)
        try await DatabaseTarget.createDatabaseIfMissing(staging, template: "template0", on: admin)
        do {
            let result = try run(binaries.pgRestore, connection(staging) + ["--no-owner", "--no-privileges", "--exit-on-error"],
                                 standardInput: file)
            guard result.status == 0 else {
                throw StoreError.unavailable(
                    "pg_restore of \(file) failed (exit \(result.status)), the database \(database) was not changed: "
                        + EmbeddedCluster.lastLines(of: result.standardError))
            }
            try await checkMigrations(of: staging, from: file, migrator: migrator)
        } catch {
            try? await DatabaseTarget.dropDatabaseIfExists(staging, on: admin)
            throw error
        }
        try await DatabaseTarget.dropDatabaseIfExists(database, on: admin)
        try await renameDatabase(staging, to: database)
        // The restored objects belong to the superuser that ran pg_restore: hand them to the owner role
        // and grant the application role its privileges, as a new database gets (Docs/operations.md).
        let roles = DatabaseRoles.standard
        try await roles.prepareCluster(admin)
        try await roles.secureDatabase(named: database, on: settings(database))
        return try await contents()
    }

    /// Refuses a restored database that is not TalentZone's, or whose migrations this build does not have.
    private func checkMigrations(of staging: String, from file: String, migrator: Migrator) async throws {
        let entries = try await Store.withStore(settings(staging)) { store in try await migrator.status(store) }
        if entries.allSatisfy({ $0.state == .pending }) {
            throw StoreError.migration("\(file) holds no TalentZone schema (no applied migrations); the database \(database) was not changed")
        }
        if let odd = entries.first(where: { $0.state == .unknown || $0.state == .changed }) {
            let name = String(format: "%04d", odd.version) + "_" + odd.name
            throw StoreError.migration(
                "\(file) was made with migration \(name) \(odd.state == .unknown ? "that this build does not know" : "in another version than this build's"); "
                    + "restore it with the talentctl that made it. The database \(database) was not changed")
        }
    }

    private func renameDatabase(_ staging: String, to name: String) async throws {
        // The server may still be closing the connection that checked the staging copy.
        for attempt in 1...50 {
            do {
                try await Store.withStore(settings("postgres")) { store in
                    try await store.read { session in
                        try await session.execute(sql: "ALTER DATABASE \(staging) RENAME TO \(name)")
                    }
                }
                return
            } catch let error as StoreError {
                guard case let .internal(message) = error, message.hasPrefix("55006"), attempt < 50 else {
                    throw StoreError.internal(
                        "the backup was restored into the database \(staging) but could not be renamed to \(name): \(error). "
                            + "Rename it with `ALTER DATABASE \(staging) RENAME TO \(name)` as the postgres user")
                }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    // MARK: Helpers

    private func exists(_ name: String) async throws -> Bool {
        try await Store.withStore(settings("postgres")) { store in
            try await store.read { session in
                try await session.firstRow("SELECT 1 AS one FROM pg_database WHERE datname = \(name)") { _ in true } ?? false
            }
        }
    }

    private func settings(_ name: String) -> ConnectionSettings {
        ConnectionSettings(endpoint: .unixSocket(path: cluster.socketPath), user: cluster.superuser, database: name, sslMode: .disable)
    }

    /// pg_dump / pg_restore options for `name` on the cluster's socket, never prompting for a password.
    private func connection(_ name: String) -> [String] {
        ["--host=\(cluster.socketDirectory)", "--port=\(cluster.port)", "--username=\(cluster.superuser)", "--no-password",
         "--dbname=\(name)"]
    }

    private func run(_ program: String, _ arguments: [String], standardInput: String? = nil,
                     standardOutput: String? = nil) throws(StoreError) -> CommandRunner.Output {
        do {
            return try runner.run(program, arguments, standardInput: standardInput, standardOutput: standardOutput)
        } catch {
            throw StoreError.unavailable("could not run \(program): \(error)")
        }
    }

    /// Makes the dump durable before it replaces an older one.
    private static func flush(_ path: String) throws(StoreError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw StoreError.unavailable("pg_dump wrote no backup file: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw StoreError.unavailable("the backup could not be written to disk: \(String(cString: strerror(errno)))")
        }
    }

    private static func flushFolder(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
