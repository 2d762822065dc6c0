import Foundation
import Testing
@testable import TalentDomain

@Suite struct PassportAndNationalityTests {
    @Test func passportIsUppercasedAndMasked() throws {
        let passport = try PassportNumber(" e1234567 ")
        #expect(passport.value == "E1234567")
        #expect(passport.masked == "E1****67")
    }

    @Test func passportLengthAndCharactersAreChecked() {
        #expect(validationReason { _ = try PassportNumber("E123") } == "must have 5–20 characters, found 4")
        #expect(validationReason { _ = try PassportNumber(String(repeating: "A", count: 21)) } == "must have 5–20 characters, found 21")
        #expect(validationReason { _ = try PassportNumber("E12-4567") } == "'-' is not allowed")
        #expect(validationReason { _ = try PassportNumber("E12345") } == nil)
    }

    @Test func nationalityAcceptsTwoOrThreeLetters() throws {
        #expect(try Nationality("usa").code == "USA")
        #expect(try Nationality(" de ").code == "DE")
        #expect(validationReason { _ = try Nationality("U5A") } == "must be a 2- or 3-letter ISO 3166-1 country code")
        #expect(validationReason { _ = try Nationality("USAA") } != nil)
    }

    @Test(arguments: ["CHN", "cn"])
    func chinaIsRefusedWithAHint(raw: String) {
        do {
            _ = try Nationality(raw)
            Issue.record("accepted \(raw)")
        } catch {
            #expect(error.field == "nationality")
            #expect(error.hint?.contains("resident identity number") == true)
        }
    }

    @Test func identityKeysAndMasks() throws {
        let passport = PersonIdentity.passport(try PassportNumber("E1234567"), try Nationality("USA"))
        #expect(passport.key == "USA:E1234567")
        #expect(passport.masked == "USA:E1****67")
        let resident = PersonIdentity.resident(try ResidentIdentityNumber("11010519491231002X"))
        #expect(resident.key == "11010519491231002X")
        #expect(resident.masked == "1101**********002X")
        #expect(try PersonIdentity(key: "USA:E1234567") == passport)
        #expect(try PersonIdentity(key: resident.key) == resident)
    }

    @Test func identityEncodesAsItsKey() throws {
        let identity = PersonIdentity.passport(try PassportNumber("E1234567"), try Nationality("USA"))
        let json = try JSONEncoder().encode([identity])
        #expect(String(decoding: json, as: UTF8.self) == #"["USA:E1234567"]"#)
        #expect(try JSONDecoder().decode([PersonIdentity].self, from: json) == [identity])
    }
}
