import Foundation
import Testing
import TalentDomain
import TestSupport

/// Problems a tester found on the built CLI: identity numbers in the audit log, advice to use
/// --skip-invalid where it cannot help, negative numeric options, unknown filter codes that look like
/// empty lists, and file errors that named only an NSCocoaErrorDomain number.
@Suite("talentctl CLI fixes: masking, import advice, options, filters, file errors")
struct CLIFixesCommandTests {
    typealias Inventory = HousingInventoryCommandTests
    typealias Round = HousingRoundCommandTests

    /// Every 18-character resident identity number in `text` (masked ones contain `*` and do not match).
    static func fullIdentityNumbers(in text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    // MARK: 1. audit list masks identity and mobile numbers

    @Test func auditListMasksTheIdentityOfAHousingApplication() async throws {
        let cli = try await CLISession.fresh()
        try cli.addEmployer()
        try cli.registerWang()
        try Inventory.certify(cli)
        try await Inventory.endNotice(cli)
        try cli.ok(["cert", "approve", Inventory.key])
        try cli.ok(["housing", "application", "submit", "--talent", Inventory.key, "--prefer", "1BR"])

        let entries = try cli.jsonArray(["audit", "list", "--action", "housing.application.submit", "--json"])
        let entry = try #require(entries.first)
        let after = try #require(entry["after"] as? String)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(after.utf8)) as? [String: Any])
        let shown = try #require(object["talentIdentityKey"] as? String)
        #expect(shown == "1101**********002X")
        #expect(object["talentName"] as? String == "王小明", "other fields are kept: \(after)")

        let all = try cli.ok(["audit", "list", "--json", "--limit", "10000"])
        #expect(!all.contains(Inventory.key), "a full identity number in audit list --json")
        #expect(Self.fullIdentityNumbers(in: all).isEmpty, "\(Self.fullIdentityNumbers(in: all))")
        #expect(!all.contains("13800138000"), "a full mobile number in audit list --json")
        let table = try cli.ok(["audit", "list", "--limit", "10000"])
        #expect(!table.contains(Inventory.key) && !table.contains("13800138000"))
    }

    @Test func auditListMasksIdentitiesInOfferAndLeaseEntries() async throws {
        let cli = try await HousingOfferCommandTests.committed()
        let offer = try HousingOfferCommandTests.offerID(cli, application: "HA-2026-00001")
        try cli.ok(["housing", "offer", "accept", String(offer), "--on", "2026-11-27"])
        let other = try HousingOfferCommandTests.offerID(cli, application: "HA-2026-00002")
        try cli.ok(["housing", "offer", "decline", String(other), "--reason", "location", "--on", "2026-11-27"])

        let all = try cli.ok(["audit", "list", "--json", "--limit", "10000"])
        #expect(all.contains("housing.offer.accept") && all.contains("housing.offer.decline"))
        for key in [Round.keyA, Round.keyB, Round.keyC] {
            #expect(!all.contains(key), "\(key) in audit list --json")
        }
        #expect(all.contains("1101**********002X"), "the masked identity is still shown")
    }

    // MARK: 2. --skip-invalid is suggested only where it helps

    @Test func wholeFileImportErrorsDoNotSuggestSkipInvalid() async throws {
        let cli = try await CLISession.fresh()
        try cli.addEmployer()
        let folder = try Workspace()
        var undecodable = Data("name,id_number\n".utf8)
        undecodable.append(contentsOf: [0xFF, 0xFE, 0x80, 0x81, 0x2C, 0x31, 0x0A])
        try folder.write("undecodable.csv", undecodable)
        try folder.write("quote.csv", "name,id_number\n\"王小明,11010519491231002X\n")
        try folder.write("header.csv", "nmae,id_number\n王小明,11010519491231002X\n李娜,360426199101010071\n")
        for file in ["undecodable.csv", "quote.csv", "header.csv"] {
            for flags in [[], ["--skip-invalid"]] {
                let result = try cli.run(["talent", "import", file] + flags, in: folder.path)
                expectNoCrash(result)
                #expect(result.status == 65, "\(file) \(flags): \(result.status) \(result.stderr)")
                #expect(result.stderr.contains("nothing was imported"), "\(file) \(flags): \(result.stderr)")
                #expect(!result.stderr.contains("--skip-invalid"), "\(file) \(flags) suggests --skip-invalid: \(result.stderr)")
            }
        }
        #expect(try cli.talents().isEmpty)

        // Only a mix of good and bad rows, without the flag, gets the advice.
        try folder.write("mixed.csv", "name,id_number\n王小明,11010519491231002X\n坏校验,110105194912310021\n")
        let mixed = try cli.run(["talent", "import", "mixed.csv"], in: folder.path)
        #expect(mixed.status == 65 && mixed.stderr.contains("or use --skip-invalid to import the valid rows"), "\(mixed.stderr)")
        try folder.write("allbad.csv", "name,id_number\n坏校验,110105194912310021\n")
        let allBad = try cli.run(["talent", "import", "allbad.csv"], in: folder.path)
        #expect(allBad.status == 65 && !allBad.stderr.contains("--skip-invalid"), "\(allBad.stderr)")
        // With the flag, a file of which no row could be imported still fails (a script must notice).
        let allBadSkipping = try cli.run(["talent", "import", "allbad.csv", "--skip-invalid"], in: folder.path)
        expectNoCrash(allBadSkipping)
        #expect(allBadSkipping.status == 65, "\(allBadSkipping.status) \(allBadSkipping.stdout) \(allBadSkipping.stderr)")
        #expect(allBadSkipping.stderr.contains("none could be imported"), "\(allBadSkipping.stderr)")
        let partly = try cli.run(["talent", "import", "mixed.csv", "--skip-invalid"], in: folder.path)
        #expect(partly.status == 0 && partly.stdout.contains("1 talent added"), "\(partly.stdout) \(partly.stderr)")
    }

    @Test func unitImportWithAWrongHeaderDoesNotSuggestSkipInvalid() async throws {
        let cli = try await Inventory.withBuilding()
        let folder = try Workspace()
        try folder.write("units.csv", "unit_code,building,flor,category,area_m2\nA-0101,ZGTT-A,1,studio,35.5\n")
        for flags in [[], ["--skip-invalid"]] {
            let result = try cli.run(["housing", "unit", "import", "units.csv"] + flags, in: folder.path)
            #expect(result.status == 65 && result.stderr.contains("header"), "\(result.stderr)")
            #expect(!result.stderr.contains("--skip-invalid"), "\(flags): \(result.stderr)")
        }
        // A bad row beside a unit already stored: --skip-invalid would add nothing, so it is not suggested.
        try folder.write("one.csv", "unit_code,building,floor,category,area_m2\nA-0101,ZGTT-A,1,studio,35.5\n")
        try cli.ok(["housing", "unit", "import", "one.csv"], in: folder.path)
        try folder.write("again.csv", "unit_code,building,floor,category,area_m2\nA-0101,ZGTT-A,1,studio,35.5\nA-0102,NOPE,1,1BR,50\n")
        let again = try cli.run(["housing", "unit", "import", "again.csv"], in: folder.path)
        #expect(again.status == 65 && !again.stderr.contains("--skip-invalid"), "\(again.stderr)")
    }

    // MARK: 3. negative floors and areas

    @Test func unitAddTakesNegativeFloorsAndRefusesNegativeAreas() async throws {
        let cli = try await Inventory.withBuilding()
        let added = try cli.ok(["housing", "unit", "add", "B-0101", "--building", "ZGTT-A", "--floor", "-1",
                                "--category", "studio", "--area", "35"])
        #expect(added.contains("floor -1"), "\(added)")
        let unit = try #require(try cli.json(["housing", "unit", "show", "B-0101", "--json"]) as? [String: Any])
        #expect(unit["floor"] as? Int == -1)

        let deep = try cli.run(["housing", "unit", "add", "B-0901", "--building", "ZGTT-A", "--floor", "-9",
                                "--category", "studio", "--area", "35"])
        #expect(deep.status == 65 && deep.stderr.contains("floor") && deep.stderr.contains("-5 to 200"), "\(deep.stderr)")
        let negative = try cli.run(["housing", "unit", "add", "B-0102", "--building", "ZGTT-A", "--floor", "1",
                                    "--category", "studio", "--area", "-35"])
        expectNoCrash(negative)
        #expect(negative.status == 65, "\(negative.status) \(negative.stderr)")
        #expect(!negative.stderr.contains("Missing value"), "\(negative.stderr)")
        #expect(negative.stderr.contains("-35.00") && negative.stderr.contains("5.00 to 1000.00"), "\(negative.stderr)")
        let units = try cli.jsonArray(["housing", "unit", "list", "--json"])
        #expect(units.map { $0["code"] as? String } == ["B-0101"])
    }

    // MARK: 4. unknown filter codes

    @Test func aUsageErrorFoundWhileRunningShowsTheCommandsOwnUsage() async throws {
        let cli = try await CLISession.fresh()
        let bad = try cli.run(["housing", "application", "submit", "--talent", "11010519491231002X", "--prefer", "5BR"])
        expectNoCrash(bad)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("Error: the category must be studio, 1BR, 2BR or 3BR (not 5BR)"))
        #expect(bad.stderr.contains("Usage: talentctl housing application submit --talent <talent>"), "\(bad.stderr)")
        #expect(bad.stderr.contains("See 'talentctl housing application submit --help'"))
        #expect(!bad.stderr.contains("talentctl <subcommand>"))
    }

    @Test func unknownFilterCodesExitSixtyFive() async throws {
        let cli = try await HousingOfferCommandTests.committed()
        let round = try cli.run(["housing", "offers", "list", "--round", "NOPE"])
        #expect(round.status == 65 && round.stderr.contains("no housing round NOPE")
                && round.stderr.contains("talentctl housing round list"), "\(round.stderr)")
        #expect(!round.stdout.contains("No offers."))
        #expect(try cli.jsonArray(["housing", "offers", "list", "--round", "R1", "--json"]).count == 2)

        let building = try cli.run(["housing", "unit", "list", "--building", "NOPE"])
        #expect(building.status == 65 && building.stderr.contains("no building has code NOPE")
                && building.stderr.contains("talentctl housing building list"), "\(building.stderr)")
        let project = try cli.run(["housing", "unit", "list", "--project", "NOPE", "--json"])
        #expect(project.status == 65 && project.stderr.contains("no project has code NOPE")
                && project.stderr.contains("talentctl housing project list"), "\(project.stderr)")
        #expect(project.stdout.isEmpty)
        #expect(try cli.jsonArray(["housing", "unit", "list", "--project", "ZG", "--building", "ZG-1", "--json"]).count == 2)

        let unit = try cli.run(["housing", "lease", "list", "--unit", "NOPE"])
        #expect(unit.status == 65 && unit.stderr.contains("no unit has code NOPE"), "\(unit.stderr)")
        #expect(!unit.stdout.contains("No leases."))
    }

    // MARK: 5. file errors in words

    @Test func exportToAnEmptyOrBadOutputSaysWhy() async throws {
        let cli = try await HousingOfferCommandTests.committed()
        let empty = try cli.run(["housing", "round", "export", "R1", "--json", "--output", ""])
        expectNoCrash(empty)
        #expect(empty.status == 64, "\(empty.status) \(empty.stderr)")
        #expect(empty.stderr.contains("cannot write to ''") && !empty.stderr.contains("NSCocoaErrorDomain"), "\(empty.stderr)")

        let folder = try Workspace()
        let directory = try cli.run(["housing", "round", "export", "R1", "--output", folder.path])
        #expect(directory.status == 66 && directory.stderr.contains("is a directory"), "\(directory.stderr)")
        #expect(!directory.stderr.contains("NSCocoaErrorDomain"))
        let missing = try cli.run(["housing", "round", "export", "R1", "--output", folder.path + "/no/such/r1.json"])
        #expect(missing.status == 66 && missing.stderr.contains("does not exist"), "\(missing.stderr)")
    }

    @Test func rulesLoadOfADirectoryOrAMissingFileSaysWhy() async throws {
        let cli = try await CLISession.fresh()
        let folder = try Workspace()
        let directory = try cli.run(["rules", "load", folder.path])
        expectNoCrash(directory)
        #expect(directory.status == 66, "\(directory.status) \(directory.stderr)")
        #expect(directory.stderr.contains("\(folder.path) is a directory, not a policy file"), "\(directory.stderr)")
        #expect(!directory.stderr.contains("NSCocoaErrorDomain") && !directory.stderr.contains("error 256"))
        let missing = try cli.run(["rules", "load", folder.path + "/none.yaml"])
        #expect(missing.status == 66 && missing.stderr.contains("no such file"), "\(missing.stderr)")
        #expect(try cli.audit().allSatisfy { $0["action"] as? String != "policy.load" })
        // The same words where a policy file is only read (explain, classify, simulate).
        let explain = try cli.run(["rules", "explain", "--talent", "11010519491231002X", "--policy", folder.path])
        expectNoCrash(explain)
        #expect(explain.status == 66 && explain.stderr.contains("is a directory, not a policy file"), "\(explain.stderr)")
        #expect(!explain.stderr.contains("error 256"))
    }
}
