/// `active` (current or future), `renewed` (continues in its renewal), `ended` (ran to its end),
/// `terminated` (ended early with a coded reason; move out by `move_out_by`).
public enum HousingLeaseStatus: String, Sendable, Codable, CaseIterable, StatusTransitions {
    case active, renewed, ended, terminated

    /// Only an active lease changes: it is renewed, runs to its end or is terminated. The move-out from
    /// a terminated lease is recorded on it without changing its status.
    public var allowedNext: [HousingLeaseStatus] {
        switch self {
        case .active: [.renewed, .ended, .terminated]
        case .renewed, .ended, .terminated: []
        }
    }
}
