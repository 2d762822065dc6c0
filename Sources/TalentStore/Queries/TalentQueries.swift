import Foundation
import PostgresNIO
import TalentDomain

/// A registered talent as stored, with the employer's code and name.
public struct TalentRecord: Sendable, Codable, Equatable {
    public struct Employer: Sendable, Codable, Equatable {
        /// The organisation's record number (an employer account's scope).
        public var id: Int64
        public var creditCode: String
        public var name: String
    }

    public var id: Int64
    public var name: String
    public var idNumber: IdentityOnRecord?
    public var passport: PassportOnRecord?
    public var nationality: String?
    public var birthDate: CalendarDate?
    public var sex: Sex?
    public var mobile: MobileOnRecord?
    public var email: String?
    public var degree: Degree?
    public var university: String?
    public var major: String?
    public var title: ProfessionalTitle
    public var skillLevel: SkillLevel
    public var employer: Employer?
    public var contractStart: CalendarDate?
    public var contractEnd: CalendarDate?
    public var insuranceSince: YearMonth?
    public var ownsHousing: Bool
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    /// The unique key: the resident identity number, or `NAT:PASSPORT`; revealed when the record is.
    public var identityKey: IdentityOnRecord {
        if let idNumber { return idNumber }
        let key = IdentityOnRecord(stored: "\(nationality ?? ""):\(passport?.fullValue ?? "")")
        return passport?.isRevealed == true ? key.revealed() : key
    }

    /// The record with its identity and mobile numbers shown in full.
    public func revealed() -> TalentRecord {
        var copy = self
        copy.idNumber = idNumber?.revealed()
        copy.passport = passport?.revealed()
        copy.mobile = mobile?.revealed()
        return copy
    }
}

public struct TalentFilter: Sendable {
    public var employerCreditCode: String?
    public var nameContains: String?
    /// What a person typed to find a talent: part of the name as written (`小明`), or the start of its
    /// pinyin (`wang`, `wangxiao`, `wang xiao ming`) or of its initials (`wxm`), in any case.
    public var search: String?
    public var limit: Int
    public var offset: Int
    /// Only talents employed by these organisations or with these record numbers (an account's scope);
    /// nil for no limit. Both given: either matches.
    public var withinEmployers: [Int64]?
    public var withinTalents: [Int64]?

    public init(employerCreditCode: String? = nil, nameContains: String? = nil, search: String? = nil,
                limit: Int = 100, offset: Int = 0) {
        self.employerCreditCode = employerCreditCode
        self.nameContains = nameContains
        self.search = search
        self.limit = limit
        self.offset = offset
    }

    /// Limited to the talents of these employers and these talents.
    public func within(employers: [Int64], talents: [Int64]) -> TalentFilter {
        var copy = self
        copy.withinEmployers = employers
        copy.withinTalents = talents
        return copy
    }
}

extension StoreSession {
    static let talentColumns = """
        t.id, t.name, t.id_number, t.passport, t.nationality, t.birth_date::text AS birth_date, t.sex, t.mobile,
        t.email, t.degree, t.university, t.major, t.title, t.skill_level, o.id AS employer_id, o.credit_code AS employer_code,
        o.name AS employer_name, t.contract_start::text AS contract_start, t.contract_end::text AS contract_end,
        to_char(t.insurance_since, 'YYYY-MM') AS insurance_since, t.owns_housing, t.version, t.created_at, t.updated_at
        """

    func talent(from row: RowReader) throws -> TalentRecord {
        let employerID: Int64? = try row.value("employer_id")
        let employerCode: String? = try row.value("employer_code")
        let employerName: String? = try row.value("employer_name")
        let insurance: String? = try row.value("insurance_since")
        return TalentRecord(
            id: try row.value("id"), name: try row.value("name"), idNumber: try row.value("id_number"),
            passport: try row.value("passport"), nationality: try row.value("nationality"),
            birthDate: try row.date("birth_date"), sex: try row.term("sex", as: Sex.self),
            mobile: try row.value("mobile"), email: try row.value("email"),
            degree: try row.term("degree", as: Degree.self), university: try row.value("university"),
            major: try row.value("major"), title: try row.term("title", as: ProfessionalTitle.self) ?? .none,
            skillLevel: try row.term("skill_level", as: SkillLevel.self) ?? .none,
            employer: employerID.map { TalentRecord.Employer(id: $0, creditCode: employerCode ?? "", name: employerName ?? "") },
            contractStart: try row.date("contract_start"), contractEnd: try row.date("contract_end"),
            insuranceSince: insurance.flatMap(YearMonth.init), ownsHousing: try row.value("owns_housing"),
            version: try row.value("version"), createdAt: try row.value("created_at"),
            updatedAt: try row.value("updated_at"))
    }

    public func insertTalent(_ draft: TalentDraft, employerID: Int64?) async throws -> TalentRecord {
        let fields = TalentColumns(draft)
        let rows = try await query("""
            INSERT INTO talents (name, id_number, passport, nationality, birth_date, sex, mobile, email, degree,
                university, major, title, skill_level, employer_id, contract_start, contract_end, insurance_since,
                owns_housing, name_pinyin, name_initials)
            VALUES (\(fields.name), \(fields.idNumber), \(fields.passport), \(fields.nationality),
                \(fields.birthDate)::date, \(fields.sex), \(fields.mobile), \(fields.email), \(fields.degree),
                \(fields.university), \(fields.major), \(fields.title), \(fields.skillLevel), \(employerID),
                \(fields.contractStart)::date, \(fields.contractEnd)::date, \(fields.insuranceSince)::date,
                \(fields.ownsHousing), \(fields.namePinyin), \(fields.nameInitials))
            RETURNING id
            """)
        var newID: Int64?
        for try await id in rows.decode(Int64.self) { newID = id }
        guard let newID, let record = try await talent(id: newID) else {
            throw StoreError.internal("the new talent row could not be read back")
        }
        return record
    }

    /// Replaces every field; the trigger keeps the previous version in `talent_history`.
    public func updateTalent(id: Int64, _ draft: TalentDraft, employerID: Int64?) async throws -> TalentRecord {
        let fields = TalentColumns(draft)
        try await query("""
            UPDATE talents SET name = \(fields.name), name_pinyin = \(fields.namePinyin),
                name_initials = \(fields.nameInitials), mobile = \(fields.mobile), email = \(fields.email),
                degree = \(fields.degree), university = \(fields.university), major = \(fields.major),
                title = \(fields.title), skill_level = \(fields.skillLevel), employer_id = \(employerID),
                contract_start = \(fields.contractStart)::date, contract_end = \(fields.contractEnd)::date,
                insurance_since = \(fields.insuranceSince)::date, owns_housing = \(fields.ownsHousing)
            WHERE id = \(id)
            """)
        guard let record = try await talent(id: id) else { throw StoreError.notFound("talent \(id)") }
        return record
    }

    public func talent(id: Int64, forUpdate: Bool = false) async throws -> TalentRecord? {
        try await firstRow("""
            SELECT \(unescaped: Self.talentColumns)
            FROM talents t LEFT JOIN organisations o ON o.id = t.employer_id
            WHERE t.id = \(id) \(unescaped: forUpdate ? "FOR UPDATE OF t" : "")
            """, talent(from:))
    }

    /// By resident identity number or `NAT:PASSPORT`.
    public func talent(identityKey: String, forUpdate: Bool = false) async throws -> TalentRecord? {
        try await firstRow("""
            SELECT \(unescaped: Self.talentColumns)
            FROM talents t LEFT JOIN organisations o ON o.id = t.employer_id
            WHERE t.identity_key = \(identityKey) \(unescaped: forUpdate ? "FOR UPDATE OF t" : "")
            """, talent(from:))
    }

    /// Sorted by name in pinyin order. `nameContains` is plain text: `%` and `_` match themselves.
    public func talents(_ filter: TalentFilter) async throws -> [TalentRecord] {
        try await rows(Self.talentList(filter, counting: false), talent(from:))
    }

    /// How many talents the filter matches, whatever its limit and offset.
    public func talentCount(_ filter: TalentFilter) async throws -> Int {
        for try await count in try await query(Self.talentList(filter, counting: true)).decode(Int64.self) { return Int(count) }
        return 0
    }

    /// A talent list, or its count (a NULL limit and offset are none). A search matches the name as written
    /// anywhere in it (case-insensitive; trigram-indexed), or the start of the pinyin without spaces or of
    /// the initials (`text_pattern_ops` indexes), when the search is letters only.
    private static func talentList(_ filter: TalentFilter, counting: Bool) -> PostgresQuery {
        let namePattern = filter.nameContains.map(LikePattern.containing)
        let search = filter.search.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        let searchPattern = search.map(LikePattern.containing)
        let pinyinPrefix = search.flatMap(PinyinName.searchKey).map { $0 + "%" }  // letters only: nothing to escape
        let limit = counting ? nil : filter.limit
        let offset = counting ? nil : filter.offset
        return """
            SELECT \(unescaped: counting ? "count(*)" : talentColumns)
            FROM talents t LEFT JOIN organisations o ON o.id = t.employer_id
            WHERE (\(filter.employerCreditCode)::text IS NULL OR o.credit_code = \(filter.employerCreditCode))
              AND (\(namePattern)::text IS NULL OR t.name LIKE \(namePattern) ESCAPE '\\')
              AND (\(searchPattern)::text IS NULL OR t.name ILIKE \(searchPattern) ESCAPE '\\'
                   OR replace(t.name_pinyin, ' ', '') LIKE \(pinyinPrefix) OR t.name_initials LIKE \(pinyinPrefix))
              AND ((\(filter.withinEmployers)::bigint[] IS NULL AND \(filter.withinTalents)::bigint[] IS NULL)
                   OR t.employer_id = ANY(\(filter.withinEmployers ?? [])) OR t.id = ANY(\(filter.withinTalents ?? [])))
            \(unescaped: counting ? "" : #"ORDER BY t.name COLLATE "zh-x-icu", t.id"#)
            LIMIT \(limit) OFFSET \(offset)
            """
    }

    /// Fills the pinyin of up to `batch` talents stored without it (rows from before migration 0008);
    /// returns how many it filled. The trigger keeps no history for this (it is not a new version).
    public func fillMissingNamePinyin(batch: Int = 1000) async throws -> Int {
        let missing = try await rows("""
            SELECT id, name FROM talents WHERE name_pinyin IS NULL ORDER BY id LIMIT \(batch) FOR UPDATE SKIP LOCKED
            """) { row in (try row.value("id", as: Int64.self), try row.value("name", as: String.self)) }
        guard !missing.isEmpty else { return 0 }
        let pinyin = missing.map { PinyinName($0.1) }
        try await query("""
            UPDATE talents t SET name_pinyin = f.spelled, name_initials = f.initials
            FROM unnest(\(missing.map(\.0)), \(pinyin.map(\.spelled)), \(pinyin.map(\.initials))) AS f(id, spelled, initials)
            WHERE t.id = f.id
            """)
        return missing.count
    }

    /// Previous versions of a talent, oldest first, as JSON text.
    public func talentHistory(id: Int64) async throws -> [(version: Int, replacedAt: Date, data: String)] {
        try await rows("""
            SELECT version, replaced_at, data::text AS data FROM talent_history WHERE talent_id = \(id) ORDER BY version
            """) { row in (try row.value("version"), try row.value("replaced_at"), try row.value("data")) }
    }

    /// For each of these identity keys already registered: its id and name.
    public func registeredIdentities(_ keys: [String]) async throws -> [String: (id: Int64, name: String)] {
        guard !keys.isEmpty else { return [:] }
        let found = try await rows("""
            SELECT identity_key, id, name FROM talents WHERE identity_key = ANY(\(keys))
            """) { row in (try row.value("identity_key", as: String.self), try row.value("id", as: Int64.self),
                           try row.value("name", as: String.self)) }
        var result: [String: (id: Int64, name: String)] = [:]
        for (key, id, name) in found { result[key] = (id, name) }
        return result
    }
}

/// The column values of a draft, as bound parameters.
struct TalentColumns {
    var name: String
    var namePinyin: String
    var nameInitials: String
    var idNumber: String?
    var passport: String?
    var nationality: String?
    var birthDate: String?
    var sex: String?
    var mobile: String?
    var email: String?
    var degree: String?
    var university: String?
    var major: String?
    var title: String
    var skillLevel: String
    var contractStart: String?
    var contractEnd: String?
    var insuranceSince: String?
    var ownsHousing: Bool

    init(_ draft: TalentDraft) {
        name = draft.name.value
        let pinyin = PinyinName(draft.name.value)
        namePinyin = pinyin.spelled
        nameInitials = pinyin.initials
        switch draft.identity {
        case let .resident(number):
            idNumber = number.value
            birthDate = number.birthDate.description
            sex = number.sex.rawValue
        case let .passport(number, nation):
            passport = number.value
            nationality = nation.code
        }
        mobile = draft.mobile?.value
        email = draft.email?.value
        degree = draft.degree?.rawValue
        university = draft.university
        major = draft.major
        title = draft.title.rawValue
        skillLevel = draft.skillLevel.rawValue
        contractStart = draft.contractStart?.description
        contractEnd = draft.contractEnd?.description
        insuranceSince = draft.insuranceSince?.firstDay.description
        ownsHousing = draft.ownsHousing
    }
}
