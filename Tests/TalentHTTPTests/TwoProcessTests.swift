import Foundation
import TalentServices
import TestSupport
import Testing

/// Two talentd processes over one PostgreSQL behave as one: a session made on one works on the other,
/// and concurrent acceptances of the same offer through both allocate the unit once.
@Suite("Two talentd processes, one database")
struct TwoProcessTests {
    static let admin = Principal.localOperator("two-process-test")
    static let password = "a long enough passphrase 7"

    @Test func aSessionWorksOnBothAndAnOfferIsAcceptedOnce() async throws {
        let settings = try await TestDatabase.make()
        let url = TestDatabase.url(for: TestDatabase.application(settings))
        let environment = ["DATABASE_URL": url, "TALENTZONE_SCHEMA_DIR": TestDatabase.schemaDirectory]
        // The data and the talent's account, through the services.
        let (login, offerID) = try await TalentZone.open(environment: environment) { zone in
            let data = DemoDataSet(seed: DemoDataSet.defaultSeed, talentCount: 400)
            _ = try await DemoLoader(zone: zone).load(data)
            _ = try await DemoPracticeLoader(store: zone.store).load(DemoPractice(data))
            _ = try await DemoHousingLoader(zone: zone).load(DemoHousing(seed: DemoDataSet.defaultSeed), today: .today())
            let offer = try #require(try await zone.housingOffers.offers(status: .pending, actor: Self.admin).first)
            _ = try await zone.accounts.add(AccountInput(login: "applicant", grants: [GrantInput(role: .talent, talentID: offer.talentID)]),
                                            password: Self.password, actor: Self.admin)
            return ("applicant", offer.id)
        }
        let first = try RunningProgram(TalentdProcessTests.executable, ["--port", "0"],
                                       environment: TalentdProcessTests.environment(["DATABASE_URL": url]))
        defer { first.kill() }
        let second = try RunningProgram(TalentdProcessTests.executable, ["--port", "0"],
                                        environment: TalentdProcessTests.environment(["DATABASE_URL": url]))
        defer { second.kill() }
        let clients = try [first, second].map { program in
            let line = try #require(program.firstLine(within: .seconds(60)), "talentd printed nothing: \(program.stderr)")
            let port = try #require(line.split(separator: ":").last.flatMap { Int($0) }, "\(line)")
            return TestClient(base: "http://127.0.0.1:\(port)")
        }
        #expect(clients[0].base != clients[1].base)

        // Signed in on the first, known on the second.
        let token = try await clients[0].signIn(login, Self.password)
        let me = try await clients[1].get("/api/v1/me", token: token)
        #expect(me.status == 200 && me.body.contains(login), "\(me.body)")

        // Eight acceptances of the same offer at once, half through each process.
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for n in 0..<8 {
                group.addTask {
                    try await clients[n % 2].call("POST", "/api/v1/offers/\(offerID)/accept", json: "{}", token: token).status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 201 || $0 == 200 }.count == 1, "\(statuses)")
        #expect(statuses.filter { $0 == 409 }.count == 7, "\(statuses)")
        // One lease for the offer's unit, whichever process won.
        let leases = try await TalentZone.open(environment: environment) { zone in
            let offer = try await zone.housingOffers.offer(id: offerID, actor: Self.admin)
            return try await zone.housingLeases.leases(unit: offer.unitCode, actor: Self.admin)
        }
        #expect(leases.count == 1)

        first.signal(SIGTERM)
        second.signal(SIGTERM)
        #expect(first.waitForExit(within: .seconds(10)) == 0)
        #expect(second.waitForExit(within: .seconds(10)) == 0)
    }
}
