import Testing
@testable import TalentDomain

@Suite struct CreditCodeTests {
    func rejection(_ raw: String) -> ValidationError? {
        do {
            _ = try CreditCode(raw)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        "91110000600037341L", "121200004013590816", "91310115MA1K3BTP2B",
        "91310115591693856A", "91310110666007217T", "91350100M000100Y43",
    ])
    func publishedVectorsPass(raw: String) throws {
        let code = try CreditCode(raw)
        #expect(code.value == raw)
        #expect(code.isChecksumValid)
        #expect(code.isOrganisationCodeValid)
    }

    @Test func inputIsTrimmedAndUppercased() throws {
        let code = try CreditCode(" 91310115ma1k3btp2b ")
        #expect(code.value == "91310115MA1K3BTP2B")
        #expect(code.registeringDepartment == "9")
        #expect(code.regionCode == "310115")
    }

    @Test func wrongCheckCharacterIsRejected() {
        let error = rejection("91110000600037341N")
        #expect(error?.field == "credit_code")
        #expect(error?.reason == "check character should be L, not N")
        #expect(error?.hint != nil)
    }

    @Test(arguments: ["I", "O", "S", "V", "Z"])
    func forbiddenLettersAreRejected(letter: String) {
        let raw = "91310115MA1K3BT" + letter + "2B"
        let error = rejection(raw)
        #expect(error?.reason.contains("character 16 is '\(letter)'") == true)
        #expect(error?.reason.contains("never used") == true)
    }

    @Test func wrongLengthIsRejected() {
        #expect(rejection("91110000600037341")?.reason == "must have 18 characters, found 17")
        #expect(rejection("")?.reason == "must have 18 characters, found 0")
    }

    @Test func everySingleSubstitutionWithinTheAlphabetIsRejected() {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        var accepted: [String] = []
        var tried = 0
        for sample in ["91110000600037341L", "91310115MA1K3BTP2B", "121200004013590816"] {
            let chars = Array(sample)
            for position in chars.indices {
                for replacement in alphabet where replacement != chars[position] {
                    var mutated = chars
                    mutated[position] = replacement
                    tried += 1
                    if rejection(String(mutated)) == nil { accepted.append(String(mutated)) }
                }
            }
        }
        #expect(tried == 3 * 18 * 30)
        #expect(accepted.isEmpty)
    }

    @Test func legacyCodeNeedsTheOverride() throws {
        #expect(rejection("91350100M0001TGQXM")?.reason == "check character should be 1, not M")
        let code = try CreditCode(acceptingInvalidChecksum: "91350100m0001tgqxm")
        #expect(code.value == "91350100M0001TGQXM")
        #expect(code.isChecksumValid == false)
        #expect(try CreditCode(acceptingInvalidChecksum: "91110000600037341L").isChecksumValid)
    }

    @Test func overrideStillRequiresLengthAndAlphabet() {
        #expect(throws: ValidationError.self) { try CreditCode(acceptingInvalidChecksum: "91350100M0001TGQX") }
        #expect(throws: ValidationError.self) { try CreditCode(acceptingInvalidChecksum: "91350100M0001TGQXO") }
    }

    @Test func makeAppendsTheCheckCharacter() throws {
        let code = CreditCode.make(first17: "91520115MA6H12345")
        #expect(code.value == "91520115MA6H123459")  // computed independently
        #expect(CreditCode.make(first17: "Y2YRQWU8KMLNHJ9GE").value == "Y2YRQWU8KMLNHJ9GE7")
        #expect(try CreditCode(code.value) == code)
        #expect(CreditCode.checkCharacter(forFirst17: "91110000600037341") == "L")
        #expect(CreditCode.checkCharacter(forFirst17: "9111000060003734I") == nil)
    }

    @Test func organisationCodeCheckIsReportedOnly() throws {
        // Position 17 changed from 1 to 2, position 18 recomputed: a valid credit code whose
        // organisation-code check fails.
        let code = CreditCode.make(first17: "91110000600037342")
        #expect(try CreditCode(code.value).isChecksumValid)
        #expect(code.isOrganisationCodeValid == false)
    }
}
