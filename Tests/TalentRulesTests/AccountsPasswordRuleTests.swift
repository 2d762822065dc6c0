import Testing
import TalentRules

/// Every password problem can be reached, a good password has none, and no message repeats a secret.
@Suite("Accounts: password rule")
struct AccountsPasswordRuleTests {
    let rule = PasswordRule.standard
    let login = "zhoumeilin"
    let identityNumber = "11010519491231002X"

    func problems(_ password: String, login: String? = nil, identityNumber: String?? = .none) -> [PasswordProblem] {
        rule.problems(in: password, login: login ?? self.login, identityNumber: identityNumber ?? self.identityNumber)
    }

    @Test func aGoodPasswordHasNoProblems() {
        #expect(problems("correct horse battery staple").isEmpty)
        #expect(problems("人才小镇的春天来得早").count == 1, "10 characters: only too short")
        #expect(problems("人才小镇的春天来得很早呢").isEmpty, "12 Chinese characters are 36 bytes")
        #expect(problems("correct horse battery staple", identityNumber: .some(nil)).isEmpty)
    }

    @Test func length() {
        #expect(problems("Xy7-short") == [.tooShort(minimum: 12)])
        #expect(problems(String(repeating: "x", count: 11) + "yz").isEmpty, "13 characters")
        #expect(problems(String(repeating: "xyz", count: 4)).isEmpty, "exactly 12 characters")
        let narrow = PasswordRule(minimumLength: 12, maximumLength: 20)
        #expect(narrow.problems(in: "correct horse battery", login: login, identityNumber: nil) == [.tooLong(maximum: 20)])
        #expect(narrow.problems(in: "correct horse batter", login: login, identityNumber: nil).isEmpty, "exactly 20")
        #expect(problems(String(repeating: "ab3", count: 43)) == [.tooLong(maximum: 128), .tooManyBytes(maximum: 72)],
                "129 characters are over 72 bytes too")
    }

    @Test func bytesAreCountedForBcrypt() {
        #expect(problems(String(repeating: "a1b", count: 24)).isEmpty, "72 ASCII bytes")
        #expect(problems(String(repeating: "a1b", count: 24) + "c") == [.tooManyBytes(maximum: 72)])
        #expect(problems(String(repeating: "人才镇", count: 9)) == [.tooManyBytes(maximum: 72)], "27 characters, 81 bytes")
        #expect(problems(String(repeating: "人才镇", count: 8)).isEmpty, "24 characters, 72 bytes")
    }

    @Test func theLoginIsRefusedInAnyCase() {
        #expect(problems("Xy7-ZhouMeilin-2026") == [.containsLogin])
        #expect(problems("Xy7-ZHOUMEILIN-2026") == [.containsLogin])
        #expect(problems("Xy7-zhou-meilin-2026").isEmpty)
        #expect(problems("Xy7-li-and-li-2026", login: "li").isEmpty, "a login under 3 characters is not looked for")
        #expect(problems("Xy7-wei-and-wei-2026", login: "Wei") == [.containsLogin])
    }

    @Test func theIdentityNumberAndItsTailAreRefused() {
        #expect(problems("Xy7-11010519491231002X") == [.containsIdentityNumber])
        #expect(problems("Xy7-11010519491231002x-q") == [.containsIdentityNumber], "any case")
        #expect(problems("mypin31002xok") == [.containsIdentityNumber], "the last 6 characters")
        #expect(problems("mypin1002xokay").isEmpty, "5 of the last characters are allowed")
        #expect(problems("Xy7-E12345678-q", identityNumber: "USA:E12345678") == [.containsIdentityNumber])
        #expect(problems("Xy7-11010519491231002X", identityNumber: .some(nil)).isEmpty, "no identity number registered")
    }

    @Test func repetitionAndControlCharacters() {
        #expect(problems("abababababab") == [.fewerThanThreeDistinctCharacters])
        #expect(problems("aaaaaaaaaaaa") == [.fewerThanThreeDistinctCharacters])
        #expect(problems("abcabcabcabc").isEmpty)
        #expect(problems("correct horse\tbattery") == [.controlCharacters])
        #expect(problems("correct horse battery\n") == [.controlCharacters])
        #expect(problems("correct\u{7F}horse battery") == [.controlCharacters], "DEL")
        #expect(problems("correct\u{85}horse battery") == [.controlCharacters], "a C1 control (next line)")
        #expect(problems("correct\u{200B}horse battery").isEmpty, "a zero-width space is Cf, not Cc")
    }

    static let everyProblem: [PasswordProblem] = [
        .tooShort(minimum: 12), .tooLong(maximum: 128), .tooManyBytes(maximum: 72), .containsLogin,
        .containsIdentityNumber, .fewerThanThreeDistinctCharacters, .controlCharacters,
    ]

    @Test func descriptionsAreSentencesForAnAdministrator() {
        #expect(PasswordProblem.tooShort(minimum: 12).description == "the password must be at least 12 characters long")
        for problem in Self.everyProblem {
            #expect(problem.description.hasPrefix("the password must "))
            #expect(!problem.description.hasSuffix("."))
        }
    }

    /// Passwords that between them raise every problem; none of their descriptions repeats the password,
    /// the login, the identity number or its tail.
    @Test func descriptionsNeverRepeatTheSecrets() {
        let passwords = ["s3c", "zhoumeilin\t31002x", String(repeating: "Qq", count: 70), "Qq\u{1B}", "11010519491231002x"]
        var seen: [PasswordProblem] = []
        for password in passwords {
            for problem in problems(password) {
                seen.append(problem)
                let text = problem.description.lowercased()
                for secret in [password, login, identityNumber, "31002x"] {
                    #expect(!text.contains(secret.lowercased()), "\(problem) repeats a secret")
                }
            }
        }
        for problem in Self.everyProblem {
            #expect(seen.contains(problem), "\(problem) was not raised")
        }
    }
}
