import Foundation
import PostgresNIO
import TalentDomain

/// An offer of a unit to an applicant, with the unit, talent and round it concerns.
public struct HousingOfferRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var roundID: Int64
    public var roundCode: String
    public var applicationID: Int64
    public var applicationNumber: String
    public var talentID: Int64
    public var talentName: String
    public var talentIdentityKey: IdentityOnRecord
    public var unitID: Int64
    public var unitCode: String
    public var buildingCode: String
    public var projectCode: String
    /// The unit's own category (`2BR`).
    public var unitCategory: String
    public var areaHundredths: Int
    /// The building's benchmark rent, fen per m² per month.
    public var benchmarkFenPerM2: Int
    /// The export category it was allocated under (`2BR`, `1BR@reserved:g3`).
    public var category: String
    /// `round` (the draw) or `waitlist` (passed on after a decline or expiry).
    public var source: String
    public var status: HousingOfferStatus
    public var offeredOn: CalendarDate
    public var expiresOn: CalendarDate
    public var decidedOn: CalendarDate?
    public var declineReason: String?
    /// The round's policy version.
    public var policyVersion: String
}

/// Which offers `housingOffers(_:)` returns; nil fields do not filter.
public struct HousingOfferFilter: Sendable, Equatable {
    public var roundCode: String?
    public var status: HousingOfferStatus?
    public var talentID: Int64?
    public var limit: Int

    public init(roundCode: String? = nil, status: HousingOfferStatus? = nil, talentID: Int64? = nil, limit: Int = 100_000) {
        self.roundCode = roundCode
        self.status = status
        self.talentID = talentID
        self.limit = limit
    }
}

/// A new pending offer.
public struct NewHousingOffer: Sendable, Equatable {
    public var roundID: Int64
    public var applicationID: Int64
    public var talentID: Int64
    public var unitID: Int64
    public var category: String
    public var source: String
    public var offeredOn: CalendarDate
    public var expiresOn: CalendarDate
    public var policyVersion: String

    public init(roundID: Int64, applicationID: Int64, talentID: Int64, unitID: Int64, category: String, source: String,
                offeredOn: CalendarDate, expiresOn: CalendarDate, policyVersion: String) {
        self.roundID = roundID
        self.applicationID = applicationID
        self.talentID = talentID
        self.unitID = unitID
        self.category = category
        self.source = source
        self.offeredOn = offeredOn
        self.expiresOn = expiresOn
        self.policyVersion = policyVersion
    }
}

/// A committed round as the offers need it: its policy, and the input document it was drawn from
/// (which names each applicant's employer and the round's quotas).
public struct HousingOfferRoundRow: Sendable, Equatable {
    public var id: Int64
    public var code: String
    public var policyVersion: String
    public var policySHA256: String
    public var inputJSON: String?
}

/// One applicant of a committed round, in serving order, with where their application stands now.
public struct HousingWaitlistRow: Sendable, Equatable {
    public var applicationID: Int64
    public var applicationNumber: String
    public var talentID: Int64
    public var position: Int
    /// The export categories the applicant could take, most wanted first.
    public var preferences: [String]
    public var allocatedCategory: String?
    public var applicationStatus: HousingApplicationStatus
    /// The talent's employer now (used when the round's input names none).
    public var currentEmployer: String?
    /// Whether the application has had any offer of this round.
    public var offeredInRound: Bool
    public var hasPendingOffer: Bool
    /// The last day of the talent's latest bar, if any.
    public var barredUntil: CalendarDate?
}

/// Offers, their decisions and the bars that declines lead to.
extension StoreSession {
    static let housingOfferSelect = """
        SELECT f.id, f.round_id, r.code AS round_code, f.application_id, a.number AS application_number,
               f.talent_id, t.name AS talent_name, t.identity_key, f.unit_id, u.code AS unit_code, b.code AS building_code,
               p.code AS project_code, u.category AS unit_category, u.area_hundredths,
               b.benchmark_fen_per_m2, f.category, f.source, f.status,
               f.offered_on::text AS offered_on, f.expires_on::text AS expires_on, f.decided_on::text AS decided_on,
               f.decline_reason, f.policy_version
        FROM housing_offers f
        JOIN housing_rounds r ON r.id = f.round_id
        JOIN housing_applications a ON a.id = f.application_id
        JOIN talents t ON t.id = f.talent_id
        JOIN housing_units u ON u.id = f.unit_id
        JOIN housing_buildings b ON b.id = u.building_id
        JOIN housing_projects p ON p.id = b.project_id
        """

    func housingOffer(from row: RowReader) throws -> HousingOfferRecord {
        HousingOfferRecord(
            id: try row.value("id"), roundID: try row.value("round_id"), roundCode: try row.value("round_code"),
            applicationID: try row.value("application_id"), applicationNumber: try row.value("application_number"),
            talentID: try row.value("talent_id"), talentName: try row.value("talent_name"),
            talentIdentityKey: try row.value("identity_key"), unitID: try row.value("unit_id"),
            unitCode: try row.value("unit_code"), buildingCode: try row.value("building_code"),
            projectCode: try row.value("project_code"), unitCategory: try row.value("unit_category"),
            areaHundredths: Int(try row.value("area_hundredths", as: Int32.self)),
            benchmarkFenPerM2: Int(try row.value("benchmark_fen_per_m2", as: Int32.self)), category: try row.value("category"),
            source: try row.value("source"), status: try row.term("status", as: HousingOfferStatus.self) ?? .pending,
            offeredOn: try row.date("offered_on") ?? CalendarDate(daysSinceEpoch: 0),
            expiresOn: try row.date("expires_on") ?? CalendarDate(daysSinceEpoch: 0),
            decidedOn: try row.date("decided_on"), declineReason: try row.value("decline_reason"),
            policyVersion: try row.value("policy_version"))
    }

    /// Newest first.
    public func housingOffers(_ filter: HousingOfferFilter) async throws -> [HousingOfferRecord] {
        try await rows("""
            \(unescaped: Self.housingOfferSelect)
            WHERE (\(filter.roundCode)::text IS NULL OR r.code = \(filter.roundCode))
              AND (\(filter.status?.rawValue)::text IS NULL OR f.status = \(filter.status?.rawValue))
              AND (\(filter.talentID)::bigint IS NULL OR f.talent_id = \(filter.talentID))
            ORDER BY f.offered_on DESC, f.id DESC
            LIMIT \(filter.limit)
            """, housingOffer(from:))
    }

    /// The offer with this id; `forUpdate` locks its row (every decision on an offer does).
    public func housingOffer(id: Int64, forUpdate: Bool = false) async throws -> HousingOfferRecord? {
        try await firstRow("""
            \(unescaped: Self.housingOfferSelect) WHERE f.id = \(id) \(unescaped: forUpdate ? "FOR UPDATE OF f" : "")
            """, housingOffer(from:))
    }

    /// Pending offers whose last day is before `date`, oldest first, locked.
    public func overdueHousingOffers(before date: CalendarDate) async throws -> [HousingOfferRecord] {
        try await rows("""
            \(unescaped: Self.housingOfferSelect)
            WHERE f.status = 'pending' AND f.expires_on < \(date.description)::date
            ORDER BY f.expires_on, f.id
            FOR UPDATE OF f
            """, housingOffer(from:))
    }

    /// Records the decision on a pending offer (only an offer that may become `status` changes).
    public func decideHousingOffer(id: Int64, status: HousingOfferStatus, on date: CalendarDate,
                                   declineReason: String? = nil) async throws {
        try await query("""
            UPDATE housing_offers
            SET status = \(status.rawValue), decided_on = \(date.description)::date, decline_reason = \(declineReason),
                updated_at = now()
            WHERE id = \(id) AND status = ANY(\(status.allowedPrevious.map(\.rawValue))::text[])
            """)
    }

    public func insertHousingOffer(_ new: NewHousingOffer) async throws -> Int64 {
        let id = try await firstRow("""
            INSERT INTO housing_offers (round_id, application_id, talent_id, unit_id, category, source, offered_on,
                                        expires_on, policy_version)
            VALUES (\(new.roundID), \(new.applicationID), \(new.talentID), \(new.unitID), \(new.category), \(new.source),
                    \(new.offeredOn.description)::date, \(new.expiresOn.description)::date, \(new.policyVersion))
            RETURNING id
            """) { try $0.value("id", as: Int64.self) }
        guard let id else { throw StoreError.internal("the new offer returned no id") }
        return id
    }

    /// Sets an application's status (offers and leases move it between open, offered and housed).
    public func updateHousingApplicationStatus(id: Int64, to status: HousingApplicationStatus) async throws {
        try await query("""
            UPDATE housing_applications SET status = \(status.rawValue), updated_at = now() WHERE id = \(id)
            """)
    }

    /// Locks the application and tells whether it is still open with no pending offer (so a unit may
    /// be passed on to it).
    public func lockWaitingHousingApplication(id: Int64) async throws -> Bool {
        try await firstRow("""
            SELECT a.status = 'open'
                   AND NOT EXISTS (SELECT 1 FROM housing_offers f WHERE f.application_id = a.id AND f.status = 'pending')
                   AS waiting
            FROM housing_applications a WHERE a.id = \(id) FOR UPDATE OF a
            """) { try $0.value("waiting", as: Bool.self) } ?? false
    }

    /// The round with this id; `forUpdate` locks it, so that units passed on within one round are handed
    /// out one decision at a time.
    public func housingOfferRound(id: Int64, forUpdate: Bool = false) async throws -> HousingOfferRoundRow? {
        try await firstRow("""
            SELECT id, code, policy_version, policy_sha256, input_json FROM housing_rounds WHERE id = \(id)
            \(unescaped: forUpdate ? "FOR UPDATE" : "")
            """) { row in
            HousingOfferRoundRow(id: try row.value("id"), code: try row.value("code"),
                                 policyVersion: try row.value("policy_version"), policySHA256: try row.value("policy_sha256"),
                                 inputJSON: try row.value("input_json"))
        }
    }

    /// The eligible applicants of a committed round in serving order (position 1 first).
    public func housingWaitlist(roundID: Int64) async throws -> [HousingWaitlistRow] {
        try await rows("""
            SELECT e.application_id, a.number, a.talent_id, e.position, e.preferences, e.allocated_category, a.status,
                   o.credit_code,
                   EXISTS (SELECT 1 FROM housing_offers f WHERE f.round_id = e.round_id
                           AND f.application_id = e.application_id) AS offered_in_round,
                   EXISTS (SELECT 1 FROM housing_offers f WHERE f.application_id = e.application_id
                           AND f.status = 'pending') AS has_pending,
                   (SELECT max(b.until_date) FROM housing_bars b WHERE b.talent_id = a.talent_id)::text AS barred_until
            FROM housing_round_entries e
            JOIN housing_applications a ON a.id = e.application_id
            JOIN talents t ON t.id = a.talent_id
            LEFT JOIN organisations o ON o.id = t.employer_id
            WHERE e.round_id = \(roundID) AND e.position IS NOT NULL
            ORDER BY e.position
            """) { row in
            HousingWaitlistRow(
                applicationID: try row.value("application_id"), applicationNumber: try row.value("number"),
                talentID: try row.value("talent_id"), position: Int(try row.value("position", as: Int32.self)),
                preferences: try row.value("preferences", as: [String]?.self) ?? [],
                allocatedCategory: try row.value("allocated_category"),
                applicationStatus: try row.term("status", as: HousingApplicationStatus.self) ?? .open,
                currentEmployer: try row.value("credit_code"), offeredInRound: try row.value("offered_in_round"),
                hasPendingOffer: try row.value("has_pending"), barredUntil: try row.date("barred_until"))
        }
    }

    /// The application numbers of a round's offers that still hold or took their unit (pending or accepted).
    public func liveHousingOfferApplications(roundID: Int64) async throws -> [String] {
        try await rows("""
            SELECT a.number FROM housing_offers f JOIN housing_applications a ON a.id = f.application_id
            WHERE f.round_id = \(roundID) AND f.status IN ('pending', 'accepted')
            """) { try $0.value("number", as: String.self) }
    }

    /// The days a talent declined offers, and the days their offers expired.
    public func housingOfferRefusals(talentID: Int64) async throws -> (declined: [CalendarDate], expired: [CalendarDate]) {
        let pairs = try await rows("""
            SELECT status, decided_on::text AS decided_on FROM housing_offers
            WHERE talent_id = \(talentID) AND status IN ('declined', 'expired')
            """) { row in (try row.value("status", as: String.self), try row.date("decided_on")) }
        return (pairs.compactMap { $0.0 == "declined" ? $0.1 : nil }, pairs.compactMap { $0.0 == "expired" ? $0.1 : nil })
    }

    /// Whether the talent already has a bar ending on `until`.
    public func hasHousingBar(talentID: Int64, until: CalendarDate) async throws -> Bool {
        try await firstRow("""
            SELECT EXISTS (SELECT 1 FROM housing_bars WHERE talent_id = \(talentID)
                           AND until_date = \(until.description)::date) AS present
            """) { try $0.value("present", as: Bool.self) } ?? false
    }

    public func insertHousingBar(talentID: Int64, from: CalendarDate, until: CalendarDate, reason: String,
                                 policyVersion: String) async throws {
        try await query("""
            INSERT INTO housing_bars (talent_id, from_date, until_date, reason, policy_version)
            VALUES (\(talentID), \(from.description)::date, \(until.description)::date, \(reason), \(policyVersion))
            """)
    }
}
