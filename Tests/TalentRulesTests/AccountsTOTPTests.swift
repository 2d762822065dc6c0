import Foundation
import Testing
import TalentDomain
import TalentRules

/// TOTP against the published vectors of RFC 4226 (HOTP) and RFC 6238 (TOTP), and the window rule.
@Suite("Accounts: TOTP and HOTP")
struct AccountsTOTPTests {
    static func seed(_ text: String) -> [UInt8] { Array(text.utf8) }
    static let sha1Seed = seed("12345678901234567890")
    static let sha256Seed = seed("12345678901234567890123456789012")
    static let sha512Seed = seed("1234567890123456789012345678901234567890123456789012345678901234")

    /// RFC 4226 Appendix D: counters 0–9, 6 digits, the 20-byte seed.
    @Test func hotpAppendixD() throws {
        let hotp = try TOTP(secret: Self.sha1Seed)
        let expected = ["755224", "287082", "359152", "969429", "338314",
                        "254676", "287922", "162583", "399871", "520489"]
        #expect((0...9).map { hotp.code(counter: UInt64($0)) } == expected)
    }

    struct Vector: Sendable, CustomTestStringConvertible {
        var time: TimeInterval
        var step: UInt64
        var sha1: String
        var sha256: String
        var sha512: String
        var testDescription: String { "T=\(Int64(time))" }
    }

    /// RFC 6238 Appendix B: 8 digits, 30-second steps, one seed per algorithm.
    static let appendixB = [
        Vector(time: 59, step: 0x1, sha1: "94287082", sha256: "46119246", sha512: "90693936"),
        Vector(time: 1_111_111_109, step: 0x23523EC, sha1: "07081804", sha256: "68084774", sha512: "25091201"),
        Vector(time: 1_111_111_111, step: 0x23523ED, sha1: "14050471", sha256: "67062674", sha512: "99943326"),
        Vector(time: 1_234_567_890, step: 0x273EF07, sha1: "89005924", sha256: "91819424", sha512: "93441116"),
        Vector(time: 2_000_000_000, step: 0x3F940AA, sha1: "69279037", sha256: "90698825", sha512: "38618901"),
        Vector(time: 20_000_000_000, step: 0x27BC86AA, sha1: "65353130", sha256: "77737706", sha512: "47863826"),
    ]

    @Test(arguments: appendixB)
    func totpAppendixB(_ vector: Vector) throws {
        let date = Date(timeIntervalSince1970: vector.time)
        let sha1 = try TOTP(secret: Self.sha1Seed, digits: 8, algorithm: .sha1)
        let sha256 = try TOTP(secret: Self.sha256Seed, digits: 8, algorithm: .sha256)
        let sha512 = try TOTP(secret: Self.sha512Seed, digits: 8, algorithm: .sha512)
        #expect(sha1.timeStep(at: date) == vector.step)
        #expect(sha1.code(at: date) == vector.sha1)
        #expect(sha256.code(at: date) == vector.sha256)
        #expect(sha512.code(at: date) == vector.sha512)
        #expect(sha1.matchingStep(vector.sha1, at: date, window: 0) == vector.step)
    }

    // MARK: The window

    let totp = try! TOTP(secret: AccountsTOTPTests.sha1Seed)
    /// 2009-02-13T23:31:30Z, the first second of step 0x273EF07 (1234567890 is its 0th second).
    let now = Date(timeIntervalSince1970: 1_234_567_890)
    var step: UInt64 { totp.timeStep(at: now) }

    @Test func theCurrentAndTheNeighbouringStepsMatch() {
        #expect(totp.matchingStep(totp.code(counter: step), at: now) == step)
        #expect(totp.matchingStep(totp.code(counter: step - 1), at: now) == step - 1, "the previous step, for a slow typist")
        #expect(totp.matchingStep(totp.code(counter: step + 1), at: now) == step + 1, "the next step, for a clock that runs fast")
    }

    @Test func twoStepsAwayDoesNotMatch() {
        #expect(totp.matchingStep(totp.code(counter: step - 2), at: now) == nil)
        #expect(totp.matchingStep(totp.code(counter: step + 2), at: now) == nil)
        #expect(totp.matchingStep(totp.code(counter: step - 2), at: now, window: 2) == step - 2)
        #expect(totp.matchingStep(totp.code(counter: step - 1), at: now, window: 0) == nil)
        #expect(totp.matchingStep(totp.code(counter: step - 1), at: now, window: -3) == nil, "a negative window is no window")
    }

    @Test func malformedCandidatesAreRefused() {
        let code = totp.code(counter: step)
        #expect(totp.matchingStep(String(code.dropLast()), at: now) == nil, "too short")
        #expect(totp.matchingStep(code + "0", at: now) == nil, "too long")
        #expect(totp.matchingStep("", at: now) == nil)
        #expect(totp.matchingStep("12345a", at: now) == nil)
        #expect(totp.matchingStep(" " + code.dropFirst(), at: now) == nil)
        #expect(totp.matchingStep("١٢٣٤٥٦", at: now) == nil, "only ASCII digits")
    }

    @Test func stepZeroHasNoEarlierNeighbour() {
        let epoch = Date(timeIntervalSince1970: 0)
        #expect(totp.timeStep(at: epoch) == 0)
        #expect(totp.timeStep(at: Date(timeIntervalSince1970: -100)) == 0)
        #expect(totp.matchingStep(totp.code(counter: 0), at: epoch) == 0)
        #expect(totp.matchingStep(totp.code(counter: 1), at: epoch) == 1)
    }

    // MARK: Checks, secrets, URI

    @Test func invalidParametersThrow() {
        #expect(throws: ValidationError.self) { try TOTP(secret: Array(Self.sha1Seed.prefix(15))) }
        #expect(throws: ValidationError.self) { try TOTP(secret: Self.sha1Seed, digits: 5) }
        #expect(throws: ValidationError.self) { try TOTP(secret: Self.sha1Seed, digits: 9) }
        #expect(throws: ValidationError.self) { try TOTP(secret: Self.sha1Seed, period: 0) }
        do {
            _ = try TOTP(secret: [UInt8](repeating: 0xAB, count: 10))
            Issue.record("a 10-byte secret was accepted")
        } catch {
            #expect(error.field == "totp.secret")
            #expect(error.value == "10 bytes", "the message names the length, never the secret")
        }
    }

    @Test func randomSecretsComeFromTheGivenGenerator() {
        var first = SeededGenerator(seed: 42)
        var second = SeededGenerator(seed: 42)
        let secret = TOTP.randomSecret(using: &first)
        #expect(secret.count == 20)
        #expect(secret == TOTP.randomSecret(using: &second))
        #expect(TOTP.randomSecret(byteCount: 32, using: &first).count == 32)
        #expect(TOTP.randomSecret() != TOTP.randomSecret(), "the system generator: equal 20-byte secrets are 2^-160 unlikely")
    }

    @Test func provisioningURIEncodesTheLabel() throws {
        let uri = totp.provisioningURI(issuer: "TalentZone", account: "zhou.meilin@example.cn")
        #expect(uri == "otpauth://totp/TalentZone:zhou.meilin%40example.cn?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            + "&issuer=TalentZone&algorithm=SHA1&digits=6&period=30")
        let chinese = try TOTP(secret: Self.sha256Seed, digits: 8, period: 60, algorithm: .sha256)
            .provisioningURI(issuer: "人才 Town", account: "a:b")
        #expect(chinese.hasPrefix("otpauth://totp/%E4%BA%BA%E6%89%8D%20Town:a%3Ab?secret="))
        #expect(chinese.hasSuffix("&issuer=%E4%BA%BA%E6%89%8D%20Town&algorithm=SHA256&digits=8&period=60"))
    }

    @Test func printingHidesTheSecret() {
        let secretText = Base32.encode(Self.sha1Seed)
        for printed in [String(describing: totp), String(reflecting: totp), { var s = ""; dump(totp, to: &s); return s }()] {
            #expect(!printed.contains(secretText))
            #expect(!printed.contains("49"), "no byte of the seed ('1' is 49)")
        }
        #expect(totp.description == "TOTP(SHA1, 6 digits, 30 s, secret hidden)")
    }
}
