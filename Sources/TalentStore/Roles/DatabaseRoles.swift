import Foundation
import PostgresNIO

/// The two database roles TalentZone runs as (Docs/operations.md, "Database roles"):
/// - the **owner** owns the schema: migrations run as it, and nothing else does;
/// - the **application** role is what every other command (and later the server) connects as. It
///   owns nothing and holds only the privileges below: no TRUNCATE, no DDL, no trigger control, and
///   on the append-only tables (the audit log first) only SELECT and INSERT.
public struct DatabaseRoles: Sendable, Equatable {
    public var owner: String
    public var application: String

    public init(owner: String, application: String) {
        self.owner = owner
        self.application = application
    }

    /// The names the embedded cluster uses, and the defaults for an external server.
    public static let standard = DatabaseRoles(owner: "talentzone_owner", application: "talentzone_app")

    /// Standard names, or `TALENTZONE_OWNER_ROLE` / `TALENTZONE_APP_ROLE` for an external server.
    public static func fromEnvironment(_ environment: [String: String]) throws(StoreError) -> DatabaseRoles {
        func role(_ key: String, _ fallback: String) throws(StoreError) -> String {
            guard let value = environment[key], !value.isEmpty else { return fallback }
            try DatabaseNames.check(value, what: key)
            return value
        }
        return DatabaseRoles(owner: try role("TALENTZONE_OWNER_ROLE", standard.owner),
                             application: try role("TALENTZONE_APP_ROLE", standard.application))
    }

    // MARK: The privilege table

    /// Tables the application may only read and append to: their history is the record.
    public static let appendOnlyTables = ["audit_log", "policies", "housing_round_entries"]
    /// Tables the application only reads.
    public static let readOnlyTables = ["schema_migrations"]
    /// The only tables the application deletes rows from (lists it replaces as a whole).
    public static let deletableTables = ["position_preferences", "position_rankings", "talent_honours", "account_roles"]
    /// Functions that run as the owner (ANALYZE needs the owner) and that the application may call.
    public static let ownerFunctions = ["analyze_housing_round_facts()"]

    /// Grants the application role exactly the privileges of the table above, on every table that
    /// exists now. Idempotent; run by the owner (or a superuser) after every migration.
    func grantApplicationPrivileges(_ session: StoreSession) async throws {
        let app = application
        var statements = [
            "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, \(app)",
            "REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, \(app)",
            "REVOKE CREATE ON SCHEMA public FROM PUBLIC, \(app)",
            "GRANT USAGE ON SCHEMA public TO \(app)",
            "GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO \(app)",
            "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO \(app)",
        ]
        let existing = try await session.existingTables(Self.appendOnlyTables + Self.readOnlyTables + Self.deletableTables)
        let appendOnly = Self.appendOnlyTables.filter(existing.contains)
        if !appendOnly.isEmpty { statements.append("REVOKE UPDATE ON \(appendOnly.joined(separator: ", ")) FROM \(app)") }
        let readOnly = Self.readOnlyTables.filter(existing.contains)
        if !readOnly.isEmpty { statements.append("REVOKE INSERT, UPDATE ON \(readOnly.joined(separator: ", ")) FROM \(app)") }
        let deletable = Self.deletableTables.filter(existing.contains)
        if !deletable.isEmpty { statements.append("GRANT DELETE ON \(deletable.joined(separator: ", ")) TO \(app)") }
        for function in Self.ownerFunctions where try await session.functionExists(function) {
            statements.append("REVOKE ALL ON FUNCTION \(function) FROM PUBLIC")
            statements.append("GRANT EXECUTE ON FUNCTION \(function) TO \(app)")
        }
        for statement in statements { try await session.execute(sql: statement) }
    }

    // MARK: Setting up the embedded cluster (as its superuser)

    /// Creates the roles on the cluster of `admin` (a superuser's settings), one process at a time.
    public func prepareCluster(_ admin: ConnectionSettings) async throws {
        try await Store.withStore(admin) { store in
            try await store.write { session in
                try await session.query("SELECT pg_advisory_xact_lock(7251002)")
                try await createRoles(session)
            }
        }
    }

    /// ``secureDatabase(_:name:)`` on the database of `settings` (a superuser's), one process at a time.
    public func secureDatabase(named name: String, on settings: ConnectionSettings) async throws {
        try await Store.withStore(settings) { store in
            try await store.write { session in
                try await session.query("SELECT pg_advisory_xact_lock(7251002)")
                try await secureDatabase(session, name: name)
            }
        }
    }

    /// Creates both roles if missing. Run as a superuser; the cluster's start lock keeps this to one
    /// process at a time, and a concurrent creation elsewhere is tolerated.
    func createRoles(_ session: StoreSession) async throws {
        for role in [owner, application] {
            try await session.execute(sql: """
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(role)') THEN
                    CREATE ROLE \(role) LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
                  END IF;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                END $$
                """)
        }
    }

    /// Makes the owner role own the database and every object in its `public` schema (clusters created
    /// before the roles existed had everything owned by the superuser), lets only the application role
    /// connect besides the owner, and grants the application its privileges. Run as a superuser,
    /// connected to the database itself.
    func secureDatabase(_ session: StoreSession, name: String) async throws {
        try DatabaseNames.check(name, what: "database name")
        try await session.execute(sql: "ALTER DATABASE \(name) OWNER TO \(owner)")
        try await session.execute(sql: "ALTER SCHEMA public OWNER TO \(owner)")
        try await session.execute(sql: "REVOKE ALL ON DATABASE \(name) FROM PUBLIC")
        try await session.execute(sql: "GRANT CONNECT, TEMPORARY ON DATABASE \(name) TO \(application)")
        // btree_gist is a trusted extension, but creating it here keeps the owner free of that need.
        try await session.execute(sql: "CREATE EXTENSION IF NOT EXISTS btree_gist")
        try await session.execute(sql: """
            DO $$
            DECLARE r record;
            BEGIN
              FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
                       JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                         AND c.relowner <> '\(owner)'::regrole
                         AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
              LOOP
                EXECUTE format('ALTER %s %s OWNER TO \(owner)',
                               CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                              WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                               r.name);
              END LOOP;
              FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p
                       JOIN pg_namespace n ON n.oid = p.pronamespace
                       WHERE n.nspname = 'public' AND p.proowner <> '\(owner)'::regrole
                         AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
              LOOP
                EXECUTE format('ALTER ROUTINE %s OWNER TO \(owner)', r.name);
              END LOOP;
              FOR r IN SELECT t.oid::regtype AS name FROM pg_type t
                       JOIN pg_namespace n ON n.oid = t.typnamespace
                       WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r') AND t.typowner <> '\(owner)'::regrole
                         AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
              LOOP
                EXECUTE format('ALTER TYPE %s OWNER TO \(owner)', r.name);
              END LOOP;
            END $$
            """)
        try await grantApplicationPrivileges(session)
    }
}

/// Identifiers that go into SQL text (roles, databases) are checked against this rule first.
enum DatabaseNames {
    static func check(_ name: String, what: String) throws(StoreError) {
        let allowed = name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        guard allowed, let first = name.utf8.first, !(0x30...0x39).contains(first), name.utf8.count < 64 else {
            throw StoreError.configuration("\(what) '\(name)' must be lowercase letters, digits and _ (not starting with a digit)")
        }
    }
}

extension StoreSession {
    func existingTables(_ names: [String]) async throws -> Set<String> {
        var found: Set<String> = []
        let rows = try await query("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relname = ANY(\(names))
            """)
        for try await name in rows.decode(String.self) { found.insert(name) }
        return found
    }

    func functionExists(_ signature: String) async throws -> Bool {
        let rows = try await query("SELECT to_regprocedure(\(signature)) IS NOT NULL")
        for try await exists in rows.decode(Bool.self) { return exists }
        return false
    }
}

extension StoreSession {
    /// True when this connection is a superuser or owns the schema's tables (may grant on them).
    func mayGrant() async throws -> Bool {
        let rows = try await query("""
            SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                OR COALESCE((SELECT pg_get_userbyid(relowner) = current_user FROM pg_class
                             WHERE oid = to_regclass('schema_migrations')), false)
            """)
        for try await may in rows.decode(Bool.self) { return may }
        return false
    }
}

extension StoreSession {
    func roleExists(_ name: String) async throws -> Bool {
        let rows = try await query("SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = \(name))")
        for try await exists in rows.decode(Bool.self) { return exists }
        return false
    }
}
