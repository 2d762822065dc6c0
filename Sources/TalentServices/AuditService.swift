import TalentStore

/// Reads the audit log (writing happens inside each use case's transaction).
public struct AuditService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    public func entries(_ filter: AuditFilter) async throws(ServiceError) -> [AuditEntry] {
        try await run { try await store.read { try await $0.auditEntries(filter) } }
    }
}
