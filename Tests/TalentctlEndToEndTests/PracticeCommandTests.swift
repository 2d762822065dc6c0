import Foundation
import Testing
import TalentDomain
@testable import TalentStore
import TestSupport

@Suite("talentctl practice", .serialized)
struct PracticeCommandTests {
    static let university = "12100000400000624D"
    static let mentor = "110105194912310046"

    /// A university with a programme, the employer with a registered mentor, and the 2026 cohort, whose practice
    /// window began in January 2026, so that a whole practice lies before today (steps are not recorded ahead).
    static func base(_ cli: CLISession) throws {
        try cli.addEmployer()
        try cli.ok(["org", "add", "--name", "清华大学", "--credit-code", university, "--kind", "university"])
        try cli.ok(["talent", "register", "--name", "赵导师", "--id-number", mentor, "--employer", CLISession.employerCode])
        try cli.ok(["practice", "programme", "add", "--university", university, "--field", "大数据工程"])
        try cli.ok(["practice", "cohort", "create", "--year", "2026", "--start", "2026-01-05", "--end", "2027-06-30"])
    }

    static func student(_ n: Int) -> String { "2026210\(String(format: "%03d", n))" }

    static func identity(_ n: Int) -> String {
        ResidentIdentityNumber.make(region: "520115", birthDate: CalendarDate(year: 2000, month: 1, day: 1)!, sequence: n).value
    }

    @Test func theWholeWorkflowFromImportToCompletion() async throws {
        let cli = try await CLISession.fresh()
        try Self.base(cli)
        let workspace = try Workspace()
        let trainees = try workspace.write("trainees.csv", """
            student_number,name,id_number,mobile,university,field,direct_from_bachelor,campus_supervisor
            \(Self.student(1)),李明,\(Self.identity(1)),13800138001,清华大学,大数据工程,否,张教授
            \(Self.student(2)),王芳,\(Self.identity(2)),,\(Self.university),大数据工程,是,张教授

            """)
        #expect(try cli.ok(["practice", "trainee", "import", trainees, "--cohort", "2026"]).contains("2 trainees added"))
        let positions = try workspace.write("positions.csv", """
            code,enterprise_credit_code,title,capacity
            P1,\(CLISession.employerCode),数据工程师,1
            P2,\(CLISession.employerCode),算法工程师,1

            """)
        try cli.ok(["practice", "position", "import", positions, "--cohort", "2026"])
        let preferences = try workspace.write("preferences.csv", """
            student_number,position,rank
            \(Self.student(1)),P1,1
            \(Self.student(1)),P2,2
            \(Self.student(2)),P1,1

            """)
        try cli.ok(["practice", "preferences", "import", preferences, "--cohort", "2026"])
        let rankings = try workspace.write("rankings.csv", """
            position,student_number,rank
            P1,\(Self.student(2)),1
            P1,\(Self.student(1)),2
            P2,\(Self.student(1)),1

            """)
        try cli.ok(["practice", "rankings", "import", rankings, "--cohort", "2026"])

        let preview = try cli.ok(["practice", "match", "--cohort", "2026", "--preview"])
        #expect(preview.contains("preview: 2026级: placed 2 of 2 trainees"))
        #expect(preview.contains("matched to choice 2 of 2"))
        let committed = try #require(try cli.json(["practice", "match", "--cohort", "2026", "--commit", "--json"]) as? [String: Any])
        #expect(committed["committed"] as? Bool == true)
        #expect(committed["matched"] as? Int == 2)
        let twice = try cli.run(["practice", "match", "--cohort", "2026", "--commit"])
        #expect(twice.status == 65)
        #expect(twice.stderr.contains("already matched"))
        expectNoCrash(twice)

        let export = try #require(try cli.json(["practice", "match", "export", "--cohort", "2026", "--json"]) as? [String: Any])
        #expect(export["matching"] as? [String: String] == [Self.student(1): "P2", Self.student(2): "P1"])
        let exportFile = try workspace.write("export.json", try JSONSerialization.data(withJSONObject: export))
        let rerun = try Talentctl.run(["practice", "match", "--instance", exportFile, "--json"], environment: [:])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let rematched = try JSONSerialization.jsonObject(with: Data(rerun.stdout.utf8)) as? [String: Any]
        #expect(rematched?["matching"] as? [String: String] == [Self.student(1): "P2", Self.student(2): "P1"])

        try cli.ok(["practice", "start", "--student", Self.student(1), "--mentor", Self.mentor, "--on", "2026-01-05"])
        let refused = try cli.run(["practice", "complete", "--student", Self.student(1), "--on", "2026-07-31"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("mid-term stage report is missing"))
        #expect(refused.stderr.contains("final assessment is missing"))
        try cli.ok(["practice", "report", "submit", "--student", Self.student(1), "--stage", "mid-term", "--grade", "good", "--on", "2026-03-10"])
        try cli.ok(["practice", "report", "submit", "--student", Self.student(1), "--stage", "final", "--grade", "excellent", "--on", "2026-07-10"])
        try cli.ok(["practice", "assess", "--student", Self.student(1), "--result", "pass", "--title", "实时数据平台", "--on", "2026-07-20"])
        let done = try cli.ok(["practice", "complete", "--student", Self.student(1), "--on", "2026-07-31"])
        #expect(done.contains("completed"))

        let shown = try #require(try cli.json(["practice", "trainee", "show", "--student", Self.student(1), "--json"]) as? [String: Any])
        let trainee = try #require(shown["trainee"] as? [String: Any])
        #expect(trainee["status"] as? String == "completed")
        #expect(trainee["mentor"] as? String == "赵导师")
        #expect((shown["stage_reports"] as? [Any])?.count == 2)

        let actions = Set(try cli.audit().compactMap { $0["action"] as? String })
        #expect(actions.isSuperset(of: ["practice.trainees.import", "practice.match.commit", "practice.start", "practice.complete"]))
    }

    @Test func listsMaskIdentityAndMobileUnlessRevealedWhichIsAudited() async throws {
        let cli = try await CLISession.fresh()
        try Self.base(cli)
        try cli.ok(["practice", "trainee", "enrol", "--cohort", "2026级", "--university", Self.university, "--field", "大数据工程",
                    "--student", Self.student(1), "--name", "李明", "--identity", Self.identity(1), "--mobile", "13800138000",
                    "--supervisor", "张教授", "--direct-from-bachelor"])
        let masked = try cli.jsonArray(["practice", "trainee", "list", "--cohort", "2026", "--json"])
        #expect(masked.first?["identity"] as? String != Self.identity(1))
        #expect((masked.first?["identity"] as? String)?.contains("*") == true)
        #expect(masked.first?["mobile"] as? String != "13800138000")
        #expect(try cli.audit().filter { $0["action"] as? String == "pii.reveal" }.isEmpty)
        let revealed = try cli.jsonArray(["practice", "trainee", "list", "--cohort", "2026", "--json", "--reveal-pii"])
        #expect(revealed.first?["identity"] as? String == Self.identity(1))
        #expect(revealed.first?["mobile"] as? String == "13800138000")
        let reveals = try cli.audit().filter { $0["action"] as? String == "pii.reveal" }
        #expect(reveals.count == 1)
        #expect(reveals.first?["entity_type"] as? String == "trainee")
    }

    @Test func aBadImportExitsWith65AndWritesTheErrorReport() async throws {
        let cli = try await CLISession.fresh()
        try Self.base(cli)
        let workspace = try Workspace()
        let file = try workspace.write("trainees.csv", """
            student_number,name,id_number,university,field,direct_from_bachelor,campus_supervisor
            \(Self.student(1)),李明,\(Self.identity(1)),\(Self.university),大数据工程,否,张教授
            \(Self.student(2)),王芳,12345,\(Self.university),大数据工程,否,张教授
            \(Self.student(3)),张伟,\(Self.identity(3)),\(Self.university),自动化,否,张教授

            """)
        let result = try cli.run(["practice", "trainee", "import", file, "--cohort", "2026"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("nothing was imported"))
        #expect(result.stderr.contains("id_number"))
        #expect(result.stderr.contains("自动化"))
        expectNoCrash(result)
        #expect(workspace.exists("trainees.csv.errors.csv"))
        #expect(try cli.jsonArray(["practice", "trainee", "list", "--json"]).isEmpty)
    }

    @Test func usageErrorsAndHelp() async throws {
        let cli = try await CLISession.fresh()
        let neither = try cli.run(["practice", "match", "--cohort", "2026"])
        #expect(neither.status == 64)
        #expect(neither.stderr.contains("--preview"))
        let both = try cli.run(["practice", "match", "--instance", "x.json", "--commit"])
        #expect(both.status == 64)
        let missing = try Talentctl.run(["practice", "match", "--instance", "/nonexistent/instance.json"], environment: [:])
        #expect(missing.status == 66)
        let commands = [
            [], ["programme"], ["programme", "add"], ["programme", "list"], ["cohort"], ["cohort", "create"], ["cohort", "list"],
            ["trainee"], ["trainee", "enrol"], ["trainee", "list"], ["trainee", "show"], ["trainee", "import"],
            ["position"], ["position", "add"], ["position", "list"], ["position", "import"],
            ["preferences"], ["preferences", "import"], ["preferences", "set"], ["rankings"], ["rankings", "import"],
            ["rankings", "set"], ["match"], ["match", "export"], ["report"], ["report", "submit"], ["assess"], ["start"],
            ["complete"], ["withdraw"], ["project"], ["project", "add"], ["project", "list"], ["problem"], ["problem", "add"],
            ["problem", "solve"], ["problem", "list"], ["award"], ["award", "add"], ["award", "list"],
        ]
        for command in commands {
            let help = try cli.run(["practice"] + command + ["--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("Example"), "\(command) --help has no example")
        }
        let noCohort = try cli.run(["practice", "position", "list", "--cohort", "2031"])
        #expect(noCohort.status == 65)
        #expect(noCohort.stderr.contains("cohort create --year 2031"))
    }
}
