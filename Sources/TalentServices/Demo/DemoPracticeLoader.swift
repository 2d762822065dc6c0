import Foundation
import TalentDomain
import TalentStore
import TalentText

/// Loads a ``DemoPractice`` through the practice services (never raw SQL): programmes one by one,
/// each cohort's trainees, positions, preferences and rankings as CSV imports, the committed stable
/// matching, then every trainee's practice step by step with back-dated days; then projects,
/// problems and awards. The steps are dated on or before ``DemoPractice/asOf``, which they take as today.
///
/// Every step looks at what is stored first, so loading twice adds nothing the second time, and a
/// load that was interrupted carries on where it stopped.
public struct DemoPracticeLoader: Sendable {
    let practice: PracticeBaseService
    public let actor: Principal

    public init(store: Store, actor: Principal = .localOperator("demo")) {
        practice = PracticeBaseService(store: store)
        self.actor = actor
    }

    /// `practiceSteps: false` stops after the matching (benchmarks take the steps in bulk).
    public func load(_ plan: DemoPractice, practiceSteps: Bool = true,
                     note: @Sendable (String) -> Void = { _ in }) async throws(ServiceError) -> DemoPracticeLoadReport {
        var report = DemoPracticeLoadReport()
        let programmes = Set(try await practice.programmes().map { "\($0.universityCode)/\($0.field)" })
        for programme in plan.programmes where !programmes.contains("\(programme.universityCode)/\(programme.field)") {
            _ = try await practice.addProgramme(
                universityCode: programme.universityCode, field: programme.field, fieldEn: programme.fieldEn, actor: actor)
            report.programmesAdded += 1
        }
        let existing = Dictionary(try await practice.cohorts().map { ($0.intakeYear, $0) }, uniquingKeysWith: { a, _ in a })
        for cohort in plan.cohorts {
            try await load(cohort, existing: existing[cohort.year], practiceSteps: practiceSteps, &report)
            note("practice base: \(cohort.year)级, \(cohort.trainees.count) trainees")
        }
        try await loadProjects(plan, &report)
        note("practice base: \(report.projectsAdded) projects, \(report.problemsAdded) problems and \(report.awardsAdded) awards added")
        return report
    }

    private func load(_ cohort: DemoPractice.Cohort, existing: CohortRecord?, practiceSteps: Bool,
                      _ report: inout DemoPracticeLoadReport) async throws(ServiceError) {
        if existing == nil {
            _ = try await practice.createCohort(
                CohortInput(intakeYear: cohort.year, practiceStart: cohort.start, practiceEnd: cohort.end), actor: actor)
            report.cohortsAdded += 1
        }
        let files = try DemoFiles(prefix: "practice-\(cohort.year)")
        defer { files.remove() }
        let options = TalentImportService.Options(today: DemoPractice.asOf, writeErrorReport: false)
        let trainees = try files.write("trainees.csv", header: PracticeBaseService.traineeColumns, rows: cohort.trainees.map {
            [$0.input.studentNumber, $0.input.name, $0.input.identity, $0.input.mobile ?? "", $0.universityCode, $0.input.field,
             $0.input.directFromBachelor ? "yes" : "no", $0.input.campusSupervisor]
        })
        report.traineesAdded += try await practice.importTrainees(at: trainees, cohortYear: cohort.year, options: options,
                                                                  actor: actor).added
        let positions = try files.write("positions.csv", header: PracticeBaseService.positionColumns, rows: cohort.positions.map {
            [$0.input.code, $0.input.enterpriseCode, $0.input.title, String($0.input.capacity), $0.input.topic ?? "", $0.input.skills ?? ""]
        })
        report.positionsAdded += try await practice.importPositions(at: positions, cohortYear: cohort.year, options: options,
                                                                    actor: actor).added
        if existing?.matchedAt == nil {
            let preferences = try files.write("preferences.csv", header: PracticeBaseService.preferenceColumns, rows: cohort.preferences.flatMap { entry in
                entry.positions.enumerated().map { [entry.trainee.universityCode, entry.trainee.input.studentNumber, $1, String($0 + 1)] }
            })
            _ = try await practice.importPreferences(at: preferences, cohortYear: cohort.year, options: options, actor: actor)
            let rankings = try files.write("rankings.csv", header: PracticeBaseService.rankingColumns, rows: cohort.rankings.flatMap { entry in
                entry.trainees.enumerated().map { [entry.position, $1.universityCode, $1.input.studentNumber, String($0 + 1)] }
            })
            _ = try await practice.importRankings(at: rankings, cohortYear: cohort.year, options: options, actor: actor)
            report.traineesMatched += try await practice.commit(cohortYear: cohort.year, actor: actor).matched
            report.cohortsMatched += 1
        }
        if practiceSteps { try await progress(cohort, &report) }
    }

    /// Moves each trainee on to its planned outcome, from wherever it stands.
    private func progress(_ cohort: DemoPractice.Cohort, _ report: inout DemoPracticeLoadReport) async throws(ServiceError) {
        let stored = try await practice.trainees(TraineeFilter(cohortYear: cohort.year), actor: actor)
        let byKey = Dictionary(stored.map { ("\($0.universityCode)/\($0.studentNumber)", $0) }, uniquingKeysWith: { a, _ in a })
        let mentors = Dictionary(cohort.positions.map { ($0.input.code, $0.mentors) }, uniquingKeysWith: { a, _ in a })
        for (index, trainee) in cohort.trainees.enumerated() {
            guard let record = byKey["\(trainee.universityCode)/\(trainee.input.studentNumber)"],
                  record.status != .completed, record.status != .withdrawn else { continue }
            let reference = trainee.reference
            guard let placement = record.placement else {
                _ = try await practice.withdraw(reference, reason: "未获匹配实践岗位，转校内实践", on: cohort.start, today: DemoPractice.asOf, actor: actor)
                report.steps += 1
                continue
            }
            let start: CalendarDate = switch trainee.outcome {
            case let .practising(start, _, _), let .withdraws(start, _, _), let .completes(start, _, _, _, _, _, _, _): start
            }
            if record.status == .placed {
                let candidates = mentors[placement.positionCode] ?? []
                guard !candidates.isEmpty else { continue }
                _ = try await practice.start(reference, mentorIdentity: candidates[index % candidates.count], on: start, today: DemoPractice.asOf, actor: actor)
                report.steps += 1
            }
            let detail = try await practice.trainee(reference, on: DemoPractice.asOf, actor: actor)
            let reported = Set(detail.stageReports.map(\.stage))
            switch trainee.outcome {
            case let .practising(_, midTerm, grade):
                if let midTerm, !reported.contains(.midTerm) {
                    _ = try await practice.submitReport(reference, stage: .midTerm, grade: grade, on: midTerm, today: DemoPractice.asOf, actor: actor)
                    report.steps += 1
                }
            case let .withdraws(_, on, reason):
                _ = try await practice.withdraw(reference, reason: reason, on: on, today: DemoPractice.asOf, actor: actor)
                report.steps += 1
            case let .completes(_, midTerm, final, assessed, completed, midTermGrade, finalGrade, title):
                if !reported.contains(.midTerm) {
                    _ = try await practice.submitReport(reference, stage: .midTerm, grade: midTermGrade, on: midTerm, today: DemoPractice.asOf, actor: actor)
                    report.steps += 1
                }
                if !reported.contains(.final) {
                    _ = try await practice.submitReport(reference, stage: .final, grade: finalGrade, on: final, today: DemoPractice.asOf, actor: actor)
                    report.steps += 1
                }
                if detail.finalAssessment == nil {
                    _ = try await practice.assess(reference, result: .pass, reportTitle: title, on: assessed, today: DemoPractice.asOf, actor: actor)
                    report.steps += 1
                }
                _ = try await practice.complete(reference, on: completed, today: DemoPractice.asOf, actor: actor)
                report.steps += 1
            }
        }
    }

    private func loadProjects(_ plan: DemoPractice, _ report: inout DemoPracticeLoadReport) async throws(ServiceError) {
        var projects = Dictionary(try await practice.projects().map { ($0.title, $0.id) }, uniquingKeysWith: { a, _ in a })
        var awards: [Int64: Set<String>] = [:]
        for award in try await practice.awards() { awards[award.projectID, default: []].insert("\(award.name)/\(award.year)") }
        for project in plan.projects {
            if projects[project.input.title] == nil {
                projects[project.input.title] = try await practice.addProject(project.input, actor: actor).id
                report.projectsAdded += 1
            }
            guard let id = projects[project.input.title] else { continue }
            for award in project.awards where !(awards[id]?.contains("\(award.name)/\(award.year)") ?? false) {
                _ = try await practice.addAward(projectID: id, level: award.level, year: award.year, name: award.name, today: DemoPractice.asOf, actor: actor)
                report.awardsAdded += 1
            }
        }
        let problems = Dictionary(try await practice.problems().map { ("\($0.enterpriseCode)/\($0.title)", $0) },
                                  uniquingKeysWith: { a, _ in a })
        for problem in plan.problems {
            var record = problems["\(problem.enterpriseCode)/\(problem.title)"]
            if record == nil {
                record = try await practice.addProblem(enterpriseCode: problem.enterpriseCode, title: problem.title,
                                                       posedOn: problem.posedOn, today: DemoPractice.asOf, actor: actor)
                report.problemsAdded += 1
            }
            if let solved = problem.solved, let record, record.solvedOn == nil, let project = projects[solved.project] {
                _ = try await practice.solveProblem(id: record.id, projectID: project, on: solved.on, today: DemoPractice.asOf, actor: actor)
                report.problemsSolved += 1
            }
        }
    }
}

/// What one ``DemoPracticeLoader/load(_:note:)`` added.
public struct DemoPracticeLoadReport: Sendable, Codable, Equatable {
    public var programmesAdded = 0
    public var cohortsAdded = 0
    public var traineesAdded = 0
    public var positionsAdded = 0
    public var cohortsMatched = 0
    public var traineesMatched = 0
    /// Practice steps taken: starts, stage reports, assessments, completions, withdrawals.
    public var steps = 0
    public var projectsAdded = 0
    public var problemsAdded = 0
    public var problemsSolved = 0
    public var awardsAdded = 0

    public var addedNothing: Bool { self == DemoPracticeLoadReport() }
}

/// A temporary folder for the generated import files.
struct DemoFiles {
    let folder: URL

    init(prefix: String) throws(ServiceError) {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("talentzone-demo-\(prefix)-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .unreadableFile("cannot create \(folder.path): \(error.localizedDescription)")
        }
    }

    func write(_ name: String, header: [String], rows: [[String]]) throws(ServiceError) -> String {
        let file = folder.appendingPathComponent(name)
        do {
            try CSVWriter.excelDocument(header: header, rows: rows).write(to: file)
        } catch {
            throw .unreadableFile("cannot write \(file.path): \(error.localizedDescription)")
        }
        return file.path
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}
