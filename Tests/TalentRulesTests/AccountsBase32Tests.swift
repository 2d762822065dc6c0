import Testing
import TalentRules

/// Base32 against RFC 4648 §10, and what the decoder accepts and refuses.
@Suite("Accounts: Base32")
struct AccountsBase32Tests {
    static let vectors: [(text: String, base32: String)] = [
        ("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"),
        ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI"),
    ]

    @Test func rfc4648Vectors() {
        for (text, base32) in Self.vectors {
            #expect(Base32.encode(Array(text.utf8)) == base32, "encode \(text)")
            #expect(Base32.decode(base32) == Array(text.utf8), "decode \(base32)")
        }
    }

    @Test func paddedLowerCaseAndGroupedFormsDecode() {
        #expect(Base32.decode("MY======") == Array("f".utf8))
        #expect(Base32.decode("MZXQ====") == Array("fo".utf8))
        #expect(Base32.decode("MZXW6===") == Array("foo".utf8))
        #expect(Base32.decode("MZXW6YQ=") == Array("foob".utf8))
        #expect(Base32.decode("MZXW6YTBOI======") == Array("foobar".utf8))
        #expect(Base32.decode("mzxw6ytboi") == Array("foobar".utf8))
        #expect(Base32.decode("mzxw 6ytb-oi") == Array("foobar".utf8))
    }

    @Test func anythingElseIsRefused() {
        #expect(Base32.decode("MZXW1") == nil, "1 is not in the alphabet")
        #expect(Base32.decode("MZXW8") == nil)
        #expect(Base32.decode("MZ\tXW6") == nil, "only spaces and hyphens are ignored")
        #expect(Base32.decode("MY=Y") == nil, "padding only at the end")
        #expect(Base32.decode("MY=") == nil, "padding that does not fill the block")
        #expect(Base32.decode("MZXW6YTB========") == nil, "a whole block of padding")
        #expect(Base32.decode("M") == nil, "no byte string encodes to 1, 3 or 6 letters")
        #expect(Base32.decode("MZX") == nil)
        #expect(Base32.decode("MZXW6Y") == nil)
        #expect(Base32.decode("MZ") == nil, "unused trailing bits must be zero (f is MY)")
        #expect(Base32.decode("MZXW6É") == nil)
    }

    @Test func everyByteStringRoundTrips() {
        var generator = SeededGenerator(seed: 4648)
        for length in 0...40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let text = Base32.encode(bytes)
            #expect(text.count == (length * 8 + 4) / 5)
            #expect(Base32.decode(text) == bytes)
            #expect(Base32.decode(text.lowercased()) == bytes)
        }
    }
}
