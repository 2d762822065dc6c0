import TalentDomain
import TalentRules
import TalentStore

/// Eligibility of one talent on a day, read inside the caller's transaction: for passing a unit on,
/// accepting an offer and renewing a lease, which happen long after the round that checked it.
enum HousingEligibilityCheck {
    /// The eligibility rules of `policy` that the talent fails on `date` (empty: eligible), with the
    /// household of `applicationID` (1 without one). `renewing` leaves the lease being renewed out of
    /// the `no_active_lease` rule.
    static func failures(talentID: Int64, applicationID: Int64?, policy: PolicyInForce, on date: CalendarDate,
                         renewing: Bool = false, _ session: StoreSession) async throws -> [RuleOutcome] {
        guard let record = try await session.housingFacts(talentIDs: [talentID])[talentID] else {
            throw ServiceError.notFound("talent #\(talentID) does not exist")
        }
        var householdSize = 1
        var appliedOn: CalendarDate?
        if let applicationID, let application = try await session.housingApplication(id: applicationID) {
            householdSize = application.householdSize
            appliedOn = application.appliedOn
        }
        var facts = HousingFacts(record, householdSize: householdSize, applicationDate: appliedOn).facts
        if renewing { facts.hasActiveLease = false }
        return policy.policy.eligibility(facts, on: date).filter { !$0.passed }
    }

    /// The failures as one line: `rule: why; rule: why`.
    static func describe(_ failures: [RuleOutcome]) -> String {
        failures.map { "\($0.rule): \($0.explanation)" }.joined(separator: "; ")
    }
}
