import Foundation
import Testing
@testable import TalentDomain

@Suite struct RoundCodeTests {
    func rejection(_ raw: String) -> ValidationError? {
        do {
            _ = try RoundCode(raw)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: ["2026-R1", "R1", "r_2", "9", String(repeating: "A", count: 40), "R-1_b"])
    func wellFormedCodesPass(raw: String) throws {
        #expect(try RoundCode(raw).value == raw)
        #expect(try RoundCode(raw).description == raw)
    }

    @Test func spacesAroundAreDroppedAndCaseIsKept() throws {
        #expect(try RoundCode("  2026-r1\t").value == "2026-r1")
        #expect(try RoundCode("R1\n").value == "R1")
    }

    @Test func aSpaceInsideIsNamed() {
        let error = rejection("R 1")
        #expect(error?.field == "code")
        #expect(error?.value == "R 1")
        #expect(error?.reason == "must be 1–40 letters, digits, '-' or '_', starting with a letter or digit (character 2 is ' ')")
        #expect(error?.hint == "e.g. 2026-R1")
        #expect(error?.description == "code 'R 1': must be 1–40 letters, digits, '-' or '_', starting with a letter or digit "
            + "(character 2 is ' '). e.g. 2026-R1")
    }

    @Test func whatIsWrongIsSaid() {
        #expect(rejection("")?.reason.hasSuffix("(it is empty)") == true)
        #expect(rejection("   ")?.reason.hasSuffix("(it is empty)") == true)
        #expect(rejection("-R1")?.reason.hasSuffix("(it starts with '-')") == true)
        #expect(rejection("_R1")?.reason.hasSuffix("(it starts with '_')") == true)
        #expect(rejection("2026年第一轮")?.reason.hasSuffix("(character 5 is '年')") == true)
        #expect(rejection("R1/2")?.reason.hasSuffix("(character 3 is '/')") == true)
        #expect(rejection("Ｒ1")?.reason.hasSuffix("(character 1 is 'Ｒ')") == true, "a full-width letter is not ASCII")
        #expect(rejection(String(repeating: "A", count: 41))?.reason.hasSuffix("(it has 41 characters)") == true)
    }

    @Test func aLongInputIsShownCut() {
        let raw = String(repeating: "B", count: 70)
        #expect(rejection(raw)?.value == String(repeating: "B", count: 40) + "… (70 characters)")
    }

    @Test func itIsCodableAsAString() throws {
        let code = try RoundCode("2026-R1")
        let data = try JSONEncoder().encode([code])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-R1"]"#)
        #expect(try JSONDecoder().decode([RoundCode].self, from: data) == [code])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([RoundCode].self, from: Data(#"["R 1"]"#.utf8)) }
    }

    @Test func theSyntaxIsThatOfHousingCodes() {
        #expect(HousingCodeSyntax.isWellFormed("ZGTT-A"))
        #expect(!HousingCodeSyntax.isWellFormed(""))
        #expect(!HousingCodeSyntax.isWellFormed(" A"))
        #expect(HousingCodeSyntax.whatIsWrong("A-0101") == "")
    }
}
