import TalentDomain

extension LeasePolicy {
    /// The first day a renewal may be requested for a lease ending on `leaseEnd`.
    public func renewalWindowOpens(leaseEnd: CalendarDate) -> CalendarDate {
        leaseEnd.adding(months: -renewalWindowMonths)
    }

    /// Whether a renewal may be requested on `date`: from the window's first day to the lease's last.
    public func isRenewalWindowOpen(leaseEnd: CalendarDate, on date: CalendarDate) -> Bool {
        date >= renewalWindowOpens(leaseEnd: leaseEnd) && date <= leaseEnd
    }

    /// Whether a talent who has leased for `leasedMonths` months in all may lease no more.
    public func isCumulativeCapReached(leasedMonths: Int) -> Bool {
        leasedMonths >= cumulativeCapYears * 12
    }

    /// The longest next term: the term cap, or what is left under the cumulative cap (0 when none).
    public func nextTermMonths(leasedMonths: Int) -> Int {
        max(0, min(maxTermMonths, cumulativeCapYears * 12 - leasedMonths))
    }

    /// The last day a lease may start when its offer is accepted on `acceptedOn` (so that a unit is not
    /// held empty for long).
    public func latestStart(acceptedOn: CalendarDate) -> CalendarDate {
        acceptedOn.adding(days: latestStartDays)
    }

    /// The last day to move out after a termination on `terminatedOn`.
    public func moveOutDeadline(terminatedOn: CalendarDate) -> CalendarDate {
        terminatedOn.adding(days: moveOutDays)
    }
}

extension OfferPolicy {
    /// The last day to accept an offer made on `offeredOn`.
    public func expiresOn(offeredOn: CalendarDate) -> CalendarDate {
        offeredOn.adding(days: expiryDays)
    }

    /// Whether `code` is one of the policy's decline reasons.
    public func isDeclineReason(_ code: String) -> Bool {
        declineReasons.contains { $0.code == code }
    }

    /// The last day of the bar that a talent's declines (and, when they count, expiries) lead to,
    /// or nil when they never reached the threshold. Declines are counted in date order; reaching
    /// `penaltyDeclines` bars the talent from that day for `penaltyBarredMonths` months and starts
    /// the count again.
    public func barredUntil(declinedOn dates: [CalendarDate]) -> CalendarDate? {
        var count = 0
        var until: CalendarDate?
        for date in dates.sorted() {
            if let current = until, date <= current { continue }  // no offers while barred
            count += 1
            if count >= penaltyDeclines {
                until = date.adding(months: penaltyBarredMonths).adding(days: -1)
                count = 0
            }
        }
        return until
    }
}
