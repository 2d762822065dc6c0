import Foundation
import Testing
import TestSupport

/// Importing the same file again with `--skip-invalid` is a normal retry: the good rows are stored
/// already, the bad ones skipped again, exit 0. Only a file without any good row fails.
@Suite("talentctl imports: a retry with --skip-invalid", .serialized)
struct ImportRetryCommandTests {
    typealias Practice = PracticeCommandTests

    @Test func talentImportTwiceWithSkipInvalidSucceedsBothTimes() async throws {
        let cli = try await CLISession.fresh()
        let folder = try Workspace()
        try folder.write("talents.csv", """
            name,id_number
            王小明,11010519491231002X
            坏校验,110105194912310021
            李娜,360426199101010071

            """)
        let first = try cli.run(["talent", "import", "talents.csv", "--skip-invalid"], in: folder.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("2 talents added") && first.stdout.contains("1 invalid rows skipped"), "\(first.stdout)")

        let again = try cli.run(["talent", "import", "talents.csv", "--skip-invalid"], in: folder.path)
        expectNoCrash(again)
        #expect(again.status == 0, "\(again.status): \(again.stderr)")
        #expect(again.stdout.contains("0 talents added, 2 already registered (unchanged), 1 invalid rows skipped"), "\(again.stdout)")
        #expect(!again.stderr.contains("none could be imported"), "\(again.stderr)")
        #expect(!again.stdout.contains("nothing was imported"), "\(again.stdout)")
        #expect(again.stderr.contains("110105194912310021") || again.stderr.contains("id_number"), "the bad row is listed again")
        let json = try #require(try cli.json(["talent", "import", folder.folder.appendingPathComponent("talents.csv").path,
                                              "--skip-invalid", "--json"]) as? [String: Any])
        #expect(json["already_registered"] as? Int == 2 && json["added"] as? Int == 0 && json["invalid_rows"] as? Int == 1)
        #expect(try cli.talents().count == 2)

        // Without the flag the retry is refused as before, and a file with no good row still fails with it.
        let refused = try cli.run(["talent", "import", "talents.csv"], in: folder.path)
        #expect(refused.status == 65 && refused.stderr.contains("nothing was imported"), "\(refused.stderr)")
        try folder.write("allbad.csv", "name,id_number\n坏校验,110105194912310021\n")
        let allBad = try cli.run(["talent", "import", "allbad.csv", "--skip-invalid"], in: folder.path)
        #expect(allBad.status == 65 && allBad.stderr.contains("none could be imported"), "\(allBad.stderr)")
    }

    @Test func practiceImportsEndLikeTheTalentImport() async throws {
        let cli = try await CLISession.fresh()
        try Practice.base(cli)
        let folder = try Workspace()
        try folder.write("trainees.csv", """
            student_number,name,id_number,university,field,direct_from_bachelor,campus_supervisor
            \(Practice.student(1)),李明,\(Practice.identity(1)),\(Practice.university),大数据工程,否,张教授
            \(Practice.student(2)),王芳,12345,\(Practice.university),大数据工程,否,张教授
            \(Practice.student(3)),张伟,\(Practice.identity(3)),\(Practice.university),大数据工程,否,张教授

            """)
        let arguments = ["practice", "trainee", "import", "trainees.csv", "--cohort", "2026", "--skip-invalid"]
        let first = try cli.run(arguments, in: folder.path)
        #expect(first.status == 0 && first.stdout.contains("2 trainees added"), "\(first.stdout) \(first.stderr)")
        let again = try cli.run(arguments, in: folder.path)
        #expect(again.status == 0, "\(again.status): \(again.stderr)")
        #expect(again.stdout.contains("0 trainees added, 2 already there (unchanged), 1 invalid rows skipped"), "\(again.stdout)")

        try folder.write("allbad.csv", """
            student_number,name,id_number,university,field,direct_from_bachelor,campus_supervisor
            \(Practice.student(4)),赵强,12345,\(Practice.university),大数据工程,否,张教授

            """)
        let allBad = try cli.run(["practice", "trainee", "import", "allbad.csv", "--cohort", "2026", "--skip-invalid"], in: folder.path)
        expectNoCrash(allBad)
        #expect(allBad.status == 65 && allBad.stderr.contains("none could be imported"), "\(allBad.status): \(allBad.stderr)")
    }
}
