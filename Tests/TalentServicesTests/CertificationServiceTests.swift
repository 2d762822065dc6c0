import Foundation
import Testing
import TalentDomain
import TalentServices
@testable import TalentStore
import TestSupport

@Suite("Certification service: the state machine, back-dated")
struct CertificationServiceTests {
    typealias F = RegistryFixture
    static let key = "11010519491231002X"

    static func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    /// A registered talent, ready to apply.
    static func withTalent(_ label: String = #function,
                           _ body: (Store, CertificationService) async throws -> Void) async throws {
        try await F.withStore(label) { (store: Store) async throws in
            try await F.addEmployer(store)
            _ = try await RegistryService(store: store).register(
                F.resident(name: "王小明", id: key, employer: F.employerCode, degree: "master"), actor: F.actor)
            try await body(store, CertificationService(store: store))
        }
    }

    /// apply → recommend → review → publish (7 days from 2026-01-08, so the notice ends 2026-01-14).
    static func inPublicNotice(_ service: CertificationService, requestedClass: Int? = 5) async throws -> CertificationRecord {
        _ = try await service.apply(identityKey: key, requestedClass: requestedClass.flatMap(TalentClass.init),
                                    on: day("2026-01-05"), actor: F.actor)
        _ = try await service.advance(identityKey: key, .init(.recommend, on: day("2026-01-06")), actor: F.actor)
        _ = try await service.advance(identityKey: key, .init(.startReview, on: day("2026-01-07")), actor: F.actor)
        return try await service.advance(identityKey: key, .init(.publish, on: day("2026-01-08")), actor: F.actor)
    }

    static func certified(_ service: CertificationService) async throws -> CertificationRecord {
        _ = try await inPublicNotice(service)
        return try await service.advance(identityKey: key, .init(.approve, on: day("2026-01-15")), actor: F.actor)
    }

    static func eventCount(_ store: Store) async throws -> Int {
        try await store.read { session in
            try await session.firstRow("SELECT count(*) AS n FROM certification_events") { try $0.value("n", as: Int64.self) }
        }.map(Int.init) ?? -1
    }

    @Test func theWholePathFromApplicationToCertification() async throws {
        try await Self.withTalent { (store: Store, service: CertificationService) async throws in
            var audits = try await F.auditCount(store)
            func step(_ event: CertificationEvent, on date: String, expect status: CertificationStatus) async throws -> CertificationRecord {
                let record = try await service.advance(identityKey: Self.key, .init(event, on: Self.day(date)), actor: F.actor)
                #expect(record.status == status)
                audits += 1
                #expect(try await F.auditCount(store) == audits, "audit row for \(event)")
                return record
            }

            let applied = try await service.apply(
                identityKey: Self.key, requestedClass: TalentClass(5), on: Self.day("2026-01-05"), actor: F.actor)
            audits += 1
            #expect(try await F.auditCount(store) == audits)
            #expect(applied.status == .applied)
            #expect(applied.requestedClass == 5)
            #expect(applied.appliedOn == Self.day("2026-01-05"))
            #expect(applied.talentName == "王小明")
            #expect(applied.identityKey.fullValue == Self.key)
            #expect(applied.talentClass == nil)

            _ = try await step(.recommend, on: "2026-01-06", expect: .recommended)
            _ = try await step(.startReview, on: "2026-01-07", expect: .underReview)
            let published = try await step(.publish, on: "2026-01-08", expect: .publicNotice)
            #expect(published.noticeStart == Self.day("2026-01-08"))
            #expect(published.noticeEnd == Self.day("2026-01-14"))  // 7 days, the 8th to the 14th

            // The last day of the notice is still too early.
            let early = await caught {
                try await service.advance(identityKey: Self.key, .init(.approve, on: Self.day("2026-01-14")), actor: F.actor)
            }
            let refusal = try #require((early as? ServiceError)?.refusedMessage)
            #expect(refusal.contains("public notice runs until 2026-01-14"))
            #expect(refusal.contains("2026-01-15"))
            #expect(try await F.auditCount(store) == audits)
            #expect(try await service.certifications(identityKey: Self.key, actor: "tester").first?.status == .publicNotice)

            let approved = try await step(.approve, on: "2026-01-15", expect: .certified)
            #expect(approved.talentClass == 5)
            #expect(approved.validFrom == Self.day("2026-01-15"))
            #expect(approved.validUntil == Self.day("2032-01-14"))  // 6 years less a day

            let stored = try await service.certifications(identityKey: Self.key, actor: "tester")
            #expect(stored == [approved])
            #expect(try await Self.eventCount(store) == 5)

            let trail = try await F.audit(store, entityType: "certification", entityID: String(applied.id))
            #expect(Array(trail.map(\.action).reversed()) == [
                "certification.apply", "certification.recommend", "certification.review", "certification.publish",
                "certification.approve",
            ])
            let approval = try #require(trail.first)
            #expect(try F.object(approval.before)["status"] as? String == "public-notice")
            #expect(try F.object(approval.after)["status"] as? String == "certified")
            #expect(try F.object(approval.after)["validUntil"] as? String == "2032-01-14")

            #expect(try await service.list(CertificationFilter(status: .certified), actor: "tester").map(\.id) == [applied.id])
            #expect(try await service.list(CertificationFilter(talentClass: 5), actor: "tester").map(\.id) == [applied.id])
            #expect(try await service.list(CertificationFilter(status: .applied), actor: "tester").isEmpty)
        }
    }

    @Test func approvalMayOverrideTheClassAndValidity() async throws {
        try await Self.withTalent { (_: Store, service: CertificationService) async throws in
            _ = try await Self.inPublicNotice(service, requestedClass: 5)
            let approved = try await service.advance(
                identityKey: Self.key, .init(.approve, on: Self.day("2026-02-01"), talentClass: TalentClass(4), validityYears: 3),
                actor: F.actor)
            #expect(approved.talentClass == 4)
            #expect(approved.validUntil == Self.day("2029-01-31"))
        }
    }

    @Test func aShortNoticeAndApprovalWithoutAClass() async throws {
        try await Self.withTalent { (store: Store, service: CertificationService) async throws in
            _ = try await service.apply(identityKey: Self.key, requestedClass: nil, on: Self.day("2026-03-01"), actor: F.actor)
            _ = try await service.advance(identityKey: Self.key, .init(.recommend, on: Self.day("2026-03-01")), actor: F.actor)
            _ = try await service.advance(identityKey: Self.key, .init(.startReview, on: Self.day("2026-03-01")), actor: F.actor)
            let zero = await caught {
                try await service.advance(identityKey: Self.key, .init(.publish, on: Self.day("2026-03-02"), noticeDays: 0), actor: F.actor)
            }
            #expect((zero as? ServiceError)?.refusedMessage != nil)
            let published = try await service.advance(
                identityKey: Self.key, .init(.publish, on: Self.day("2026-03-02"), noticeDays: 1), actor: F.actor)
            #expect(published.noticeStart == Self.day("2026-03-02"))
            #expect(published.noticeEnd == Self.day("2026-03-02"))
            let audits = try await F.auditCount(store)
            let noClass = await caught {
                try await service.advance(identityKey: Self.key, .init(.approve, on: Self.day("2026-03-03")), actor: F.actor)
            }
            #expect((noClass as? ServiceError)?.refusedMessage?.contains("class") == true)
            #expect(try await F.auditCount(store) == audits)
            let approved = try await service.advance(
                identityKey: Self.key, .init(.approve, on: Self.day("2026-03-03"), talentClass: TalentClass(6)), actor: F.actor)
            #expect(approved.status == .certified)
            #expect(approved.talentClass == 6)
            #expect(approved.validUntil == Self.day("2032-03-02"))
        }
    }

    @Test(arguments: [
        (CertificationEvent.approve, [CertificationEvent.recommend, .reject]),
        (.publish, [.recommend, .reject]),
        (.startReview, [.recommend, .reject]),
        (.revoke, []), (.renew, []), (.expire, []),
    ])
    func illegalStepsRightAfterApplyingChangeNothing(_ event: CertificationEvent, _ allowed: [CertificationEvent]) async throws {
        try await Self.withTalent { (store: Store, service: CertificationService) async throws in
            let applied = try await service.apply(
                identityKey: Self.key, requestedClass: TalentClass(5), on: Self.day("2026-01-05"), actor: F.actor)
            let audits = try await F.auditCount(store)
            let events = try await Self.eventCount(store)
            let failure = await caught {
                try await service.advance(
                    identityKey: Self.key, .init(event, on: Self.day("2026-03-01"), talentClass: TalentClass(5), reason: "r"),
                    actor: F.actor)
            }
            let service_ = try #require(failure as? ServiceError)
            if allowed.isEmpty {
                // revoke / renew / expire look for a certification in force and find none.
                #expect(service_.notFoundMessage != nil, "\(service_)")
            } else {
                let illegal = try #require(service_.illegalTransition, "\(service_)")
                #expect(illegal.from == .applied)
                #expect(illegal.event == event)
                #expect(illegal.allowed == allowed)
            }
            #expect(try await service.certifications(identityKey: Self.key, actor: "tester") == [applied])
            #expect(try await F.auditCount(store) == audits)
            #expect(try await Self.eventCount(store) == events)
        }
    }

    @Test func stepsOutOfOrderLaterInTheWorkflowAreIllegal() async throws {
        try await Self.withTalent { (store: Store, service: CertificationService) async throws in
            let published = try await Self.inPublicNotice(service)
            let audits = try await F.auditCount(store)
            for event in [CertificationEvent.recommend, .startReview, .publish] {
                let failure = await caught {
                    try await service.advance(identityKey: Self.key, .init(event, on: Self.day("2026-01-20")), actor: F.actor)
                }
                let illegal = try #require((failure as? ServiceError)?.illegalTransition)
                #expect(illegal.from == .publicNotice)
                #expect(illegal.allowed == [.approve, .reject])
            }
            #expect(try await service.certifications(identityKey: Self.key, actor: "tester") == [published])
            #expect(try await F.auditCount(store) == audits)
        }
    }

    @Test(arguments: [String?.none, "", "  \n "])
    func rejectingNeedsAReason(_ reason: String?) async throws {
        try await Self.withTalent { (store: Store, service: CertificationService) async throws in
            let applied = try await service.apply(
                identityKey: Self.key, requestedClass: TalentClass(5), on: Self.day("2026-01-05"), actor: F.actor)
            let audits = try await F.auditCount(store)
            let failure = await caught {
                try await service.advance(identityKey: Self.key, .init(.reject, reason: reason), actor: F.actor)
            }
            #expect((failure as? ServiceError)?.refusedMessage?.contains("reason") == true)
            #expect(try await service.certifications(identityKey: Self.key, actor: "tester") == [applied])
            #expect(try await F.auditCount(store) == audits)
        }
    }

    @Test func aRejectedApplicationIsClosedAndANewOneMayStart() async throws {
        try await Self.withTalent { (store: Store, service: CertificationService) async throws in
            _ = try await Self.inPublicNotice(service)
            let rejected = try await service.advance(
                identityKey: Self.key, .init(.reject, on: Self.day("2026-01-10"), reason: "degree certificate not verifiable"),
                actor: F.actor)
            #expect(rejected.status == .rejected)
            #expect(rejected.decisionReason == "degree certificate not verifiable")
            let entry = try #require(try await F.audit(store, action: "certification.reject").first)
            #expect(entry.reason == "degree certificate not verifiable")

            let afterwards = await caught {
                try await service.advance(identityKey: Self.key, .init(.recommend, on: Self.day("2026-01-11")), actor: F.actor)
            }
            let illegal = try #require((afterwards as? ServiceError)?.illegalTransition)
            #expect(illegal.from == .rejected)
            #expect(illegal.allowed.isEmpty)
            #expect(illegal.description.contains("closed"))

            let second = try await service.apply(
                identityKey: Self.key, requestedClass: TalentClass(5), on: Self.day("2026-02-01"), actor: F.actor)
            #expect(second.id != rejected.id)
            let recommended = try await service.advance(
                identityKey: Self.key, .init(.recommend, on: Self.day("2026-02-02")), actor: F.actor)
            #expect(recommended.id == second.id)  // steps go to the open one, not the rejected one
            #expect(try await service.certifications(identityKey: Self.key, actor: "tester").map(\.status) == [.recommended, .rejected])
        }
    }

    @Test func aSecondOpenCertificationIsRefusedByTheServiceAndTheDatabase() async throws {
        try await Self.withTalent { (store: Store, service: CertificationService) async throws in
            let first = try await service.apply(
                identityKey: Self.key, requestedClass: TalentClass(5), on: Self.day("2026-01-05"), actor: F.actor)
            let audits = try await F.auditCount(store)
            let failure = await caught {
                try await service.apply(identityKey: Self.key, requestedClass: TalentClass(4), on: Self.day("2026-01-06"), actor: F.actor)
            }
            let message = try #require((failure as? ServiceError)?.duplicateMessage)
            #expect(message.contains("#\(first.id)"))
            #expect(try await service.certifications(identityKey: Self.key, actor: "tester") == [first])
            #expect(try await F.auditCount(store) == audits)

            await #expect(throws: StoreError.self) {
                try await store.write { session in
                    try await session.execute(sql: """
                        INSERT INTO certifications (talent_id, status, applied_on)
                        VALUES (\(first.talentID), 'recommended', DATE '2026-01-06')
                        """)
                }
            }
            #expect(try await service.certifications(identityKey: Self.key, actor: "tester").count == 1)
        }
    }

    @Test func applyingWhileCertifiedIsRefusedWithWhatToDo() async throws {
        try await Self.withTalent { (store: Store, service: CertificationService) async throws in
            let current = try await Self.certified(service)
            let audits = try await F.auditCount(store)
            let failure = await caught {
                try await service.apply(identityKey: Self.key, requestedClass: TalentClass(4), on: Self.day("2026-02-01"), actor: F.actor)
            }
            guard case let .refused(message, next)? = failure as? ServiceError else {
                Issue.record("expected .refused, got \(String(describing: failure))")
                return
            }
            #expect(message.contains("already certified"))
            #expect(next == .renewCertification(id: current.id))
            #expect(try await service.certifications(identityKey: Self.key, actor: "tester") == [current])
            #expect(try await F.auditCount(store) == audits)
        }
    }

    @Test func theDatabaseRefusesAnIllegalStatusChangeMadeInRawSQL() async throws {
        try await Self.withTalent { (store: Store, service: CertificationService) async throws in
            let applied = try await service.apply(
                identityKey: Self.key, requestedClass: TalentClass(5), on: Self.day("2026-01-05"), actor: F.actor)
            for target in ["under-review", "public-notice", "expired", "applied"] {
                let failure = await caught {
                    try await store.write { session in
                        try await session.execute(sql: "UPDATE certifications SET status = '\(target)' WHERE id = \(applied.id)")
                    }
                }
                let storeError = try #require(failure as? StoreError, "applied -> \(target)")
                #expect(storeError.description.contains("illegal certification transition applied -> \(target)"))
            }
            #expect(try await service.certifications(identityKey: Self.key, actor: "tester") == [applied])

            // A legal change passes the trigger, so the refusals above were about the transition.
            try await store.write { session in
                try await session.execute(sql: "UPDATE certifications SET status = 'recommended' WHERE id = \(applied.id)")
            }
            #expect(try await service.certifications(identityKey: Self.key, actor: "tester").first?.status == .recommended)
        }
    }

    @Test func aStepAndItsAuditRowShareOneTransaction() async throws {
        try await Self.withTalent { (store: Store, service: CertificationService) async throws in
            let applied = try await service.apply(
                identityKey: Self.key, requestedClass: TalentClass(5), on: Self.day("2026-01-05"), actor: F.actor)
            try await store.write { session in
                try await session.execute(sql: """
                    CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'audit refused by test'; END $$
                    """)
                try await session.execute(sql: """
                    CREATE TRIGGER test_refuse_recommend BEFORE INSERT ON audit_log FOR EACH ROW
                    WHEN (NEW.action = 'certification.recommend') EXECUTE FUNCTION test_refuse_audit()
                    """)
            }
            let events = try await Self.eventCount(store)
            let failure = await caught {
                try await service.advance(identityKey: Self.key, .init(.recommend, on: Self.day("2026-01-06")), actor: F.actor)
            }
            #expect((failure as? ServiceError)?.storeError != nil)
            #expect(try await service.certifications(identityKey: Self.key, actor: "tester") == [applied])
            #expect(try await Self.eventCount(store) == events)
        }
    }

    @Test func revokingNeedsAReasonAndEndsTheCertification() async throws {
        try await Self.withTalent { (store: Store, service: CertificationService) async throws in
            let certified = try await Self.certified(service)
            let missing = await caught {
                try await service.advance(identityKey: Self.key, .init(.revoke, on: Self.day("2027-01-01")), actor: F.actor)
            }
            #expect((missing as? ServiceError)?.refusedMessage != nil)
            let revoked = try await service.advance(
                identityKey: Self.key, .init(.revoke, on: Self.day("2027-01-01"), reason: "left the zone's employer"), actor: F.actor)
            #expect(revoked.id == certified.id)
            #expect(revoked.status == .revoked)
            #expect(revoked.decisionReason == "left the zone's employer")
            #expect(try await F.audit(store, action: "certification.revoke").first?.reason == "left the zone's employer")

            for event in [CertificationEvent.renew, .revoke, .expire] {
                let failure = await caught {
                    try await service.advance(identityKey: Self.key, .init(event, on: Self.day("2027-02-01"), reason: "r"), actor: F.actor)
                }
                #expect((failure as? ServiceError)?.notFoundMessage != nil, "\(event)")
            }
            #expect(try await service.certifications(identityKey: Self.key, actor: "tester") == [revoked])
        }
    }

    @Test func renewingStartsANewValidityPeriod() async throws {
        try await Self.withTalent { (store: Store, service: CertificationService) async throws in
            let certified = try await Self.certified(service)
            let renewed = try await service.advance(
                identityKey: Self.key, .init(.renew, on: Self.day("2030-01-01")), actor: F.actor)
            #expect(renewed.id == certified.id)
            #expect(renewed.status == .certified)
            #expect(renewed.talentClass == 5)
            #expect(renewed.validFrom == Self.day("2030-01-01"))
            #expect(renewed.validUntil == Self.day("2035-12-31"))
            let shorter = try await service.advance(
                identityKey: Self.key, .init(.renew, on: Self.day("2031-03-01"), validityYears: 2), actor: F.actor)
            #expect(shorter.validUntil == Self.day("2033-02-28"))
            #expect(try await F.auditCount(store, action: "certification.renew") == 2)
        }
    }

    @Test func expireDueExpiresOnlyWhatHasEndedAndExpiredMayBeRenewed() async throws {
        try await Self.withTalent { (store: Store, service: CertificationService) async throws in
            let certified = try await Self.certified(service)  // valid until 2032-01-14
            #expect(try await service.expireDue(on: Self.day("2032-01-14"), actor: "cron").isEmpty)
            #expect(try await service.certifications(identityKey: Self.key, actor: "tester").first?.status == .certified)

            let expired = try await service.expireDue(on: Self.day("2032-01-15"), actor: "cron")
            #expect(expired.map(\.id) == [certified.id])
            #expect(expired.first?.status == .expired)
            #expect(try await service.certifications(identityKey: Self.key, actor: "tester").first?.status == .expired)
            let entry = try #require(try await F.audit(store, action: "certification.expire").first)
            #expect(entry.actor == "cli:cron")
            #expect(try await service.expireDue(on: Self.day("2040-01-01"), actor: "cron").isEmpty)

            let renewed = try await service.advance(
                identityKey: Self.key, .init(.renew, on: Self.day("2032-02-01")), actor: F.actor)
            #expect(renewed.status == .certified)
            #expect(renewed.validFrom == Self.day("2032-02-01"))
            #expect(renewed.validUntil == Self.day("2038-01-31"))
        }
    }

    @Test func stepsForUnknownTalentsOrWithoutACertificationAreNotFound() async throws {
        try await Self.withTalent { (_: Store, service: CertificationService) async throws in
            let unknown = await caught {
                try await service.apply(identityKey: "360426199101010071", requestedClass: nil, actor: F.actor)
            }
            #expect((unknown as? ServiceError)?.notFoundMessage != nil)
            let none = await caught {
                try await service.advance(identityKey: Self.key, .init(.recommend), actor: F.actor)
            }
            #expect((none as? ServiceError)?.notFoundMessage?.contains("has no certification to recommend") == true)
            #expect((none as? ServiceError)?.nextStep == .applyForCertification)
        }
    }

    @Test func theClassesAreData() async throws {
        try await F.withStore { (store: Store) async throws in
            let classes = try await CertificationService(store: store).classes()
            #expect(classes.map(\.number) == [1, 2, 3, 4, 5, 6])
            #expect(classes.first?.nameZh == "第一类人才")
        }
    }
}
