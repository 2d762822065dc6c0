import Foundation
import TalentDomain
import TalentRules
import TalentStore

/// Stored, versioned policies (Docs/rules.md, "Stored versions"): load a checked file as a new version,
/// list and show the versions, diff two of them, and find the one in force on a day. Versions are
/// never changed; the database refuses updates and deletes.
public struct PolicyService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// Reads the file at `path` and loads it (see ``load(data:file:effective:actor:)``).
    public func load(at path: String, effective: CalendarDate? = nil,
                     actor: Principal) async throws(ServiceError) -> StoredPolicyRecord {
        let data = try PolicyInForce.readPolicyFile(at: path)
        return try await load(data: data, file: (path as NSString).lastPathComponent, effective: effective, actor: actor)
    }

    /// Checks the policy and stores it as version `version:` of the file, effective from `effective`
    /// (default: the file's `effective:`). Refuses a text (by SHA-256) or a version label already stored.
    /// One transaction, audited as `policy.load`.
    public func load(data: Data, file: String? = nil, effective: CalendarDate? = nil,
                     actor: Principal) async throws(ServiceError) -> StoredPolicyRecord {
        _ = try AccessTable.authorize(.rulesLoad, actor)
        let checked: PolicyFile
        do {
            checked = try PolicyFile(data: data, file: file)
        } catch {
            throw .invalidPolicy(error)
        }
        let effective = effective ?? checked.policy.effective
        let version = checked.policy.version
        // The built-in default's label and the word `default` already name the built-in policy
        // (rounds, `rules show default`); a different text under either would make one label mean two texts.
        if version.lowercased() == "default" {
            throw .refused("`default` names the built-in policy; give the file another `version:` label", next: .showPolicy(version: "default"))
        }
        let builtIn = PolicyFile.standard
        if version == builtIn.policy.version, checked.sha256 != builtIn.sha256 {
            throw .refused(
                "\(version) is the label of the built-in default policy, and this file differs from it "
                    + "(sha256 \(checked.sha256), the built-in is \(builtIn.sha256)); give the edited copy a new `version:` label")
        }
        return try await run {
            try await store.write { session in
                if let existing = try await session.policy(sha256: checked.sha256) {
                    throw ServiceError.duplicate(
                        "this exact file (sha256 \(checked.sha256)) is already stored as version \(existing.version); nothing to load")
                }
                if let existing = try await session.policy(version: version) {
                    throw ServiceError.duplicate(
                        "policy version \(version) is already stored (effective \(existing.effective), loaded by \(existing.loadedBy)); "
                            + "stored versions never change: give the edited file a new `version:` label")
                }
                var record = try await session.insertPolicy(
                    version: version, effective: effective, content: checked.text, sha256: checked.sha256, loadedBy: actor.auditName)
                record.content = nil
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "policy.load", entityType: "policy", entityID: version,
                    before: Optional<StoredPolicyRecord>.none, after: record,
                    reason: effective == checked.policy.effective
                        ? nil : "effective \(effective) given on loading; the file says \(checked.policy.effective)"))
                return record
            }
        }
    }

    /// Every stored version, latest effective date first, without the texts.
    public func list() async throws(ServiceError) -> [StoredPolicyRecord] {
        try await run { try await store.read { try await $0.policies() } }
    }

    /// One stored version with its text (`text(version:)` also gives the built-in default).
    public func show(version: String) async throws(ServiceError) -> StoredPolicyRecord {
        try await run {
            try await store.read { session in
                guard let record = try await session.policy(version: version) else {
                    throw Self.missing(version, known: try await session.policies())
                }
                return record
            }
        }
    }

    /// The text of a version: a stored one, or the built-in default (by its label, while no stored
    /// version has that label, or as `default`).
    public func text(version: String) async throws(ServiceError) -> PolicyText {
        try await run { try await store.read { try await Self.text(version, $0) } }
    }

    /// A line diff of two versions' texts (stored, or the built-in default by its label or `default`).
    public func diff(_ from: String, _ to: String) async throws(ServiceError) -> PolicyDiff {
        try await run {
            try await store.read { session in
                let old = try await Self.text(from, session)
                let new = try await Self.text(to, session)
                return PolicyDiff(from: old.version, old.content, to: new.version, new.content)
            }
        }
    }

    private static func text(_ version: String, _ session: StoreSession) async throws -> PolicyText {
        if version != "default", let stored = try await session.policy(version: version) {
            return PolicyText(version: stored.version, sha256: stored.sha256, effective: stored.effective, source: "stored",
                              loadedBy: stored.loadedBy, content: stored.content ?? "")
        }
        let builtIn = PolicyFile.standard
        if version == "default" || version == builtIn.policy.version {
            return PolicyText(version: builtIn.policy.version, sha256: builtIn.sha256, effective: builtIn.policy.effective,
                              source: "built-in default", loadedBy: nil, content: builtIn.text)
        }
        throw missing(version, known: try await session.policies(),
                      also: "; `default` (or \(builtIn.policy.version)) is the built-in policy")
    }

    /// The policy in force on `date`: the stored version with the latest effective date on or before it,
    /// or the built-in `PolicyFile.standard` when none is (`isStored` is then false).
    public func current(on date: CalendarDate = .today()) async throws(ServiceError) -> PolicyInForce {
        try await run { try await store.read { try await PolicyInForce.resolve(on: date, $0) } }
    }

    private static func missing(_ version: String, known: [StoredPolicyRecord], also: String = "") -> ServiceError {
        .notFound("no policy version \(version) is stored; "
                      + (known.isEmpty ? "none is yet" : "stored: \(known.map(\.version).joined(separator: ", "))") + also,
                  next: known.isEmpty ? .loadPolicy : nil)
    }
}

/// A policy version's text and where it comes from (`stored` or `built-in default`).
public struct PolicyText: Sendable, Codable, Equatable {
    public var version: String
    public var sha256: String
    public var effective: CalendarDate
    public var source: String
    /// Who loaded a stored version (nil for the built-in one).
    public var loadedBy: String?
    public var content: String
}
