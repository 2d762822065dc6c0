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
    /// Accounts, roles, sign-in and sessions (`talentctl user`, `talentd`).
    public var accounts: AccountService { AccountService(store: store) }
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

    /// Opens the database for `body`. The embedded cluster is started and migrated on demand (as the
    /// owner role; use cases then run as the application role); an external database must already be
    /// migrated (`talentctl db migrate`).
    public static func open<T: Sendable>(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        _ body: (TalentZone) async throws -> T
    ) async throws -> T {
        let target = try DatabaseTarget.resolve(environment: environment)
        let prepared = try await target.prepare()
        let migrator = try Self.migrator(prepared, environment: environment)
        return try await Store.withStore(prepared.application, logger: Store.quietLogger) { store in
            if try await !migrator.isCurrent(store) {
                guard target.isEmbedded else {
                    throw StoreError.migration("the database at \(prepared.application.redacted) is not fully migrated", remedy: .migrate)
                }
                try await Store.withStore(prepared.migration, logger: Store.quietLogger) { owner in
                    _ = try await migrator.migrate(owner)
                }
            }
            return try await body(TalentZone(store: store, target: target))
        }
    }

    /// Opens the database without checking migrations (for `talentctl db …`), connected as the role
    /// that migrates (the owner role of the embedded cluster; `DATABASE_URL` for an external server).
    public static func openForAdministration<T: Sendable>(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        _ body: (Store, Migrator, DatabaseTarget) async throws -> T
    ) async throws -> T {
        let target = try DatabaseTarget.resolve(environment: environment)
        let prepared = try await target.prepare()
        let migrator = try Self.migrator(prepared, environment: environment)
        return try await Store.withStore(prepared.migration, logger: Store.quietLogger) { store in
            try await body(store, migrator, target)
        }
    }

    private static func migrator(_ prepared: PreparedDatabase, environment: [String: String]) throws -> Migrator {
        let roles = try prepared.roles ?? DatabaseRoles.fromEnvironment(environment)
        return Migrator(migrations: try Migration.load(from: try SchemaDirectory.locate(environment: environment)), roles: roles)
    }
}
