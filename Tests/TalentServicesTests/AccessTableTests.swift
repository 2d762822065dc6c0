import Foundation
import Testing
import TalentServices

/// The access table: the same in Swift and in Docs/access.md, closed by default, and an auditor changes nothing.
@Suite("Access table")
struct AccessTableTests {
    static let columns: [Role] = [.officeAdmin, .officeReviewer, .housingOfficer, .auditor, .employer, .university, .talent]

    /// The table of Docs/access.md as AccessTable.rules says it should read.
    static func expectedMarkdown() -> [String] {
        let scope: [Role: String] = [.employer: "its organisation", .university: "its university", .talent: "self"]
        var lines = ["| Use case | " + columns.map(\.rawValue).joined(separator: " | ") + " |",
                     "|---|" + String(repeating: "---|", count: columns.count)]
        for useCase in UseCase.allCases {
            let allowed = AccessTable.roles(allowing: useCase)
            lines.append("| `\(useCase.rawValue)` | "
                + columns.map { allowed.contains($0) ? scope[$0] ?? "all" : "—" }.joined(separator: " | ") + " |")
        }
        return lines
    }

    @Test func theDocumentedTableIsTheTableTheServicesUse() throws {
        let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/access.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let begin = try #require(lines.firstIndex(of: "<!-- access-table:begin -->"))
        let end = try #require(lines.firstIndex(of: "<!-- access-table:end -->"))
        #expect(Array(lines[(begin + 1)..<end]) == Self.expectedMarkdown(),
                "Docs/access.md's table differs from AccessTable.rules; regenerate it from the expected lines")
    }

    @Test func everyUseCaseIsInTheTable() {
        for useCase in UseCase.allCases {
            #expect(!AccessTable.roles(allowing: useCase).isEmpty, "\(useCase.rawValue) is allowed to no role")
        }
    }

    @Test func anAuditorIsRefusedEveryChangeAndAllowedEveryRead() throws {
        let auditor = Principal(origin: .account(id: 1, login: "audit"), grants: [.office(.auditor)], mayRevealPersonalData: false)
        for useCase in UseCase.allCases {
            if useCase.changesData {
                #expect(throws: ServiceError.self, "\(useCase.rawValue)") { try AccessTable.authorize(useCase, auditor) }
            } else {
                #expect(try AccessTable.authorize(useCase, auditor).reachesEverything, "\(useCase.rawValue)")
            }
        }
    }

    @Test func aPrincipalWithoutGrantsMayDoNothing() {
        let nobody = Principal(origin: .account(id: 2, login: "nobody"), grants: [], mayRevealPersonalData: true)
        for useCase in UseCase.allCases {
            #expect(throws: ServiceError.self) { try AccessTable.authorize(useCase, nobody) }
        }
    }

    @Test func aScopedGrantReachesOnlyItsRecords() throws {
        let hr = Principal(origin: .account(id: 3, login: "hr"), grants: [try RoleGrant(.employer, scopeID: 7)],
                           mayRevealPersonalData: false)
        let access = try AccessTable.authorize(.talentRead, hr)
        #expect(!access.reachesEverything)
        #expect(access.reaches(talentID: 1, employerID: 7))
        #expect(!access.reaches(talentID: 1, employerID: 8))
        #expect(!access.reaches(talentID: 1, employerID: nil))
        #expect(!access.mayReveal(talentID: 1))
        let talent = Principal(origin: .account(id: 4, login: "me"), grants: [try RoleGrant(.talent, scopeID: 5)],
                               mayRevealPersonalData: false)
        let own = try AccessTable.authorize(.housingRead, talent)
        #expect(own.reaches(talentID: 5, employerID: 7) && !own.reaches(talentID: 6, employerID: 7))
        #expect(own.mayReveal(talentID: 5) && !own.mayReveal(talentID: 6))
    }

    @Test func theLocalOperatorIsAnOfficeAdministratorNamedInTheAudit() throws {
        let cli = Principal.localOperator("alice")
        #expect(cli.auditName == "cli:alice")
        #expect(try AccessTable.authorize(.accountManage, cli).reachesEverything)
        #expect(cli.mayRevealPersonalData)
    }

    @Test func grantsCheckTheirScope() throws {
        #expect(throws: ValidationError.self) { try RoleGrant(.employer) }
        #expect(throws: ValidationError.self) { try RoleGrant(.auditor, scopeID: 3) }
        #expect(throws: ValidationError.self) { try Role.parse("superuser") }
        #expect(try Role.parse(" Housing_Officer ") == .housingOfficer)
    }
}
