/// A status with a fixed set of statuses it may change to in one step. The housing and practice
/// statuses declare their steps here, in the domain, and the services and the store ask them.
public protocol StatusTransitions: CaseIterable, Equatable where AllCases == [Self] {
    /// The statuses reachable in one step, in workflow order; empty for a final status.
    var allowedNext: [Self] { get }
}

extension StatusTransitions {
    /// Whether one step may lead from this status to `next` (never to itself).
    public func canChange(to next: Self) -> Bool {
        allowedNext.contains(next)
    }

    /// No step leads anywhere from here.
    public var isFinal: Bool {
        allowedNext.isEmpty
    }

    /// The statuses from which one step leads to this one, in declaration order.
    public var allowedPrevious: [Self] {
        Self.allCases.filter { $0.canChange(to: self) }
    }
}
