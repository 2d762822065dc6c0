import Foundation
import Testing
import TalentText
import TestSupport

@Suite("talentctl org and talent commands")
struct RegistryCommandTests {
    @Test func theInterfaceContractAddRegisterShow() async throws {
        let cli = try await CLISession.fresh()
        let added = try cli.ok(["org", "add", "--name", "示例科技有限公司", "--credit-code", "91110000600037341L",
                                "--kind", "enterprise", "--chain", "microelectronics", "--in-zone"])
        #expect(added.contains("示例科技有限公司"))
        #expect(added.contains("91110000600037341L"))
        let registered = try cli.ok(["talent", "register", "--name", "王小明", "--id-number", "11010519491231002X",
                                     "--employer", "91110000600037341L", "--degree", "master", "--mobile", "13800138000"])
        #expect(registered.contains("王小明"))
        #expect(registered.contains("1101**********002X"))
        #expect(!registered.contains("11010519491231002X"))

        let shown = try #require(try cli.json(["talent", "show", "11010519491231002X", "--json"]) as? [String: Any])
        let talent = try #require(shown["talent"] as? [String: Any])
        #expect(talent["name"] as? String == "王小明")
        #expect(talent["identity"] as? String == "1101**********002X")
        #expect(talent["mobile"] as? String == "138****8000")
        #expect(talent["pii_masked"] as? Bool == true)
        #expect(talent["birth_date"] as? String == "1949-12-31")
        #expect(talent["sex"] as? String == "female")
        #expect(talent["degree"] as? String == "master")
        #expect(talent["employer_credit_code"] as? String == "91110000600037341L")
        #expect(talent["employer_name"] as? String == "示例科技有限公司")
        #expect((shown["certifications"] as? [Any])?.isEmpty == true)
        #expect(try cli.audit().filter { $0["action"] as? String == "pii.reveal" }.isEmpty)

        let revealed = try #require(try cli.json(["talent", "show", "11010519491231002X", "--json", "--reveal-pii",
                                                  "--actor", "auditor-chen"]) as? [String: Any])
        let full = try #require(revealed["talent"] as? [String: Any])
        #expect(full["identity"] as? String == "11010519491231002X")
        #expect(full["mobile"] as? String == "13800138000")
        #expect(full["pii_masked"] as? Bool == false)

        let reveals = try cli.audit().filter { $0["action"] as? String == "pii.reveal" }
        #expect(reveals.count == 1)
        #expect(reveals.first?["actor"] as? String == "cli:auditor-chen")
        #expect(reveals.first?["entity_id"] as? String == String(describing: full["id"] ?? ""))

        let actions = Set(try cli.audit().compactMap { $0["action"] as? String })
        #expect(actions.isSuperset(of: ["organisation.add", "talent.register", "pii.reveal"]))
    }

    @Test func aCorruptedIdentityNumberFailsWith65NamingTheFieldAndWritesNothing() async throws {
        let cli = try await CLISession.fresh()
        try cli.addEmployer()
        let auditBefore = try cli.audit().count
        let result = try cli.run(["talent", "register", "--name", "王小明", "--id-number", "110105194912310021",
                                  "--employer", CLISession.employerCode])
        #expect(result.status == 65)
        #expect(result.stderr.contains("id_number"))
        #expect(result.stderr.contains("check character should be X"))
        expectNoCrash(result)
        #expect(try cli.talents().isEmpty)
        #expect(try cli.audit().count == auditBefore)
    }

    @Test func aCorruptedCreditCodeFailsWith65NamingTheFieldAndWritesNothing() async throws {
        let cli = try await CLISession.fresh()
        let result = try cli.run(["org", "add", "--name", "示例科技有限公司", "--credit-code", "91110000600037341N",
                                  "--kind", "enterprise"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("credit_code"))
        expectNoCrash(result)
        #expect(try cli.organisations().isEmpty)
        #expect(try cli.audit().isEmpty)
    }

    @Test func aLegacyCodeIsAcceptedOnlyWithAReason() async throws {
        let cli = try await CLISession.fresh()
        let refused = try cli.run(["org", "add", "--name", "某研究所", "--credit-code", "91350100M0001TGQXM",
                                   "--kind", "institute", "--accept-invalid-code"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("reason"))
        #expect(try cli.organisations().isEmpty)
        try cli.ok(["org", "add", "--name", "某研究所", "--credit-code", "91350100M0001TGQXM", "--kind", "institute",
                    "--accept-invalid-code", "--reason", "pilot-region code, verified on paper"])
        let organisations = try cli.organisations()
        #expect(organisations.count == 1)
        #expect(organisations.first?["checksum_valid"] as? Bool == false)
        #expect(organisations.first?["override_reason"] as? String == "pilot-region code, verified on paper")
        let override = try cli.audit().first { $0["action"] as? String == "organisation.accept-invalid-code" }
        #expect(override?["reason"] as? String == "pilot-region code, verified on paper")
    }

    @Test func duplicatesAndUnknownReferencesFailWith65() async throws {
        let cli = try await CLISession.fresh()
        try cli.addEmployer()
        try cli.registerWang()
        let orgAgain = try cli.run(["org", "add", "--name", "别的公司", "--credit-code", CLISession.employerCode, "--kind", "enterprise"])
        #expect(orgAgain.status == 65)
        #expect(orgAgain.stderr.contains("already registered"))
        let talentAgain = try cli.run(["talent", "register", "--name", "王大明", "--id-number", "11010519491231002X"])
        #expect(talentAgain.status == 65)
        #expect(talentAgain.stderr.contains("王小明"))
        let unknownEmployer = try cli.run(["talent", "register", "--name", "李娜", "--id-number", "360426199101010071",
                                           "--employer", "91310115591693856A"])
        #expect(unknownEmployer.status == 65)
        #expect(unknownEmployer.stderr.contains("employer"))
        let unknownTalent = try cli.run(["talent", "show", "360426199101010071"])
        #expect(unknownTalent.status == 65)
        let corruptKey = try cli.run(["talent", "show", "110105194912310021"])
        #expect(corruptKey.status == 65)
        #expect(corruptKey.stderr.contains("id_number"))
        for result in [orgAgain, talentAgain, unknownEmployer, unknownTalent, corruptKey] { expectNoCrash(result) }
        #expect(try cli.talents().count == 1)
        #expect(try cli.organisations().count == 1)
    }

    @Test func updateKeepsHistory() async throws {
        let cli = try await CLISession.fresh()
        try cli.addEmployer()
        try cli.registerWang()
        let updated = try cli.ok(["talent", "update", "11010519491231002X", "--mobile", "13900139000",
                                  "--title", "associate-senior", "--reason", "new title certificate"])
        #expect(updated.contains("version 2"))
        let history = try cli.jsonArray(["talent", "history", "11010519491231002X", "--json"])
        #expect(history.count == 1)
        #expect(history.first?["version"] as? Int == 1)
        let masked = try #require(history.first?["data"] as? String)
        #expect(masked.contains("138****8000"), "\(masked)")
        #expect(!masked.contains("13800138000"))
        #expect(!masked.contains("11010519491231002X"))
        let revealed = try cli.jsonArray(["talent", "history", "11010519491231002X", "--json", "--reveal-pii"])
        #expect((revealed.first?["data"] as? String)?.contains("13800138000") == true)
        #expect(try cli.jsonArray(["audit", "list", "--json", "--action", "pii.reveal"]).count == 1)
        let identity = try cli.run(["talent", "update", "11010519491231002X", "--id-number", "360426199101010071"])
        #expect(identity.status == 65)
        #expect(identity.stderr.contains("cannot be changed"))
        let shown = try #require(try cli.json(["talent", "show", "11010519491231002X", "--json"]) as? [String: Any])
        #expect((shown["talent"] as? [String: Any])?["version"] as? Int == 2)
        #expect((shown["talent"] as? [String: Any])?["title"] as? String == "associate-senior")
    }

    @Test func listsAreValidJSONAndMaskPersonalData() async throws {
        let cli = try await CLISession.fresh()
        try cli.addEmployer()
        try cli.registerWang()
        try cli.ok(["talent", "register", "--name", "Anna Schmidt", "--passport", "C01X00T47", "--nationality", "DEU"])
        let talents = try cli.talents()
        #expect(talents.count == 2)
        let byName = Dictionary(uniqueKeysWithValues: talents.compactMap { t in (t["name"] as? String).map { ($0, t) } })
        #expect(byName["王小明"]?["identity"] as? String == "1101**********002X")
        #expect(byName["王小明"]?["mobile"] as? String == "138****8000")
        #expect(byName["Anna Schmidt"]?["identity"] as? String == "DEU:C0*****47")
        #expect(byName["Anna Schmidt"]?["identity_kind"] as? String == "passport")

        let table = try cli.ok(["talent", "list"])
        #expect(table.contains("1101**********002X"))
        #expect(table.contains("138****8000"))
        #expect(!table.contains("11010519491231002X"))
        #expect(!table.contains("13800138000"))
        #expect(!table.contains("C01X00T47"))

        let organisations = try cli.organisations()
        #expect(organisations.first?["credit_code"] as? String == CLISession.employerCode)
        #expect(organisations.first?["in_zone"] as? Bool == true)
        #expect(organisations.first?["industry_chain"] as? String == "microelectronics")
        #expect(try cli.jsonArray(["org", "list", "--kind", "university", "--json"]).isEmpty)
        #expect(try cli.jsonArray(["cert", "list", "--json"]).isEmpty)
        #expect(try cli.audit().count == 3)
        #expect(try cli.jsonArray(["audit", "list", "--json", "--action", "talent.register"]).count == 2)
        #expect(try cli.jsonArray(["audit", "list", "--json", "--entity", "organisation:\(CLISession.employerCode)"]).count == 1)
        let org = try #require(try cli.json(["org", "show", CLISession.employerCode, "--json"]) as? [String: Any])
        #expect(org["name"] as? String == CLISession.employerName)
    }

    @Test func aTableWithChineseNamesLinesUpByDisplayWidth() async throws {
        let cli = try await CLISession.fresh()
        try cli.addEmployer()
        try cli.registerWang()
        try cli.ok(["talent", "register", "--name", "欧阳娜娜", "--id-number", "360426199101010071", "--mobile", "13900139000",
                    "--degree", "博士", "--employer", CLISession.employerCode])
        try cli.ok(["talent", "register", "--name", "李", "--id-number", "44011320141005001X"])
        try cli.ok(["talent", "register", "--name", "Anna Schmidt", "--passport", "C01X00T47", "--nationality", "DEU",
                    "--degree", "doctorate"])
        let expected: [String: (identity: String, mobile: String?)] = [
            "王小明": ("1101**********002X", "138****8000"),
            "欧阳娜娜": ("3604**********0071", "139****9000"),
            "李": ("4401**********001X", nil),
            "Anna Schmidt": ("DEU:C0*****47", nil),
        ]
        let lines = try cli.ok(["talent", "list"]).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .filter { !$0.isEmpty }
        #expect(lines.count == 6)  // header, rule, four talents
        guard lines.count == 6 else { return }
        let starts = TableLayout.columnStarts(rule: lines[1])
        #expect(starts.count == 7)
        guard starts.count == 7 else { return }
        let headers = ["#", "name", "identity", "mobile", "degree", "title", "employer"]
        for (index, header) in headers.enumerated() where index > 0 {
            #expect(TableLayout.cell(at: starts[index], in: lines[0]) == header)
        }
        var seen: Set<String> = []
        for line in lines.dropFirst(2) {
            let name = try #require(TableLayout.cell(at: starts[1], in: line), "no cell at \(starts[1]) in \(line)")
            let row = try #require(expected[name], "unexpected name cell '\(name)' in \(line)")
            seen.insert(name)
            #expect(TableLayout.cell(at: starts[2], in: line) == row.identity, "\(line)")
            if let mobile = row.mobile {
                #expect(TableLayout.cell(at: starts[3], in: line) == mobile, "\(line)")
            }
            if name == "王小明" || name == "欧阳娜娜" {
                #expect(TableLayout.cell(at: starts[6], in: line) == CLISession.employerName, "\(line)")
            }
            #expect(DisplayWidth.of(line) <= DisplayWidth.of(lines[1]), "\(line) is wider than the rule")
        }
        #expect(seen == Set(expected.keys))
    }
}

/// Reads a `TextTable` rendering by display columns.
enum TableLayout {
    /// Display offsets where the runs of `─` in the rule line start.
    static func columnStarts(rule: String) -> [Int] {
        var starts: [Int] = []
        var offset = 0
        var previous: Character = " "
        for character in rule {
            if character == "─" && previous != "─" { starts.append(offset) }
            offset += DisplayWidth.of(character)
            previous = character
        }
        return starts
    }

    /// The text that starts exactly at display offset `offset` (after a space), up to two spaces or the end;
    /// nil when no character starts there.
    static func cell(at offset: Int, in line: String) -> String? {
        var width = 0
        var index = line.startIndex
        while index < line.endIndex, width < offset {
            width += DisplayWidth.of(line[index])
            index = line.index(after: index)
        }
        guard width == offset, index < line.endIndex, line[index] != " " else { return nil }
        if index > line.startIndex, line[line.index(before: index)] != " " { return nil }
        let rest = line[index...]
        if let gap = rest.range(of: "  ") { return String(rest[..<gap.lowerBound]) }
        return String(rest)
    }
}
