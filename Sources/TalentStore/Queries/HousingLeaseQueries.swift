import Foundation
import PostgresNIO
import TalentDomain

/// A lease with its talent and unit.
public struct HousingLeaseRecord: Sendable, Codable, Equatable {
    public var id: Int64
    /// `L-2026-00001`.
    public var number: String
    public var talentID: Int64
    public var talentName: String
    public var talentIdentityKey: IdentityOnRecord
    public var unitID: Int64
    public var unitCode: String
    public var buildingCode: String
    public var projectCode: String
    public var unitCategory: String
    public var areaHundredths: Int
    /// The building's benchmark rent now, fen per m² per month (a renewal's rent is set from it).
    public var benchmarkFenPerM2: Int
    public var offerID: Int64?
    public var applicationID: Int64?
    public var applicationNumber: String?
    /// The number of the lease this one renews.
    public var renewalOf: String?
    public var startDate: CalendarDate
    public var endDate: CalendarDate
    public var status: HousingLeaseStatus
    public var terminatedOn: CalendarDate?
    public var terminationReason: String?
    public var moveOutBy: CalendarDate?
    public var vacatedOn: CalendarDate?
    public var policyVersion: String
    public var policySHA256: String

    /// The last day the talent holds the lease: the termination day when terminated, else the end.
    public var lastDay: CalendarDate {
        status == .terminated ? (terminatedOn ?? endDate) : endDate
    }

    /// The last day the unit is taken: the move-out (or its deadline) when terminated, else the end
    /// (the database's `occupancy` range).
    public var occupiedUntil: CalendarDate {
        vacatedOn ?? moveOutBy ?? endDate
    }
}

/// The monthly rent of one lease year of a lease (a `housing_lease_rents` row): the domain's value.
public typealias HousingLeaseRentRecord = LeaseRentYear

/// A lease to insert; the store numbers it `L-<numberYear>-<5 digits>`.
public struct NewHousingLease: Sendable, Equatable {
    public var talentID: Int64
    public var unitID: Int64
    public var offerID: Int64?
    public var applicationID: Int64?
    public var renewalOf: Int64?
    public var startDate: CalendarDate
    public var endDate: CalendarDate
    public var policyVersion: String
    public var policySHA256: String
    public var numberYear: Int

    public init(talentID: Int64, unitID: Int64, offerID: Int64?, applicationID: Int64?, renewalOf: Int64?,
                startDate: CalendarDate, endDate: CalendarDate, policyVersion: String, policySHA256: String, numberYear: Int) {
        self.talentID = talentID
        self.unitID = unitID
        self.offerID = offerID
        self.applicationID = applicationID
        self.renewalOf = renewalOf
        self.startDate = startDate
        self.endDate = endDate
        self.policyVersion = policyVersion
        self.policySHA256 = policySHA256
        self.numberYear = numberYear
    }
}

/// Which leases `housingLeases(_:)` returns; nil fields do not filter.
public struct HousingLeaseFilter: Sendable, Equatable {
    public var status: HousingLeaseStatus?
    public var talentID: Int64?
    public var unitCode: String?
    public var limit: Int

    public init(status: HousingLeaseStatus? = nil, talentID: Int64? = nil, unitCode: String? = nil, limit: Int = 100_000) {
        self.status = status
        self.talentID = talentID
        self.unitCode = unitCode
        self.limit = limit
    }
}

/// Leases and their rent schedules.
extension StoreSession {
    static let housingLeaseSelect = """
        SELECT l.id, l.number, l.talent_id, t.name AS talent_name, t.identity_key, l.unit_id, u.code AS unit_code,
               b.code AS building_code, p.code AS project_code, u.category AS unit_category, u.area_hundredths,
               b.benchmark_fen_per_m2, l.offer_id, l.application_id, a.number AS application_number, r.number AS renewal_of,
               l.start_date::text AS start_date, l.end_date::text AS end_date, l.status,
               l.terminated_on::text AS terminated_on, l.termination_reason, l.move_out_by::text AS move_out_by,
               l.vacated_on::text AS vacated_on, l.policy_version, l.policy_sha256
        FROM housing_leases l
        JOIN talents t ON t.id = l.talent_id
        JOIN housing_units u ON u.id = l.unit_id
        JOIN housing_buildings b ON b.id = u.building_id
        JOIN housing_projects p ON p.id = b.project_id
        LEFT JOIN housing_applications a ON a.id = l.application_id
        LEFT JOIN housing_leases r ON r.id = l.renewal_of
        """

    func housingLease(from row: RowReader) throws -> HousingLeaseRecord {
        HousingLeaseRecord(
            id: try row.value("id"), number: try row.value("number"), talentID: try row.value("talent_id"),
            talentName: try row.value("talent_name"), talentIdentityKey: try row.value("identity_key"),
            unitID: try row.value("unit_id"), unitCode: try row.value("unit_code"), buildingCode: try row.value("building_code"),
            projectCode: try row.value("project_code"), unitCategory: try row.value("unit_category"),
            areaHundredths: Int(try row.value("area_hundredths", as: Int32.self)),
            benchmarkFenPerM2: Int(try row.value("benchmark_fen_per_m2", as: Int32.self)), offerID: try row.value("offer_id"),
            applicationID: try row.value("application_id"), applicationNumber: try row.value("application_number"),
            renewalOf: try row.value("renewal_of"),
            startDate: try row.date("start_date") ?? CalendarDate(daysSinceEpoch: 0),
            endDate: try row.date("end_date") ?? CalendarDate(daysSinceEpoch: 0),
            status: try row.term("status", as: HousingLeaseStatus.self) ?? .active,
            terminatedOn: try row.date("terminated_on"), terminationReason: try row.value("termination_reason"),
            moveOutBy: try row.date("move_out_by"), vacatedOn: try row.date("vacated_on"),
            policyVersion: try row.value("policy_version"), policySHA256: try row.value("policy_sha256"))
    }

    /// Sorted by start date, then number.
    public func housingLeases(_ filter: HousingLeaseFilter) async throws -> [HousingLeaseRecord] {
        try await rows("""
            \(unescaped: Self.housingLeaseSelect)
            WHERE (\(filter.status?.rawValue)::text IS NULL OR l.status = \(filter.status?.rawValue))
              AND (\(filter.talentID)::bigint IS NULL OR l.talent_id = \(filter.talentID))
              AND (\(filter.unitCode)::text IS NULL OR upper(u.code) = upper(\(filter.unitCode)))
            ORDER BY l.start_date, l.number
            LIMIT \(filter.limit)
            """, housingLease(from:))
    }

    /// Every lease of the talents who applied in round `roundID` (for the cumulative cap).
    public func housingLeases(ofRoundApplicants roundID: Int64) async throws -> [HousingLeaseRecord] {
        try await rows("""
            \(unescaped: Self.housingLeaseSelect)
            WHERE l.talent_id IN (SELECT a.talent_id FROM housing_round_applications ra
                                  JOIN housing_applications a ON a.id = ra.application_id WHERE ra.round_id = \(roundID))
            ORDER BY l.start_date, l.number
            """, housingLease(from:))
    }

    /// The lease with this number; `forUpdate` locks its row (every change to a lease does).
    public func housingLease(number: String, forUpdate: Bool = false) async throws -> HousingLeaseRecord? {
        try await firstRow("""
            \(unescaped: Self.housingLeaseSelect) WHERE l.number = \(number) \(unescaped: forUpdate ? "FOR UPDATE OF l" : "")
            """, housingLease(from:))
    }

    public func housingLease(id: Int64) async throws -> HousingLeaseRecord? {
        try await firstRow("\(unescaped: Self.housingLeaseSelect) WHERE l.id = \(id)", housingLease(from:))
    }

    /// Active leases whose last day is before `date` (they ran to their end without a renewal), locked.
    public func housingLeasesRunOut(before date: CalendarDate) async throws -> [HousingLeaseRecord] {
        try await rows("""
            \(unescaped: Self.housingLeaseSelect)
            WHERE l.status = 'active' AND l.end_date < \(date.description)::date
            ORDER BY l.end_date, l.number
            FOR UPDATE OF l
            """, housingLease(from:))
    }

    /// Inserts the lease with the next number of `numberYear`; returns its id.
    public func insertHousingLease(_ new: NewHousingLease) async throws -> Int64 {
        let id = try await firstRow("""
            INSERT INTO housing_leases (number, talent_id, unit_id, offer_id, application_id, renewal_of, start_date,
                                        end_date, policy_version, policy_sha256)
            VALUES ('L-' || \(String(new.numberYear)) || '-' || lpad(nextval('housing_lease_numbers')::text, 5, '0'),
                    \(new.talentID), \(new.unitID), \(new.offerID), \(new.applicationID), \(new.renewalOf),
                    \(new.startDate.description)::date, \(new.endDate.description)::date, \(new.policyVersion),
                    \(new.policySHA256))
            RETURNING id
            """) { try $0.value("id", as: Int64.self) }
        guard let id else { throw StoreError.internal("the new lease returned no id") }
        return id
    }

    public func insertHousingLeaseRents(leaseID: Int64, _ rents: [HousingLeaseRentRecord]) async throws {
        for rent in rents {
            try await query("""
                INSERT INTO housing_lease_rents (lease_id, lease_year, from_date, until_date, full_fen, percent_payable,
                                                 monthly_fen, discounted, breakdown)
                VALUES (\(leaseID), \(Int32(clamping: rent.leaseYear)), \(rent.fromDate.description)::date,
                        \(rent.untilDate.description)::date, \(Int64(rent.fullFen)), \(Int32(clamping: rent.percentPayable)),
                        \(Int64(rent.monthlyFen)), \(rent.discounted), \(rent.breakdown)::text[])
                """)
        }
    }

    /// The rent schedule of a lease, by lease year.
    public func housingLeaseRents(leaseID: Int64) async throws -> [HousingLeaseRentRecord] {
        try await rows("""
            SELECT \(unescaped: Self.housingLeaseRentColumns)
            FROM housing_lease_rents WHERE lease_id = \(leaseID) ORDER BY lease_year
            """, housingLeaseRent(from:))
    }

    static let housingLeaseRentColumns = """
        lease_id, lease_year, from_date::text AS from_date, until_date::text AS until_date, full_fen, percent_payable,
        monthly_fen, discounted, breakdown
        """

    func housingLeaseRent(from row: RowReader) throws -> HousingLeaseRentRecord {
        HousingLeaseRentRecord(
            leaseYear: Int(try row.value("lease_year", as: Int32.self)),
            fromDate: try row.date("from_date") ?? CalendarDate(daysSinceEpoch: 0),
            untilDate: try row.date("until_date") ?? CalendarDate(daysSinceEpoch: 0),
            fullFen: Int(try row.value("full_fen", as: Int64.self)),
            percentPayable: Int(try row.value("percent_payable", as: Int32.self)),
            monthlyFen: Int(try row.value("monthly_fen", as: Int64.self)), discounted: try row.value("discounted"),
            breakdown: try row.value("breakdown"))
    }

    /// The lease years of all the talent's leases that had a discount (each year once).
    public func discountedHousingLeaseYears(talentID: Int64) async throws -> Set<Int> {
        Set(try await rows("""
            SELECT DISTINCT r.lease_year FROM housing_lease_rents r JOIN housing_leases l ON l.id = r.lease_id
            WHERE l.talent_id = \(talentID) AND r.discounted
            """) { Int(try $0.value("lease_year", as: Int32.self)) })
    }

    public func setHousingLeaseStatus(id: Int64, _ status: HousingLeaseStatus) async throws {
        try await query("UPDATE housing_leases SET status = \(status.rawValue), updated_at = now() WHERE id = \(id)")
    }

    public func terminateHousingLease(id: Int64, on date: CalendarDate, reason: String, moveOutBy: CalendarDate) async throws {
        try await query("""
            UPDATE housing_leases
            SET status = 'terminated', terminated_on = \(date.description)::date, termination_reason = \(reason),
                move_out_by = \(moveOutBy.description)::date, updated_at = now()
            WHERE id = \(id)
            """)
    }

    public func recordHousingLeaseMoveOut(id: Int64, on date: CalendarDate) async throws {
        try await query("""
            UPDATE housing_leases SET vacated_on = \(date.description)::date, updated_at = now() WHERE id = \(id)
            """)
    }

    /// Whether any lease other than `exceptLeaseID` still takes the unit on a day after `date`
    /// (so the unit must not go back to stock).
    public func housingUnitTakenAfter(unitID: Int64, date: CalendarDate, exceptLeaseID: Int64) async throws -> Bool {
        try await firstRow("""
            SELECT EXISTS (SELECT 1 FROM housing_leases WHERE unit_id = \(unitID) AND id <> \(exceptLeaseID)
                           AND upper(occupancy) - 1 > \(date.description)::date
                           AND status IN ('active', 'terminated')) AS taken
            """) { try $0.value("taken", as: Bool.self) } ?? false
    }

    /// The first day on which no lease of the unit holds it any more (the day after the last day of the
    /// latest occupancy: the end, or the move-out deadline or move-out day of a terminated lease); nil
    /// when the unit was never let.
    public func housingUnitFreeFrom(unitID: Int64) async throws -> CalendarDate? {
        try await firstRow("""
            SELECT max(upper(occupancy))::text AS free_from FROM housing_leases WHERE unit_id = \(unitID)
            """) { try $0.date("free_from") } ?? nil
    }

    /// Puts a unit that is `leased` back to `available` (a unit under maintenance stays so).
    public func releaseLeasedHousingUnit(id: Int64) async throws {
        try await query("""
            UPDATE housing_units SET status = 'available', updated_at = now() WHERE id = \(id) AND status = 'leased'
            """)
    }
}
