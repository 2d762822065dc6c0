import Foundation
import Testing
import TalentText
import TestSupport

@Suite("talentctl talent import")
struct ImportCommandTests {
    static let good = """
        name,id_number,mobile,degree,employer_credit_code
        王小明,11010519491231002X,13800138000,硕士,91110000600037341L
        李娜,360426199101010071,,本科,91110000600037341L

        """
    /// Line 2 good, line 3 a bad check character, line 4 a bad mobile.
    static let bad = """
        name,id_number,mobile,degree,employer_credit_code
        王小明,11010519491231002X,13800138000,硕士,91110000600037341L
        坏校验,110105194912310021,,,
        李娜,360426199101010071,12345,,

        """

    @Test func importsAGoodFileOnceOnly() async throws {
        let cli = try await CLISession.fresh()
        try cli.addEmployer()
        let folder = try Workspace()
        try folder.write("talents.csv", Self.good)
        let first = try cli.ok(["talent", "import", "talents.csv"], in: folder.path)
        #expect(first.contains("2 talents added"))
        #expect(try cli.talents().count == 2)
        let second = try cli.ok(["talent", "import", "talents.csv"], in: folder.path)
        #expect(second.contains("0 talents added"))
        #expect(second.contains("2 already registered"))
        #expect(try cli.talents().count == 2)
        #expect(try cli.jsonArray(["audit", "list", "--json", "--action", "talent.import"]).count == 1)

        let report = try #require(try cli.json(["talent", "import", folder.folder.appendingPathComponent("talents.csv").path,
                                                "--json"]) as? [String: Any])
        #expect(report["already_registered"] as? Int == 2)
        #expect(report["added"] as? Int == 0)
    }

    @Test func aBadFileFailsWith65ListsEveryLineWritesTheReportAndNothingElse() async throws {
        let cli = try await CLISession.fresh()
        try cli.addEmployer()
        let folder = try Workspace()
        try folder.write("talents.csv", Self.bad)
        let auditBefore = try cli.audit().count
        let result = try cli.run(["talent", "import", "talents.csv"], in: folder.path)
        #expect(result.status == 65)
        expectNoCrash(result)
        #expect(result.stderr.contains("id_number"))
        #expect(result.stderr.contains("mobile"))
        #expect(result.stderr.contains("nothing was imported"))
        #expect(result.stderr.contains("--skip-invalid"))
        let issueLines = result.stderr.split(separator: "\n").compactMap { line -> Int? in
            Int(line.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber })
        }
        #expect(issueLines == [3, 4])
        #expect(folder.exists("talents.csv.errors.csv"))
        #expect(try cli.talents().isEmpty)
        #expect(try cli.audit().count == auditBefore)
    }

    @Test func skipInvalidImportsTheValidRows() async throws {
        let cli = try await CLISession.fresh()
        try cli.addEmployer()
        let folder = try Workspace()
        try folder.write("talents.csv", Self.bad)
        let result = try cli.run(["talent", "import", "talents.csv", "--skip-invalid"], in: folder.path)
        #expect(result.status == 0)
        #expect(result.stdout.contains("1 talent added"))
        #expect(result.stdout.contains("2 invalid rows skipped"))
        #expect(result.stderr.contains("id_number"))  // the skipped rows are still listed
        #expect(try cli.talents().map { $0["name"] as? String } == ["王小明"])
        #expect(folder.exists("talents.csv.errors.csv"))
    }

    @Test func gb18030FilesAreReadWithTheFlagOrDetected() async throws {
        let cli = try await CLISession.fresh()
        try cli.addEmployer()
        let folder = try Workspace()
        try folder.write("人才名单.csv", try TextDecoding.encodeGB18030(Self.good))
        let forced = try cli.ok(["talent", "import", "人才名单.csv", "--encoding", "gb18030"], in: folder.path)
        #expect(forced.contains("2 talents added"))
        let names = Set(try cli.talents().compactMap { $0["name"] as? String })
        #expect(names == ["王小明", "李娜"])

        let more = "name,id_number\n赵六,44011320141005001X\n"
        try folder.write("more.csv", try TextDecoding.encodeGB18030(more))
        let detected = try #require(try cli.json(["talent", "import", folder.folder.appendingPathComponent("more.csv").path,
                                                  "--json"]) as? [String: Any])
        #expect(detected["encoding"] as? String == "gb18030")
        #expect(try cli.talents().contains { $0["name"] as? String == "赵六" })

        let wrong = try cli.run(["talent", "import", "more.csv", "--encoding", "utf-8"], in: folder.path)
        #expect(wrong.status == 65)
        #expect(wrong.stderr.contains("line 2"))
        expectNoCrash(wrong)
    }

    @Test func badEncodingNamesAndMissingFilesAreRefused() async throws {
        let cli = try await CLISession.fresh()
        let folder = try Workspace()
        try folder.write("talents.csv", Self.good)
        let encoding = try cli.run(["talent", "import", "talents.csv", "--encoding", "latin1"], in: folder.path)
        #expect(encoding.status == 64)
        #expect(encoding.stderr.contains("--encoding"))
        let missing = try cli.run(["talent", "import", "nope.csv"], in: folder.path)
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("nope.csv"))
        let extraColumn = try folder.write("extra.csv", "name,id_number,hobby\n王小明,11010519491231002X,chess\n")
        let rejected = try cli.run(["talent", "import", extraColumn])
        #expect(rejected.status == 65)
        #expect(rejected.stderr.contains("hobby"))
        for result in [encoding, missing, rejected] { expectNoCrash(result) }
        #expect(try cli.talents().isEmpty)
    }
}
