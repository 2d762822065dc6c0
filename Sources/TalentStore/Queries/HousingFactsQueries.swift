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
        return try await housingFacts("\(unescaped: Self.housingFactsSelect) WHERE t.id = ANY(\(talentIDs))")
    }

    /// The facts of the talents who applied in round `roundID`, keyed by talent id (one query, so a
    /// round of 50,000 applications sends no list of ids).
    public func housingFacts(roundID: Int64) async throws -> [Int64: HousingFactsRecord] {
        try await housingFacts("""
            \(unescaped: Self.housingFactsSelect)
            WHERE t.id IN (SELECT a.talent_id FROM housing_round_applications ra
                           JOIN housing_applications a ON a.id = ra.application_id WHERE ra.round_id = \(roundID))
            """)
    }

    /// The columns in the order ``housingFacts(_:)`` decodes them.
    private static let housingFactsSelect = """
        SELECT t.id, t.name, t.identity_key, c.talent_class, c.valid_from::text, c.valid_until::text,
               t.contract_end::text, o.credit_code, coalesce(o.in_zone, false), o.industry_chain,
               t.insurance_since::text, t.owns_housing,
               EXISTS (SELECT 1 FROM housing_leases l WHERE l.talent_id = t.id AND l.status = 'active'),
               (SELECT max(b.until_date) FROM housing_bars b WHERE b.talent_id = t.id)::text,
               t.degree, t.title, t.skill_level,
               coalesce((SELECT array_agg(h.honour ORDER BY h.honour) FROM talent_honours h WHERE h.talent_id = t.id),
                        '{}'::text[])
        FROM talents t
        LEFT JOIN organisations o ON o.id = t.employer_id
        LEFT JOIN certifications c ON c.talent_id = t.id AND c.status = 'certified'
        """

    /// Decodes by position: a round reads tens of thousands of these rows, and looking columns up by
    /// name costs more than the query.
    private func housingFacts(_ query: PostgresQuery) async throws -> [Int64: HousingFactsRecord] {
        var result: [Int64: HousingFactsRecord] = [:]
        for try await row in try await self.query(query) {
            let (id, name, identityKey, certifiedClass, validFrom, validUntil, contractEnd, creditCode, inZone, chain,
                 insuranceSince, ownsHousing, hasActiveLease, barredUntil, degree, title, skillLevel, honours)
                = try row.decode((Int64, String, String, Int?, String?, String?, String?, String?, Bool, String?,
                                  String?, Bool, Bool, String?, String?, String, String, [String]).self)
            func day(_ text: String?) throws -> CalendarDate? {
                guard let text else { return nil }
                guard let date = CalendarDate(text) else { throw StoreError.internal("talent \(id): '\(text)' is not a date") }
                return date
            }
            result[id] = HousingFactsRecord(
                talentID: id, name: name, identityKey: identityKey, certifiedClass: certifiedClass,
                certificationValidFrom: try day(validFrom), certificationValidUntil: try day(validUntil),
                contractEnd: try day(contractEnd), employerCreditCode: creditCode, employerInZone: inZone,
                employerChain: chain, insuranceSince: try day(insuranceSince), ownsHousing: ownsHousing,
                hasActiveLease: hasActiveLease, barredUntil: try day(barredUntil), degree: degree, title: title,
                skillLevel: skillLevel, honours: honours)
        }
        return result
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
