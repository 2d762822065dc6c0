import TalentDomain
import TalentRules
import TalentStore

/// (Being built; see Docs/housing.md.)
public struct HousingInventoryService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }
}

// The API other parts rely on (bodies to be written):
extension HousingInventoryService {
    public func addProject(_ input: HousingProjectInput, actor: String) async throws(ServiceError) -> HousingProjectRecord {
        throw .refused("not built yet")
    }

    public func addBuilding(_ input: HousingBuildingInput, actor: String) async throws(ServiceError) -> HousingBuildingRecord {
        throw .refused("not built yet")
    }

    public func addUnit(_ input: HousingUnitInput, actor: String) async throws(ServiceError) -> HousingUnitRecord {
        throw .refused("not built yet")
    }

    public func unit(code: String) async throws(ServiceError) -> HousingUnitRecord {
        throw .refused("not built yet")
    }
}
