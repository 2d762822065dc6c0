import Testing
@testable import TalentDomain

@Suite struct MobileNumberTests {
    @Test(arguments: ["13800138000", "+8613800138000", "+86 138 0013 8000", "8613800138000", "013800138000", "138-0013-8000", "008613800138000"])
    func prefixesAndSeparatorsAreRemoved(raw: String) throws {
        let mobile = try MobileNumber(raw)
        #expect(mobile.value == "13800138000")
        #expect(mobile.masked == "138****8000")
    }

    @Test func badSecondDigitIsRejected() {
        #expect(validationReason { _ = try MobileNumber("12800138000") } == "the second digit must be 3–9, not 2")
    }

    @Test func wrongFirstDigitIsRejected() {
        #expect(validationReason { _ = try MobileNumber("23800138000") } == "must start with 1, not 2")
    }

    @Test func wrongLengthIsRejected() {
        #expect(validationReason { _ = try MobileNumber("1380013800") } == "must have 11 digits, found 10")
        #expect(validationReason { _ = try MobileNumber("+86138001380001") } == "must have 11 digits, found 12")
    }

    @Test func lettersAreRejected() throws {
        do {
            _ = try MobileNumber("1380013800a")
            Issue.record("accepted a letter")
        } catch {
            #expect(error.field == "mobile")
            #expect(error.reason == "'a' is not a digit")
        }
    }
}
