import Foundation
import PostgresNIO
import TalentDomain

/// An employer, university or research institute as stored.
public struct OrganisationRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var creditCode: String
    public var checksumValid: Bool
    public var overrideReason: String?
    public var name: String
    public var kind: OrganisationKind
    public var industryChain: IndustryChain?
    public var inZone: Bool
    public var createdAt: Date
}

/// What is needed to add an organisation; the code's validity was decided by the caller.
public struct NewOrganisation: Sendable, Codable {
    public var creditCode: CreditCode
    public var overrideReason: String?
    public var name: String
    public var kind: OrganisationKind
    public var industryChain: IndustryChain?
    public var inZone: Bool

    public init(creditCode: CreditCode, overrideReason: String?, name: String, kind: OrganisationKind,
                industryChain: IndustryChain?, inZone: Bool) {
        self.creditCode = creditCode
        self.overrideReason = overrideReason
        self.name = name
        self.kind = kind
        self.industryChain = industryChain
        self.inZone = inZone
    }
}

public struct OrganisationFilter: Sendable {
    public var kind: OrganisationKind?
    public var chain: IndustryChain?
    public var inZone: Bool?

    public init(kind: OrganisationKind? = nil, chain: IndustryChain? = nil, inZone: Bool? = nil) {
        self.kind = kind
        self.chain = chain
        self.inZone = inZone
    }
}

extension StoreSession {
    static let organisationColumns = """
        id, credit_code, checksum_valid, override_reason, name, kind, industry_chain, in_zone, created_at
        """

    func organisation(from row: RowReader) throws -> OrganisationRecord {
        OrganisationRecord(
            id: try row.value("id"), creditCode: try row.value("credit_code"),
            checksumValid: try row.value("checksum_valid"), overrideReason: try row.value("override_reason"),
            name: try row.value("name"), kind: try row.term("kind", as: OrganisationKind.self) ?? .enterprise,
            industryChain: try row.term("industry_chain", as: IndustryChain.self),
            inZone: try row.value("in_zone"), createdAt: try row.value("created_at"))
    }

    public func insertOrganisation(_ new: NewOrganisation) async throws -> OrganisationRecord {
        let record = try await firstRow("""
            INSERT INTO organisations (credit_code, checksum_valid, override_reason, name, kind, industry_chain, in_zone)
            VALUES (\(new.creditCode.value), \(new.creditCode.isChecksumValid), \(new.overrideReason), \(new.name),
                    \(new.kind.rawValue), \(new.industryChain?.rawValue), \(new.inZone))
            RETURNING \(unescaped: Self.organisationColumns)
            """, organisation(from:))
        guard let record else { throw StoreError.internal("INSERT … RETURNING gave no row") }
        return record
    }

    public func organisation(creditCode: String) async throws -> OrganisationRecord? {
        try await firstRow("""
            SELECT \(unescaped: Self.organisationColumns) FROM organisations WHERE credit_code = \(creditCode)
            """, organisation(from:))
    }

    public func organisation(id: Int64) async throws -> OrganisationRecord? {
        try await firstRow("""
            SELECT \(unescaped: Self.organisationColumns) FROM organisations WHERE id = \(id)
            """, organisation(from:))
    }

    /// Sorted by name in pinyin order.
    public func organisations(_ filter: OrganisationFilter) async throws -> [OrganisationRecord] {
        try await rows("""
            SELECT \(unescaped: Self.organisationColumns) FROM organisations
            WHERE (\(filter.kind?.rawValue)::text IS NULL OR kind = \(filter.kind?.rawValue))
              AND (\(filter.chain?.rawValue)::text IS NULL OR industry_chain = \(filter.chain?.rawValue))
              AND (\(filter.inZone)::boolean IS NULL OR in_zone = \(filter.inZone))
            ORDER BY name COLLATE "zh-x-icu", credit_code
            """, organisation(from:))
    }

    /// Ids of the organisations with these codes (missing codes are absent from the result).
    public func organisationIDs(creditCodes: [String]) async throws -> [String: Int64] {
        guard !creditCodes.isEmpty else { return [:] }
        let pairs = try await rows("""
            SELECT credit_code, id FROM organisations WHERE credit_code = ANY(\(Array(Set(creditCodes))))
            """) { row in (try row.value("credit_code", as: String.self), try row.value("id", as: Int64.self)) }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }
}
