import Foundation
import TalentDomain
import TalentStore

/// Loads a ``DemoDataSet`` through the real services (never raw SQL): organisations one by one,
/// talents as one CSV import (COPY), certifications step by step with back-dated days.
///
/// Loading twice adds nothing the second time: organisations already on file are skipped, the
/// import skips talents already registered, and only talents with no certification get one.
public struct DemoLoader: Sendable {
    public let zone: TalentZone
    /// Recorded as the actor of every change, in the audit log.
    public let actor: Principal

    public init(zone: TalentZone, actor: Principal = .localOperator("demo")) {
        self.zone = zone
        self.actor = actor
    }

    /// A loader for a database opened directly (tests, benchmarks).
    public init(store: Store, actor: Principal = .localOperator("demo")) {
        self.init(zone: TalentZone(store: store, target: .external(store.settings)), actor: actor)
    }

    /// Loads what is missing and says what it did; `note` gets one progress line per phase.
    public func load(_ data: DemoDataSet, today: CalendarDate = .today(),
                     note: @Sendable (String) -> Void = { _ in }) async throws(ServiceError) -> DemoLoadReport {
        var report = DemoLoadReport()

        note("loading organisations…")
        let existing = Set(try await zone.registry.organisations(actor: actor).map(\.creditCode))
        for organisation in data.organisations where !existing.contains(organisation.creditCode) {
            _ = try await zone.registry.addOrganisation(organisation, actor: actor)
            report.organisationsAdded += 1
        }
        report.organisationsExisting = data.organisations.count - report.organisationsAdded
        note("loading organisations… \(report.organisationsAdded) added"
             + (report.organisationsExisting > 0 ? ", \(report.organisationsExisting) already on file" : ""))

        note("importing \(data.talents.count) talents from a generated CSV file…")
        let imported = try await importTalents(data)
        report.talentsAdded = imported.added
        report.talentsAlreadyRegistered = imported.alreadyRegistered
        note("importing talents… " + imported.summary)

        let plan = data.certificationPlan(today: today)
        note("certifying talents… \(plan.count) in the plan")
        let started = Set(try await zone.certification.list(CertificationFilter(limit: Int(Int32.max)), actor: actor).map(\.identityKey.fullValue))
        for certification in plan where !started.contains(certification.identityKey) {
            try await run(certification)
            report.certificationsStarted += 1
        }
        report.certificationsExisting = plan.count - report.certificationsStarted
        note("certifying talents… \(report.certificationsStarted) certifications run"
             + (report.certificationsExisting > 0 ? ", \(report.certificationsExisting) talents already had one" : ""))
        return report
    }

    private func importTalents(_ data: DemoDataSet) async throws(ServiceError) -> TalentImportReport {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("talentzone-demo-\(UUID().uuidString)")
        let file = folder.appendingPathComponent("demo-talents-seed-\(data.seed).csv")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.csvDocument().write(to: file)
        } catch {
            throw .unreadableFile("cannot write the demo talents to \(file.path): \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await zone.talentImport.importFile(
            at: file.path, options: .init(writeErrorReport: false), actor: actor)
    }

    private func run(_ certification: DemoCertification) async throws(ServiceError) {
        let service = zone.certification
        _ = try await service.apply(
            identityKey: certification.identityKey, requestedClass: certification.requestedClass,
            on: certification.appliedOn, actor: actor)
        for step in certification.steps {
            _ = try await service.advance(identityKey: certification.identityKey, step, actor: actor)
        }
    }
}

/// What one ``DemoLoader/load(_:today:note:)`` added, and what was already there.
public struct DemoLoadReport: Sendable, Codable, Equatable {
    public var organisationsAdded = 0
    public var organisationsExisting = 0
    public var talentsAdded = 0
    public var talentsAlreadyRegistered = 0
    public var certificationsStarted = 0
    /// Planned talents skipped because they already had a certification.
    public var certificationsExisting = 0

    /// Whether this load changed nothing (the data set was already loaded).
    public var addedNothing: Bool {
        organisationsAdded == 0 && talentsAdded == 0 && certificationsStarted == 0
    }
}
