import TalentDomain
import TalentRules
import TalentStore

/// (Being built; see Docs/housing.md.)
public struct HousingApplicationService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }
}

// The API other parts rely on (bodies to be written):
extension HousingApplicationService {
    public func submit(_ input: HousingApplicationInput, actor: String) async throws(ServiceError) -> HousingApplicationRecord {
        throw .refused("not built yet")
    }

    public func withdraw(number: String, on date: CalendarDate, reason: String, actor: String) async throws(ServiceError)
        -> HousingApplicationRecord
    {
        throw .refused("not built yet")
    }

    public func application(number: String) async throws(ServiceError) -> HousingApplicationRecord {
        throw .refused("not built yet")
    }
}
