/// Where a unit stands. `offered` and `leased` follow the unit's pending offer and current lease;
/// `maintenance` is set by hand and keeps the unit out of rounds.
public enum UnitStatus: String, Sendable, Codable, CaseIterable, StatusTransitions {
    case available, offered, leased, maintenance

    /// A round offers an available unit; an offer accepted leases it, one declined or expired without a
    /// taker returns it; a lease that ends or is left returns it; maintenance is entered and left by hand.
    public var allowedNext: [UnitStatus] {
        switch self {
        case .available: [.offered, .maintenance]
        case .offered: [.leased, .available]
        case .leased: [.available]
        case .maintenance: [.available]
        }
    }

    /// Whether an officer may set this status by hand (the others follow offers and leases).
    public var isSetByHand: Bool {
        self == .available || self == .maintenance
    }

    /// Whether an officer may move the unit from this status to `next` by hand: only between
    /// available and maintenance.
    public func canChangeByHand(to next: UnitStatus) -> Bool {
        isSetByHand && next.isSetByHand && canChange(to: next)
    }
}
