import Foundation
import PostgresNIO
import TalentDomain

/// One stored policy version (Schema/0003_policies.sql). `content` is the file exactly as loaded.
public struct StoredPolicyRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var version: String
    public var effective: CalendarDate
    public var sha256: String
    public var loadedBy: String
    public var loadedAt: Date
    /// nil in listings, which leave the text out.
    public var content: String?
}

/// Stored policy versions: insert, list, look up by version, label or hash, and the one in force.
extension StoreSession {
    public func insertPolicy(version: String, effective: CalendarDate, content: String, sha256: String,
                             loadedBy: String) async throws -> StoredPolicyRecord {
        let id = try await firstRow("""
            INSERT INTO policies (version, effective, content, sha256, loaded_by)
            VALUES (\(version), \(effective.description)::date, \(content), \(sha256), \(loadedBy))
            RETURNING id
            """) { try $0.value("id", as: Int64.self) }
        guard let id, let record = try await policies(id: id, withContent: true).first else {
            throw StoreError.internal("the new policy could not be read back")
        }
        return record
    }

    /// Every stored version, latest effective date first (ties: loaded last first), without the text.
    public func policies() async throws -> [StoredPolicyRecord] {
        try await policies(id: nil, withContent: false)
    }

    public func policy(version: String) async throws -> StoredPolicyRecord? {
        try await firstRow("""
            SELECT \(unescaped: Self.policyColumns), content FROM policies WHERE version = \(version)
            """) { try Self.policyRecord($0, withContent: true) }
    }

    public func policy(sha256: String) async throws -> StoredPolicyRecord? {
        try await firstRow("""
            SELECT \(unescaped: Self.policyColumns), content FROM policies WHERE sha256 = \(sha256)
            """) { try Self.policyRecord($0, withContent: true) }
    }

    /// The policy in force on `date`: the latest effective date on or before it; nil when none is stored.
    public func policyInForce(on date: CalendarDate) async throws -> StoredPolicyRecord? {
        try await firstRow("""
            SELECT \(unescaped: Self.policyColumns), content FROM policies
            WHERE effective <= \(date.description)::date
            ORDER BY effective DESC, id DESC LIMIT 1
            """) { try Self.policyRecord($0, withContent: true) }
    }

    private static let policyColumns =
        "id, version, effective::text AS effective, sha256, loaded_by, loaded_at"

    private func policies(id: Int64?, withContent: Bool) async throws -> [StoredPolicyRecord] {
        try await rows("""
            SELECT \(unescaped: Self.policyColumns), \(unescaped: withContent ? "content" : "NULL::text AS content")
            FROM policies WHERE (\(id)::bigint IS NULL OR id = \(id))
            ORDER BY effective DESC, id DESC
            """) { try Self.policyRecord($0, withContent: withContent) }
    }

    private static func policyRecord(_ row: RowReader, withContent: Bool) throws -> StoredPolicyRecord {
        guard let effective = try row.date("effective") else { throw StoreError.internal("policy without an effective date") }
        return StoredPolicyRecord(
            id: try row.value("id"), version: try row.value("version"), effective: effective,
            sha256: try row.value("sha256"), loadedBy: try row.value("loaded_by"), loadedAt: try row.value("loaded_at"),
            content: withContent ? try row.value("content", as: String?.self) : nil)
    }
}
