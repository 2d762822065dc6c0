import Foundation
import TalentServices
import Testing

/// The demo data set (organisations, talents, certifications, the practice base, housing with round
/// 2026-R1 committed and its offers pending) and one account per role, signed in over HTTP: two
/// employers and two talents (A and B, each with a pending offer, of different employers), a
/// university, the office's four roles; plus an expired session and a disabled account's token.
struct AccessFixture {
    static let password = "correct horse battery 2026"
    static let admin = Principal.localOperator("access-test")

    var tokens: [String: String]
    var talentA: Int64
    var talentB: Int64
    var identityA: String
    var columnsA: [String: String]
    var offerA: Int64
    var cohort: Int
    var universityCode: String
    var otherUniversityCode: String
    /// A unit of the demo's housing stock.
    var unitCode: String

    /// A unit import whose one row names no building.
    static let unitsWithoutBuilding = "unit_code,building,floor,category,area_m2\nX-0101,NO-SUCH,1,studio,30.00\n"

    /// The logins of the matrix's principals, with the role of each.
    static let signedIn: [(name: String, role: Role?)] = [
        ("admin", .officeAdmin), ("reviewer", .officeReviewer), ("housing", .housingOfficer), ("auditor", .auditor),
        ("hr-a", .employer), ("hr-b", .employer), ("uni", .university), ("talent-a", .talent), ("talent-b", .talent),
    ]

    static func make(_ server: TestServer) async throws -> AccessFixture {
        let zone = server.zone
        let data = DemoDataSet(seed: DemoDataSet.defaultSeed, talentCount: 400)
        _ = try await DemoLoader(zone: zone).load(data)
        let plan = DemoPractice(data)
        _ = try await DemoPracticeLoader(store: zone.store).load(plan)
        _ = try await DemoHousingLoader(zone: zone).load(DemoHousing(seed: DemoDataSet.defaultSeed), today: .today())

        let offers = try await zone.housingOffers.offers(status: .pending, actor: admin)
        var employed: [(offer: HousingOfferRecord, talent: TalentRecord)] = []
        for offer in offers {
            let talent = try await zone.registry.dossier(id: offer.talentID, actor: admin).talent
            if talent.employer != nil, !employed.contains(where: { $0.talent.employer?.id == talent.employer?.id }) {
                employed.append((offer, talent))
            }
            if employed.count == 2 { break }
        }
        try #require(employed.count == 2, "the demo data set has no two pending offers of talents of different employers")
        let (a, b) = (employed[0], employed[1])
        let universities = try await zone.registry.organisations(OrganisationFilter(kind: .university), actor: admin)
        try #require(universities.count >= 2)

        let grants: [String: GrantInput] = [
            "admin": GrantInput(role: .officeAdmin), "reviewer": GrantInput(role: .officeReviewer),
            "housing": GrantInput(role: .housingOfficer), "auditor": GrantInput(role: .auditor),
            "hr-a": GrantInput(role: .employer, organisationCode: a.talent.employer?.creditCode),
            "hr-b": GrantInput(role: .employer, organisationCode: b.talent.employer?.creditCode),
            "uni": GrantInput(role: .university, organisationCode: universities[0].creditCode),
            "talent-a": GrantInput(role: .talent, talentID: a.talent.id), "talent-b": GrantInput(role: .talent, talentID: b.talent.id),
            "expired": GrantInput(role: .officeAdmin), "gone": GrantInput(role: .officeAdmin),
        ]
        for (login, grant) in grants {
            _ = try await zone.accounts.add(AccountInput(login: login, grants: [grant], revealPII: login == "admin"),
                                            password: password, actor: admin)
        }
        var tokens: [String: String] = [:]
        for (name, _) in signedIn { tokens[name] = try await server.client.signIn(name, password) }
        tokens["expired"] = try await zone.accounts.signIn(login: "expired", password: password,
                                                            now: Date().addingTimeInterval(-9 * 3600)).token
        tokens["gone"] = try await server.client.signIn("gone", password)
        _ = try await zone.accounts.setDisabled(login: "gone", true, actor: admin)

        let revealed = try await zone.registry.dossier(id: a.talent.id, reveal: PIIReveal(scope: "test"), actor: admin)
        let key = revealed.talent.identityKey.fullValue
        var columnsA = ["name": revealed.talent.name, "employer_credit_code": a.talent.employer?.creditCode ?? ""]
        if key.contains(":") {
            let parts = key.split(separator: ":")
            columnsA["nationality"] = String(parts[0])
            columnsA["passport"] = String(parts[1])
        } else {
            columnsA["id_number"] = key
        }
        return AccessFixture(
            tokens: tokens, talentA: a.talent.id, talentB: b.talent.id, identityA: revealed.talent.identityKey.fullValue,
            columnsA: columnsA, offerA: a.offer.id, cohort: plan.cohorts.last?.year ?? 2026,
            universityCode: universities[0].creditCode, otherUniversityCode: universities[1].creditCode,
            unitCode: try #require(try await zone.housingInventory.units(filter: .init(limit: 1), actor: admin).first).code)
    }

    /// The audit entries that record a change (not reads' reveals, not sign-ins): none may appear while
    /// the matrix runs, since every change writes one in its own transaction.
    static func changes(_ zone: TalentZone) async throws -> Int {
        let quiet: Set<String> = ["pii.reveal", "account.sign-in", "account.sign-in.refused", "account.sign-out"]
        return try await zone.audit.entries(entity: nil, limit: 100_000, actor: admin).filter { !quiet.contains($0.action) }.count
    }
}
