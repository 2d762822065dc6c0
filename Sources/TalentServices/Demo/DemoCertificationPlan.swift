import TalentDomain
import TalentRules

/// One talent's certification in the demo: the application and the steps after it, with dates
/// back from `today`, so that the history reads like months of the talent office's work and the
/// latest applications are still open (some in public notice now).
public struct DemoCertification: Sendable {
    public var identityKey: String
    public var requestedClass: TalentClass
    public var appliedOn: CalendarDate
    public var steps: [CertificationService.Step]
}

extension DemoDataSet {
    /// Where the demo's certifications end up, and how often.
    enum Outcome: CaseIterable {
        case certified, rejected, publicNotice, underReview, recommended, applied
    }

    /// The certifications to run for a realistic subset of the talents: every renowned expert, and a
    /// share of those whose qualifications point to a class (``TalentClassCriteria``). Deterministic
    /// for a seed and a `today`.
    public func certificationPlan(today: CalendarDate) -> [DemoCertification] {
        var random = SplitMix64(seed: seed, stream: 3)
        var plan: [DemoCertification] = []
        for talent in talents {
            let draft = talent.draft
            let suggested = TalentClassCriteria.suggestedClass(
                degree: draft.degree, title: draft.title, skillLevel: draft.skillLevel)
            guard let requested = talent.honourClass ?? suggested else { continue }
            let share = talent.honourClass != nil ? 1.0 : requested.number == 4 ? 0.45 : requested.number == 5 ? 0.22 : 0.2
            guard random.chance(share) else { continue }
            let outcome = talent.honourClass != nil ? .certified : random.weighted([
                (Outcome.certified, 62), (.rejected, 8), (.publicNotice, 8), (.underReview, 8), (.recommended, 7), (.applied, 7),
            ])
            plan.append(Self.certification(draft.identity.key, requested, outcome, today: today, &random))
        }
        return plan
    }

    static func certification(_ key: String, _ requested: TalentClass, _ outcome: Outcome, today: CalendarDate,
                              _ random: inout SplitMix64) -> DemoCertification {
        // Days between the steps: apply → recommend → review → publish → (7-day notice) → approve.
        let gaps = [random.int(in: 3...20), random.int(in: 5...25), random.int(in: 10...40)]
        let noticeDays = 7
        let approveAfter = noticeDays - 1 + random.int(in: 1...10)
        let stages: Int  // how many of recommend, review, publish happen
        let appliedOn: CalendarDate
        switch outcome {
        case .certified, .rejected:
            let span = gaps.reduce(0, +) + max(approveAfter, 15)  // a rejection comes at most 15 days after the last step
            appliedOn = today.adding(days: -(span + random.int(in: 0...900)))
            stages = outcome == .certified ? 3 : random.below(4)
        case .publicNotice:
            appliedOn = today.adding(days: -(gaps.reduce(0, +) + random.int(in: 0...noticeDays - 1)))
            stages = 3
        case .underReview:
            appliedOn = today.adding(days: -(gaps[0] + gaps[1] + random.int(in: 1...30)))
            stages = 2
        case .recommended:
            appliedOn = today.adding(days: -(gaps[0] + random.int(in: 1...20)))
            stages = 1
        case .applied:
            appliedOn = today.adding(days: -random.int(in: 0...20))
            stages = 0
        }
        let events: [CertificationEvent] = [.recommend, .startReview, .publish]
        var steps: [CertificationService.Step] = []
        var day = appliedOn
        for index in 0..<stages {
            day = day.adding(days: gaps[index])
            steps.append(.init(events[index], on: day, noticeDays: events[index] == .publish ? noticeDays : nil))
        }
        switch outcome {
        case .certified:
            steps.append(.init(.approve, on: day.adding(days: approveAfter), talentClass: requested))
        case .rejected:
            steps.append(.init(.reject, on: day.adding(days: random.int(in: 2...15)),
                               reason: random.pick(DemoVocabulary.rejectionReasons)))
        default:
            break
        }
        return DemoCertification(identityKey: key, requestedClass: requested, appliedOn: appliedOn, steps: steps)
    }
}
