import ArgumentParser
import Foundation
import TalentServices

/// The steps of one practice: start, stage reports, final assessment, completion, withdrawal.
struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start a placed trainee's practice with an enterprise mentor (a talent employed by the host enterprise).",
        discussion: "Example:\n  talentctl practice start --student 2026210001 --mentor 11010519491231002X --on 2026-09-01")

    @OptionGroup var trainee: TraineeOptions
    @Option(help: "The mentor's identity (resident identity number or NAT:PASSPORT of a registered talent).") var mentor: String
    @Option(help: "The first day of practice, YYYY-MM-DD (default today; not after today).") var on: Day?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await Command.run { zone in
            let record = try await zone.practice.start(
                trainee.reference, mentorIdentity: try identityKey(mentor), on: on?.date ?? .today(), actor: actor.resolved)
            PracticeStep.show(record, json: output.json)
        }
    }
}

struct StageReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Stage reports (mid-term, final) with the mentor's grade.",
        discussion: "Example:\n  talentctl practice report submit --student 2026210001 --stage mid-term --grade good",
        subcommands: [Submit.self])

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a stage report with the mentor's grade (excellent, good, pass, fail); once per stage.",
            discussion: "Example:\n  talentctl practice report submit --student 2026210001 --stage mid-term --grade good --on 2026-11-15")

        @OptionGroup var trainee: TraineeOptions
        @Option(help: "mid-term | final") var stage: PracticeStage
        @Option(help: "excellent | good | pass | fail") var grade: MentorGrade
        @Option(help: "Submission day, YYYY-MM-DD (default today; not after today).") var on: Day?
        @Option(help: "A short summary.") var summary: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let record = try await zone.practice.submitReport(
                    trainee.reference, stage: stage, grade: grade, on: on?.date ?? .today(), summary: summary, actor: actor.resolved)
                if output.json { return Output.json(record) }
                Output.line("\(trainee.reference): \(record.stage.rawValue) report recorded (\(record.mentorGrade.rawValue), \(record.submittedOn))")
            }
        }
    }
}

struct AssessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Record the final assessment of a practice: pass or fail, with the practice report's title.",
        discussion: "Example:\n  talentctl practice assess --student 2026210001 --result pass --title \"工业大数据平台的实时质量分析\" --on 2026-11-20")

    @OptionGroup var trainee: TraineeOptions
    @Option(help: "pass | fail") var result: AssessmentResult
    @Option(help: "Title of the practice report.") var title: String
    @Option(help: "Assessment day, YYYY-MM-DD (default today; not after today).") var on: Day?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await Command.run { zone in
            let record = try await zone.practice.assess(
                trainee.reference, result: result, reportTitle: title, on: on?.date ?? .today(), actor: actor.resolved)
            if output.json { return Output.json(record) }
            Output.line("\(trainee.reference): final assessment \(record.result.rawValue) (\(record.assessedOn))")
        }
    }
}

struct CompleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "complete",
        abstract: "Complete a practice; refused, with every reason, while duration, a stage report or a passed assessment is missing.",
        discussion: """
            The duration policy: at least 6 months of practice, 12 for students straight from a bachelor's degree.

            Example:
              talentctl practice complete --student 2026210001 --on 2026-11-30
            """)

    @OptionGroup var trainee: TraineeOptions
    @Option(help: "Completion day, YYYY-MM-DD (default today; not after today).") var on: Day?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await Command.run { zone in
            let record = try await zone.practice.complete(trainee.reference, on: on?.date ?? .today(), actor: actor.resolved)
            PracticeStep.show(record, json: output.json)
        }
    }
}

struct WithdrawCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Withdraw a trainee from the base, with the reason.",
        discussion: "Example:\n  talentctl practice withdraw --student 2026210001 --reason \"转入学术型学位\" --on 2026-10-08")

    @OptionGroup var trainee: TraineeOptions
    @Option(help: "Why the trainee leaves (recorded).") var reason: String
    @Option(help: "Withdrawal day, YYYY-MM-DD (default today; not after today).") var on: Day?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await Command.run { zone in
            let record = try await zone.practice.withdraw(trainee.reference, reason: reason, on: on?.date ?? .today(), actor: actor.resolved)
            PracticeStep.show(record, json: output.json)
        }
    }
}

enum PracticeStep {
    static func show(_ record: TraineeRecord, json: Bool) {
        let view = TraineeView(record)
        if json { return Output.json(view) }
        Output.line(view.summary)
    }
}
