import Foundation
import Testing
import TalentDomain
import TalentServices
@testable import TalentStore
import TestSupport

@Suite("Registry service: organisations")
struct OrganisationServiceTests {
    typealias F = RegistryFixture

    @Test func addsAnOrganisationWithAValidCodeAndAudits() async throws {
        try await F.withStore { (store: Store) async throws in
            let registry = RegistryService(store: store)
            let record = try await registry.addOrganisation(OrganisationInput(
                name: "  示例科技有限公司 ", creditCode: " 91110000600037341l ", kind: .enterprise,
                industryChain: .microelectronics, inZone: true), actor: F.actor)
            #expect(record.creditCode == "91110000600037341L")
            #expect(record.name == "示例科技有限公司")
            #expect(record.checksumValid)
            #expect(record.overrideReason == nil)
            #expect(record.kind == .enterprise)
            #expect(record.industryChain == .microelectronics)
            #expect(record.inZone)

            #expect(try await registry.organisation(creditCode: "91110000600037341l", actor: "tester") == record)
            #expect(try await registry.organisations(actor: "tester") == [record])

            let audit = try await F.audit(store, entityType: "organisation")
            #expect(audit.map(\.action) == ["organisation.add"])
            #expect(audit.first?.entityID == "91110000600037341L")
            #expect(audit.first?.actor == F.actor.auditName)
            #expect(audit.first?.before == nil)
            #expect(try F.object(audit.first?.after)["name"] as? String == "示例科技有限公司")
        }
    }

    @Test func refusesAWrongCheckCharacterNamingCreditCode() async throws {
        try await F.withStore { (store: Store) async throws in
            let registry = RegistryService(store: store)
            let failure = await caught {
                try await registry.addOrganisation(
                    OrganisationInput(name: "坏代码公司", creditCode: "91110000600037341N", kind: .enterprise), actor: F.actor)
            }
            let validation = try #require((failure as? ServiceError)?.validation)
            #expect(validation.field == "credit_code")
            #expect(validation.value == "91110000600037341N")
            #expect(validation.reason.contains("should be L"))
            #expect(try await registry.organisations(actor: "tester").isEmpty)
            #expect(try await F.auditCount(store) == 0)
        }
    }

    @Test(arguments: ["9111000060003734", "91110000600037341LL", "9111000060003734IL", ""])
    func refusesMalformedCodesNamingCreditCode(_ code: String) async throws {
        try await F.withStore { (store: Store) async throws in
            let failure = await caught {
                try await RegistryService(store: store).addOrganisation(
                    OrganisationInput(name: "某公司", creditCode: code, kind: .enterprise), actor: F.actor)
            }
            #expect((failure as? ServiceError)?.validation?.field == "credit_code")
            #expect(try await F.auditCount(store) == 0)
        }
    }

    @Test func refusesAnEmptyName() async throws {
        try await F.withStore { (store: Store) async throws in
            let failure = await caught {
                try await RegistryService(store: store).addOrganisation(
                    OrganisationInput(name: "   ", creditCode: F.employerCode, kind: .enterprise), actor: F.actor)
            }
            #expect((failure as? ServiceError)?.validation?.field == "name")
            #expect(try await RegistryService(store: store).organisations(actor: "tester").isEmpty)
        }
    }

    @Test(arguments: [String?.none, "", "   "])
    func acceptingAnInvalidCodeNeedsAReason(_ reason: String?) async throws {
        try await F.withStore { (store: Store) async throws in
            let failure = await caught {
                try await RegistryService(store: store).addOrganisation(OrganisationInput(
                    name: "某研究所", creditCode: "91350100M0001TGQXM", kind: .institute,
                    acceptInvalidCode: true, overrideReason: reason), actor: F.actor)
            }
            let validation = try #require((failure as? ServiceError)?.validation)
            #expect(validation.field == "reason")
            #expect(try await RegistryService(store: store).organisations(actor: "tester").isEmpty)
            #expect(try await F.auditCount(store) == 0)
        }
    }

    @Test func acceptsAnInvalidCodeWithAReasonAndAuditsBoth() async throws {
        try await F.withStore { (store: Store) async throws in
            let registry = RegistryService(store: store)
            let reason = "pilot-region code, verified on paper"
            let record = try await registry.addOrganisation(OrganisationInput(
                name: "某研究所", creditCode: "91350100M0001TGQXM", kind: .institute,
                acceptInvalidCode: true, overrideReason: "  \(reason)  "), actor: F.actor)
            #expect(record.creditCode == "91350100M0001TGQXM")
            #expect(!record.checksumValid)
            #expect(record.overrideReason == reason)
            #expect(try await registry.organisation(creditCode: "91350100M0001TGQXM", actor: "tester").checksumValid == false)

            let audit = try await F.audit(store, entityType: "organisation", entityID: "91350100M0001TGQXM")
            #expect(Set(audit.map(\.action)) == ["organisation.add", "organisation.accept-invalid-code"])
            #expect(audit.count == 2)
            let override = try #require(audit.first { $0.action == "organisation.accept-invalid-code" })
            #expect(override.reason == reason)
            #expect(override.actor == F.actor.auditName)
        }
    }

    @Test func theOverrideStillNeedsTheRightLengthAndAlphabet() async throws {
        try await F.withStore { (store: Store) async throws in
            let failure = await caught {
                try await RegistryService(store: store).addOrganisation(OrganisationInput(
                    name: "某研究所", creditCode: "91350100M0001TGQX", kind: .institute,
                    acceptInvalidCode: true, overrideReason: "legacy"), actor: F.actor)
            }
            #expect((failure as? ServiceError)?.validation?.field == "credit_code")
        }
    }

    @Test func anOverrideOnAValidCodeRecordsNoOverride() async throws {
        try await F.withStore { (store: Store) async throws in
            let record = try await RegistryService(store: store).addOrganisation(OrganisationInput(
                name: "示例科技有限公司", creditCode: F.employerCode, kind: .enterprise,
                acceptInvalidCode: true, overrideReason: "not needed"), actor: F.actor)
            #expect(record.checksumValid)
            #expect(record.overrideReason == nil)
            #expect(try await F.audit(store).map(\.action) == ["organisation.add"])
        }
    }

    @Test func aDuplicateCreditCodeIsRefusedAndNothingChanges() async throws {
        try await F.withStore { (store: Store) async throws in
            let registry = RegistryService(store: store)
            try await F.addEmployer(store)
            let existing = try await registry.organisation(creditCode: F.employerCode, actor: "tester")
            let failure = await caught {
                try await registry.addOrganisation(OrganisationInput(
                    name: "另一家公司", creditCode: F.employerCode.lowercased(), kind: .university), actor: F.actor)
            }
            let message = try #require((failure as? ServiceError)?.duplicateMessage)
            #expect(message.contains("credit_code"))
            #expect(message.contains(F.employerCode))
            #expect(message.contains(F.employerName))
            #expect(message.contains("#\(existing.id)"))
            #expect(try await registry.organisations(actor: "tester") == [existing])
            #expect(try await F.auditCount(store) == 1)
        }
    }

    @Test func concurrentAddsOfOneCodeStoreOneOrganisation() async throws {
        try await F.withStore { (store: Store) async throws in
            let registry = RegistryService(store: store)
            let outcomes = await withTaskGroup(of: (any Error)?.self) { group in
                for n in 0..<6 {
                    group.addTask {
                        await caught {
                            try await registry.addOrganisation(OrganisationInput(
                                name: "并发公司\(n)", creditCode: F.employerCode, kind: .enterprise), actor: F.actor)
                        }
                    }
                }
                return await group.reduce(into: [(any Error)?]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == nil }.count == 1)
            for case let failure? in outcomes {
                let service = failure as? ServiceError
                let isDuplicate = service?.duplicateMessage != nil
                    || { if case .duplicate? = service?.storeError { return true } else { return false } }()
                #expect(isDuplicate, "unexpected error: \(failure)")
            }
            #expect(try await registry.organisations(actor: "tester").count == 1)
            #expect(try await F.auditCount(store, action: "organisation.add") == 1)
        }
    }

    @Test func anUnknownCodeIsNotFound() async throws {
        try await F.withStore { (store: Store) async throws in
            let failure = await caught { try await RegistryService(store: store).organisation(creditCode: F.employerCode, actor: "tester") }
            #expect((failure as? ServiceError)?.notFoundMessage?.contains(F.employerCode) == true)
        }
    }

    @Test func listsFilterByKindChainAndZoneInPinyinOrder() async throws {
        try await F.withStore { (store: Store) async throws in
            let registry = RegistryService(store: store)
            try await F.addEmployer(store, code: F.employerCode, name: "张家科技有限公司")
            _ = try await registry.addOrganisation(OrganisationInput(
                name: "安顺大学", creditCode: "121200004013590816", kind: .university, industryChain: .aeroEngine), actor: F.actor)
            _ = try await registry.addOrganisation(OrganisationInput(
                name: "北京微电机研究所", creditCode: "91310115MA1K3BTP2B", kind: .institute, industryChain: .microMotor,
                inZone: true), actor: F.actor)
            #expect(try await registry.organisations(actor: "tester").map(\.name) == ["安顺大学", "北京微电机研究所", "张家科技有限公司"])
            #expect(try await registry.organisations(OrganisationFilter(kind: .university), actor: "tester").map(\.name) == ["安顺大学"])
            #expect(try await registry.organisations(OrganisationFilter(chain: .microMotor), actor: "tester").map(\.name) == ["北京微电机研究所"])
            #expect(try await registry.organisations(OrganisationFilter(inZone: true), actor: "tester").map(\.name)
                == ["北京微电机研究所", "张家科技有限公司"])
        }
    }
}
