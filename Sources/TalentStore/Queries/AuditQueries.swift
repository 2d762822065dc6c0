import Foundation
import PostgresNIO

/// One row of the append-only audit log.
public struct AuditEntry: Sendable, Codable, Equatable {
    public var id: Int64
    public var at: Date
    public var actor: String
    public var action: String
    public var entityType: String
    public var entityID: String
    /// JSON text of the entity before and after the change (nil for creations and deletions).
    public var before: String?
    public var after: String?
    public var reason: String?
}

/// A change to record; the store stamps id and time.
public struct AuditRecord: Sendable {
    public var actor: String
    public var action: String
    public var entityType: String
    public var entityID: String
    public var before: String?
    public var after: String?
    public var reason: String?

    public init<Before: Encodable, After: Encodable>(
        actor: String, action: String, entityType: String, entityID: String,
        before: Before?, after: After?, reason: String? = nil
    ) {
        self.actor = actor
        self.action = action
        self.entityType = entityType
        self.entityID = entityID
        self.before = before.map { JSONText.encode($0) }
        self.after = after.map { JSONText.encode($0) }
        self.reason = reason
    }
}

public struct AuditFilter: Sendable {
    public var entityType: String?
    public var entityID: String?
    public var action: String?
    public var since: Date?
    public var limit: Int

    public init(entityType: String? = nil, entityID: String? = nil, action: String? = nil, since: Date? = nil, limit: Int = 100) {
        self.entityType = entityType
        self.entityID = entityID
        self.action = action
        self.since = since
        self.limit = limit
    }
}

extension StoreSession {
    public func appendAudit(_ record: AuditRecord) async throws {
        try await query("""
            INSERT INTO audit_log (actor, action, entity_type, entity_id, before, after, reason)
            VALUES (\(record.actor), \(record.action), \(record.entityType), \(record.entityID),
                    \(record.before)::jsonb, \(record.after)::jsonb, \(record.reason))
            """)
    }

    /// One entry per id in `entityIDs`, each like `record` but for its `entityID` (one `pii.reveal` per
    /// talent shown, say), in one statement and in the order given.
    public func appendAudit(_ record: AuditRecord, forEach entityIDs: [String]) async throws {
        try await query("""
            INSERT INTO audit_log (actor, action, entity_type, entity_id, before, after, reason)
            SELECT \(record.actor), \(record.action), \(record.entityType), x.entity_id,
                   \(record.before)::jsonb, \(record.after)::jsonb, \(record.reason)
            FROM unnest(\(entityIDs)::text[]) WITH ORDINALITY AS x(entity_id, n)
            ORDER BY x.n
            """)
    }

    /// Newest first.
    public func auditEntries(_ filter: AuditFilter) async throws -> [AuditEntry] {
        try await rows("""
            SELECT id, at, actor, action, entity_type, entity_id, before::text AS before, after::text AS after, reason
            FROM audit_log
            WHERE (\(filter.entityType)::text IS NULL OR entity_type = \(filter.entityType))
              AND (\(filter.entityID)::text IS NULL OR entity_id = \(filter.entityID))
              AND (\(filter.action)::text IS NULL OR action = \(filter.action))
              AND (\(filter.since)::timestamptz IS NULL OR at >= \(filter.since))
            ORDER BY id DESC
            LIMIT \(filter.limit)
            """) { row in
            AuditEntry(
                id: try row.value("id"), at: try row.value("at"), actor: try row.value("actor"),
                action: try row.value("action"), entityType: try row.value("entity_type"),
                entityID: try row.value("entity_id"), before: try row.value("before"),
                after: try row.value("after"), reason: try row.value("reason"))
        }
    }

}
