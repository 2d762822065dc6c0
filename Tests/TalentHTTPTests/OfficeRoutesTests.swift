import Foundation
import TalentServices
import Testing

/// The office's part of the API over a real server: talents found by pinyin and initials, the housing
/// stock (lists with paging, the CSV import, all or nothing), renewing and terminating leases, and the
/// reports.
@Suite("Office routes")
struct OfficeRoutesTests {
    static let admin = Principal.localOperator("office-test")
    static let password = "a long enough passphrase 8"

    static func signIn(_ server: TestServer, _ login: String, _ role: Role) async throws -> String {
        _ = try await server.zone.accounts.add(AccountInput(login: login, grants: [GrantInput(role: role)]),
                                               password: password, actor: admin)
        return try await server.client.signIn(login, password)
    }

    static func names(_ response: TestResponse) throws -> [String] {
        try #require(try response.json()["items"] as? [[String: Any]]).compactMap { $0["name"] as? String }
    }

    @Test func talentsAreFoundByPinyinAndInitials() async throws {
        try await TestServer.run { server in
            for (name, identity) in [("王小明", "11010519491231002X"), ("汪晓敏", "440524188001010014"), ("曾志伟", "360426199101010071")] {
                _ = try await server.zone.registry.register(try TalentDraft(columns: ["name": name, "id_number": identity]),
                                                            actor: Self.admin)
            }
            let token = try await Self.signIn(server, "reviewer", .officeReviewer)
            func find(_ q: String) async throws -> TestResponse {
                let encoded = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q
                return try await server.client.get("/api/v1/talents?q=\(encoded)", token: token)
            }
            #expect(try Self.names(try await find("wang")).sorted() == ["汪晓敏", "王小明"])
            #expect(try Self.names(try await find("wang xiao ming")) == ["王小明"])
            #expect(try Self.names(try await find("WXM")).sorted() == ["汪晓敏", "王小明"])
            #expect(try Self.names(try await find("zzw")) == ["曾志伟"])
            #expect(try Self.names(try await find("小明")) == ["王小明"])
            let page = try await find("w").json()
            #expect(page["total"] as? Int == 2)
            // The identity numbers stay masked in a search, as in every list.
            #expect(!(try await find("wang").body.contains("11010519491231002X")))
            let long = try await find(String(repeating: "w", count: 101))
            #expect(long.status == 422)
            _ = try long.problem()
        }
    }

    static let units = """
        unit_code,building,floor,category,area_m2,accessible
        T-0101,TEST-A,1,studio,30.00,no
        T-0102,TEST-A,1,1BR,45.60,yes
        T-0201,TEST-A,2,2BR,70.00,

        """

    @Test func unitsAreImportedAllOrNothingAndListedByPage() async throws {
        try await TestServer.run { server in
            let inventory = server.zone.housingInventory
            _ = try await inventory.addProject(HousingProjectInput(code: "TEST", name: "测试项目"), actor: Self.admin)
            _ = try await inventory.addBuilding(
                HousingBuildingInput(code: "TEST-A", projectCode: "TEST", name: "A栋", benchmarkFenPerM2: 3200), actor: Self.admin)
            let token = try await Self.signIn(server, "housing", .housingOfficer)
            let c = server.client
            func upload(_ csv: String, _ query: String = "") async throws -> TestResponse {
                try await c.send("/api/v1/housing/units/import" + query, method: "POST", body: Array(csv.utf8),
                                 headers: ["authorization": "Bearer \(token)", "content-type": "text/csv"])
            }
            let bad = try await upload("unit_code,building,floor,category,area_m2\nT-0301,TEST-A,3,penthouse,30.00\n"
                + "T-0302,NOPE,3,studio,30.00\nT-0303,TEST-A,3,studio,2\n")
            #expect(bad.status == 422)
            let issues = try #require(try bad.problem()["issues"] as? [[String: Any]])
            #expect(issues.map { $0["column"] as? String } == ["category", "building", "area_m2"])
            #expect(issues.allSatisfy { ($0["line"] as? Int ?? 0) >= 2 && $0["reason"] is String })
            #expect(try await inventory.unitCount(actor: Self.admin) == 0, "a refused file writes nothing")

            let added = try await upload(Self.units)
            #expect(added.status == 201, "\(added.body)")
            #expect(try added.json()["added"] as? Int == 3)
            let again = try await upload(Self.units)
            #expect(again.status == 200)
            #expect(try again.json()["unchanged"] as? Int == 3)
            #expect(try await upload("").status == 400)

            let first = try await c.get("/api/v1/housing/units?building=TEST-A&limit=2", token: token).json()
            #expect((first["items"] as? [Any])?.count == 2)
            #expect(first["total"] as? Int == 3 && first["more"] as? Bool == true)
            let rest = try await c.get("/api/v1/housing/units?building=TEST-A&limit=2&offset=2", token: token).json()
            #expect(((rest["items"] as? [[String: Any]])?.first?["code"] as? String) == "T-0201")
            let twoBR = try await c.get("/api/v1/housing/units?category=2br", token: token).json()
            #expect(twoBR["total"] as? Int == 1)
            #expect(try await c.get("/api/v1/housing/units?status=sold", token: token).status == 422)
            #expect(try await c.get("/api/v1/housing/units?category=villa", token: token).status == 422)
            #expect(try await c.get("/api/v1/housing/units?building=NOPE", token: token).status == 404)
            #expect(try await c.get("/api/v1/housing/units?limit=0", token: token).status == 422)
            #expect(try await c.get("/api/v1/housing/units/T-0102", token: token).status == 200)
            #expect(try await c.get("/api/v1/housing/units/NOPE-1", token: token).status == 404)
            let buildings = try await c.get("/api/v1/housing/buildings?project=TEST", token: token)
            #expect(buildings.status == 200 && buildings.body.contains("TEST-A"))
            #expect(try await c.get("/api/v1/housing/projects", token: token).body.contains("测试项目"))
            // An auditor reads the stock but imports nothing.
            let auditor = try await Self.signIn(server, "auditor", .auditor)
            #expect(try await c.get("/api/v1/housing/units", token: auditor).status == 200)
            let refused = try await c.send("/api/v1/housing/units/import", method: "POST", body: Array(Self.units.utf8),
                                           headers: ["authorization": "Bearer \(auditor)", "content-type": "text/csv"])
            #expect(refused.status == 403)
        }
    }

    @Test func aCSVUploadMayBeLargerThanAJSONBodyButNotThanTheUploadLimit() async throws {
        try await TestServer.run { server in
            let token = try await Self.signIn(server, "housing", .housingOfficer)
            // 2 MiB: over the JSON limit, within the test server's 3 MiB upload limit (then refused as CSV).
            let header = "unit_code,building,floor,category,area_m2\n"
            let rows = String(repeating: "X-0101,NOPE,1,studio,30.00\n", count: (2 << 20) / 27)
            let big = try await server.client.send("/api/v1/housing/units/import", method: "POST", body: Array((header + rows).utf8),
                                                   headers: ["authorization": "Bearer \(token)", "content-type": "text/csv"])
            #expect(big.status == 422)
            let huge = try await server.client.send(
                "/api/v1/housing/units/import", method: "POST", body: [UInt8](repeating: 0x41, count: 4 << 20),
                headers: ["authorization": "Bearer \(token)", "content-type": "text/csv"])
            #expect(huge.status == 413)
        }
    }

    @Test func leasesAreRenewedAndTerminatedWithTheCLIsRefusals() async throws {
        try await TestServer.run { server in
            let zone = server.zone
            _ = try await DemoLoader(zone: zone).load(DemoDataSet(seed: DemoDataSet.defaultSeed, talentCount: 400))
            _ = try await DemoHousingLoader(zone: zone).load(DemoHousing(seed: DemoDataSet.defaultSeed), today: .today())
            let offer = try #require(try await zone.housingOffers.offers(status: .pending, actor: Self.admin).first)
            let lease = try await zone.housingOffers.accept(offerID: offer.id, on: .today(), actor: Self.admin).lease
            let token = try await Self.signIn(server, "housing", .housingOfficer)
            let c = server.client
            let path = "/api/v1/housing/leases/\(lease.number)"
            // A new lease is far from its renewal window.
            let early = try await c.call("POST", path + "/renew", json: "{}", token: token)
            #expect(early.status == 409)
            #expect((try early.problem()["detail"] as? String)?.contains("a renewal may be requested from") == true)
            let badReason = try await c.call("POST", path + "/terminate", json: #"{"reason":"tired"}"#, token: token)
            #expect(badReason.status == 422)
            #expect(try badReason.problem()["errors"] is [Any])
            let future = try await c.call("POST", path + "/terminate", json: #"{"reason":"voluntary","on":"2999-01-01"}"#, token: token)
            #expect(future.status == 409)
            #expect(try await c.call("POST", path + "/terminate", json: #"{"reason":"voluntary","on":"someday"}"#,
                                     token: token).status == 422)
            let terminated = try await c.call("POST", path + "/terminate", json: #"{"reason":"voluntary"}"#, token: token)
            #expect(terminated.status == 200, "\(terminated.body)")
            #expect(try terminated.json()["status"] as? String == "terminated")
            let twice = try await c.call("POST", path + "/terminate", json: #"{"reason":"voluntary"}"#, token: token)
            #expect(twice.status == 409)
            #expect(try twice.problem()["detail"] as? String == "cannot terminate lease \(lease.number): it was terminated on "
                + "\(CalendarDate.today()) (voluntary); only an active lease can")
            #expect(try await c.call("POST", path + "/renew", json: "{}", token: token).status == 409)
            #expect(try await c.call("POST", "/api/v1/housing/leases/L-1999-9999/renew", json: "{}", token: token).status == 404)
            #expect(try await c.call("POST", path + "/renew", json: #"{"on":12}"#, token: token).status == 400)

            // The reports, as JSON.
            let stats = try await c.get("/api/v1/reports/statistics", token: token)
            #expect(stats.status == 200)
            let registered = try stats.json()["talents_registered"] as? Int
            #expect((registered ?? 0) >= 400)
            #expect(try await c.get("/api/v1/reports/housing/occupancy", token: token).status == 200)
            #expect(try await c.get("/api/v1/reports/housing/vacancies", token: token).status == 200)
            #expect(try await c.get("/api/v1/reports/housing/expiring?within=3660", token: token).status == 200)
            #expect(try await c.get("/api/v1/reports/housing/expiring?within=-1", token: token).status == 422)
            let month = String(CalendarDate.today().description.prefix(7))
            #expect(try await c.get("/api/v1/reports/housing/rent-roll?month=\(month)", token: token).status == 200)
            #expect(try await c.get("/api/v1/reports/housing/rent-roll", token: token).status == 422)
            #expect(try await c.get("/api/v1/reports/housing/rent-roll?month=2026-13", token: token).status == 422)
            #expect(try await c.get("/api/v1/reports/statistics?as_of=yesterday", token: token).status == 422)
        }
    }
}
