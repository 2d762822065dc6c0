import Foundation
import Testing
@testable import TalentStore
import TestSupport

@Suite("Migrations and the audit log")
struct MigrationTests {
    @Test func templateIsFullyMigrated() async throws {
        let settings = try await TestDatabase.make()
        let migrator = Migrator(migrations: try Migration.load(from: TestDatabase.schemaDirectory))
        try await Store.withStore(settings) { store in
            let status = try await migrator.status(store)
            #expect(!status.isEmpty)
            #expect(status.allSatisfy { $0.state == .applied })
            #expect(try await migrator.migrate(store).isEmpty)
        }
    }

    @Test func auditLogRefusesUpdateAndDelete() async throws {
        let settings = try await TestDatabase.make()
        try await Store.withStore(settings) { store in
            try await store.write { session in
                try await session.appendAudit(AuditRecord(
                    actor: "test", action: "test.append", entityType: "test", entityID: "1",
                    before: Optional<String>.none, after: "x"))
            }
            for statement in ["UPDATE audit_log SET actor = 'mallory'", "DELETE FROM audit_log", "TRUNCATE audit_log"] {
                await #expect(throws: StoreError.self) {
                    try await store.write { session in try await session.execute(sql: statement) }
                }
            }
            let entries = try await store.read { try await $0.auditEntries(AuditFilter()) }
            #expect(entries.count == 1)
            #expect(entries.first?.actor == "test")
        }
    }
}
