import TalentDomain

/// The bar that refused offers lead to under `offers.penalty`: from the day of the refusal that reached
/// the count to `barred_months` later, with the reason in words. Pure; the service reads the talent's
/// refusals, and records the bar unless one with the same last day is recorded already.
public struct RefusalBar: Sendable, Equatable {
    public var from: CalendarDate
    public var until: CalendarDate
    /// `2 declined offers (offers.penalty of gz-talent-town-2026.1): barred 12 months, 2026-11-29 – 2027-11-28`.
    public var reason: String

    public init(from: CalendarDate, until: CalendarDate, reason: String) {
        self.from = from
        self.until = until
        self.reason = reason
    }

    /// The latest bar that the talent's declines (and expiries, when `expiry_counts_as_decline`) lead
    /// to under `terms` of policy `policyVersion`, or nil when they never reach the count
    /// (``OfferPolicy/barredUntil(declinedOn:)``).
    public static func due(declined: [CalendarDate], expired: [CalendarDate], terms: OfferPolicy,
                           policyVersion: String) -> RefusalBar? {
        let dates = declined + (terms.expiryCountsAsDecline ? expired : [])
        guard let until = terms.barredUntil(declinedOn: dates) else { return nil }
        let from = dates.sorted().last { $0.adding(months: terms.penaltyBarredMonths).adding(days: -1) == until } ?? until
        let kinds = terms.expiryCountsAsDecline ? "declined or expired offers" : "declined offers"
        return RefusalBar(
            from: from, until: until,
            reason: "\(terms.penaltyDeclines) \(kinds) (offers.penalty of \(policyVersion)): barred "
                + "\(terms.penaltyBarredMonths) months, \(from) – \(until)")
    }
}
