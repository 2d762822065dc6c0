/// `draft` until the draw is committed; a committed round never changes.
public enum HousingRoundStatus: String, Sendable, Codable, CaseIterable, StatusTransitions {
    case draft, committed

    public var allowedNext: [HousingRoundStatus] {
        switch self {
        case .draft: [.committed]
        case .committed: []
        }
    }
}
