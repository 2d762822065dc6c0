import ArgumentParser
import Foundation
import TalentServices

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load the demo data set and print a summary, a roster, a housing round and the statistics report.",
        discussion: """
            Generates the same data for the same seed: the zone's 125 R&D institutions, 60 enterprises across the four industry chains, 8 partner universities and 1,600 talents (imported from a generated CSV file), then certifies a share of the talents with back-dated steps, some still pending.

            Then the graduate practice base: programmes of the partner universities, cohorts 2019级–2026级 (trainees, host positions and both sides' rankings imported from generated CSV files), each cohort placed by the committed stable matching, and every practice started, reported, assessed and completed (or withdrawn) with back-dated days as of 2026-10-31; cooperation projects, technical problems and awards.

            Then talent housing: the 智谷 talent town's 572 units in six buildings (one CSV import), an application from most certified talents, and round 2026-R1 over the first phase (buildings 1–3) committed with the published seed 20261126; the result, the first applicant's explanation and `round verify` are printed.

            Everything goes through the same services as the other commands. Running it again adds nothing.

            Progress goes to stderr; the summary, the first rows of the newest cohort's roster and the statistics report to stdout.

            Example:
              talentctl demo
              talentctl demo --seed 7 --json
            """)

    @Option(help: "Seed of the generated data set.") var seed: UInt64 = DemoDataSet.defaultSeed
    @OptionGroup var output: OutputOptions

    /// What `--json` prints.
    struct Document: Encodable {
        var registry: DemoSummary
        var practice: DemoPracticeLoadReport
        var statistics: StatisticsReport
        var housing: DemoHousingView
        var explanation: TalentExplanation?
    }

    func run() async throws {
        let started = Date()
        try await Command.run { zone in
            let data = DemoDataSet(seed: seed)
            let loader = DemoLoader(zone: zone)
            let load = try await loader.load(data) { Output.note($0) }
            let plan = DemoPractice(data)
            Output.note("loading the practice base: \(plan.cohorts.count) cohorts, \(plan.traineeCount) trainees…")
            let practice = try await DemoPracticeLoader(store: zone.store).load(plan) { Output.note($0) }
            let today = CalendarDate.today()
            Output.note("loading talent housing: \(DemoHousing.unitCount) units, applications, round \(DemoHousing.firstRound)…")
            let housingLoad = try await DemoHousingLoader(zone: zone).load(DemoHousing(seed: seed), today: today) { Output.note($0) }
            let (housing, export) = try await DemoHousingView.gather(zone, load: housingLoad)
            let explanation = try await Self.explainFirstApplicant(zone, export, on: today)
            let summary = try await loader.summary(seed: seed, load: load)
            let accounts = try await DemoAccounts.create(zone, actor: .localOperator("demo"))
            let accountsFile = try Self.write(accounts)
            let statistics = try await zone.report.statistics(actor: .localOperator("demo"))
            Output.note(String(format: "done in %.1f s", Date().timeIntervalSince(started)))
            if output.json {
                return Output.json(Document(registry: summary, practice: practice, statistics: statistics, housing: housing,
                                            explanation: explanation))
            }
            Self.show(summary)
            if let newest = plan.cohorts.last {
                let roster = try await zone.roster.roster(RosterRequest(cohortYear: newest.year), actor: .localOperator("demo"))
                Output.line(RosterDocument.table(roster, limit: 15))
                Output.line("")
            }
            housing.show(export)
            if let explanation {
                Output.line("Why the first in line is first (`talentctl rules explain --talent …`):")
                RulesCommand.Explain.show(explanation)
                Output.line("")
            }
            Output.line(statistics.table())
            Self.conclude(summary, practice, housing.load)
            Output.line("Demo accounts for talentd (one per role, random passwords): \(accountsFile) (mode 0600); "
                        + "`make serve` starts talentd on this database.")
        }
    }

    /// Writes the demo accounts beside the embedded cluster (`TALENTZONE_HOME`, default `./.talentzone`),
    /// readable by this user only; the path written.
    static func write(_ accounts: [DemoAccount]) throws -> String {
        let home = ProcessInfo.processInfo.environment["TALENTZONE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ".talentzone"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let path = (home as NSString).appendingPathComponent("demo-accounts.txt")
        try? FileManager.default.removeItem(atPath: path)
        guard FileManager.default.createFile(atPath: path, contents: Data(DemoAccounts.text(accounts).utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        return path
    }

    static func show(_ summary: DemoSummary) {
        section("Organisations by kind", ["kind", "类别", "organisations"], summary.organisationsByKind)
        section("Talents by employer's industry chain (\(summary.talents) talents)",
                ["chain", "产业链", "talents"], summary.talentsByChain)
        section("Certified talents by class", ["class", "人才类别", "certified"], summary.certifiedByClass)
        section("Certifications by status (\(summary.pendingCertifications) pending)",
                ["status", "状态", "certifications"], summary.certificationsByStatus)
    }

    /// The explanation of the round's first applicant in serving order, under the round's policy.
    static func explainFirstApplicant(_ zone: TalentZone, _ export: AllocationExport,
                                      on date: CalendarDate) async throws -> TalentExplanation? {
        guard let first = export.applicants.first else { return nil }
        let application = try await zone.housingApplications.application(number: first.id, actor: LocalOperator.principal)
        return try await zone.ruleExplanations.explain(
            identityKey: application.talentIdentityKey.fullValue, on: date, policy: .version(export.policyVersion))
    }

    static func conclude(_ summary: DemoSummary, _ practice: DemoPracticeLoadReport, _ housing: DemoHousingLoadReport) {
        let load = summary.load
        if load.addedNothing && practice.addedNothing && housing.addedNothing {
            Output.line("The demo data set (seed \(summary.seed)) was already loaded: nothing added.")
            return
        }
        Output.line("Loaded the demo data set (seed \(summary.seed)): \(load.organisationsAdded) organisations, "
                    + "\(load.talentsAdded) talents and \(load.certificationsStarted) certifications added; practice base: "
                    + "\(practice.cohortsAdded) cohorts, \(practice.traineesAdded) trainees, \(practice.traineesMatched) placed "
                    + "by stable matching, \(practice.steps) practice steps, \(practice.projectsAdded) projects, "
                    + "\(practice.problemsAdded) technical problems and \(practice.awardsAdded) awards added; housing: "
                    + "\(housing.unitsAdded) units, \(housing.applicationsAdded) applications"
                    + (housing.roundCommitted ? ", round \(DemoHousing.firstRound) committed." : "."))
    }

    private static func section(_ title: String, _ headers: [String], _ rows: [DemoSummary.Row]) {
        Output.line(title)
        let total = rows.reduce(0) { $0 + $1.count }
        Output.table(headers, rows.map { [$0.key, $0.name, String($0.count)] } + [["total", "合计", String(total)]],
                     rightAligned: [2])
        Output.line("")
    }
}
