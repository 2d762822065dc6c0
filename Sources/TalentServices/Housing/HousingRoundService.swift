import TalentDomain
import TalentRules
import TalentStore

/// (Being built; see Docs/housing.md.)
public struct HousingRoundService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }
}

// The API other parts rely on (bodies and result types to be written; callers ignore the results):
extension HousingRoundService {
    /// Creates a draft round (units, applications and policy version fixed now).
    public func create(_ input: HousingRoundInput, actor: String) async throws(ServiceError) {
        throw .refused("not built yet")
    }

    /// Draws the round with `seed` and stores offers, waiting list, seed, policy and input hash in one transaction.
    public func commit(code: String, seed: String, on date: CalendarDate, actor: String) async throws(ServiceError) {
        throw .refused("not built yet")
    }
}
