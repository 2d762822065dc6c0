import Foundation
import Logging
import TalentStore

/// The entry point for programs: opens the configured database (starting and migrating the embedded
/// cluster when that is the default) and hands out the services.
public struct TalentZone: Sendable {
    public let store: Store
    public let target: DatabaseTarget

    public var registry: RegistryService { RegistryService(store: store) }
    /// Follows the stored policy in force on each step's date (Docs/rules.md, "Stored versions").
    public var certification: CertificationService { .followingStoredPolicy(store: store) }
    public var talentImport: TalentImportService { TalentImportService(store: store) }
    public var audit: AuditService { AuditService(store: store) }
    /// Follows the stored policy in force on the day in question (Docs/rules.md, "Stored versions").
    public var practice: PracticeBaseService { .followingStoredPolicy(store: store) }
    public var rules: PolicyService { PolicyService(store: store) }
    public var roster: RosterService { RosterService(store: store) }
    public var report: ReportService { ReportService(store: store) }
    public var housingInventory: HousingInventoryService { HousingInventoryService(store: store) }
    public var housingApplications: HousingApplicationService { HousingApplicationService(store: store) }
    public var housingRounds: HousingRoundService { HousingRoundService(store: store) }
    public var housingOffers: HousingOfferService { HousingOfferService(store: store) }
    public var housingLeases: HousingLeaseService { HousingLeaseService(store: store) }
    public var housingStatus: HousingStatusService { HousingStatusService(store: store) }
    public var housingReports: HousingReportService { HousingReportService(store: store) }
    /// `rules explain`, `rules simulate`, `rules classify`.
    public var ruleExplanations: RuleExplanationService { RuleExplanationService(store: store) }

    /// Opens the database for `body`. The embedded cluster is started and migrated on demand; an external
    /// database must already be migrated (`talentctl db migrate`).
    public static func open<T: Sendable>(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        _ body: (TalentZone) async throws -> T
    ) async throws -> T {
        let target = try DatabaseTarget.resolve(environment: environment)
        let settings = try await target.prepare()
        let migrator = Migrator(migrations: try Migration.load(from: try SchemaDirectory.locate(environment: environment)))
        return try await Store.withStore(settings, logger: Store.quietLogger) { store in
            if target.isEmbedded {
                _ = try await migrator.migrate(store)
            } else if try await !migrator.isCurrent(store) {
                throw StoreError.migration("the database at \(settings.redacted) is not fully migrated; run `talentctl db migrate`")
            }
            return try await body(TalentZone(store: store, target: target))
        }
    }

    /// Opens the database without checking migrations (for `talentctl db …`).
    public static func openForAdministration<T: Sendable>(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        _ body: (Store, Migrator, DatabaseTarget) async throws -> T
    ) async throws -> T {
        let target = try DatabaseTarget.resolve(environment: environment)
        let settings = try await target.prepare()
        let migrator = Migrator(migrations: try Migration.load(from: try SchemaDirectory.locate(environment: environment)))
        return try await Store.withStore(settings, logger: Store.quietLogger) { store in
            try await body(store, migrator, target)
        }
    }
}
