import Foundation
import PostgresNIO
import TalentDomain

/// What the housing rules need to know about one talent on a day, read in one query
/// (TalentServices turns it into `TalentRules.ApplicantFacts`).
public struct HousingFactsRecord: Sendable, Equatable {
    public var talentID: Int64
    public var name: String
    /// The identity key (resident identity number, or nationality:passport).
    public var identityKey: String
    public var certifiedClass: Int?
    public var certificationValidFrom: CalendarDate?
    public var certificationValidUntil: CalendarDate?
    public var contractEnd: CalendarDate?
    public var employerCreditCode: String?
    public var employerInZone: Bool
    public var employerChain: String?
    /// The first day of the first month of social insurance in the zone.
    public var insuranceSince: CalendarDate?
    public var ownsHousing: Bool
    /// A lease in status `active` (current or starting later).
    public var hasActiveLease: Bool
    /// The latest last day of any bar.
    public var barredUntil: CalendarDate?
    public var degree: String?
    public var title: String
    public var skillLevel: String
    public var honours: [String]
}

extension StoreSession {
    /// The facts of each talent of `talentIDs` (those that exist), keyed by talent id.
    public func housingFacts(talentIDs: [Int64]) async throws -> [Int64: HousingFactsRecord] {
        guard !talentIDs.isEmpty else { return [:] }
        let records = try await rows("""
            SELECT t.id, t.name, t.identity_key, t.contract_end::text AS contract_end, t.insurance_since::text AS insurance_since,
                   t.owns_housing, t.degree, t.title, t.skill_level,
                   o.credit_code, coalesce(o.in_zone, false) AS in_zone, o.industry_chain,
                   c.talent_class, c.valid_from::text AS valid_from, c.valid_until::text AS valid_until,
                   EXISTS (SELECT 1 FROM housing_leases l WHERE l.talent_id = t.id AND l.status = 'active') AS has_active_lease,
                   (SELECT max(b.until_date) FROM housing_bars b WHERE b.talent_id = t.id)::text AS barred_until,
                   coalesce((SELECT array_agg(h.honour ORDER BY h.honour) FROM talent_honours h WHERE h.talent_id = t.id),
                            '{}'::text[]) AS honours
            FROM talents t
            LEFT JOIN organisations o ON o.id = t.employer_id
            LEFT JOIN certifications c ON c.talent_id = t.id AND c.status = 'certified'
            WHERE t.id = ANY(\(talentIDs))
            """) { row in
            HousingFactsRecord(
                talentID: try row.value("id"), name: try row.value("name"), identityKey: try row.value("identity_key"),
                certifiedClass: try row.value("talent_class", as: Int?.self),
                certificationValidFrom: try row.date("valid_from"), certificationValidUntil: try row.date("valid_until"),
                contractEnd: try row.date("contract_end"),
                employerCreditCode: try row.value("credit_code", as: String?.self),
                employerInZone: try row.value("in_zone"), employerChain: try row.value("industry_chain", as: String?.self),
                insuranceSince: try row.date("insurance_since"), ownsHousing: try row.value("owns_housing"),
                hasActiveLease: try row.value("has_active_lease"), barredUntil: try row.date("barred_until"),
                degree: try row.value("degree", as: String?.self), title: try row.value("title"),
                skillLevel: try row.value("skill_level"), honours: try row.value("honours"))
        }
        return Dictionary(records.map { ($0.talentID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Replaces a talent's honours (the classification vocabulary's codes).
    public func setHonours(talentID: Int64, _ honours: [String]) async throws {
        try await query("DELETE FROM talent_honours WHERE talent_id = \(talentID)")
        if !honours.isEmpty {
            try await query("""
                INSERT INTO talent_honours (talent_id, honour) SELECT \(talentID), unnest(\(honours)::text[])
                """)
        }
    }
}
