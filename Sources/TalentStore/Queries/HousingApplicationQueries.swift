import Foundation
import PostgresNIO
import TalentDomain

/// A housing application to insert; the store numbers it `HA-<year>-<5 digits>`.
public struct NewHousingApplication: Sendable, Equatable {
    public var talentID: Int64
    /// `talent` or `employer`.
    public var submittedBy: String
    public var employerID: Int64?
    public var household: [HouseholdMember]
    public var preferences: [String]
    public var appliedOn: CalendarDate
    public var policyVersion: String

    public init(talentID: Int64, submittedBy: String, employerID: Int64?, household: [HouseholdMember],
                preferences: [String], appliedOn: CalendarDate, policyVersion: String) {
        self.talentID = talentID
        self.submittedBy = submittedBy
        self.employerID = employerID
        self.household = household
        self.preferences = preferences
        self.appliedOn = appliedOn
        self.policyVersion = policyVersion
    }
}

/// Which applications `housingApplications(_:)` returns; nil fields do not filter.
public struct HousingApplicationFilter: Sendable, Equatable {
    public var status: HousingApplicationStatus?
    public var talentID: Int64?
    public var limit: Int

    public init(status: HousingApplicationStatus? = nil, talentID: Int64? = nil, limit: Int = 100_000) {
        self.status = status
        self.talentID = talentID
        self.limit = limit
    }
}

/// Housing applications.
extension StoreSession {
    static let housingApplicationSelect = """
        SELECT a.id, a.number, a.talent_id, t.name AS talent_name, t.identity_key, a.submitted_by,
               e.credit_code AS employer_code, a.household_size, a.household::text AS household, a.preferences, a.status,
               a.applied_on::text AS applied_on, a.policy_version, a.withdrawn_on::text AS withdrawn_on, a.withdraw_reason
        FROM housing_applications a
        JOIN talents t ON t.id = a.talent_id
        LEFT JOIN organisations e ON e.id = a.employer_id
        """

    func housingApplication(from row: RowReader) throws -> HousingApplicationRecord {
        let householdText: String = try row.value("household")
        let household: [HouseholdMember]
        do {
            household = try JSONDecoder().decode([HouseholdMember].self, from: Data(householdText.utf8))
        } catch {
            throw StoreError.internal("column household holds '\(householdText)', not a list of members")
        }
        return HousingApplicationRecord(
            id: try row.value("id"), number: try row.value("number"), talentID: try row.value("talent_id"),
            talentName: try row.value("talent_name"), talentIdentityKey: try row.value("identity_key"),
            submittedBy: try row.value("submitted_by"), submittingEmployer: try row.value("employer_code"),
            householdSize: Int(try row.value("household_size", as: Int32.self)), household: household,
            preferences: try row.value("preferences"),
            status: try row.term("status", as: HousingApplicationStatus.self) ?? .open,
            appliedOn: try row.date("applied_on") ?? CalendarDate(daysSinceEpoch: 0),
            policyVersion: try row.value("policy_version"), withdrawnOn: try row.date("withdrawn_on"),
            withdrawReason: try row.value("withdraw_reason"))
    }

    /// Inserts the application with the next number of the year it was made in.
    public func insertHousingApplication(_ new: NewHousingApplication) async throws -> HousingApplicationRecord {
        let id = try await firstRow("""
            INSERT INTO housing_applications (number, talent_id, submitted_by, employer_id, household_size, household,
                                              preferences, applied_on, policy_version)
            VALUES ('HA-' || \(String(new.appliedOn.year)) || '-' || lpad(nextval('housing_application_numbers')::text, 5, '0'),
                    \(new.talentID), \(new.submittedBy), \(new.employerID), \(Int32(clamping: new.household.count + 1)),
                    \(JSONText.encode(new.household))::jsonb, \(new.preferences)::text[], \(new.appliedOn.description)::date,
                    \(new.policyVersion))
            RETURNING id
            """) { try $0.value("id", as: Int64.self) }
        guard let id, let record = try await housingApplication(id: id) else {
            throw StoreError.internal("the new application could not be read back")
        }
        return record
    }

    public func housingApplication(id: Int64) async throws -> HousingApplicationRecord? {
        try await firstRow("\(unescaped: Self.housingApplicationSelect) WHERE a.id = \(id)", housingApplication(from:))
    }

    /// The application with this number; `forUpdate` locks its row.
    public func housingApplication(number: String, forUpdate: Bool = false) async throws -> HousingApplicationRecord? {
        try await firstRow("""
            \(unescaped: Self.housingApplicationSelect) WHERE a.number = \(number) \(unescaped: forUpdate ? "FOR UPDATE OF a" : "")
            """, housingApplication(from:))
    }

    /// The talent's application that is `open` or `offered` (at most one, by the partial unique index).
    public func currentHousingApplication(talentID: Int64) async throws -> HousingApplicationRecord? {
        try await firstRow("""
            \(unescaped: Self.housingApplicationSelect) WHERE a.talent_id = \(talentID) AND a.status IN ('open', 'offered')
            """, housingApplication(from:))
    }

    /// Sorted by number (which is the order they were made in, within a year).
    public func housingApplications(_ filter: HousingApplicationFilter) async throws -> [HousingApplicationRecord] {
        try await rows("""
            \(unescaped: Self.housingApplicationSelect)
            WHERE (\(filter.status?.rawValue)::text IS NULL OR a.status = \(filter.status?.rawValue))
              AND (\(filter.talentID)::bigint IS NULL OR a.talent_id = \(filter.talentID))
            ORDER BY a.applied_on, a.id
            LIMIT \(filter.limit)
            """, housingApplication(from:))
    }

    /// Marks the application withdrawn on `date` with the reason.
    public func withdrawHousingApplication(id: Int64, on date: CalendarDate, reason: String) async throws {
        try await query("""
            UPDATE housing_applications
            SET status = 'withdrawn', withdrawn_on = \(date.description)::date, withdraw_reason = \(reason), updated_at = now()
            WHERE id = \(id)
            """)
    }
}
