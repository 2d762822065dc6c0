import TalentStore

/// The database's guards against double allocation, worded for people. Offers and leases run their
/// store work through ``housingRun(_:)`` so that a refusal by a constraint (which a concurrent
/// decision can trigger) reads as the rule it enforces, not as a SQLSTATE.
enum HousingConflict {
    static func map(_ error: any Error) -> ServiceError {
        let wrapped = ServiceError.wrap(error)
        guard case let .store(storeError) = wrapped else { return wrapped }
        switch storeError {
        // The constraint's own detail (`Key (unit_id, occupancy)=(579, …)`) names internal ids, not what
        // people know; the message names the rule instead.
        case let .overlap(constraint, _) where constraint == "housing_leases_no_double_booking":
            return .refused(
                "the unit is already let for some of these days (no two leases of one unit may overlap)",
                next: .listUnitLeases(unit: nil))
        case let .duplicate(constraint, _):
            switch constraint {
            case "housing_leases_one_active_per_talent":
                return .duplicate("the talent already holds an active lease (one active lease per talent)")
            case "housing_offers_one_pending_per_unit":
                return .duplicate("the unit already has a pending offer (one pending offer per unit)")
            case "housing_offers_one_pending_per_application":
                return .duplicate("the application already holds a pending offer (one at a time)")
            case "housing_offers_one_accepted_per_unit_round":
                return .duplicate("the unit was already accepted in this round")
            default:
                return wrapped
            }
        default:
            return wrapped
        }
    }
}

/// Runs offer and lease store work, turning every failure into a `ServiceError`.
func housingRun<T: Sendable>(_ body: () async throws -> T) async throws(ServiceError) -> T {
    do {
        return try await body()
    } catch {
        throw HousingConflict.map(error)
    }
}
