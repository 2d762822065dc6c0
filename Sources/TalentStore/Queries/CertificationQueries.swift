import Foundation
import PostgresNIO
import TalentDomain

/// A certification of a talent into a talent class, as stored.
public struct CertificationRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var talentID: Int64
    public var talentName: String
    public var identityKey: IdentityOnRecord
    public var status: CertificationStatus
    public var requestedClass: Int?
    public var talentClass: Int?
    public var appliedOn: CalendarDate
    public var noticeStart: CalendarDate?
    public var noticeEnd: CalendarDate?
    public var validFrom: CalendarDate?
    public var validUntil: CalendarDate?
    public var decisionReason: String?
}

/// A talent class definition (the Guiyang talent-town scheme), kept as data in `talent_classes`.
public struct TalentClassDefinition: Sendable, Codable, Equatable {
    public var number: Int
    public var nameZh: String
    public var nameEn: String
    public var criteria: String
}

public struct CertificationFilter: Sendable {
    public var status: CertificationStatus?
    public var talentClass: Int?
    public var limit: Int

    public init(status: CertificationStatus? = nil, talentClass: Int? = nil, limit: Int = 200) {
        self.status = status
        self.talentClass = talentClass
        self.limit = limit
    }
}

extension StoreSession {
    static let certificationColumns = """
        c.id, c.talent_id, t.name AS talent_name, t.identity_key, c.status, c.requested_class, c.talent_class,
        c.applied_on::text AS applied_on, c.notice_start::text AS notice_start, c.notice_end::text AS notice_end,
        c.valid_from::text AS valid_from, c.valid_until::text AS valid_until, c.decision_reason
        """

    func certification(from row: RowReader) throws -> CertificationRecord {
        CertificationRecord(
            id: try row.value("id"), talentID: try row.value("talent_id"), talentName: try row.value("talent_name"),
            identityKey: try row.value("identity_key"),
            status: try row.term("status", as: CertificationStatus.self) ?? .applied,
            requestedClass: try row.value("requested_class", as: Int32?.self).map(Int.init),
            talentClass: try row.value("talent_class", as: Int32?.self).map(Int.init),
            appliedOn: try row.date("applied_on") ?? CalendarDate(daysSinceEpoch: 0),
            noticeStart: try row.date("notice_start"), noticeEnd: try row.date("notice_end"),
            validFrom: try row.date("valid_from"), validUntil: try row.date("valid_until"),
            decisionReason: try row.value("decision_reason"))
    }

    public func insertCertification(talentID: Int64, requestedClass: Int?, appliedOn: CalendarDate) async throws -> CertificationRecord {
        let rows = try await query("""
            INSERT INTO certifications (talent_id, status, requested_class, applied_on)
            VALUES (\(talentID), 'applied', \(requestedClass.map(Int32.init)), \(appliedOn.description)::date)
            RETURNING id
            """)
        var newID: Int64?
        for try await id in rows.decode(Int64.self) { newID = id }
        guard let newID, let record = try await certification(id: newID) else {
            throw StoreError.internal("the new certification could not be read back")
        }
        return record
    }

    public func certification(id: Int64, forUpdate: Bool = false) async throws -> CertificationRecord? {
        try await firstRow("""
            SELECT \(unescaped: Self.certificationColumns)
            FROM certifications c JOIN talents t ON t.id = c.talent_id WHERE c.id = \(id)
            \(unescaped: forUpdate ? "FOR UPDATE OF c" : "")
            """, certification(from:))
    }

    /// The talent's certifications, newest first.
    public func certifications(talentID: Int64) async throws -> [CertificationRecord] {
        try await rows("""
            SELECT \(unescaped: Self.certificationColumns)
            FROM certifications c JOIN talents t ON t.id = c.talent_id WHERE c.talent_id = \(talentID)
            ORDER BY c.id DESC
            """, certification(from:))
    }

    public func certifications(_ filter: CertificationFilter) async throws -> [CertificationRecord] {
        try await rows("""
            SELECT \(unescaped: Self.certificationColumns)
            FROM certifications c JOIN talents t ON t.id = c.talent_id
            WHERE (\(filter.status?.rawValue)::text IS NULL OR c.status = \(filter.status?.rawValue))
              AND (\(filter.talentClass.map(Int32.init))::int IS NULL OR c.talent_class = \(filter.talentClass.map(Int32.init)))
            ORDER BY c.id
            LIMIT \(filter.limit)
            """, certification(from:))
    }

    /// Writes the record's state; the database checks that the status change is a legal transition.
    public func updateCertification(_ record: CertificationRecord) async throws {
        try await query("""
            UPDATE certifications SET status = \(record.status.rawValue),
                talent_class = \(record.talentClass.map(Int32.init)),
                notice_start = \(record.noticeStart?.description)::date, notice_end = \(record.noticeEnd?.description)::date,
                valid_from = \(record.validFrom?.description)::date, valid_until = \(record.validUntil?.description)::date,
                decision_reason = \(record.decisionReason)
            WHERE id = \(record.id)
            """)
    }

    public func appendCertificationEvent(
        certificationID: Int64, event: String, from: CertificationStatus?, to: CertificationStatus,
        on date: CalendarDate, actor: String, reason: String?
    ) async throws {
        try await query("""
            INSERT INTO certification_events (certification_id, event, from_status, to_status, on_date, actor, reason)
            VALUES (\(certificationID), \(event), \(from?.rawValue), \(to.rawValue), \(date.description)::date,
                    \(actor), \(reason))
            """)
    }

    /// Certified certifications whose validity ended before `date`, locked for update.
    public func certificationsDueToExpire(before date: CalendarDate) async throws -> [CertificationRecord] {
        try await rows("""
            SELECT \(unescaped: Self.certificationColumns)
            FROM certifications c JOIN talents t ON t.id = c.talent_id
            WHERE c.status = 'certified' AND c.valid_until < \(date.description)::date
            ORDER BY c.id FOR UPDATE OF c
            """, certification(from:))
    }

    public func talentClasses() async throws -> [TalentClassDefinition] {
        try await rows("SELECT class_no, name_zh, name_en, criteria FROM talent_classes ORDER BY class_no") { row in
            TalentClassDefinition(
                number: Int(try row.value("class_no", as: Int32.self)), nameZh: try row.value("name_zh"),
                nameEn: try row.value("name_en"), criteria: try row.value("criteria"))
        }
    }
}
