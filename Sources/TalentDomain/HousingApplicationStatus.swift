/// Where an application stands: `open` (waiting, takes part in rounds), `offered` (holds a pending
/// offer), `housed` (accepted an offer), `withdrawn`.
public enum HousingApplicationStatus: String, Sendable, Codable, CaseIterable, StatusTransitions {
    case open, offered, housed, withdrawn

    /// An open application is offered a unit or withdrawn; an offered one is housed when the offer is
    /// accepted and open again when it is declined or expires. Housed and withdrawn are final.
    public var allowedNext: [HousingApplicationStatus] {
        switch self {
        case .open: [.offered, .withdrawn]
        case .offered: [.housed, .open]
        case .housed, .withdrawn: []
        }
    }
}
