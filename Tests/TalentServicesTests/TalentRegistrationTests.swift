import Foundation
import Testing
import TalentDomain
import TalentServices
@testable import TalentStore
import TestSupport

@Suite("Registry service: talents")
struct TalentRegistrationTests {
    typealias F = RegistryFixture

    @Test func registersAResidentWithBirthDateAndSexFromTheNumber() async throws {
        try await F.withStore { (store: Store) async throws in
            let registry = RegistryService(store: store)
            try await F.addEmployer(store)
            let record = try await registry.register(
                F.resident(name: "王小明", id: "11010519491231002X", employer: F.employerCode.lowercased(),
                           mobile: "+86 138-0013-8000", degree: "硕士"), actor: F.actor)
            #expect(record.name == "王小明")
            #expect(record.idNumber == "11010519491231002X")
            #expect(record.passport == nil && record.nationality == nil)
            #expect(record.identityKey == "11010519491231002X")
            #expect(record.birthDate == CalendarDate(year: 1949, month: 12, day: 31))
            #expect(record.sex == .female)  // 17th digit 2 is even
            #expect(record.mobile == "13800138000")
            #expect(record.degree == .master)
            #expect(record.employer?.creditCode == F.employerCode && record.employer?.name == F.employerName)
            #expect(record.version == 1)

            let male = try await registry.register(F.resident(name: "李强", id: "360426199101010071"), actor: F.actor)
            #expect(male.birthDate == CalendarDate(year: 1991, month: 1, day: 1))
            #expect(male.sex == .male)  // 17th digit 7 is odd
            #expect(male.employer == nil)

            #expect(try await registry.talent(identityKey: "11010519491231002X", actor: "tester") == record)
            #expect(try await F.talentCount(store) == 2)

            let audit = try await F.audit(store, entityType: "talent", entityID: String(record.id))
            #expect(audit.map(\.action) == ["talent.register"])
            #expect(audit.first?.before == nil)
            #expect(try F.object(audit.first?.after)["idNumber"] as? String == "11010519491231002X")
        }
    }

    @Test func registersAForeignTalentByPassportAndNationality() async throws {
        try await F.withStore { (store: Store) async throws in
            let registry = RegistryService(store: store)
            let record = try await registry.register(F.draft([
                "name": "Anna Schmidt", "passport": "c01x00t47", "nationality": "deu", "degree": "doctorate",
            ]), actor: F.actor)
            #expect(record.passport == "C01X00T47")
            #expect(record.nationality == "DEU")
            #expect(record.idNumber == nil)
            #expect(record.identityKey == "DEU:C01X00T47")
            #expect(record.birthDate == nil && record.sex == nil)
            #expect(record.degree == .doctorate)
            #expect(try await registry.talent(identityKey: "DEU:C01X00T47", actor: "tester").id == record.id)

            // The same passport number from another country is another person.
            let other = try await registry.register(F.draft([
                "name": "John Smith", "passport": "C01X00T47", "nationality": "USA",
            ]), actor: F.actor)
            #expect(other.id != record.id)
            #expect(try await F.talentCount(store) == 2)
        }
    }

    @Test func aDuplicateIdentityNamesTheExistingRecord() async throws {
        try await F.withStore { (store: Store) async throws in
            let registry = RegistryService(store: store)
            let existing = try await registry.register(F.resident(name: "王小明", id: "11010519491231002X"), actor: F.actor)
            let failure = await caught {
                try await registry.register(F.resident(name: "王大明", id: "11010519491231002X"), actor: F.actor)
            }
            let message = try #require((failure as? ServiceError)?.duplicateMessage)
            #expect(message.contains("id_number"))
            #expect(message.contains("1101**********002X"))
            #expect(!message.contains("11010519491231002X"))  // the message is masked
            #expect(message.contains("#\(existing.id)"))
            #expect(message.contains("王小明"))
            #expect(try await F.talentCount(store) == 1)
            #expect(try await F.auditCount(store, action: "talent.register") == 1)

            let passport = try await registry.register(
                F.draft(["name": "Anna Schmidt", "passport": "C01X00T47", "nationality": "DEU"]), actor: F.actor)
            let again = await caught {
                try await registry.register(
                    F.draft(["name": "Anna Schmidt", "passport": "C01X00T47", "nationality": "DEU"]), actor: F.actor)
            }
            let passportMessage = try #require((again as? ServiceError)?.duplicateMessage)
            #expect(passportMessage.contains("passport"))
            #expect(passportMessage.contains("#\(passport.id)"))
        }
    }

    @Test func anUnknownEmployerIsInvalidAndNothingIsWritten() async throws {
        try await F.withStore { (store: Store) async throws in
            let failure = await caught {
                try await RegistryService(store: store).register(
                    F.resident(name: "王小明", id: "11010519491231002X", employer: F.unregisteredCode), actor: F.actor)
            }
            let validation = try #require((failure as? ServiceError)?.validation)
            #expect(validation.field == "employer")
            #expect(validation.value == F.unregisteredCode)
            #expect(try await F.talentCount(store) == 0)
            #expect(try await F.auditCount(store) == 0)
        }
    }

    @Test func badFieldsAreRefusedByTheDraftNamingTheField() throws {
        let cases: [([String: String], String)] = [
            (["name": "王小明", "id_number": "110105194912310021"], "id_number"),
            (["name": "王小明", "id_number": "11010519491231002X", "mobile": "12800138000"], "mobile"),
            (["name": "", "id_number": "11010519491231002X"], "name"),
            (["name": "Anna", "passport": "C01X00T47", "nationality": "CHN"], "nationality"),
            (["name": "王小明", "id_number": "11010519491231002X", "contract_start": "2026-02-30"], "contract_start"),
        ]
        for (columns, field) in cases {
            #expect(throws: ValidationError.self) { try TalentDraft(columns: columns) }
            do {
                _ = try TalentDraft(columns: columns)
            } catch {
                #expect(error.field == field, "\(columns)")
            }
        }
    }

    @Test func anUpdateKeepsHistoryBumpsTheVersionAndAuditsBeforeAndAfter() async throws {
        try await F.withStore { (store: Store) async throws in
            let registry = RegistryService(store: store)
            try await F.addEmployer(store)
            let created = try await registry.register(
                F.resident(name: "王小明", id: "11010519491231002X", employer: F.employerCode, mobile: "13800138000"),
                actor: F.actor)
            #expect(try await registry.history(identityKey: "11010519491231002X", actor: "tester").isEmpty)

            let updated = try await registry.update(
                identityKey: "11010519491231002X", changes: ["mobile": "13900139000", "title": "副高"],
                actor: "officer-zhao", reason: "new title certificate")
            #expect(updated.id == created.id)
            #expect(updated.version == 2)
            #expect(updated.mobile == "13900139000")
            #expect(updated.title == .associateSenior)
            #expect(updated.employer?.creditCode == F.employerCode)  // untouched fields stay
            #expect(updated.idNumber == "11010519491231002X")
            #expect(updated.updatedAt >= created.updatedAt)

            let history = try await registry.history(identityKey: "11010519491231002X", reveal: PIIReveal(scope: "test"), actor: "tester")
            #expect(history.map(\.version) == [1])
            let previous = try F.object(history.first?.data)
            #expect(previous["mobile"] as? String == "13800138000")
            #expect(previous["title"] as? String == "none")
            #expect(previous["version"] as? Int == 1)

            let audit = try await F.audit(store, action: "talent.update")
            #expect(audit.count == 1)
            let entry = try #require(audit.first)
            #expect(entry.actor == "cli:officer-zhao")
            #expect(entry.reason == "new title certificate")
            #expect(entry.entityID == String(created.id))
            #expect(try F.object(entry.before)["mobile"] as? String == "13800138000")
            #expect(try F.object(entry.after)["mobile"] as? String == "13900139000")
            #expect(try F.object(entry.before)["version"] as? Int == 1)
            #expect(try F.object(entry.after)["version"] as? Int == 2)

            // A second update: two versions in the history, oldest first; an empty value clears a field.
            let cleared = try await registry.update(
                identityKey: "11010519491231002X", changes: ["mobile": "", "employer_credit_code": ""], actor: F.actor)
            #expect(cleared.version == 3)
            #expect(cleared.mobile == nil)
            #expect(cleared.employer == nil)
            #expect(try await registry.history(identityKey: "11010519491231002X", actor: "tester").map(\.version) == [1, 2])
            #expect(try await registry.talent(identityKey: "11010519491231002X", actor: "tester") == cleared)
        }
    }

    @Test(arguments: [
        ["id_number": "360426199101010071"],
        ["passport": "C01X00T47"],
        ["nationality": "DEU"],
        ["id_number": "11010519491231002X", "mobile": "13900139000"],
    ])
    func theIdentityCannotBeChanged(_ changes: [String: String]) async throws {
        try await F.withStore { (store: Store) async throws in
            let registry = RegistryService(store: store)
            let created = try await registry.register(
                F.resident(name: "王小明", id: "11010519491231002X", mobile: "13800138000"), actor: F.actor)
            let failure = await caught {
                try await registry.update(identityKey: "11010519491231002X", changes: changes, actor: F.actor)
            }
            let validation = try #require((failure as? ServiceError)?.validation)
            #expect(["id_number", "passport", "nationality"].contains(validation.field))
            #expect(validation.reason.contains("cannot be changed"))
            #expect(try await registry.talent(identityKey: "11010519491231002X", actor: "tester") == created)
            #expect(try await registry.history(identityKey: "11010519491231002X", actor: "tester").isEmpty)
            #expect(try await F.auditCount(store, action: "talent.update") == 0)
        }
    }

    @Test func anUnknownFieldInAnUpdateIsRefusedAndNothingChanges() async throws {
        try await F.withStore { (store: Store) async throws in
            let registry = RegistryService(store: store)
            let created = try await registry.register(
                F.resident(name: "王小明", id: "11010519491231002X", mobile: "13800138000"), actor: F.actor)
            let failure = await caught {
                try await registry.update(identityKey: "11010519491231002X", changes: ["mobil": "13900139000"], actor: F.actor)
            }
            let validation = try #require((failure as? ServiceError)?.validation)
            #expect(validation.field == "mobil")
            #expect(try await registry.talent(identityKey: "11010519491231002X", actor: "tester") == created)
            #expect(try await F.auditCount(store, action: "talent.update") == 0)
        }
    }

    @Test func anInvalidUpdateChangesNothing() async throws {
        try await F.withStore { (store: Store) async throws in
            let registry = RegistryService(store: store)
            let created = try await registry.register(
                F.resident(name: "王小明", id: "11010519491231002X", mobile: "13800138000"), actor: F.actor)
            let badMobile = await caught {
                try await registry.update(identityKey: "11010519491231002X", changes: ["mobile": "123"], actor: F.actor)
            }
            #expect((badMobile as? ServiceError)?.validation?.field == "mobile")
            let unknownEmployer = await caught {
                try await registry.update(
                    identityKey: "11010519491231002X", changes: ["employer_credit_code": F.unregisteredCode], actor: F.actor)
            }
            #expect((unknownEmployer as? ServiceError)?.validation?.field == "employer")
            let nothing = await caught {
                try await registry.update(identityKey: "11010519491231002X", changes: [:], actor: F.actor)
            }
            #expect((nothing as? ServiceError)?.validation != nil)
            let missing = await caught {
                try await registry.update(identityKey: "360426199101010071", changes: ["mobile": "13900139000"], actor: F.actor)
            }
            #expect((missing as? ServiceError)?.notFoundMessage != nil)

            #expect(try await registry.talent(identityKey: "11010519491231002X", actor: "tester") == created)
            #expect(try await registry.history(identityKey: "11010519491231002X", actor: "tester").isEmpty)
            #expect(try await F.auditCount(store) == 1)
        }
    }

    @Test func eightConcurrentRegistrationsOfOneIdentityStoreExactlyOne() async throws {
        try await F.withStore { (store: Store) async throws in
            let registry = RegistryService(store: store)
            let draft = try F.resident(name: "王小明", id: "11010519491231002X", mobile: "13800138000")
            let outcomes = await withTaskGroup(of: (any Error)?.self) { group in
                for _ in 0..<8 {
                    group.addTask { await caught { try await registry.register(draft, actor: F.actor) } }
                }
                return await group.reduce(into: [(any Error)?]()) { $0.append($1) }
            }
            #expect(outcomes.count == 8)
            #expect(outcomes.filter { $0 == nil }.count == 1)
            for case let failure? in outcomes {
                let service = failure as? ServiceError
                var isDuplicate = service?.duplicateMessage != nil
                if case .duplicate(let constraint, _)? = service?.storeError {
                    isDuplicate = constraint == "talents_identity_unique"
                }
                #expect(isDuplicate, "unexpected error: \(failure)")
            }
            #expect(try await F.talentCount(store) == 1)
            #expect(try await F.auditCount(store, action: "talent.register") == 1)
            #expect(try await registry.talents(TalentFilter(), actor: "tester").map(\.identityKey) == ["11010519491231002X"])
        }
    }

    @Test func theAuditRowIsWrittenInTheSameTransaction() async throws {
        try await F.withStore { (store: Store) async throws in
            // Make the audit insert fail: the registration must then leave no talent behind.
            try await store.write { session in
                try await session.execute(sql: """
                    CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'audit refused by test'; END $$
                    """)
                try await session.execute(sql: """
                    CREATE TRIGGER test_refuse_register BEFORE INSERT ON audit_log FOR EACH ROW
                    WHEN (NEW.action = 'talent.register') EXECUTE FUNCTION test_refuse_audit()
                    """)
            }
            let registry = RegistryService(store: store)
            let failure = await caught {
                try await registry.register(F.resident(name: "王小明", id: "11010519491231002X"), actor: F.actor)
            }
            #expect((failure as? ServiceError)?.storeError != nil)
            #expect(try await F.talentCount(store) == 0)
            #expect(try await F.auditCount(store) == 0)
        }
    }

    @Test func listsInPinyinOrderAndFilters() async throws {
        try await F.withStore { (store: Store) async throws in
            let registry = RegistryService(store: store)
            try await F.addEmployer(store)
            for (name, n, employer) in [("赵六", 1, true), ("王小明", 2, true), ("安娜", 3, false), ("陈晨", 4, false)] {
                _ = try await registry.register(
                    F.resident(name: name, id: F.residentID(n), employer: employer ? F.employerCode : nil), actor: F.actor)
            }
            #expect(try await registry.talents(TalentFilter(), actor: "tester").map(\.name) == ["安娜", "陈晨", "王小明", "赵六"])
            #expect(try await registry.talents(TalentFilter(employerCreditCode: F.employerCode), actor: "tester").map(\.name) == ["王小明", "赵六"])
            #expect(try await registry.talents(TalentFilter(nameContains: "小"), actor: "tester").map(\.name) == ["王小明"])
            #expect(try await registry.talents(TalentFilter(limit: 2, offset: 1), actor: "tester").map(\.name) == ["陈晨", "王小明"])
        }
    }

    @Test func revealingPIIIsAuditedPerTalent() async throws {
        try await F.withStore { (store: Store) async throws in
            let registry = RegistryService(store: store)
            let wang = try await registry.register(F.resident(name: "王小明", id: "11010519491231002X"), actor: F.actor)
            let li = try await registry.register(F.resident(name: "李娜", id: "360426199101010071"), actor: F.actor)
            _ = try await registry.talent(identityKey: wang.identityKey.fullValue, actor: "tester")
            _ = try await registry.talents(TalentFilter(), actor: "tester")
            _ = try await registry.history(identityKey: wang.identityKey.fullValue, actor: "tester")
            #expect(try await F.audit(store, action: "pii.reveal").isEmpty)

            let shown = try await registry.talent(identityKey: wang.identityKey.fullValue, reveal: PIIReveal(scope: "talent show"), actor: "auditor")
            #expect(shown == wang)
            var entries = try await F.audit(store, action: "pii.reveal")
            #expect(entries.map(\.entityID) == [String(wang.id)])
            #expect(entries.first?.actor == "cli:auditor")
            #expect(entries.first?.entityType == "talent")

            let listed = try await registry.talents(TalentFilter(), reveal: PIIReveal(scope: "talent list"), actor: "auditor")
            #expect(listed.count == 2)
            _ = try await registry.history(identityKey: li.identityKey.fullValue, reveal: PIIReveal(scope: "talent history"), actor: "auditor")
            entries = try await F.audit(store, action: "pii.reveal")
            #expect(entries.count == 4)
            #expect(entries.filter { $0.entityID == String(wang.id) }.count == 2)
            #expect(entries.filter { $0.entityID == String(li.id) }.count == 2)
            #expect(entries.allSatisfy { $0.entityType == "talent" && $0.actor == "cli:auditor" })

            // A reveal of nobody is no reveal; one of a talent not registered fails and records nothing.
            _ = try await registry.talents(TalentFilter(nameContains: "无此人"), reveal: PIIReveal(scope: "talent list"), actor: "auditor")
            await #expect(throws: ServiceError.self) {
                _ = try await registry.talent(identityKey: "440524188001010014", reveal: PIIReveal(scope: "talent show"), actor: "auditor")
            }
            #expect(try await F.audit(store, action: "pii.reveal").count == 4)
        }
    }
}
