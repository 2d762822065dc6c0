import TalentStore

/// A request to show full identity and mobile numbers (`--reveal-pii`, `?reveal=true`): where they are
/// shown. Who asks is the use case's own principal, checked for the right to see them; a use case given
/// one reads and writes one `pii.reveal` audit entry per person shown in the same transaction, so no
/// reveal goes unrecorded and `audit list --entity talent:ID` finds each.
public struct PIIReveal: Sendable {
    /// The command or page that shows the numbers, e.g. `talent list`.
    public var scope: String

    public init(scope: String) {
        self.scope = scope
    }
}

extension Store {
    /// A read, in one writing transaction when it reveals personal data (so the reveal is recorded with it).
    func read<T: Sendable>(revealing reveal: PIIReveal?, _ body: (StoreSession) async throws -> T) async throws -> T {
        reveal == nil ? try await read(body) : try await write(body)
    }
}

extension StoreSession {
    /// One `pii.reveal` entry by `principal` for each of `ids` (entities of `entityType`), all in one statement.
    func recordReveal(_ reveal: PIIReveal, by principal: Principal, entityType: String, ids: [Int64]) async throws {
        guard !ids.isEmpty else { return }
        let shown = ids.count == 1 ? "1 \(entityType)" : "\(ids.count) \(entityType)s"
        try await appendAudit(
            AuditRecord(
                actor: principal.auditName, action: "pii.reveal", entityType: entityType, entityID: "",
                before: Optional<[String: String]>.none, after: ["scope": reveal.scope, "shown_together": shown],
                reason: "full identity and mobile numbers shown"),
            forEach: ids.map(String.init))
    }
}
