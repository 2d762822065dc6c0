import TalentDomain
import TalentRules
import TalentStore

/// (Being built; see Docs/housing.md.)
public struct HousingLeaseService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }
}
