import ArgumentParser
import Foundation
import TalentServices

/// `talentctl practice …`: the graduate practice base.
struct PracticeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practice",
        abstract: "The graduate practice base: cohorts, trainees, placement by stable matching, outcomes, projects.",
        discussion: """
            Workflow: add programmes of partner universities, create a cohort, enrol trainees (or import them), add host
            positions, import both sides' rankings, preview and commit the matching, then start, report, assess and
            complete each practice. See Docs/practice-base.md.

            Example:
              talentctl practice cohort create --year 2026 --start 2026-09-01 --end 2028-02-29
              talentctl practice trainee import trainees.csv --cohort 2026
              talentctl practice match --cohort 2026 --preview
            """,
        subcommands: [
            ProgrammeCommand.self, CohortCommand.self, PracticeTraineeCommand.self, PracticePositionCommand.self,
            PreferencesCommand.self, RankingsCommand.self, PracticeMatchCommand.self, StageReportCommand.self,
            AssessCommand.self, StartCommand.self, CompleteCommand.self, WithdrawCommand.self,
            ProjectCommand.self, ProblemCommand.self, AwardCommand.self, RosterCommand.self,
        ]
    )
}

// MARK: programme

struct ProgrammeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programme",
        abstract: "Degree programmes (fields) of partner universities.",
        discussion: "Example:\n  talentctl practice programme add --university 12100000400000624D --field 自动化 --field-en Automation\n  talentctl practice programme list",
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a degree field of a partner university (an organisation of kind university).",
            discussion: "Example:\n  talentctl practice programme add --university 12100000400000624D --field 大数据工程 --field-en \"Big Data Engineering\"")

        @Option(help: "The university's credit code.") var university: String
        @Option(help: "The degree field, e.g. 大数据工程 or 自动化.") var field: String
        @Option(help: "The field's English name.") var fieldEn: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let record = try await zone.practice.addProgramme(
                    universityCode: university, field: field, fieldEn: fieldEn, actor: actor.resolved)
                if output.json { return Output.json(record) }
                Output.line("added programme #\(record.id) \(record.field) of \(record.universityName)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List programmes by university and field (pinyin order).",
            discussion: "Example:\n  talentctl practice programme list --json")

        @Option(help: "Only this university (credit code).") var university: String?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let records = try await zone.practice.programmes(universityCode: university)
                if output.json { return Output.json(records) }
                Output.table(["#", "university", "field", "English"], records.map {
                    [String($0.id), $0.universityName, $0.field, $0.fieldEn ?? ""]
                }, rightAligned: [0])
            }
        }
    }
}

// MARK: cohort

struct CohortCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohort",
        abstract: "Cohorts, named by intake year (2026级), with their practice window.",
        discussion: "Example:\n  talentctl practice cohort create --year 2026 --start 2026-09-01 --end 2028-02-29\n  talentctl practice cohort list",
        subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a cohort with its practice window (placements get these start and end dates).",
            discussion: "Example:\n  talentctl practice cohort create --year 2026 --start 2026-09-01 --end 2028-02-29")

        @Option(help: "Intake year.") var year: Int
        @Option(help: "Name (default: YEAR级).") var name: String?
        @Option(help: "First day of the practice window, YYYY-MM-DD (may be after today).") var start: Day
        @Option(help: "Last day of the practice window, YYYY-MM-DD (may be after today).") var end: Day
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let record = try await zone.practice.createCohort(
                    CohortInput(intakeYear: year, name: name, practiceStart: start.date, practiceEnd: end.date), actor: actor.resolved)
                if output.json { return Output.json(record) }
                Output.line("created cohort \(record.name): practice \(record.practiceStart) – \(record.practiceEnd)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List cohorts with their trainee counts and whether they are matched.",
            discussion: "Example:\n  talentctl practice cohort list --json")

        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let records = try await zone.practice.cohorts()
                if output.json { return Output.json(records) }
                Output.table(["year", "name", "practice window", "trainees", "matched"], records.map {
                    [String($0.intakeYear), $0.name, "\($0.practiceStart) – \($0.practiceEnd)", String($0.trainees),
                     $0.matchedAt.map { ISO8601DateFormatter().string(from: $0) } ?? "no"]
                }, rightAligned: [3])
            }
        }
    }
}

// MARK: Shared argument types and views

/// A cohort named on the command line: the intake year, 2026 or 2026级.
struct CohortYear: ExpressibleByArgument, Sendable {
    var year: Int

    init?(argument: String) {
        var text = argument.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("级") { text.removeLast() }
        guard let year = Int(text), (2000...2100).contains(year) else { return nil }
        self.year = year
    }
}

/// How a command names one trainee: `--student NUMBER [--university CODE]`.
struct TraineeOptions: ParsableArguments {
    @Option(help: "The trainee's student number.") var student: String
    @Option(help: "The university's credit code (needed only when two universities share the number).") var university: String?

    var reference: TraineeReference { TraineeReference(studentNumber: student, universityCode: university) }
}

extension TraineeStatus: ExpressibleByArgument {}
extension PracticeStage: ExpressibleByArgument {}
extension MentorGrade: ExpressibleByArgument {}
extension AssessmentResult: ExpressibleByArgument {}
extension AwardLevel: ExpressibleByArgument {}

/// A trainee as shown to people: identity and mobile as the service gave them (masked unless revealed).
struct TraineeView: Encodable {
    var id: Int64
    var studentNumber: String
    var name: String
    var identity: String
    var mobile: String?
    var university: String
    var universityCode: String
    var field: String
    var cohort: String
    var directFromBachelor: Bool
    var campusSupervisor: String
    var status: String
    var position: String?
    var positionTitle: String?
    var hostEnterprise: String?
    var mentor: String?
    var start: String?
    var end: String?
    var startedOn: String?
    var completedOn: String?
    var withdrawnOn: String?
    var withdrawalReason: String?
    var piiMasked: Bool

    init(_ record: TraineeRecord) {
        id = record.id
        studentNumber = record.studentNumber
        name = record.name
        identity = record.identityKey.description
        mobile = record.mobile?.description
        university = record.universityName
        universityCode = record.universityCode
        field = record.field
        cohort = record.cohortName
        directFromBachelor = record.directFromBachelor
        campusSupervisor = record.campusSupervisor
        status = record.status.rawValue
        position = record.placement?.positionCode
        positionTitle = record.placement?.positionTitle
        hostEnterprise = record.placement?.enterpriseName
        mentor = record.placement?.mentorName
        start = record.placement?.startOn.description
        end = record.placement?.endOn.description
        startedOn = record.placement?.startedOn?.description
        completedOn = record.placement?.completedOn?.description
        withdrawnOn = record.withdrawnOn?.description
        withdrawalReason = record.withdrawalReason
        piiMasked = !record.identityKey.isRevealed
    }

    /// One line for the result of a step.
    var summary: String {
        "\(name) (\(studentNumber), \(university)): \(status)"
            + (hostEnterprise.map { " at \($0)" } ?? "") + (mentor.map { ", mentor \($0)" } ?? "")
    }
}
