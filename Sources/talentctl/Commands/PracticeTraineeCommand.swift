import ArgumentParser
import Foundation
import TalentServices
import TalentText

struct PracticeTraineeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainee",
        abstract: "Enrol, list, show and import trainees.",
        discussion: "Example:\n  talentctl practice trainee import trainees-2026.csv --cohort 2026\n  talentctl practice trainee list --cohort 2026",
        subcommands: [Enrol.self, List.self, Show.self, Import.self])

    struct Enrol: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enrol one trainee in a cohort (identity validated as in the registry).",
            discussion: """
                --identity takes a resident identity number, or NATIONALITY:PASSPORT for a foreign student.
                --direct-from-bachelor raises the required practice to 12 months (otherwise 6).

                Example:
                  talentctl practice trainee enrol --cohort 2026 --university 12100000400000624D --field 大数据工程 --student 2026210001 --name 李明 --identity 11010519491231002X --supervisor 张教授 --direct-from-bachelor
                """)

        @Option(help: "Cohort: intake year (2026 or 2026级).") var cohort: CohortYear
        @Option(help: "The university's credit code or registered name.") var university: String
        @Option(help: "The degree field (programme) at that university.") var field: String
        @Option(help: "Student number.") var student: String
        @Option(help: "Name as on the identity document.") var name: String
        @Option(help: "Resident identity number, or NAT:PASSPORT.") var identity: String
        @Option(help: "Mobile number.") var mobile: String?
        @Option(help: "The campus supervisor's name.") var supervisor: String
        @Flag(help: "The student came straight from a bachelor's degree (12 months of practice).") var directFromBachelor = false
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let record = try await zone.practice.enrol(
                    TraineeInput(studentNumber: student, name: name, identity: identity, mobile: mobile, university: university,
                                 field: field, directFromBachelor: directFromBachelor, campusSupervisor: supervisor),
                    cohortYear: cohort.year, actor: actor.resolved)
                let view = TraineeView(record)
                if output.json { return Output.json(view) }
                Output.line("enrolled trainee #\(view.id) \(view.name) (\(view.studentNumber), \(view.university)) in \(view.cohort)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List trainees by university, then name (pinyin); identity and mobile numbers masked.",
            discussion: "Example:\n  talentctl practice trainee list --cohort 2026 --status placed\n  talentctl practice trainee list --cohort 2026 --json --reveal-pii")

        @Option(help: "Only this cohort (intake year).") var cohort: CohortYear?
        @Option(help: "Only this university (credit code).") var university: String?
        @Option(help: "Only trainees in this state: \(TraineeStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
        var status: TraineeStatus?
        @Flag(help: "Show full identity and mobile numbers (recorded in the audit log).") var revealPII = false
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let records = try await zone.practice.trainees(
                    TraineeFilter(cohortYear: cohort?.year, universityCode: university, status: status),
                    reveal: revealPII ? PIIReveal(scope: "practice trainee list") : nil, actor: actor.resolved)
                let views = records.map { TraineeView($0) }
                if output.json { return Output.json(views) }
                Output.table(["student", "name", "identity", "university", "field", "cohort", "status", "host enterprise"], views.map {
                    [$0.studentNumber, $0.name, $0.identity, $0.university, $0.field, $0.cohort, $0.status, $0.hostEnterprise ?? ""]
                })
                Output.note(Output.count(records.count, "trainee"))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one trainee with placement, stage reports, assessment and what blocks completion.",
            discussion: "Example:\n  talentctl practice trainee show --student 2026210001\n  talentctl practice trainee show --student 2026210001 --university 12100000400000624D --json")

        @OptionGroup var trainee: TraineeOptions
        @Option(help: "Judge completion as of this day (default today).") var on: Day?
        @Flag(help: "Show full identity and mobile numbers (recorded in the audit log).") var revealPII = false
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        struct Report: Encodable {
            var trainee: TraineeView
            var stageReports: [StageReportRecord]
            var finalAssessment: FinalAssessmentRecord?
            var requiredMonths: Int
            var completionObstacles: [String]
        }

        func run() async throws {
            try await Command.run { zone in
                let detail = try await zone.practice.trainee(
                    trainee.reference, on: on?.date ?? .today(),
                    reveal: revealPII ? PIIReveal(scope: "practice trainee show") : nil, actor: actor.resolved)
                let view = TraineeView(detail.trainee)
                let obstacles = detail.completionObstacles.map { NextStepCommand.message($0.reason, then: $0.next) }
                if output.json {
                    return Output.json(Report(
                        trainee: view, stageReports: detail.stageReports, finalAssessment: detail.finalAssessment,
                        requiredMonths: detail.requiredMonths, completionObstacles: obstacles))
                }
                Output.fields([
                    ("trainee", "#\(view.id) \(view.name) (\(view.studentNumber))"),
                    ("identity", view.identity), ("mobile", view.mobile ?? "-"),
                    ("university", "\(view.university) (\(view.universityCode)), \(view.field)"),
                    ("cohort", view.cohort),
                    ("practice required", "\(detail.requiredMonths) months" + (view.directFromBachelor ? " (straight from a bachelor's)" : "")),
                    ("campus supervisor", view.campusSupervisor),
                    ("status", view.status + (view.withdrawalReason.map { " (\($0), \(view.withdrawnOn ?? ""))" } ?? "")),
                    ("placement", view.position.map { "\($0) \(view.positionTitle ?? "") at \(view.hostEnterprise ?? "")" } ?? "-"),
                    ("window", view.start.map { "\($0) – \(view.end ?? "")" } ?? "-"),
                    ("enterprise mentor", view.mentor ?? "-"),
                    ("started / completed", "\(view.startedOn ?? "-") / \(view.completedOn ?? "-")"),
                ])
                for report in detail.stageReports {
                    Output.line("\(report.stage.rawValue) report: \(report.mentorGrade.rawValue), submitted \(report.submittedOn)")
                }
                if let assessment = detail.finalAssessment {
                    Output.line("final assessment: \(assessment.result.rawValue) on \(assessment.assessedOn), report 《\(assessment.reportTitle)》")
                }
                for obstacle in obstacles { Output.line("cannot complete yet: \(obstacle)") }
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import trainees into a cohort from CSV: all rows checked first, then all or nothing.",
            discussion: """
                Columns (first row; any order; mobile optional):
                  \(PracticeBaseService.traineeColumns.joined(separator: ", "))
                university is a credit code or registered name; field a programme of that university; direct_from_bachelor
                yes/no. Any bad row means nothing is written; bad rows are listed and written to FILE.errors.csv.
                Rows already enrolled identically are left unchanged. See Docs/practice-base.md.

                Example:
                  talentctl practice trainee import trainees-2026.csv --cohort 2026
                """)

        @Argument(help: "The CSV file.") var file: String
        @Option(help: "Cohort: intake year.") var cohort: CohortYear
        @OptionGroup var importOptions: PracticeImportOptions
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await importOptions.run(output) { zone, options in
                try await zone.practice.importTrainees(at: file, cohortYear: cohort.year, options: options, actor: actor.resolved)
            }
        }
    }
}

/// Options shared by the practice imports.
struct PracticeImportOptions: ParsableArguments {
    @Flag(help: "Import the valid rows (whole ranked lists) and report the invalid ones instead of importing nothing.")
    var skipInvalid = false
    @Option(help: "auto | utf-8 | gb18030 (gbk and gb2312 are read as gb18030).") var encoding: String = "auto"

    func resolved() throws -> TalentImportService.Options {
        .init(encoding: try SourceEncoding.option(encoding), skipInvalid: skipInvalid)
    }

    /// Runs one import with these options and ends it as the other imports do (``Failure/finishImport(_:json:summary:)``).
    func run(_ output: OutputOptions,
             _ body: @escaping (TalentZone, TalentImportService.Options) async throws -> PracticeImportReport) async throws {
        let options = try resolved()
        try await Command.run { zone in
            let report = try await body(zone, options)
            try Failure.finishImport(report, json: output.json, summary: report.summary)
        }
    }
}
