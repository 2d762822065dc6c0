import TalentDomain

/// One eligibility rule's verdict, worded for `talentctl rules explain`.
public struct RuleOutcome: Sendable, Equatable, CustomStringConvertible {
    /// The predicate key (`contract_months_left_at_least`).
    public var rule: String
    public var passed: Bool
    public var explanation: String

    public init(rule: String, passed: Bool, explanation: String) {
        self.rule = rule
        self.passed = passed
        self.explanation = explanation
    }

    /// `✔ rule: explanation` / `✘ rule: explanation`.
    public var description: String { "\(passed ? "pass" : "FAIL") \(rule): \(explanation)" }
}

extension Policy {
    /// Every eligibility rule on `date`, in the policy's order, each with pass/fail and why.
    public func eligibility(_ facts: ApplicantFacts, on date: CalendarDate) -> [RuleOutcome] {
        eligibility.map { $0.evaluate(facts, on: date) }
    }

    /// Whether every eligibility rule passes on `date`.
    public func isEligible(_ facts: ApplicantFacts, on date: CalendarDate) -> Bool {
        eligibility(facts, on: date).allSatisfy(\.passed)
    }
}

extension EligibilityRule {
    /// This rule's verdict for `facts` on `date`.
    public func evaluate(_ facts: ApplicantFacts, on date: CalendarDate) -> RuleOutcome {
        func outcome(_ passed: Bool, _ explanation: String) -> RuleOutcome {
            RuleOutcome(rule: key, passed: passed, explanation: explanation)
        }
        switch self {
        case let .certifiedClassIn(classes):
            let list = classes.map { String($0.number) }.joined(separator: ", ")
            guard let certified = facts.certifiedClass else { return outcome(false, "not certified (classes \(list) may apply)") }
            return classes.contains(certified)
                ? outcome(true, "certified class \(certified.number) is one of \(list)")
                : outcome(false, "certified class \(certified.number) is not one of \(list)")
        case .certificationValid:
            guard let from = facts.certificationValidFrom, let until = facts.certificationValidUntil else {
                return outcome(false, "no certification")
            }
            if date < from { return outcome(false, "certification valid only from \(from)") }
            if date > until { return outcome(false, "certification expired on \(until)") }
            return outcome(true, "certification valid until \(until)")
        case let .contractMonthsLeftAtLeast(months):
            guard let end = facts.contractEnd else { return outcome(true, "open-ended labour contract") }
            let left = max(0, date.months(until: end))
            return outcome(left >= months,
                           "labour contract ends \(end), \(left) whole months left (at least \(months) required)")
        case .employerInZone:
            return facts.employerInZone ? outcome(true, "employer registered in the zone")
                : outcome(false, "employer not registered in the zone")
        case .socialInsuranceInZone:
            guard let since = facts.insuranceInZoneSince, since <= YearMonth(date) else {
                return outcome(false, "no social insurance paid in the zone")
            }
            return outcome(true, "social insurance paid in the zone since \(since)")
        case let .socialInsuranceMonthsAtLeast(months):
            let paid = facts.insuranceInZoneSince.map { max(0, $0.months(until: YearMonth(date))) } ?? 0
            return outcome(paid >= months, "\(paid) months of social insurance in the zone (at least \(months) required)")
        case .ownsNoHousing:
            return facts.ownsHousing ? outcome(false, "owns housing in the city") : outcome(true, "owns no housing in the city")
        case .noActiveLease:
            return facts.hasActiveLease ? outcome(false, "already holds a talent-housing lease")
                : outcome(true, "holds no talent-housing lease")
        case .notBarred:
            if let until = facts.barredUntil, date <= until { return outcome(false, "barred until \(until) after declined offers") }
            return outcome(true, "not barred")
        }
    }
}
