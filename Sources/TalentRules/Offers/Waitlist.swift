import TalentDomain

/// Who gets a declined (or expired) offer's unit next: the round's waiting applicants in serving order,
/// those a unit of the category may reach, and the per-employer cap they must stay within. Pure; the
/// service loads the round, re-checks eligibility and locks the application the rule chose.
public enum Waitlist {
    /// One applicant of a round as the waiting list sees it.
    public struct Entry: Sendable, Equatable {
        public var applicationID: Int64
        public var applicationNumber: String
        public var talentID: Int64
        /// The serving order of the round (1 is served first).
        public var position: Int
        /// The export categories the application asked for (`2BR`, `1BR@reserved:g3`).
        public var preferences: [String]
        public var applicationStatus: HousingApplicationStatus
        /// The employer the application names now, if any.
        public var currentEmployer: String?
        /// Whether the application was offered a unit in this round (by the draw or passed on).
        public var offeredInRound: Bool
        public var hasPendingOffer: Bool
        /// The category the draw allocated, nil when it got none.
        public var allocatedCategory: String?
        /// The last day of the talent's refusal bar, if any.
        public var barredUntil: CalendarDate?

        public init(applicationID: Int64, applicationNumber: String, talentID: Int64, position: Int, preferences: [String],
                    applicationStatus: HousingApplicationStatus, currentEmployer: String?, offeredInRound: Bool,
                    hasPendingOffer: Bool, allocatedCategory: String?, barredUntil: CalendarDate?) {
            self.applicationID = applicationID
            self.applicationNumber = applicationNumber
            self.talentID = talentID
            self.position = position
            self.preferences = preferences
            self.applicationStatus = applicationStatus
            self.currentEmployer = currentEmployer
            self.offeredInRound = offeredInRound
            self.hasPendingOffer = hasPendingOffer
            self.allocatedCategory = allocatedCategory
            self.barredUntil = barredUntil
        }
    }

    /// The round's applicants who may take a unit of `category` now, in serving order: the application
    /// is open with no pending offer, it got nothing in this round (no allocation, no offer), the
    /// category is among its stored preferences (so a reserved category only reaches those allowed to
    /// use it), and the talent is not barred on `date`.
    public static func candidates(_ waitlist: [Entry], category: String, on date: CalendarDate) -> [Entry] {
        waitlist.sorted { $0.position < $1.position }.filter { entry in
            entry.applicationStatus == .open && !entry.hasPendingOffer && !entry.offeredInRound
                && entry.allocatedCategory == nil && entry.preferences.contains(category)
                && !(entry.barredUntil.map { date <= $0 } ?? false)
        }
    }

    /// The first of ``candidates(_:category:on:)`` that `cap` allows and that `passes` (the checks
    /// only the caller can make: eligibility on the day, the application still waiting); nil when
    /// nobody does. `passes` is asked in serving order and never again after it says yes.
    public static func first(_ waitlist: [Entry], category: String, on date: CalendarDate, cap: EmployerCap,
                             passes: (Entry) async throws -> Bool) async rethrows -> Entry? {
        for entry in candidates(waitlist, category: category, on: date) where cap.allows(entry.applicationNumber) {
            if try await passes(entry) { return entry }
        }
        return nil
    }
}

/// The per-employer cap a round's later offers stay within: how many live offers each employer's
/// applicants hold, against the cap in force.
public struct EmployerCap: Sendable, Equatable {
    /// The most live offers one employer's applicants may hold; nil for no cap.
    public let limit: Int?
    /// Application number → employer.
    let employers: [String: String]
    /// Employer → live offers of the round.
    let live: [String: Int]

    /// The cap that applies to a round: the one its stored input document recorded when it recorded its
    /// quotas (`quotas.per_employer_cap`, which may be null for none), the policy's otherwise (a round
    /// stored before the quotas were recorded).
    public static func limit(roundQuotas: RoundQuotas?, policy: QuotaPolicy) -> Int? {
        if let roundQuotas { return roundQuotas.perEmployerCap }
        return policy.perEmployerCap
    }

    /// What the round's stored input document says about the cap.
    public struct RoundQuotas: Sendable, Equatable {
        public var perEmployerCap: Int?

        public init(perEmployerCap: Int?) {
            self.perEmployerCap = perEmployerCap
        }
    }

    /// `liveApplications` are the application numbers holding a live (pending or accepted) offer of
    /// the round. An applicant's employer is the one the round recorded (`roundEmployers`, application
    /// number → employer), else the one the waiting list names now; without either it is "" (all such
    /// applicants counted as one employer).
    public init(limit: Int?, waitlist: [Waitlist.Entry], roundEmployers: [String: String], liveApplications: [String]) {
        var employers = Dictionary(waitlist.map { ($0.applicationNumber, $0.currentEmployer ?? "") },
                                   uniquingKeysWith: { first, _ in first })
        employers.merge(roundEmployers) { _, fromRound in fromRound }
        var live: [String: Int] = [:]
        for number in liveApplications { live[employers[number] ?? "", default: 0] += 1 }
        self.limit = limit
        self.employers = employers
        self.live = live
    }

    /// The employer an application is counted under.
    public func employer(of applicationNumber: String) -> String {
        employers[applicationNumber] ?? ""
    }

    /// How many live offers the applicants of `employer` hold.
    public func liveOffers(of employer: String) -> Int {
        live[employer, default: 0]
    }

    /// Whether one more offer to the application keeps its employer within the cap.
    public func allows(_ applicationNumber: String) -> Bool {
        guard let limit else { return true }
        return liveOffers(of: employer(of: applicationNumber)) < limit
    }
}
