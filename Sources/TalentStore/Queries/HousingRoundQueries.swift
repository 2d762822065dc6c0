import Foundation
import PostgresNIO
import TalentDomain

/// Allocation rounds: what a round draws from, its committed outcome and the offers it made.
/// Bulk writes pass parallel arrays to `unnest`, so a round of 50,000 applications is a handful of statements.
extension StoreSession {
    // MARK: Rounds

    public func housingRounds() async throws -> [HousingRoundRecord] {
        try await rows("SELECT \(unescaped: Self.roundColumns) FROM housing_rounds r ORDER BY r.as_of DESC, r.id DESC",
                       Self.round(from:))
    }

    /// The round with `code`; `forUpdate` locks its row until the transaction ends (commits queue on it).
    public func housingRound(code: String, forUpdate: Bool = false) async throws -> HousingRoundRecord? {
        try await firstRow("""
            SELECT \(unescaped: Self.roundColumns) FROM housing_rounds r WHERE r.code = \(code)
            \(unescaped: forUpdate ? "FOR UPDATE OF r" : "")
            """, Self.round(from:))
    }

    /// Inserts a draft round with the units and applications it draws from.
    public func insertHousingRound(code: String, name: String, asOf: CalendarDate, policyVersion: String,
                                   policySHA256: String, createdBy: String, unitIDs: [Int64],
                                   applicationIDs: [Int64]) async throws -> HousingRoundRecord {
        let id = try await firstRow("""
            INSERT INTO housing_rounds (code, name, as_of, policy_version, policy_sha256, created_by)
            VALUES (\(code), \(name), \(asOf.description)::date, \(policyVersion), \(policySHA256), \(createdBy))
            RETURNING id
            """) { try $0.value("id", as: Int64.self) }
        guard let id else { throw StoreError.internal("INSERT … RETURNING gave no row") }
        try await query("""
            INSERT INTO housing_round_units (round_id, unit_id) SELECT \(id), unnest(\(unitIDs)::bigint[])
            """)
        try await query("""
            INSERT INTO housing_round_applications (round_id, application_id) SELECT \(id), unnest(\(applicationIDs)::bigint[])
            """)
        // A round adds tens of thousands of rows at once; without fresh statistics the draw's joins are
        // planned as nested loops over "a few rows" until autovacuum gets round to them.
        try await query("SELECT analyze_housing_round_facts()")  // as the owner: Schema/0006
        guard let record = try await housingRound(code: code) else { throw StoreError.internal("the new round could not be read back") }
        return record
    }

    /// Of `codes`, those that are not housing projects.
    public func unknownHousingProjectCodes(_ codes: [String]) async throws -> [String] {
        let known = Set(try await rows("SELECT code FROM housing_projects WHERE code = ANY(\(codes)::text[])") {
            try $0.value("code", as: String.self)
        })
        return codes.filter { !known.contains($0) }
    }

    /// Of `codes`, those that are not housing buildings.
    public func unknownHousingBuildingCodes(_ codes: [String]) async throws -> [String] {
        let known = Set(try await rows("SELECT code FROM housing_buildings WHERE code = ANY(\(codes)::text[])") {
            try $0.value("code", as: String.self)
        })
        return codes.filter { !known.contains($0) }
    }

    /// Ids of the available units in the given projects or buildings (all available units when both are empty).
    public func availableHousingUnitIDs(projectCodes: [String], buildingCodes: [String]) async throws -> [Int64] {
        let everywhere = projectCodes.isEmpty && buildingCodes.isEmpty
        return try await rows("""
            SELECT u.id FROM housing_units u
            JOIN housing_buildings b ON b.id = u.building_id
            JOIN housing_projects p ON p.id = b.project_id
            WHERE u.status = 'available'
              AND (\(everywhere) OR p.code = ANY(\(projectCodes)::text[]) OR b.code = ANY(\(buildingCodes)::text[]))
            ORDER BY u.id
            """) { try $0.value("id", as: Int64.self) }
    }

    /// Ids of the open applications made on or before `date`.
    public func openHousingApplicationIDs(appliedOnOrBefore date: CalendarDate) async throws -> [Int64] {
        try await rows("""
            SELECT id FROM housing_applications WHERE status = 'open' AND applied_on <= \(date.description)::date ORDER BY id
            """) { try $0.value("id", as: Int64.self) }
    }

    // MARK: What a round draws from

    /// The round's units as they stand now; `forUpdate` locks them (in id order, so commits never deadlock).
    public func housingRoundUnits(roundID: Int64, forUpdate: Bool = false) async throws -> [HousingRoundUnitRow] {
        try await rows("""
            SELECT u.id, u.code, b.code AS building_code, u.floor, u.category, u.status
            FROM housing_round_units ru
            JOIN housing_units u ON u.id = ru.unit_id
            JOIN housing_buildings b ON b.id = u.building_id
            WHERE ru.round_id = \(roundID)
            ORDER BY u.id
            \(unescaped: forUpdate ? "FOR UPDATE OF u" : "")
            """) { row in
            HousingRoundUnitRow(
                unitID: try row.value("id"), code: try row.value("code"), buildingCode: try row.value("building_code"),
                floor: try row.value("floor"), category: try row.value("category"),
                status: try row.term("status", as: UnitStatus.self) ?? .maintenance)
        }
    }

    /// The round's applications as they stand now; `forUpdate` locks them (in id order). Decoded by
    /// position, as a round reads tens of thousands of them.
    public func housingRoundApplications(roundID: Int64, forUpdate: Bool = false) async throws -> [HousingRoundApplicationRow] {
        var result: [HousingRoundApplicationRow] = []
        for try await row in try await query("""
            SELECT a.id, a.number, a.talent_id, a.status, a.household_size, a.preferences,
                   a.applied_on::text, a.withdrawn_on::text
            FROM housing_round_applications ra
            JOIN housing_applications a ON a.id = ra.application_id
            WHERE ra.round_id = \(roundID)
            ORDER BY a.id
            \(unescaped: forUpdate ? "FOR UPDATE OF a" : "")
            """) {
            let (id, number, talentID, statusText, householdSize, preferences, appliedText, withdrawnText)
                = try row.decode((Int64, String, Int64, String, Int, [String], String, String?).self)
            guard let appliedOn = CalendarDate(appliedText), let status = HousingApplicationStatus(rawValue: statusText) else {
                throw StoreError.internal("application \(number) has an unreadable date or status")
            }
            let withdrawnOn = try withdrawnText.map { text -> CalendarDate in
                guard let date = CalendarDate(text) else { throw StoreError.internal("application \(number): '\(text)' is not a date") }
                return date
            }
            result.append(HousingRoundApplicationRow(
                applicationID: id, number: number, talentID: talentID, status: status, householdSize: householdSize,
                preferences: preferences, appliedOn: appliedOn, withdrawnOn: withdrawnOn))
        }
        return result
    }

    // MARK: The commit

    /// Marks the round committed with its seed, the canonical input document and its hash, and the size
    /// of its serving order counted from its entries (so they are written first).
    public func markHousingRoundCommitted(id: Int64, seed: String, inputJSON: String, inputSHA256: String,
                                          committedBy: String) async throws {
        try await query("""
            UPDATE housing_rounds SET status = 'committed', seed = \(seed), input_json = \(inputJSON),
                   input_sha256 = \(inputSHA256), committed_by = \(committedBy), committed_at = now(),
                   positioned = (SELECT count(*) FROM housing_round_entries e WHERE e.round_id = \(id) AND e.position IS NOT NULL)
            WHERE id = \(id)
            """)
    }

    /// Writes the outcome rows in one statement. PostgreSQL cannot bind an array of rows or of arrays,
    /// so optional values travel as sentinels (0, '') next to a `taking` flag, and each row's lists as
    /// one text joined by U+001F (which no category or reason contains; it is removed if one does).
    public func insertHousingRoundEntries(roundID: Int64, _ entries: [HousingRoundEntryRow]) async throws {
        guard !entries.isEmpty else { return }
        func joined(_ list: [String]?) -> String {
            (list ?? []).map { item in
                item.unicodeScalars.contains("\u{1F}") ? item.replacingOccurrences(of: Self.listSeparator, with: " ") : item
            }.joined(separator: Self.listSeparator)
        }
        let ids = entries.map(\.applicationID)
        let positions = entries.map { $0.position ?? 0 }
        let groups = entries.map { $0.priorityGroup ?? 0 }
        let scores = entries.map { $0.score ?? 0 }
        let taking = entries.map { $0.position != nil }
        let breakdowns = entries.map { $0.scoreBreakdown ?? "null" }
        let keys = entries.map { $0.lotteryKey ?? "" }
        let preferences = entries.map { joined($0.preferences) }
        let categories = entries.map { $0.allocatedCategory ?? "" }
        let skips = entries.map { $0.quotaSkip ?? "" }
        let reasons = entries.map { joined($0.excludedReasons) }
        try await query("""
            INSERT INTO housing_round_entries (round_id, application_id, position, priority_group, score, score_breakdown,
                                               lottery_key, preferences, allocated_category, quota_skip, excluded_reasons)
            SELECT \(roundID), x.application_id, NULLIF(x.position, 0), NULLIF(x.priority_group, 0),
                   CASE WHEN x.taking THEN x.score END, NULLIF(x.breakdown::jsonb, 'null'::jsonb), NULLIF(x.lottery_key, ''),
                   CASE WHEN x.taking THEN string_to_array(x.preferences, chr(31)) END,
                   NULLIF(x.category, ''), NULLIF(x.skip, ''),
                   CASE WHEN NOT x.taking THEN string_to_array(x.reasons, chr(31)) END
            FROM unnest(\(ids)::bigint[], \(positions)::int[], \(groups)::int[], \(scores)::int[], \(taking)::bool[],
                        \(breakdowns)::text[], \(keys)::text[], \(preferences)::text[], \(categories)::text[],
                        \(skips)::text[], \(reasons)::text[])
                 AS x(application_id, position, priority_group, score, taking, breakdown, lottery_key, preferences,
                      category, skip, reasons)
            """)
    }

    /// Separates the items of one list in a bulk insert (U+001F, the unit separator).
    static let listSeparator = "\u{1F}"

    /// Inserts the round's pending offers in one statement.
    public func insertHousingRoundOffers(roundID: Int64, _ offers: [HousingRoundNewOffer], offeredOn: CalendarDate,
                                         expiresOn: CalendarDate, policyVersion: String) async throws {
        guard !offers.isEmpty else { return }
        try await query("""
            INSERT INTO housing_offers (round_id, application_id, talent_id, unit_id, category, source, offered_on,
                                        expires_on, policy_version)
            SELECT \(roundID), x.application_id, x.talent_id, x.unit_id, x.category, 'round', \(offeredOn.description)::date,
                   \(expiresOn.description)::date, \(policyVersion)
            FROM unnest(\(offers.map(\.applicationID))::bigint[], \(offers.map(\.talentID))::bigint[],
                        \(offers.map(\.unitID))::bigint[], \(offers.map(\.category))::text[])
                 AS x(application_id, talent_id, unit_id, category)
            """)
    }

    /// Sets available units to `offered`; returns how many changed.
    public func markHousingUnitsOffered(_ ids: [Int64]) async throws -> Int {
        try await count("""
            WITH changed AS (
                UPDATE housing_units SET status = \(UnitStatus.offered.rawValue), updated_at = now()
                WHERE id = ANY(\(ids)::bigint[])
                  AND status = ANY(\(UnitStatus.offered.allowedPrevious.map(\.rawValue))::text[]) RETURNING 1)
            SELECT count(*) AS n FROM changed
            """)
    }

    /// Sets open applications to `offered`; returns how many changed.
    public func markHousingApplicationsOffered(_ ids: [Int64]) async throws -> Int {
        try await count("""
            WITH changed AS (
                UPDATE housing_applications SET status = \(HousingApplicationStatus.offered.rawValue), updated_at = now()
                WHERE id = ANY(\(ids)::bigint[])
                  AND status = ANY(\(HousingApplicationStatus.offered.allowedPrevious.map(\.rawValue))::text[]) RETURNING 1)
            SELECT count(*) AS n FROM changed
            """)
    }

    // MARK: The stored outcome

    /// The canonical input document stored on commit; nil for a draft.
    public func housingRoundInput(roundID: Int64) async throws -> String? {
        try await firstRow("SELECT input_json FROM housing_rounds WHERE id = \(roundID)") {
            try $0.value("input_json", as: String?.self)
        } ?? nil
    }

    /// The committed outcome rows: positions first (in order), then the excluded by application number.
    public func housingRoundEntries(roundID: Int64) async throws -> [HousingRoundEntryRow] {
        try await rows("""
            SELECT e.application_id, a.number, a.talent_id, t.name, e.position, e.priority_group, e.score,
                   e.score_breakdown::text AS score_breakdown, e.lottery_key, e.preferences, e.allocated_category,
                   e.quota_skip, e.excluded_reasons
            FROM housing_round_entries e
            JOIN housing_applications a ON a.id = e.application_id
            JOIN talents t ON t.id = a.talent_id
            WHERE e.round_id = \(roundID)
            ORDER BY e.position NULLS LAST, a.number
            """) { row in
            HousingRoundEntryRow(
                applicationID: try row.value("application_id"), number: try row.value("number"),
                talentID: try row.value("talent_id"), talentName: try row.value("name"),
                position: try row.value("position", as: Int?.self), priorityGroup: try row.value("priority_group", as: Int?.self),
                score: try row.value("score", as: Int?.self), scoreBreakdown: try row.value("score_breakdown", as: String?.self),
                lotteryKey: try row.value("lottery_key", as: String?.self),
                preferences: try row.value("preferences", as: [String]?.self),
                allocatedCategory: try row.value("allocated_category", as: String?.self),
                quotaSkip: try row.value("quota_skip", as: String?.self),
                excludedReasons: try row.value("excluded_reasons", as: [String]?.self))
        }
    }

    /// Every offer of the round (from the draw and passed on from its waiting list).
    public func housingRoundOffers(roundID: Int64) async throws -> [HousingRoundOfferRow] {
        try await rows("""
            SELECT o.id, o.application_id, a.number, o.unit_id, u.code AS unit_code, u.category AS unit_category,
                   o.category, o.source, o.status
            FROM housing_offers o
            JOIN housing_applications a ON a.id = o.application_id
            JOIN housing_units u ON u.id = o.unit_id
            WHERE o.round_id = \(roundID)
            ORDER BY o.id
            """) { row in
            HousingRoundOfferRow(
                offerID: try row.value("id"), applicationID: try row.value("application_id"), number: try row.value("number"),
                unitID: try row.value("unit_id"), unitCode: try row.value("unit_code"),
                unitCategory: try row.value("unit_category"), category: try row.value("category"),
                source: try row.value("source"), status: try row.value("status"))
        }
    }

    /// Unit id → unit code, for showing assignments.
    public func housingUnitCodes(ids: [Int64]) async throws -> [Int64: String] {
        let pairs = try await rows("SELECT id, code FROM housing_units WHERE id = ANY(\(ids)::bigint[])") { row in
            (try row.value("id", as: Int64.self), try row.value("code", as: String.self))
        }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    /// The application a talent holds (open or offered), if any.
    public func openHousingApplication(talentID: Int64) async throws -> TalentOpenApplicationRow? {
        try await firstRow("""
            SELECT number, status, household_size, preferences, applied_on::text AS applied_on
            FROM housing_applications WHERE talent_id = \(talentID) AND status IN ('open', 'offered')
            ORDER BY id DESC LIMIT 1
            """) { row in
            guard let appliedOn = try row.date("applied_on"),
                  let status = try row.term("status", as: HousingApplicationStatus.self) else {
                throw StoreError.internal("an application without a date or status")
            }
            return TalentOpenApplicationRow(
                number: try row.value("number"), status: status, householdSize: try row.value("household_size"),
                preferences: try row.value("preferences"), appliedOn: appliedOn)
        }
    }

    // MARK: Reading rows

    private func count(_ query: PostgresQuery) async throws -> Int {
        Int(try await firstRow(query) { try $0.value("n", as: Int64.self) } ?? 0)
    }

    private static let roundColumns = """
        r.id, r.code, r.name, r.as_of::text AS as_of, r.policy_version, r.policy_sha256, r.status, r.created_by,
        r.created_at, r.seed, r.input_sha256, r.committed_by, r.committed_at,
        (SELECT count(*) FROM housing_round_units x WHERE x.round_id = r.id) AS unit_count,
        (SELECT count(*) FROM housing_round_applications x WHERE x.round_id = r.id) AS application_count
        """

    private static func round(from row: RowReader) throws -> HousingRoundRecord {
        guard let asOf = try row.date("as_of"), let status = try row.term("status", as: HousingRoundStatus.self) else {
            throw StoreError.internal("a round without an as-of date or status")
        }
        return HousingRoundRecord(
            id: try row.value("id"), code: try row.value("code"), name: try row.value("name"), asOf: asOf,
            policyVersion: try row.value("policy_version"), policySHA256: try row.value("policy_sha256"), status: status,
            createdBy: try row.value("created_by"), createdAt: try row.value("created_at"),
            seed: try row.value("seed", as: String?.self), inputSHA256: try row.value("input_sha256", as: String?.self),
            committedBy: try row.value("committed_by", as: String?.self),
            committedAt: try row.value("committed_at", as: Date?.self),
            units: Int(try row.value("unit_count", as: Int64.self)),
            applications: Int(try row.value("application_count", as: Int64.self)))
    }
}
