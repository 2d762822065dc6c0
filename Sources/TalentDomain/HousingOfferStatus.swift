/// Where an offer stands. Only `pending` may change; the others are final.
public enum HousingOfferStatus: String, Sendable, Codable, CaseIterable, StatusTransitions {
    case pending, accepted, declined, expired, withdrawn

    public var allowedNext: [HousingOfferStatus] {
        switch self {
        case .pending: [.accepted, .declined, .expired, .withdrawn]
        case .accepted, .declined, .expired, .withdrawn: []
        }
    }
}
