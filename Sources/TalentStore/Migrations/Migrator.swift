import Foundation
import PostgresNIO

/// Applies the numbered migrations in order, each in its own transaction, and records them in
/// `schema_migrations(version, name, sha256, applied_at)`. A migration whose file changed after it
/// was applied is refused, as is a database that knows migrations this build does not.
public struct Migrator: Sendable {
    public struct Entry: Sendable, Codable, Equatable {
        public enum State: String, Sendable, Codable { case applied, pending, changed, unknown }
        public var version: Int
        public var name: String
        public var state: State
        public var appliedAt: Date?
    }

    public let migrations: [Migration]
    /// The roles whose privileges ``migrate(_:)`` grants after migrating (DatabaseRoles), if any.
    public let roles: DatabaseRoles?

    public init(migrations: [Migration], roles: DatabaseRoles? = nil) {
        self.migrations = migrations
        self.roles = roles
    }

    /// Applies what is pending; returns the migrations it applied. Then it fills what a migration added
    /// but SQL cannot compute (the pinyin of names stored before 0008), in batches of their own. With
    /// ``roles``, it then grants the application role its privileges (DatabaseRoles), when this
    /// connection may (as the schema's owner or a superuser) and the role exists.
    public func migrate(_ store: Store) async throws -> [Migration] {
        let applied = try await applyPending(store)
        try await fillComputedColumns(store)
        if let roles {
            try await store.write { session in
                try await session.query("SELECT pg_advisory_xact_lock(7251001)")
                guard try await session.mayGrant(), try await session.roleExists(roles.application) else { return }
                try await roles.grantApplicationPrivileges(session)
            }
        }
        return applied
    }

    /// The pinyin of names (``PinyinName``) for rows from before migration 0008, a thousand rows per
    /// transaction, so a large registry is never locked at once; an interrupted fill goes on at the next
    /// `db migrate`. Rows that still lack it are found by their name as written.
    private func fillComputedColumns(_ store: Store) async throws {
        guard migrations.contains(where: { $0.version == Self.namePinyinVersion }) else { return }
        while try await store.write({ try await $0.fillMissingNamePinyin() }) > 0 {}
    }

    /// The migration that adds `talents.name_pinyin` and `name_initials`.
    static let namePinyinVersion = 8

    private func applyPending(_ store: Store) async throws -> [Migration] {
        // Nothing to do is found without DDL, so a connection that may not create tables (the
        // application role) can run this on a migrated database.
        if try await isCurrent(store) { return [] }
        var applied: [Migration] = []
        for migration in migrations {
            let didApply = try await store.write { session in
                // One migrator at a time, whatever the number of processes.
                try await session.query("SELECT pg_advisory_xact_lock(7251001)")
                try await Self.ensureTable(session)
                let recorded = try await Self.recorded(session)
                try check(recorded: recorded)
                guard recorded[migration.version] == nil else { return false }
                for statement in SQLScript.statements(in: migration.sql) {
                    do {
                        try await session.query(PostgresQuery(unsafeSQL: statement))
                    } catch {
                        throw StoreError.migration(
                            "\(String(format: "%04d", migration.version))_\(migration.name).sql failed: \(StoreError.from(error))")
                    }
                }
                try await session.query("""
                    INSERT INTO schema_migrations (version, name, sha256)
                    VALUES (\(migration.version), \(migration.name), \(migration.sha256))
                    """)
                return true
            }
            if didApply { applied.append(migration) }
        }
        return applied
    }

    /// Every known and recorded migration with its state.
    public func status(_ store: Store) async throws -> [Entry] {
        let recorded = try await store.read { session in
            try await Self.tableExists(session) ? try await Self.recorded(session) : [:]
        }
        var entries = migrations.map { migration -> Entry in
            guard let row = recorded[migration.version] else {
                return Entry(version: migration.version, name: migration.name, state: .pending, appliedAt: nil)
            }
            return Entry(version: migration.version, name: migration.name,
                         state: row.sha256 == migration.sha256 ? .applied : .changed, appliedAt: row.appliedAt)
        }
        let known = Set(migrations.map(\.version))
        for (version, row) in recorded where !known.contains(version) {
            entries.append(Entry(version: version, name: row.name, state: .unknown, appliedAt: row.appliedAt))
        }
        return entries.sorted { $0.version < $1.version }
    }

    /// True when every migration is applied unchanged.
    public func isCurrent(_ store: Store) async throws -> Bool {
        try await status(store).allSatisfy { $0.state == .applied }
    }

    struct Recorded: Sendable {
        var name: String
        var sha256: String
        var appliedAt: Date
    }

    private func check(recorded: [Int: Recorded]) throws(StoreError) {
        for migration in migrations {
            if let row = recorded[migration.version], row.sha256 != migration.sha256 {
                throw StoreError.migration(
                    "\(String(format: "%04d", migration.version))_\(migration.name).sql was changed after it was applied "
                        + "(recorded sha256 \(row.sha256.prefix(12))…, file \(migration.sha256.prefix(12))…). "
                        + "Applied migrations are never edited: restore the file and add a new migration instead.")
            }
        }
        let known = Set(migrations.map(\.version))
        if let unknown = recorded.keys.sorted().first(where: { !known.contains($0) }) {
            throw StoreError.migration(
                "the database has migration \(unknown) (\(recorded[unknown]!.name)) that this build does not know; use a newer talentctl")
        }
    }

    private static func ensureTable(_ session: StoreSession) async throws {
        guard try await !tableExists(session) else { return }
        try await session.query("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                sha256     text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """)
    }

    private static func tableExists(_ session: StoreSession) async throws -> Bool {
        let rows = try await session.query("SELECT to_regclass('schema_migrations') IS NOT NULL")
        for try await exists in rows.decode(Bool.self) { return exists }
        return false
    }

    private static func recorded(_ session: StoreSession) async throws -> [Int: Recorded] {
        var result: [Int: Recorded] = [:]
        let rows = try await session.query("SELECT version, name, sha256, applied_at FROM schema_migrations")
        for try await (version, name, sha, at) in rows.decode((Int, String, String, Date).self) {
            result[version] = Recorded(name: name, sha256: sha, appliedAt: at)
        }
        return result
    }
}
