import TalentDomain

/// One line of a score: the factor, its points, and why.
public struct PointsItem: Sendable, Equatable, CustomStringConvertible {
    /// `class`, `qualification`, `local_insurance`, `household`, `industry_chain`, `months_waiting`.
    public var factor: String
    public var points: Int
    public var why: String

    public init(factor: String, points: Int, why: String) {
        self.factor = factor
        self.points = points
        self.why = why
    }

    public var description: String { "\(factor): \(points) (\(why))" }
}

/// An applicant's priority group and score with its breakdown.
public struct PriorityScore: Sendable, Equatable {
    /// nil when the certified class is in no group (or there is none).
    public var group: Int?
    /// The sum of the breakdown.
    public var points: Int
    public var breakdown: [PointsItem]

    public init(group: Int?, points: Int, breakdown: [PointsItem]) {
        self.group = group
        self.points = points
        self.breakdown = breakdown
    }
}

extension Policy {
    /// The priority group of a class.
    public func priorityGroup(of talentClass: TalentClass) -> Int? {
        priority.groups.first { $0.classes.contains(talentClass) }?.group
    }

    /// The group and points on `date`: class points; the best one of degree, title and skill level;
    /// whole years of local social insurance; household members beyond the applicant; a priority
    /// industry chain; whole months since the application. Capped factors say so.
    public func priority(_ facts: ApplicantFacts, on date: CalendarDate) -> PriorityScore {
        let p = priority
        var items: [PointsItem] = []

        if let certified = facts.certifiedClass {
            items.append(.init(factor: "class", points: p.classPoints[certified.number] ?? 0, why: "certified class \(certified.number)"))
        } else {
            items.append(.init(factor: "class", points: 0, why: "not certified"))
        }

        let candidates: [(Int, String)] = [
            (facts.degree.flatMap { p.degreePoints[$0] } ?? 0, "degree \(facts.degree?.rawValue ?? "unknown")"),
            (p.titlePoints[facts.title] ?? 0, "title \(facts.title.rawValue)"),
            (p.skillPoints[facts.skillLevel] ?? 0, "skill level \(facts.skillLevel.rawValue)"),
        ]
        // Ties go to the first listed (degree, then title), so the reason is stable.
        let best = candidates.enumerated().max { a, b in a.element.0 < b.element.0 || (a.element.0 == b.element.0 && a.offset < b.offset) }!.element
        items.append(.init(factor: "qualification", points: best.0, why: best.0 > 0 ? "\(best.1), the best counts" : "no qualification scores"))

        let years = facts.insuranceInZoneSince.map { max(0, $0.months(until: YearMonth(date))) / 12 } ?? 0
        items.append(capped("local_insurance", p.localInsurance, years, unit: "whole year", of: "local social insurance"))

        let extra = max(0, facts.householdSize - 1)
        items.append(capped("household", p.household, extra, unit: "member", of: "household beyond the applicant"))

        if let chain = facts.employerChain, p.priorityChains.contains(chain) {
            items.append(.init(factor: "industry_chain", points: p.priorityChainPoints, why: "employer in priority chain \(chain.rawValue)"))
        } else {
            items.append(.init(factor: "industry_chain", points: 0,
                               why: "employer chain \(facts.employerChain?.rawValue ?? "unknown") is not a priority chain"))
        }

        let months = facts.applicationDate.map { max(0, $0.months(until: date)) } ?? 0
        items.append(capped("months_waiting", p.monthsWaiting, months, unit: "whole month", of: "waiting"))

        let group = facts.certifiedClass.flatMap(priorityGroup(of:))
        return PriorityScore(group: group, points: items.reduce(0) { $0 + $1.points }, breakdown: items)
    }

    private func capped(_ factor: String, _ rule: PriorityPolicy.Capped, _ count: Int, unit: String, of what: String) -> PointsItem {
        let raw = rule.pointsPer * count
        let points = rule.points(for: count)
        var why = "\(count) \(unit)\(count == 1 ? "" : "s") of \(what) × \(rule.pointsPer)"
        if raw > points { why += ", capped at \(rule.maxPoints)" }
        return PointsItem(factor: factor, points: points, why: why)
    }
}
