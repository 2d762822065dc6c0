import Foundation
import Testing
import TalentDomain
import TalentServices
@testable import TalentStore
import TestSupport

/// Steps that record something that happened refuse a day after today (China Standard Time), and
/// change nothing: `lease close-ended --on 2028-12-04` run in 2026 must not end leases running to 2028,
/// nor `offers expire --on` a week ahead expire offers that still have a week to run. Each use case
/// takes its `today` as a parameter; here it is set on purpose.
@Suite("Days that must have happened")
struct HappenedDayTests {
    typealias F = RegistryFixture
    typealias H = HousingFixture
    typealias O = HousingOfferFixture
    typealias P = PracticeFixture

    /// The day the lease of C-101 is accepted; these tests take it as today.
    static let today = H.day("2026-12-01")
    static let tomorrow = today.adding(days: 1)

    static func expectAfterToday(_ error: (any Error)?, _ what: String, today: CalendarDate = today,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        let message = (error as? ServiceError)?.refusedMessage
        #expect(message?.contains("is after today (\(today) in China Standard Time, UTC+8)") == true,
                "\(String(describing: error))", sourceLocation: sourceLocation)
        #expect(message?.contains("\(what) is recorded once it has happened") == true,
                "\(String(describing: message))", sourceLocation: sourceLocation)
        #expect(message?.contains("give a day on or before \(today)") == true, sourceLocation: sourceLocation)
    }

    @Test func closingLeasesOnADayAheadEndsNothing() async throws {
        try await H.withHousing { (store: Store) async throws in
            let lease = try await HousingLeaseServiceTests.leaseOfC101(store)
            let leases = HousingLeaseService(store: store)
            let audits = try await F.auditCount(store)
            // Run in 2026 with the day the lease runs out in 2028.
            let ahead = await caught { try await leases.closeEnded(on: H.day("2028-12-04"), today: Self.today, actor: F.actor) }
            Self.expectAfterToday(ahead, "the end of leases")
            #expect(try await leases.lease(number: lease.number, actor: "tester").lease.status == .active)
            #expect(try await O.unitStatus(store, O.unitC) == .leased, "the occupied unit stays out of stock")
            #expect(try await F.auditCount(store) == audits)
            // When 2028-12-04 has come, the same run closes it.
            let closed = try await leases.closeEnded(on: H.day("2028-12-04"), today: H.day("2028-12-04"), actor: F.actor)
            #expect(closed.map(\.number) == [lease.number])
        }
    }

    @Test func expiringOffersAWeekAheadExpiresNone() async throws {
        try await H.withHousing { (store: Store) async throws in
            let offer = try await O.offerOfC101(store)
            let offers = HousingOfferService(store: store)
            // Offers of the round last until 2026-12-03; a week ahead of 2026-11-28 they would all expire.
            let today = H.day("2026-11-28")
            let ahead = await caught { try await offers.expire(on: today.adding(days: 7), today: today, actor: F.actor) }
            Self.expectAfterToday(ahead, "the expiry of offers", today: today)
            #expect(try await offers.offer(id: offer.id, actor: "tester").status == .pending)
            #expect(try await offers.expire(on: today, today: today, actor: F.actor).isEmpty, "today it is still open")
        }
    }

    @Test func leaseStepsRefuseTomorrow() async throws {
        try await H.withHousing { (store: Store) async throws in
            let lease = try await HousingLeaseServiceTests.leaseOfC101(store)
            let leases = HousingLeaseService(store: store)
            let renewal = await caught { try await leases.renew(number: lease.number, on: Self.tomorrow, today: Self.today, actor: F.actor) }
            Self.expectAfterToday(renewal, "a lease renewal")
            let termination = await caught {
                try await leases.terminate(number: lease.number, reason: "voluntary", on: Self.tomorrow, today: Self.today, actor: F.actor)
            }
            Self.expectAfterToday(termination, "a termination")
            #expect(try await leases.lease(number: lease.number, actor: "tester").lease.status == .active)

            let day = H.day("2026-12-02")
            _ = try await leases.terminate(number: lease.number, reason: "voluntary", on: day, today: day, actor: F.actor)
            let moveOut = await caught { try await leases.recordMoveOut(number: lease.number, on: day.adding(days: 1), today: day, actor: F.actor) }
            Self.expectAfterToday(moveOut, "a move-out", today: day)
            #expect(try await leases.lease(number: lease.number, actor: "tester").lease.vacatedOn == nil)
            #expect(try await O.unitStatus(store, O.unitC) == .leased)
        }
    }

    @Test func offerDecisionsRefuseTomorrowButALeaseMayStartLater() async throws {
        try await H.withHousing { (store: Store) async throws in
            let offer = try await O.offerOfC101(store)
            let offers = HousingOfferService(store: store)
            let accept = await caught { try await offers.accept(offerID: offer.id, on: Self.tomorrow, today: Self.today, actor: F.actor) }
            Self.expectAfterToday(accept, "an acceptance")
            let decline = await caught {
                try await offers.decline(offerID: offer.id, reason: "location", on: Self.tomorrow, today: Self.today, actor: F.actor)
            }
            Self.expectAfterToday(decline, "a decline")
            #expect(try await offers.offer(id: offer.id, actor: "tester").status == .pending)
            // A future first day of the lease is fine: it is planned, not recorded as having happened.
            let later = try await offers.accept(offerID: offer.id, on: Self.today, start: H.day("2027-01-01"), today: Self.today, actor: F.actor)
            #expect(later.lease.startDate == H.day("2027-01-01"))
        }
    }

    @Test func applicationsRoundsAndUnitsRefuseTomorrow() async throws {
        try await H.withHousing { (store: Store) async throws in
            let today = H.day("2026-11-26")
            let applications = HousingApplicationService(store: store)
            let input = HousingApplicationInput(talent: H.class4.key, preferences: [.oneBedroom], appliedOn: today.adding(days: 1))
            Self.expectAfterToday(await caught { try await applications.submit(input, today: today, actor: F.actor) },
                                  "an application", today: today)
            #expect(try await H.count(store, "housing_applications") == 0)
            let application = try await H.submit(store, H.class4, prefer: [.oneBedroom], on: today)
            let withdrawal = await caught {
                try await applications.withdraw(number: application.number, on: today.adding(days: 1), reason: "已购房", today: today, actor: F.actor)
            }
            Self.expectAfterToday(withdrawal, "a withdrawal", today: today)

            try await O.addBuildingC(store)
            let rounds = HousingRoundService(store: store)
            _ = try await rounds.create(HousingRoundInput(code: "R1", name: "第一轮", asOf: today, buildingCodes: [O.buildingC]), actor: F.actor)
            let commit = await caught { try await rounds.commit(code: "R1", seed: O.seed, on: today.adding(days: 1), today: today, actor: F.actor) }
            Self.expectAfterToday(commit, "making a round's offers", today: today)
            #expect(try await rounds.round(code: "R1", actor: "tester").status != .committed)

            let inventory = HousingInventoryService(store: store)
            let status = await caught {
                try await inventory.setStatus(code: O.unitC, to: .maintenance, reason: "漏水维修", on: today.adding(days: 1), today: today, actor: F.actor)
            }
            Self.expectAfterToday(status, "a change of a unit's status", today: today)
            #expect(try await O.unitStatus(store, O.unitC) == .available)
        }
    }

    @Test func practiceStepsRefuseTomorrow() async throws {
        try await P.withBase { (store: Store, service: PracticeBaseService) async throws in
            let today = P.day("2027-09-01")
            let tomorrow = today.adding(days: 1)
            try await P.placedTrainee(service)
            Self.expectAfterToday(await caught {
                try await service.start(P.ref(1), mentorIdentity: P.mentorIdentity, on: tomorrow, today: today, actor: F.actor)
            }, "the start of a practice", today: today)
            _ = try await service.start(P.ref(1), mentorIdentity: P.mentorIdentity, on: P.windowStart, today: today, actor: F.actor)
            Self.expectAfterToday(await caught {
                try await service.submitReport(P.ref(1), stage: .midTerm, grade: .good, on: tomorrow, today: today, actor: F.actor)
            }, "a stage report", today: today)
            Self.expectAfterToday(await caught {
                try await service.assess(P.ref(1), result: .pass, reportTitle: "实时数据平台", on: tomorrow, today: today, actor: F.actor)
            }, "a final assessment", today: today)
            Self.expectAfterToday(await caught { try await service.complete(P.ref(1), on: tomorrow, today: today, actor: F.actor) },
                                  "a completion", today: today)
            Self.expectAfterToday(await caught {
                try await service.withdraw(P.ref(1), reason: "转学", on: tomorrow, today: today, actor: F.actor)
            }, "a withdrawal", today: today)
            let detail = try await service.trainee(P.ref(1), on: today, actor: "tester")
            #expect(detail.trainee.status == .inPractice && detail.stageReports.isEmpty && detail.finalAssessment == nil)

            let project = try await service.addProject(
                ProjectInput(title: "叶片缺陷智能检测", enterpriseCode: P.enterpriseCode, partnerCodes: [P.universityCode], startYear: 2026), actor: F.actor)
            Self.expectAfterToday(await caught {
                try await service.addProblem(enterpriseCode: P.enterpriseCode, title: "温升预测", posedOn: tomorrow, today: today, actor: F.actor)
            }, "a technical problem", today: today)
            let problem = try await service.addProblem(
                enterpriseCode: P.enterpriseCode, title: "温升预测", posedOn: today, today: today, actor: F.actor)
            Self.expectAfterToday(await caught {
                try await service.solveProblem(id: problem.id, projectID: project.id, on: tomorrow, today: today, actor: F.actor)
            }, "a solution", today: today)
            let award = await caught {
                try await service.addAward(projectID: project.id, level: .city, year: 2028, name: "优秀项目", today: today, actor: F.actor)
            }
            let message = (award as? ServiceError)?.refusedMessage
            #expect(message?.contains("2028 is after this year (today is 2027-09-01 in China Standard Time, UTC+8)") == true, "\(String(describing: award))")
            #expect(message?.contains("give 2027 or earlier") == true)
            #expect(try await service.awards().isEmpty)
            _ = try await service.addAward(projectID: project.id, level: .city, year: 2027, name: "优秀项目", today: today, actor: F.actor)
        }
    }

    /// Without `today:`, a use case takes the real today in China Standard Time.
    @Test func byDefaultTodayIsTheRealDayInChinaStandardTime() async throws {
        try await H.withHousing { (store: Store) async throws in
            let tomorrow = CalendarDate.today(timeZone: CalendarDate.chinaStandardTime).adding(days: 1)
            let ahead = await caught { try await HousingLeaseService(store: store).closeEnded(on: tomorrow, actor: F.actor) }
            Self.expectAfterToday(ahead, "the end of leases", today: CalendarDate.today())
            #expect(try await HousingOfferService(store: store).expire(on: CalendarDate.today(), actor: F.actor).isEmpty)
        }
    }
}
