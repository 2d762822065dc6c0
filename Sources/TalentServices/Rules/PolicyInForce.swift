import TalentDomain
import TalentRules
import TalentStore

/// The policy a decision applies: the stored version in force on the decision's date, or the built-in
/// `PolicyFile.standard` when no version is stored. Decisions record `stamp` in their audit row.
public struct PolicyInForce: Sendable {
    public let version: String
    public let sha256: String
    public let effective: CalendarDate
    /// false when nothing stored was in force, so the built-in default policy applies.
    public let isStored: Bool
    public let policy: Policy

    init(file: PolicyFile, sha256: String, effective: CalendarDate, isStored: Bool) {
        self.version = file.policy.version
        self.sha256 = sha256
        self.effective = effective
        self.isStored = isStored
        self.policy = file.policy
    }

    /// `policy gz-talent-town-2026.1 sha256 3f2a…` (the whole hash), with `(built-in default)` when nothing is stored.
    public var stamp: String {
        "policy \(version) sha256 \(sha256)" + (isStored ? "" : " (built-in default)")
    }

    /// Parsed once: `PolicyFile.standard` reads the embedded text on every access, and a demo load makes
    /// thousands of decisions.
    private static let builtIn = PolicyFile.standard

    /// Reads the policy in force on `date` inside the caller's transaction.
    static func resolve(on date: CalendarDate, _ session: StoreSession) async throws -> PolicyInForce {
        guard let stored = try await session.policyInForce(on: date), let content = stored.content else {
            let standard = builtIn
            return PolicyInForce(file: standard, sha256: standard.sha256, effective: standard.policy.effective, isStored: false)
        }
        do {
            let file = try ParsedPolicies.shared.file(content) { () throws(PolicyError) in
                try PolicyFile(text: content, file: "stored policy \(stored.version)")
            }
            // The hash recorded on loading (of the file's bytes) is the one decisions cite.
            return PolicyInForce(file: file, sha256: stored.sha256, effective: stored.effective, isStored: true)
        } catch {
            // It was checked when loaded; a stored policy that no longer reads means the rules changed under it.
            throw ServiceError.refused(
                "the stored policy \(stored.version) (in force on \(date)) no longer reads with this version of TalentZone:\n"
                    + error.description + "\n", next: .replacePolicy(version: stored.version))
        }
    }
}
