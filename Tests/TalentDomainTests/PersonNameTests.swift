import Testing
@testable import TalentDomain

@Suite struct PersonNameTests {
    @Test(arguments: ["王小明", "阿卜杜拉·买买提", "María José García", "ئەخمەت", "欧阳 娜娜"])
    func namesInAnyScriptPass(raw: String) throws {
        #expect(try PersonName(raw).value == raw)
    }

    @Test func nameIsTrimmedAndNFCNormalized() throws {
        let decomposed = "Jose\u{301}"
        let name = try PersonName("  \(decomposed)\u{3000}")
        #expect(name.value.unicodeScalars.count == 4)
        #expect(name.value == "José")
    }

    @Test func emptyNameIsRejected() {
        #expect(validationReason { _ = try PersonName("   ") } == "is empty")
        #expect(validationReason { _ = try PersonName("") } == "is empty")
    }

    @Test func controlCharactersAreRejected() {
        #expect(validationReason { _ = try PersonName("王\n小明") } == #"contains the control character \n"#)
        #expect(validationReason { _ = try PersonName("王\u{0}小明") } != nil)
        #expect(validationReason { _ = try PersonName("王\t小明") } != nil)
    }

    @Test func theReplacementCharacterIsRejected() {
        // What bytes that were not UTF-8 (a name typed in a GBK terminal) become on the way in.
        #expect(validationReason { _ = try PersonName("王\u{FFFD}\u{FFFD}明") }?.contains("U+FFFD") == true)
        #expect(validationReason { _ = try PersonName("\u{FFFD}") } != nil)
    }

    @Test func overlongNameIsRejected() {
        #expect(validationReason { _ = try PersonName(String(repeating: "王", count: 100)) } == nil)
        #expect(validationReason { _ = try PersonName(String(repeating: "王", count: 101)) } == "has 101 characters, more than 100")
    }
}
