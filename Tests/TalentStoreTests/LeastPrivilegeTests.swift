import Foundation
import Testing
@testable import TalentStore
import TestSupport

/// The application role (what talentctl's use cases connect as) cannot rewrite history: not the audit
/// log, not by disabling triggers, not by truncating, not by DDL. Each statement below succeeded when
/// the application connected as the superuser.
@Suite("Least privilege: the application role")
struct LeastPrivilegeTests {
    static let refusedStatements = [
        "UPDATE audit_log SET actor = 'mallory'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
        "ALTER TABLE audit_log DISABLE TRIGGER USER",
        "ALTER TABLE audit_log DISABLE TRIGGER ALL",
        "SET session_replication_role = replica",
        "TRUNCATE import_batches CASCADE",
        "TRUNCATE talents CASCADE",
        "DELETE FROM talents",
        "DROP TABLE audit_log",
        "DROP TRIGGER audit_log_no_update ON audit_log",
        "CREATE TABLE shadow (id int)",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        "UPDATE policies SET version = 'x'",
        "INSERT INTO schema_migrations (version, name, sha256) VALUES (999, 'x', 'x')",
        "ALTER ROLE talentzone_app SUPERUSER",
    ]

    @Test func cannotChangeTheAuditLogOrTheSchema() async throws {
        let admin = try await TestDatabase.make()
        try await Store.withStore(TestDatabase.application(admin)) { store in
            try await store.write { session in
                try await session.appendAudit(AuditRecord(
                    actor: "test", action: "test.append", entityType: "test", entityID: "1",
                    before: Optional<String>.none, after: "x"))
            }
            for statement in Self.refusedStatements {
                await #expect(throws: StoreError.self, "the application role could run: \(statement)") {
                    try await store.write { session in try await session.execute(sql: statement) }
                }
            }
            let entries = try await store.read { try await $0.auditEntries(AuditFilter()) }
            #expect(entries.map(\.actor) == ["test"])
        }
        // The same statements do run for the superuser, so the refusals above come from the role.
        try await Store.withStore(admin) { store in
            try await store.write { session in try await session.execute(sql: "ALTER TABLE audit_log DISABLE TRIGGER USER") }
        }
    }

    @Test func mayDoItsWorkAndCallTheOwnersAnalyze() async throws {
        let admin = try await TestDatabase.make()
        try await Store.withStore(TestDatabase.application(admin)) { store in
            try await store.write { session in
                try await session.execute(sql: "INSERT INTO organisations (name, credit_code, checksum_valid, kind, in_zone) VALUES ('甲', '91110000600037341L', true, 'enterprise', true)")
                try await session.execute(sql: "UPDATE organisations SET in_zone = false")
                try await session.execute(sql: "SELECT analyze_housing_round_facts()")
                try await session.execute(sql: "CREATE TEMPORARY TABLE scratch (id int)")
            }
        }
    }

    @Test func theReportFindsLeastPrivilegeAndItsAbsence() async throws {
        let admin = try await TestDatabase.make()
        let roles = DatabaseRoles.standard
        let sound = try await Store.withStore(TestDatabase.owner(admin)) { try await roles.report($0) }
        #expect(sound.isSound, "\(sound.findings)")
        #expect(sound.connectedAs == roles.owner)

        try await Store.withStore(admin) { store in
            try await store.write { try await $0.execute(sql: "GRANT TRUNCATE, UPDATE ON audit_log TO talentzone_app") }
        }
        let loose = try await Store.withStore(admin) { try await roles.report($0) }
        #expect(!loose.isSound)
        #expect(loose.findings.contains { $0.level == .problem && $0.message.contains("TRUNCATE") })
        #expect(loose.findings.contains { $0.level == .problem && $0.message.contains("audit_log") })
        #expect(loose.findings.contains { $0.level == .warning && $0.message.contains("superuser") })

        // Migrating as the owner puts the privileges back.
        let migrator = Migrator(migrations: try Migration.load(from: TestDatabase.schemaDirectory), roles: roles)
        try await Store.withStore(TestDatabase.owner(admin)) { store in
            _ = try await migrator.migrate(store)
            #expect(try await roles.report(store).isSound)
        }
    }
}
