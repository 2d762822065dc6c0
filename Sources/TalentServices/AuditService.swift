import Foundation
import TalentDomain
import TalentStore

/// Reads the audit log (writing happens inside each use case's transaction).
public struct AuditService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// The entity types the use cases write audit entries for, in the order people read them.
    public static let entityTypes = [
        "talent", "organisation", "certification", "import_batch", "policy",
        "degree_programme", "cohort", "trainee", "host_position", "roster",
        "cooperation_project", "technical_problem", "project_award",
        "housing_project", "housing_building", "housing_unit", "housing_application", "housing_round",
        "housing_offer", "housing_lease", "account",
    ]

    /// An entity named as `TYPE` or `TYPE:ID` (`talent:42`, `housing_lease:L-2026-00001`). A talent may be
    /// named by its identity too (`talent:11010519491231002X`, `talent:USA:P1234567`).
    public struct EntityReference: Sendable, Equatable {
        public var type: String
        public var id: String?

        /// Refuses a type that no audit entry has, listing the ones there are.
        public init(_ text: String) throws(ValidationError) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            let parts = trimmed.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let type = parts[0].lowercased()
            guard AuditService.entityTypes.contains(type) else {
                throw ValidationError(
                    field: "entity", value: text, reason: "'\(parts[0])' is not an entity type of the audit log",
                    hint: "Use one of \(AuditService.entityTypes.joined(separator: ", ")), alone or as TYPE:ID (e.g. talent:42).")
            }
            if parts.count > 1 && parts[1].trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError(field: "entity", value: text, reason: "has no ID after the colon",
                                      hint: "Give TYPE alone, or TYPE:ID (e.g. talent:42).")
            }
            self.type = type
            self.id = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
        }
    }

    /// Entries with the identity and mobile numbers inside their before and after masked: the audit log
    /// is read by auditors, who are not shown personal data.
    public func entries(_ filter: AuditFilter, actor: Principal) async throws(ServiceError) -> [AuditEntry] {
        _ = try AccessTable.authorize(.auditRead, actor)
        return try await run { try await store.read { try await $0.auditEntries(filter) } }.map(Self.masked)
    }

    /// Entries about `entity` (any entity when nil), newest first. A talent named by identity is looked up
    /// (refused when none is registered with it); its entries are those of its number in the registry.
    public func entries(entity: String?, action: String? = nil, since: Date? = nil,
                        limit: Int, actor: Principal) async throws(ServiceError) -> [AuditEntry] {
        _ = try AccessTable.authorize(.auditRead, actor)
        var filter = AuditFilter(action: action, since: since, limit: limit)
        if let entity {
            let reference: EntityReference
            do { reference = try EntityReference(entity) } catch { throw .invalid(error) }
            filter.entityType = reference.type
            filter.entityID = reference.id
            if reference.type == "talent", let id = reference.id, !id.allSatisfy({ ("0"..."9").contains($0) }) || id.count > 17 {
                let key: String
                do { key = try PersonIdentity(key: id).key } catch { throw .invalid(error) }
                filter.entityID = String(try await RegistryService(store: store).talent(identityKey: key, actor: actor).id)
            }
        }
        return try await entries(filter, actor: actor)
    }

    static func masked(_ entry: AuditEntry) -> AuditEntry {
        var copy = entry
        copy.before = entry.before.map(PersonalDataMask.json)
        copy.after = entry.after.map(PersonalDataMask.json)
        return copy
    }
}
