import TalentDomain

/// In tests, a string literal where a service wants a ``Principal`` is the local operator of that name (an
/// office administrator, as the CLI is), so `actor: "tester"` reads as it did when the actor was free text.
/// The audit log records it as `cli:tester`. Tests of access name their principals explicitly.
extension Principal: ExpressibleByStringLiteral {
    public init(stringLiteral name: String) {
        self = .localOperator(name)
    }
}
