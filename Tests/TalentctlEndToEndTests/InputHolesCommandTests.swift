import Foundation
import Testing
import TalentDomain
import TestSupport

/// Small holes in what the commands accept: LIKE wildcards in a name search, bytes that are not UTF-8,
/// overlong round codes, a missing --name, unknown audit entity types, malformed dates and --limit.
@Suite("talentctl input checks")
struct InputHolesCommandTests {
    static func identity(_ n: Int) -> String {
        ResidentIdentityNumber.make(region: "110105", birthDate: CalendarDate(year: 1990, month: 1, day: 1)!, sequence: n).value
    }

    @Test func aNameSearchMatchesPercentAndUnderscoreAsText() async throws {
        let cli = try await CLISession.fresh()
        for (n, name) in ["王_明", "李%娜", "张三", "赵四"].enumerated() {
            try cli.ok(["talent", "register", "--name", name, "--id-number", Self.identity(n + 1)])
        }
        func names(_ search: String) throws -> [String] {
            try cli.jsonArray(["talent", "list", "--name", search, "--json"]).compactMap { $0["name"] as? String }
        }
        #expect(try names("%") == ["李%娜"])
        #expect(try names("_") == ["王_明"])
        #expect(try names("王_") == ["王_明"])
        #expect(try names("%娜") == ["李%娜"])
        #expect(try names("\\").isEmpty)
        #expect(try names("张").count == 1)
        #expect(try cli.talents().count == 4)
    }

    @Test func argumentsThatAreNotUTF8AreRefusedNotStoredAsReplacementCharacters() async throws {
        let cli = try await CLISession.fresh()
        // 王 in GBK (0xCD 0xF5), as a terminal set to GBK passes it; Process cannot pass such bytes, so sh does.
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && $0.key != "DATABASE_URL" }
        environment["TALENTZONE_SCHEMA_DIR"] = TestDatabase.schemaDirectory
        environment.merge(cli.environment) { $1 }
        for form in [#"--name "$(printf '\315\365')""#, #"--name="$(printf '\315\365')""#] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", #"exec "$0" talent register "# + form + " --id-number " + Self.identity(1), Talentctl.executable]
            process.environment = environment
            let err = Pipe()
            process.standardError = err
            process.standardOutput = Pipe()
            try process.run()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 65, "\(form): \(process.terminationStatus) \(stderr)")
            #expect(stderr.contains("the value of --name is not valid UTF-8 (byte 0xCD at offset 0)"), "\(stderr)")
        }
        #expect(try cli.talents().isEmpty, "nothing was registered")
        // A name that arrives with U+FFFD already in it (decoded with replacement elsewhere) is refused too.
        let replaced = try cli.run(["talent", "register", "--name", "王\u{FFFD}", "--id-number", Self.identity(1)])
        #expect(replaced.status == 65 && replaced.stderr.contains("U+FFFD"), "\(replaced.stderr)")
        #expect(try cli.talents().isEmpty)
    }

    @Test func roundCodesFollowTheOneToFortyRule() async throws {
        let cli = try await CLISession.fresh()
        for code in [String(repeating: "R", count: 5000), String(repeating: "R", count: 41)] {
            let result = try cli.run(["housing", "round", "create", code, "--name", "x", "--as-of", "2026-11-20"])
            expectNoCrash(result)
            #expect(result.status == 65, "\(code.count): \(result.stderr)")
            #expect(result.stderr.contains("must be 1–40 letters, digits"), "\(result.stderr.prefix(300))")
            #expect(result.stderr.count < 600, "the message does not repeat 5000 characters")
        }
        // 40 characters pass the code rule (this round is refused later, for having no unit).
        let forty = try cli.run(["housing", "round", "create", String(repeating: "R", count: 40), "--name", "x", "--as-of", "2026-11-20"])
        #expect(forty.status == 65 && !forty.stderr.contains("1–40") && forty.stderr.contains("would be empty"), "\(forty.stderr)")
    }

    @Test func registerWithoutNameOrIdentityIsAUsageErrorNamingTheFlag() async throws {
        let cli = try await CLISession.fresh()
        let noName = try cli.run(["talent", "register", "--id-number", Self.identity(1)])
        #expect(noName.status == 64, "\(noName.status) \(noName.stderr)")
        #expect(noName.stderr.contains("--name is required"), "\(noName.stderr)")
        #expect(!noName.stderr.contains("column"), "no CSV wording: \(noName.stderr)")
        let noIdentity = try cli.run(["talent", "register", "--name", "王小明"])
        #expect(noIdentity.status == 64 && noIdentity.stderr.contains("--id-number"), "\(noIdentity.stderr)")
        #expect(!noIdentity.stderr.contains("row"), "\(noIdentity.stderr)")
    }

    @Test func auditListRefusesUnknownEntityTypesAndTakesATalentsIdentity() async throws {
        let cli = try await CLISession.fresh()
        try cli.addEmployer()
        try cli.registerWang()
        try cli.ok(["talent", "register", "--name", "李娜", "--id-number", Self.identity(7)])
        let bogus = try cli.run(["audit", "list", "--entity", "bogus"])
        expectNoCrash(bogus)
        #expect(bogus.status == 64, "\(bogus.status) \(bogus.stderr)")
        #expect(bogus.stderr.contains("'bogus' is not an entity type") && bogus.stderr.contains("talent, organisation")
                && bogus.stderr.contains("housing_lease"), "\(bogus.stderr)")
        #expect(try cli.run(["audit", "list", "--entity", "bogus:1"]).status == 64)

        let wang = try #require(try cli.talents().first { $0["name"] as? String == "王小明" })
        let id = try #require(wang["id"] as? Int)
        let byNumber = try cli.jsonArray(["audit", "list", "--entity", "talent:\(id)", "--json"])
        let byIdentity = try cli.jsonArray(["audit", "list", "--entity", "talent:11010519491231002X", "--json"])
        #expect(!byIdentity.isEmpty)
        #expect(byIdentity.map { $0["id"] as? Int } == byNumber.map { $0["id"] as? Int })
        #expect(byIdentity.allSatisfy { $0["entity_id"] as? String == String(id) })
        #expect(try cli.jsonArray(["audit", "list", "--entity", "TALENT", "--json"]).count == 2, "the type alone, any case")
        let unknown = try cli.run(["audit", "list", "--entity", "talent:\(Self.identity(9))"])
        #expect(unknown.status == 65 && unknown.stderr.contains("no talent is registered"), "\(unknown.stderr)")
        let malformed = try cli.run(["audit", "list", "--entity", "talent:12345678901234567890"])
        #expect(malformed.status == 65, "\(malformed.stderr)")
    }

    /// The rule: a date that is not a real YYYY-MM-DD day is a usage error (64) in every command.
    @Test(arguments: [
        ["report", "stats", "--as-of", "2026-13-01"],
        ["report", "stats", "--as-of", "yesterday"],
        ["talent", "register", "--name", "王小明", "--id-number", "11010519491231002X", "--contract-start", "2026-02-30"],
        ["talent", "register", "--name", "王小明", "--id-number", "11010519491231002X", "--contract-end", "soon"],
        ["talent", "register", "--name", "王小明", "--id-number", "11010519491231002X", "--insurance-since", "2026-13"],
        ["talent", "update", "11010519491231002X", "--contract-end", "2026/02/30"],
        ["housing", "lease", "close-ended", "--on", "2026-1-5x"],
        ["housing", "offers", "expire", "--on", "20261201"],
        ["practice", "cohort", "create", "--year", "2026", "--start", "2026-09-31", "--end", "2028-02-29"],
        ["audit", "list", "--since", "2026-02-30"],
        ["rules", "current", "--on", "2026-00-10"],
    ])
    func aMalformedDateIsAUsageErrorEverywhere(_ arguments: [String]) throws {
        let result = try Talentctl.run(arguments, environment: ["DATABASE_URL": "postgres://postgres@/nodb?host=/nonexistent"])
        expectNoCrash(result)
        #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
    }

    /// The rule: --limit is 1…100000 in every list; anything else is a usage error (64) saying so.
    @Test func limitFollowsOneRuleInEveryList() async throws {
        let cli = try await CLISession.fresh()
        try cli.addEmployer()
        try cli.registerWang()
        for list in [["talent", "list"], ["audit", "list"], ["cert", "list"]] {
            for bad in ["0", "-1", "100001", "abc", "1.5"] {
                let result = try cli.run(list + ["--limit", bad])
                expectNoCrash(result)
                #expect(result.status == 64, "\(list) --limit \(bad): \(result.status) \(result.stdout) \(result.stderr)")
                #expect(result.stderr.contains("--limit must be a whole number from 1 to 100000"), "\(list) \(bad): \(result.stderr)")
            }
            #expect(try cli.jsonArray(list + ["--limit", "1", "--json"]).count <= 1, "\(list)")
            #expect(try cli.run(list + ["--limit", "100000"]).status == 0, "\(list)")
            let help = try cli.ok(list + ["--help"])
            #expect(help.contains("1–100000"), "\(list) --help: \(help)")
        }
        #expect(try cli.jsonArray(["audit", "list", "--limit", "1", "--json"]).count == 1)
    }
}
