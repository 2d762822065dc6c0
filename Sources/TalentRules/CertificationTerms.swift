import TalentDomain

/// The policy parameters of certification: how long the public notice runs and how long a
/// certification stays valid. Parameters, not constants: the versioned policy will own them.
public struct CertificationTerms: Sendable, Codable, Equatable {
    /// Days the public notice (公示) runs before a certification may be approved.
    public var noticeDays: Int
    /// Years a certification stays valid from approval (or renewal).
    public var validityYears: Int

    public init(noticeDays: Int, validityYears: Int) {
        self.noticeDays = noticeDays
        self.validityYears = validityYears
    }

    /// 7 days of public notice, 6 years of validity (DOMAIN.md: Mawei's fixed 6-year period,
    /// the 7-day notice of the certification workflow).
    public static let standard = CertificationTerms(noticeDays: 7, validityYears: 6)

    /// The last day of a notice that starts on `start` (a 7-day notice starting on the 1st ends on the 7th).
    public func noticeEnd(startingOn start: CalendarDate, days: Int? = nil) -> CalendarDate {
        start.adding(days: max(1, days ?? noticeDays) - 1)
    }

    /// The last valid day of a certification valid from `start` (6 years from 2026-01-01 is 2031-12-31).
    public func validUntil(from start: CalendarDate, years: Int? = nil) -> CalendarDate {
        start.adding(years: years ?? validityYears).adding(days: -1)
    }

    /// Whether approval is allowed on `date` for a notice ending on `noticeEnd`: the day after it ends.
    public func mayApprove(on date: CalendarDate, noticeEnd: CalendarDate) -> Bool {
        date > noticeEnd
    }
}
