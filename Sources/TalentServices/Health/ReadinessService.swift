import Foundation
import TalentStore

/// Whether the zone can serve use cases now: the database answers and carries every migration this
/// build knows, unchanged (the check `TalentZone.open` makes before it hands out the services). A
/// server asks it on `GET /readyz`, so that a load balancer sends no traffic to an instance whose
/// database is gone or behind.
public struct ReadinessService: Sendable {
    let store: Store
    /// The migrations this build knows, read once: a readiness probe runs every few seconds.
    let migrations: Result<[Migration], StoreError>

    init(store: Store, environment: [String: String]) {
        self.store = store
        migrations = Result { () throws(StoreError) in
            try Migration.load(from: try SchemaDirectory.locate(environment: environment))
        }
    }

    /// Why the zone is not ready, in words that name no host, user or database (an unauthenticated
    /// probe may read them); the server logs ``Readiness/cause`` beside them.
    public enum Readiness: Sendable, Equatable {
        case ready
        /// The database does not answer; `cause` is the store's own message, for the log.
        case databaseUnavailable(cause: String)
        /// The database answers but lacks migrations, has changed ones, or has ones this build does not
        /// know; `pending` names them (`0007_housing_codes`).
        case notMigrated(pending: [String])
        /// The migration files of this build could not be read; `cause` for the log.
        case schemaUnreadable(cause: String)

        public var isReady: Bool { self == .ready }

        /// What is wrong, for people; nil when ready.
        public var problem: String? {
            switch self {
            case .ready: nil
            case .databaseUnavailable: "the database does not answer"
            case let .notMigrated(pending):
                "the database is not fully migrated (" + pending.joined(separator: ", ") + ")"
            case .schemaUnreadable: "the migration files of this build cannot be read"
            }
        }

        /// The step that helps, if there is one.
        public var nextStep: NextStep? {
            if case .notMigrated = self { return .migrateDatabase }
            return nil
        }

        /// The underlying message, for the server log only.
        public var cause: String? {
            switch self {
            case .ready: nil
            case let .databaseUnavailable(cause), let .schemaUnreadable(cause): cause
            case let .notMigrated(pending): pending.joined(separator: ", ")
            }
        }
    }

    /// Asks the database. Never throws: every failure is a reason not to be ready.
    public func check() async -> Readiness {
        let migrations: [Migration]
        switch self.migrations {
        case let .success(loaded): migrations = loaded
        case let .failure(error): return .schemaUnreadable(cause: error.description)
        }
        do {
            let entries = try await Migrator(migrations: migrations).status(store)
            let behind = entries.filter { $0.state != .applied }
            guard !behind.isEmpty else { return .ready }
            return .notMigrated(pending: behind.map { String(format: "%04d_", $0.version) + $0.name + " " + $0.state.rawValue })
        } catch {
            return .databaseUnavailable(cause: PersonalDataMask.numbers(in: StoreError.from(error).description))
        }
    }
}

extension TalentZone {
    /// The readiness check; `environment` finds the migration files as `TalentZone.open` does
    /// (`TALENTZONE_SCHEMA_DIR`, then beside the program).
    public func readiness(environment: [String: String] = ProcessInfo.processInfo.environment) -> ReadinessService {
        ReadinessService(store: store, environment: environment)
    }
}
