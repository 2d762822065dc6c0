import Testing
import TalentDomain

@Suite struct PersonalDataMaskTests {
    @Test func typedValuesAndRawTextAreMaskedAlike() throws {
        #expect(PersonalDataMask.identity("11010519491231002X") == "1101**********002X")
        #expect(try ResidentIdentityNumber("11010519491231002X").masked == "1101**********002X")
        #expect(PersonalDataMask.identity(" 110105194912310021 ") == "1101**********0021")  // wrong check character
        #expect(PersonalDataMask.identity("1101051949123100") == "1101********3100")  // too short, still masked
        #expect(PersonalDataMask.identity("12345") == "*****")
        #expect(PersonalDataMask.identity("DEU:C01X00T47") == "DEU:C0*****47")
        #expect(try PersonIdentity(key: "DEU:C01X00T47").masked == "DEU:C0*****47")
        #expect(PersonalDataMask.mobile("+86 138-0013-8000") == "138****8000")
        #expect(try MobileNumber("13800138000").masked == "138****8000")
        #expect(PersonalDataMask.mobile("12800138000") == "128****8000")
        #expect(PersonalDataMask.mobile("1380") == "****")
    }

    @Test func maskingIsIdempotent() {
        for text in ["11010519491231002X", "DEU:C01X00T47", "13800138000"] {
            let once = PersonalDataMask.value(text, field: text.count == 11 ? "mobile" : "id_number")
            #expect(PersonalDataMask.value(once, field: text.count == 11 ? "mobile" : "id_number") == once)
        }
    }

    @Test func validationErrorsAndImportIssuesNeverCarryAFullNumber() {
        let identity = ValidationError(field: "id_number", value: "110105194912310021", reason: "bad")
        #expect(identity.value == "1101**********0021")
        #expect(!identity.description.contains("110105194912310021"))
        let mobile = ImportIssue(line: 2, column: "mobile", value: "12800138000", reason: "bad")
        #expect(mobile.value == "128****8000")
        let passport = ValidationError(field: "passport", value: "C01X00T47", reason: "bad")
        #expect(passport.value == "C0*****47")
        let name = ValidationError(field: "name", value: "王小明", reason: "bad")
        #expect(name.value == "王小明")
    }

    @Test func freeTextHasItsNumbersMasked() {
        #expect(PersonalDataMask.numbers(in: "Key (identity_key)=(11010519491231002X) already exists.")
                == "Key (identity_key)=(1101**********002X) already exists.")
        #expect(PersonalDataMask.numbers(in: "Key (cohort_id, identity_key)=(3, USA:E1234567) already exists.")
                == "Key (cohort_id, identity_key)=(3, USA:E1****67) already exists.")
        #expect(PersonalDataMask.numbers(in: "Failing row contains (7, 13800138000, x).") == "Failing row contains (7, 138****8000, x).")
        // Credit codes, longer digit runs, and already masked numbers stay as they are.
        for text in ["credit_code 91110000600037341L", "credit_code 121200004013590816", "seed 2026112613800138000",
                     "1101**********002X and 138****8000", "talent #13800"] {
            #expect(PersonalDataMask.numbers(in: text) == text)
        }
    }

    @Test func jsonValuesUnderPersonalKeysAreMasked() {
        let masked = PersonalDataMask.json(
            #"{"id_number":"11010519491231002X","mobile":"13800138000","passport":"C01X00T47","name":"王小明","nested":[{"talentIdentityKey":"DEU:C01X00T47"}]}"#)
        #expect(masked.contains(#""id_number":"1101**********002X""#))
        #expect(masked.contains(#""mobile":"138****8000""#))
        #expect(masked.contains(#""passport":"C0*****47""#))
        #expect(masked.contains(#""talentIdentityKey":"DEU:C0*****47""#))
        #expect(masked.contains("王小明"))
        #expect(PersonalDataMask.json("not json 11010519491231002X") == "not json 11010519491231002X")
    }
}
