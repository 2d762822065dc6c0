import ArgumentParser
import Foundation
import TalentServices

struct PracticePositionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "position",
        abstract: "Host positions offered by enterprises to a cohort.",
        discussion: "Example:\n  talentctl practice position import positions-2026.csv --cohort 2026\n  talentctl practice position list --cohort 2026",
        subcommands: [Add.self, List.self, Import.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a host position (the code is its key in CSV files and matching instances).",
            discussion: "Example:\n  talentctl practice position add --cohort 2026 --code P001 --enterprise 91520115MA6DQ8XW1K --title 数据工程师 --capacity 3 --topic 工业大数据平台 --skills \"Spark, SQL\"")

        @Option(help: "Cohort: intake year.") var cohort: CohortYear
        @Option(help: "Position code, e.g. P001.") var code: String
        @Option(help: "The host enterprise's credit code.") var enterprise: String
        @Option(help: "Title of the position.") var title: String
        @Option(help: "How many trainees it takes (0 or more).") var capacity: Int
        @Option(help: "Research topic.") var topic: String?
        @Option(help: "Skills wanted.") var skills: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let record = try await zone.practice.addPosition(
                    PositionInput(code: code, enterpriseCode: enterprise, title: title, capacity: capacity, topic: topic, skills: skills),
                    cohortYear: cohort.year, actor: actor.resolved)
                if output.json { return Output.json(record) }
                Output.line("added position \(record.code) \(record.title) at \(record.enterpriseName), capacity \(record.capacity)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a cohort's positions by code, with seats taken.",
            discussion: "Example:\n  talentctl practice position list --cohort 2026 --json")

        @Option(help: "Cohort: intake year.") var cohort: CohortYear
        @Option(help: "Only this enterprise (credit code).") var enterprise: String?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let records = try await zone.practice.positions(cohortYear: cohort.year, enterpriseCode: enterprise)
                if output.json { return Output.json(records) }
                Output.table(["code", "title", "enterprise", "capacity", "placed", "topic"], records.map {
                    [$0.code, $0.title, $0.enterpriseName, String($0.capacity), String($0.placed), $0.topic ?? ""]
                }, rightAligned: [3, 4])
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import host positions from CSV (all or nothing; FILE.errors.csv lists bad rows).",
            discussion: """
                Columns: \(PracticeBaseService.positionColumns.joined(separator: ", ")) (topic and skills optional).

                Example:
                  talentctl practice position import positions-2026.csv --cohort 2026
                """)

        @Argument(help: "The CSV file.") var file: String
        @Option(help: "Cohort: intake year.") var cohort: CohortYear
        @OptionGroup var importOptions: PracticeImportOptions
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await importOptions.run(output) { zone, options in
                try await zone.practice.importPositions(at: file, cohortYear: cohort.year, options: options, actor: actor.resolved)
            }
        }
    }
}

struct PreferencesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preferences",
        abstract: "Trainees' ranked lists of positions.",
        discussion: "Example:\n  talentctl practice preferences import preferences-2026.csv --cohort 2026",
        subcommands: [Import.self, SetList.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import trainees' preferences: each trainee in the file gets exactly the positions listed, by rank.",
            discussion: """
                Columns: \(PracticeBaseService.preferenceColumns.joined(separator: ", ")) (university only needed when two
                universities share a student number). Rank 1 is the first choice; ties are an error.

                Example:
                  talentctl practice preferences import preferences-2026.csv --cohort 2026
                """)

        @Argument(help: "The CSV file.") var file: String
        @Option(help: "Cohort: intake year.") var cohort: CohortYear
        @OptionGroup var importOptions: PracticeImportOptions
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await importOptions.run(output) { zone, options in
                try await zone.practice.importPreferences(at: file, cohortYear: cohort.year, options: options, actor: actor.resolved)
            }
        }
    }

    struct SetList: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set one trainee's ranked list of positions (best first).",
            discussion: "Example:\n  talentctl practice preferences set --cohort 2026 --student 2026210001 P003 P001")

        @Option(help: "Cohort: intake year.") var cohort: CohortYear
        @OptionGroup var trainee: TraineeOptions
        @Argument(help: "Position codes, best first.") var positions: [String] = []
        @OptionGroup var actor: ActorOptions

        func run() async throws {
            try await Command.run { zone in
                try await zone.practice.setPreferences(
                    cohortYear: cohort.year, trainee: trainee.reference, positionCodes: positions, actor: actor.resolved)
                Output.line("\(trainee.reference): \(positions.isEmpty ? "no positions" : positions.joined(separator: " > "))")
            }
        }
    }
}

struct RankingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rankings",
        abstract: "Positions' ranked lists of the trainees who applied.",
        discussion: "Example:\n  talentctl practice rankings import rankings-2026.csv --cohort 2026",
        subcommands: [Import.self, SetList.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import positions' rankings: each position in the file gets exactly the trainees listed, by rank.",
            discussion: """
                Columns: \(PracticeBaseService.rankingColumns.joined(separator: ", ")). Rank 1 is the most wanted trainee.

                Example:
                  talentctl practice rankings import rankings-2026.csv --cohort 2026
                """)

        @Argument(help: "The CSV file.") var file: String
        @Option(help: "Cohort: intake year.") var cohort: CohortYear
        @OptionGroup var importOptions: PracticeImportOptions
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await importOptions.run(output) { zone, options in
                try await zone.practice.importRankings(at: file, cohortYear: cohort.year, options: options, actor: actor.resolved)
            }
        }
    }

    struct SetList: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set one position's ranked list of trainees (student numbers, best first).",
            discussion: "Example:\n  talentctl practice rankings set --cohort 2026 --position P001 2026210002 2026210001")

        @Option(help: "Cohort: intake year.") var cohort: CohortYear
        @Option(help: "Position code.") var position: String
        @Argument(help: "Student numbers, best first.") var students: [String] = []
        @OptionGroup var actor: ActorOptions

        func run() async throws {
            try await Command.run { zone in
                try await zone.practice.setRanking(
                    cohortYear: cohort.year, positionCode: position,
                    trainees: students.map { TraineeReference(studentNumber: $0) }, actor: actor.resolved)
                Output.line("\(position): \(students.isEmpty ? "nobody" : students.joined(separator: " > "))")
            }
        }
    }
}
