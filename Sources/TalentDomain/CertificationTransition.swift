/// Something that happens to a certification and moves it to another ``CertificationStatus``.
public enum CertificationEvent: String, Sendable, CaseIterable {
    /// The employer recommends the application.
    case recommend
    /// The HR authority starts its review.
    case startReview = "review"
    /// The result is published for public notice.
    case publish
    /// The notice period passed without objection; the talent is certified.
    case approve
    /// The application is turned down at any open stage.
    case reject
    /// A certified talent loses the status (e.g. false documents, left the zone).
    case revoke
    /// The validity period ended.
    case expire
    /// A certified or expired certification is renewed for another period.
    case renew
}

/// An event that the certification's current status does not allow.
///
/// Reads like `cannot approve a certification that is applied; allowed next steps: recommend, reject`.
public struct IllegalTransition: Error, Equatable, Sendable, CustomStringConvertible {
    public let from: CertificationStatus
    public let event: CertificationEvent
    /// The events that would have been allowed from ``from``.
    public let allowed: [CertificationEvent]

    public init(from: CertificationStatus, event: CertificationEvent) {
        self.from = from
        self.event = event
        self.allowed = from.allowedEvents
    }

    public var description: String {
        let next = allowed.isEmpty ? "none, the certification is closed" : allowed.map(\.rawValue).joined(separator: ", ")
        return "cannot \(event.rawValue) a certification that is \(from.rawValue); allowed next steps: \(next)"
    }
}

extension CertificationStatus {
    /// The status after `event`, or an ``IllegalTransition`` naming the allowed events.
    public func applying(_ event: CertificationEvent) throws(IllegalTransition) -> CertificationStatus {
        guard let next = Self.next(from: self, on: event) else {
            throw IllegalTransition(from: self, event: event)
        }
        return next
    }

    /// The events allowed from this status, in workflow order.
    public var allowedEvents: [CertificationEvent] {
        CertificationEvent.allCases.filter { Self.next(from: self, on: $0) != nil }
    }

    static func next(from status: CertificationStatus, on event: CertificationEvent) -> CertificationStatus? {
        switch (status, event) {
        case (.applied, .recommend): .recommended
        case (.recommended, .startReview): .underReview
        case (.underReview, .publish): .publicNotice
        case (.publicNotice, .approve): .certified
        case (.applied, .reject), (.recommended, .reject), (.underReview, .reject), (.publicNotice, .reject): .rejected
        case (.certified, .revoke): .revoked
        case (.certified, .expire): .expired
        case (.certified, .renew), (.expired, .renew): .certified
        default: nil
        }
    }
}
