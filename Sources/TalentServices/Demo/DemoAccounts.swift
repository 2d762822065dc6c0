import Foundation
import TalentDomain
import TalentStore

/// One demo account per role, for trying talentd: the office's four roles, the employer and the
/// talent of the first pending housing offer, and the first partner university. Passwords are random
/// and returned once (`make demo` writes them to `.talentzone/demo-accounts.txt`, mode 0600).
public struct DemoAccount: Sendable, Encodable {
    public var login: String
    public var role: Role
    /// What the grant is limited to, in words (`talent #42 王小明`).
    public var scope: String?
    public var password: String
    /// The talent's record number (role talent).
    public var talentID: Int64?
}

public enum DemoAccounts {
    /// Creates the accounts through the account service (audited as `actor`).
    public static func create(_ zone: TalentZone, actor: Principal) async throws(ServiceError) -> [DemoAccount] {
        let offer = try await zone.housingOffers.offers(status: .pending, actor: actor).first
        var talent: TalentRecord?
        if let offer { talent = try await zone.registry.dossier(id: offer.talentID, actor: actor).talent }
        let university = try await zone.registry.organisations(OrganisationFilter(kind: .university), actor: actor).first
        var plan: [(String, GrantInput, String?, Int64?)] = [
            ("demo-admin", GrantInput(role: .officeAdmin), nil, nil),
            ("demo-reviewer", GrantInput(role: .officeReviewer), nil, nil),
            ("demo-housing", GrantInput(role: .housingOfficer), nil, nil),
            ("demo-auditor", GrantInput(role: .auditor), nil, nil),
        ]
        if let talent {
            plan.append(("demo-talent", GrantInput(role: .talent, talentID: talent.id), "talent #\(talent.id) \(talent.name)", talent.id))
            if let employer = talent.employer {
                plan.append(("demo-employer", GrantInput(role: .employer, organisationCode: employer.creditCode),
                             "\(employer.name) (\(employer.creditCode))", nil))
            }
        }
        if let university {
            plan.append(("demo-university", GrantInput(role: .university, organisationCode: university.creditCode),
                         "\(university.name) (\(university.creditCode))", nil))
        }
        var created: [DemoAccount] = []
        for (login, grant, scope, talentID) in plan {
            let password = randomPassword()
            _ = try await zone.accounts.add(AccountInput(login: login, grants: [grant], revealPII: grant.role == .officeAdmin),
                                            password: password, actor: actor)
            created.append(DemoAccount(login: login, role: grant.role, scope: scope, password: password, talentID: talentID))
        }
        return created
    }

    /// 20 characters from an alphabet without look-alikes (no 0/O, 1/l/I).
    static func randomPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// The file's text: one line per account, and how to sign in.
    public static func text(_ accounts: [DemoAccount], url: String = "http://127.0.0.1:8080") -> String {
        var lines = ["# TalentZone demo accounts (make demo). Sign in with:",
                     "#   curl -s -X POST \(url)/api/v1/session -H 'content-type: application/json' \\",
                     "#        -d '{\"login\":\"demo-talent\",\"password\":\"…\"}'",
                     "# login\trole\tpassword\tscope"]
        for account in accounts {
            lines.append([account.login, account.role.rawValue, account.password, account.scope ?? "all records"].joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
