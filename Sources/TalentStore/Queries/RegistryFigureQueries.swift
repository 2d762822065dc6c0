import Foundation
import PostgresNIO

/// Headline figures of the registry, computed by queries.
public struct RegistryFigures: Sendable, Codable, Equatable {
    public struct Count: Sendable, Codable, Equatable {
        public var key: String
        public var count: Int
    }

    public var organisations: [Count]          // by kind
    public var talents: Int
    public var talentsByChain: [Count]         // by the employer's industry chain ("none" without employer)
    public var certifiedByClass: [Count]       // class number as text
    public var certificationsByStatus: [Count]
}

extension StoreSession {
    public func registryFigures() async throws -> RegistryFigures {
        func counts(_ query: PostgresQuery) async throws -> [RegistryFigures.Count] {
            try await rows(query) { row in
                RegistryFigures.Count(key: try row.value("key"), count: Int(try row.value("n", as: Int64.self)))
            }
        }
        let total = try await firstRow("SELECT count(*) AS n FROM talents") { try $0.value("n", as: Int64.self) } ?? 0
        return RegistryFigures(
            organisations: try await counts("SELECT kind AS key, count(*) AS n FROM organisations GROUP BY kind ORDER BY kind"),
            talents: Int(total),
            talentsByChain: try await counts("""
                SELECT coalesce(o.industry_chain, 'none') AS key, count(*) AS n
                FROM talents t LEFT JOIN organisations o ON o.id = t.employer_id GROUP BY 1 ORDER BY 2 DESC, 1
                """),
            certifiedByClass: try await counts("""
                SELECT talent_class::text AS key, count(*) AS n FROM certifications
                WHERE status = 'certified' GROUP BY talent_class ORDER BY talent_class
                """),
            certificationsByStatus: try await counts("""
                SELECT status AS key, count(*) AS n FROM certifications GROUP BY status ORDER BY 2 DESC, 1
                """))
    }
}
