import Foundation
import PostgresNIO

/// What `talentctl db migrate` finds about the roles: who it is connected as, and whether the
/// application role has exactly the privileges of ``DatabaseRoles`` and nothing more.
public struct PrivilegeReport: Sendable, Codable, Equatable {
    public struct Finding: Sendable, Codable, Equatable {
        public enum Level: String, Sendable, Codable { case ok, warning, problem }
        public var level: Level
        public var message: String
    }

    public var connectedAs: String
    public var connectedIsSuperuser: Bool
    public var applicationRole: String
    public var findings: [Finding]

    /// True when nothing is a problem (warnings are allowed).
    public var isSound: Bool { !findings.contains { $0.level == .problem } }
}

extension DatabaseRoles {
    /// Inspects the database of `store` (any role may run this: it reads the catalogue only).
    public func report(_ store: Store) async throws -> PrivilegeReport {
        try await store.read { session in
            let (user, superuser) = try await session.firstRow(
                "SELECT current_user::text AS u, rolsuper AS s FROM pg_roles WHERE rolname = current_user"
            ) { (try $0.value("u", as: String.self), try $0.value("s", as: Bool.self)) } ?? ("?", false)
            var report = PrivilegeReport(connectedAs: user, connectedIsSuperuser: superuser, applicationRole: application, findings: [])
            func add(_ level: PrivilegeReport.Finding.Level, _ message: String) {
                report.findings.append(.init(level: level, message: message))
            }
            guard try await session.roleExists(application) else {
                add(.problem, "the application role \(application) does not exist; create it as Docs/operations.md (\"Database roles\") shows, then run db migrate again")
                return report
            }
            let (appSuper, appOwns, appCreate, appTruncate, auditChange, auditTriggerOwner) = try await session.firstRow("""
                SELECT r.rolsuper AS sup,
                       (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = 'public' AND c.relowner = r.oid) AS owns,
                       has_schema_privilege(r.rolname, 'public', 'CREATE') OR has_database_privilege(r.rolname, current_database(), 'CREATE') AS can_create,
                       (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = 'public' AND c.relkind = 'r' AND has_table_privilege(r.rolname, c.oid, 'TRUNCATE')) AS truncates,
                       COALESCE(has_table_privilege(r.rolname, to_regclass('audit_log'), 'UPDATE')
                             OR has_table_privilege(r.rolname, to_regclass('audit_log'), 'DELETE'), false) AS audit_change,
                       COALESCE((SELECT pg_has_role(r.rolname, c.relowner, 'USAGE') FROM pg_class c
                                  WHERE c.oid = to_regclass('audit_log')), false) AS audit_owner
                FROM pg_roles r WHERE r.rolname = \(application)
                """) { row in
                (try row.value("sup", as: Bool.self), try row.value("owns", as: Int64.self), try row.value("can_create", as: Bool.self),
                 try row.value("truncates", as: Int64.self), try row.value("audit_change", as: Bool.self),
                 try row.value("audit_owner", as: Bool.self))
            } ?? (false, 0, false, 0, false, false)
            if appSuper { add(.problem, "\(application) is a superuser: it can bypass the audit log's triggers; ALTER ROLE \(application) NOSUPERUSER") }
            if appOwns > 0 || auditTriggerOwner {
                add(.problem, "\(application) owns \(appOwns) object(s) (or is a member of their owner): it can disable triggers and drop tables; let \(owner) own the schema")
            }
            if appCreate { add(.problem, "\(application) may CREATE in the database or the public schema; REVOKE CREATE from it (and from PUBLIC)") }
            if appTruncate > 0 { add(.problem, "\(application) may TRUNCATE \(appTruncate) table(s); run db migrate as the schema's owner to reset its privileges") }
            if auditChange { add(.problem, "\(application) may UPDATE or DELETE rows of audit_log; run db migrate as the schema's owner to reset its privileges") }
            if report.findings.isEmpty {
                add(.ok, "\(application) owns nothing, may not create, truncate or change the audit log: least privilege holds")
            }
            if superuser {
                add(.warning, "connected as the superuser \(user): fine for migrating, but use \(application) for everything else")
            } else if user == application {
                add(.ok, "connected as the application role \(application) (migrations need the owner \(owner))")
            }
            return report
        }
    }
}
