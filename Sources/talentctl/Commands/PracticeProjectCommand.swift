import ArgumentParser
import Foundation
import TalentServices

/// Cooperation projects, technical problems and awards.
struct ProjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Enterprise–university–institute cooperation projects (产学研合作项目).",
        discussion: "Example:\n  talentctl practice project list --json",
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a cooperation project of an enterprise with universities or institutes, trainees and mentors.",
            discussion: "Example:\n  talentctl practice project add --title 航空发动机叶片缺陷智能检测 --enterprise 91520115MA6DQ8XW1K --partner 12100000400000624D --start-year 2024 --trainee 2026210001 --mentor 11010519491231002X")

        @Option(help: "Title.") var title: String
        @Option(help: "The enterprise's credit code.") var enterprise: String
        @Option(help: "A partner university or institute (credit code); repeat for several.") var partner: [String] = []
        @Option(help: "Start year.") var startYear: Int
        @Option(help: "A trainee involved (student number); repeat for several.") var trainee: [String] = []
        @Option(help: "A mentor involved (identity of a registered talent); repeat for several.") var mentor: [String] = []
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let record = try await zone.practice.addProject(
                    ProjectInput(title: title, enterpriseCode: enterprise, partnerCodes: partner, startYear: startYear,
                                 trainees: trainee.map { TraineeReference(studentNumber: $0) },
                                 mentorIdentities: try mentor.map { try identityKey($0) }),
                    actor: actor.resolved)
                if output.json { return Output.json(record) }
                Output.line("added project #\(record.id) \(record.title) (\(record.enterpriseName) with "
                    + record.partners.map(\.name).joined(separator: ", ") + ")")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List cooperation projects by start year and title.",
            discussion: "Example:\n  talentctl practice project list --json")

        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let records = try await zone.practice.projects()
                if output.json { return Output.json(records) }
                Output.table(["#", "title", "enterprise", "partners", "since", "trainees", "awards", "solved"], records.map {
                    [String($0.id), $0.title, $0.enterpriseName, $0.partners.map(\.name).joined(separator: "、"), String($0.startYear),
                     String($0.trainees.count), String($0.awards), String($0.problemsSolved)]
                }, rightAligned: [0, 4, 5, 6, 7])
            }
        }
    }
}

struct ProblemCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "problem",
        abstract: "Technical problems posed by enterprises, and the projects that solved them.",
        discussion: "Example:\n  talentctl practice problem list --open",
        subcommands: [Add.self, Solve.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a technical problem posed by an enterprise.",
            discussion: "Example:\n  talentctl practice problem add --enterprise 91520115MA6DQ8XW1K --title 微特电机绕组温升预测 --posed-on 2025-03-01")

        @Option(help: "The enterprise's credit code.") var enterprise: String
        @Option(help: "Title.") var title: String
        @Option(help: "Day it was posed, YYYY-MM-DD (default today; not after today).") var posedOn: Day?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let record = try await zone.practice.addProblem(
                    enterpriseCode: enterprise, title: title, posedOn: posedOn?.date ?? .today(), actor: actor.resolved)
                if output.json { return Output.json(record) }
                Output.line("recorded problem #\(record.id) \(record.title) of \(record.enterpriseName)")
            }
        }
    }

    struct Solve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a problem solved by a cooperation project.",
            discussion: "Example:\n  talentctl practice problem solve 12 --project 3 --on 2026-06-30")

        @Argument(help: "The problem's number.") var id: Int64
        @Option(help: "The project that solved it.") var project: Int64
        @Option(help: "Day it was solved, YYYY-MM-DD (default today; not after today).") var on: Day?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let record = try await zone.practice.solveProblem(id: id, projectID: project, on: on?.date ?? .today(), actor: actor.resolved)
                if output.json { return Output.json(record) }
                Output.line("problem #\(record.id) solved on \(record.solvedOn?.description ?? "") by project #\(project) \(record.solvedByProjectTitle ?? "")")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List technical problems by the day they were posed.",
            discussion: "Example:\n  talentctl practice problem list --solved --json")

        @Flag(help: "Only solved problems.") var solved = false
        @Flag(help: "Only open problems.") var open = false
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if solved && open { throw UsageError("give at most one of --solved and --open") }
        }

        func run() async throws {
            try await Command.run { zone in
                let records = try await zone.practice.problems(solved: solved ? true : open ? false : nil)
                if output.json { return Output.json(records) }
                Output.table(["#", "title", "enterprise", "posed", "solved", "by project"], records.map {
                    [String($0.id), $0.title, $0.enterpriseName, $0.posedOn.description, $0.solvedOn?.description ?? "",
                     $0.solvedByProjectTitle.map { "\($0)" } ?? ""]
                }, rightAligned: [0])
            }
        }
    }
}

struct AwardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "award",
        abstract: "Awards won by cooperation projects (national, provincial-ministerial, city).",
        discussion: "Example:\n  talentctl practice award list --json",
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an award won by a project.",
            discussion: "Example:\n  talentctl practice award add --project 3 --level provincial-ministerial --year 2025 --name 贵州省科学技术进步奖二等奖")

        @Option(help: "The project's number.") var project: Int64
        @Option(help: "national | provincial-ministerial | city") var level: AwardLevel
        @Option(help: "Year awarded (not after this year).") var year: Int
        @Option(help: "Name of the award.") var name: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let record = try await zone.practice.addAward(projectID: project, level: level, year: year, name: name, actor: actor.resolved)
                if output.json { return Output.json(record) }
                Output.line("recorded award #\(record.id) \(record.name) (\(record.level.rawValue), \(record.year)) for \(record.projectTitle)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List awards by year and level.",
            discussion: "Example:\n  talentctl practice award list --json")

        @Option(help: "Only this project's awards.") var project: Int64?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let records = try await zone.practice.awards(projectID: project)
                if output.json { return Output.json(records) }
                Output.table(["#", "year", "level", "award", "project"], records.map {
                    [String($0.id), String($0.year), $0.level.rawValue, $0.name, $0.projectTitle]
                }, rightAligned: [0, 1])
            }
        }
    }
}
