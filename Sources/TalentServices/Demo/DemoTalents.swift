import TalentDomain
import TalentRules

/// Builds plausible talents: names, identity numbers, education and titles that fit the age and
/// the employer, contracts, insurance and housing.
enum DemoTalents {
    static func generate(count: Int, employers: [OrganisationInput], _ random: inout SplitMix64) -> [DemoTalent] {
        let pools = EmployerPools(employers, &random)
        var identities = Set<String>()
        var mobiles = Set<String>()
        var talents: [DemoTalent] = []
        talents.reserveCapacity(count)
        for _ in 0..<count {
            let employer = pools.pick(&random)
            talents.append(talent(employer: employer, &identities, &mobiles, &random))
        }
        awardHonours(&talents, &random)
        return talents
    }

    static func talent(employer: OrganisationInput, _ identities: inout Set<String>, _ mobiles: inout Set<String>,
                       _ random: inout SplitMix64) -> DemoTalent {
        let male = random.chance(0.62)
        let degree = self.degree(for: employer.kind, &random)
        var birthYear = 1960 + (random.below(42) + random.below(42)) / 2 + random.below(2) * random.below(12)
        birthYear = min(birthYear, degree == .doctorate ? 1996 : degree == .master ? 1999 : 2001)
        let birth = CalendarDate(year: birthYear, month: random.int(in: 1...12), day: random.int(in: 1...28))!
        let chain = employer.industryChain ?? .other

        var identity: ResidentIdentityNumber
        repeat {
            let sequence = random.below(500) * 2 + (male ? 1 : 0)
            identity = .make(region: random.weighted(DemoVocabulary.birthRegions), birthDate: birth, sequence: sequence)
        } while !identities.insert(identity.value).inserted

        var mobile: String
        repeat {
            mobile = random.pick(DemoVocabulary.mobilePrefixes) + String(random.below(100_000_000)).leftPadded(to: 8)
        } while !mobiles.insert(mobile).inserted

        let study = education(degree: degree, chain: chain, &random)
        let (title, skill) = qualifications(degree: degree, birthYear: birthYear, kind: employer.kind, &random)
        let career = contract(birthYear: birthYear, &random)
        let age = DemoDataSet.asOf.year - birthYear
        let ownsHousing = random.chance(age >= 50 ? 0.4 : age >= 36 ? 0.2 : 0.05)

        let draft = TalentDraft(
            name: generated { try PersonName(name(male: male, &random)) },
            identity: .resident(identity),
            mobile: generated { try MobileNumber(mobile) },
            email: random.chance(0.45) ? generated { try EmailAddress(email(&random)) } : nil,
            degree: degree, university: study.university, major: study.major,
            title: title, skillLevel: skill, employerCreditCode: employer.creditCode,
            contractStart: career.start, contractEnd: career.end, insuranceSince: career.insuranceSince,
            ownsHousing: ownsHousing)
        return DemoTalent(draft: draft, honourClass: nil, employerKind: employer.kind)
    }

    static func name(male: Bool, _ random: inout SplitMix64) -> String {
        let given = male ? DemoVocabulary.maleGiven : DemoVocabulary.femaleGiven
        var name = random.weighted(DemoVocabulary.surnames)
        if random.chance(0.35) {
            name.append(random.pick(given))
        } else {
            name.append(random.chance(0.4) ? random.pick(DemoVocabulary.neutralGiven) : random.pick(given))
            name.append(random.pick(given))
        }
        return name
    }

    static func email(_ random: inout SplitMix64) -> String {
        let domain = random.pick(DemoVocabulary.emailDomains)
        let local = domain == "qq.com" || domain == "foxmail.com"
            ? String(random.int(in: 10_000_000...2_999_999_999))
            : "gz" + String(random.below(1_000_000)).leftPadded(to: 6)
        return local + "@" + domain
    }

    static func degree(for kind: OrganisationKind, _ random: inout SplitMix64) -> Degree {
        switch kind {
        case .institute:
            random.weighted([(.doctorate, 14), (.master, 38), (.bachelor, 38), (.associate, 7), (.none, 3)])
        case .university:
            random.weighted([(.doctorate, 45), (.master, 40), (.bachelor, 15)])
        case .enterprise:
            random.weighted([(.doctorate, 3), (.master, 18), (.bachelor, 47), (.associate, 21), (.none, 11)])
        }
    }

    static func education(degree: Degree, chain: IndustryChain, _ random: inout SplitMix64) -> (university: String?, major: String?) {
        switch degree {
        case .none: return (nil, nil)
        case .associate: return (random.pick(DemoVocabulary.vocationalColleges), random.pick(DemoVocabulary.vocationalMajors))
        case .bachelor, .master, .doctorate:
            let majors = DemoVocabulary.majors[random.chance(0.8) ? chain : .other] ?? []
            return (random.weighted(DemoVocabulary.almaMaters), random.pick(majors))
        }
    }

    /// Titles grow with years since graduation (sooner with a higher degree); skill levels with
    /// years at work, for those who trained as workers.
    static func qualifications(degree: Degree, birthYear: Int, kind: OrganisationKind,
                               _ random: inout SplitMix64) -> (ProfessionalTitle, SkillLevel) {
        let age = DemoDataSet.asOf.year - birthYear
        if degree == .none || degree == .associate {
            let score = age - 20 + random.int(in: -4...4)
            let skill: SkillLevel = score >= 25 ? (random.chance(0.5) ? .seniorTechnician : .technician)
                : score >= 15 ? (random.chance(0.5) ? .technician : .seniorWorker)
                : score >= 8 ? .seniorWorker : score >= 3 ? .intermediateWorker : .juniorWorker
            let title: ProfessionalTitle = score >= 12 && random.chance(0.2) ? .intermediate : .none
            return (title, skill)
        }
        let graduated = degree == .doctorate ? 28 : degree == .master ? 25 : 22
        let score = age - graduated + (degree == .doctorate ? 5 : degree == .master ? 2 : 0) + random.int(in: -3...3)
        var title: ProfessionalTitle = score >= 20 ? (random.chance(0.55) ? .fullSenior : .associateSenior)
            : score >= 11 ? (random.chance(0.6) ? .associateSenior : .intermediate)
            : score >= 4 ? .intermediate : score >= 1 ? .junior : .none
        if kind == .enterprise, random.chance(0.15) { title = .none }
        let skill: SkillLevel = kind == .enterprise && degree == .bachelor && random.chance(0.08) ? .technician : .none
        return (title, skill)
    }

    /// The current contract (renewed every 3 or 5 years, or open-ended), and the first insured month.
    static func contract(birthYear: Int, _ random: inout SplitMix64)
        -> (start: CalendarDate, end: CalendarDate?, insuranceSince: YearMonth) {
        let asOf = DemoDataSet.asOf
        let firstJob = CalendarDate(year: birthYear + 22, month: 7, day: 1)!
        let earliest = max(firstJob, CalendarDate(year: 2008, month: 1, day: 1)!)
        let span = max(1, asOf.daysSinceEpoch - earliest.daysSinceEpoch)
        var start = earliest.adding(days: random.below(span))
        let insuranceSince = YearMonth(start)
        guard random.chance(0.8) else { return (start, nil, insuranceSince) }
        let years = random.chance(0.6) ? 3 : 5
        while start.adding(years: years) < asOf { start = start.adding(years: years) }
        return (start, start.adding(years: years).adding(days: -1), insuranceSince)
    }

    /// A handful of renowned experts among the senior staff of institutes and universities: 1 academician
    /// (class 1), 3 national-programme members (class 2), 4 renowned experts from abroad (class 3).
    static func awardHonours(_ talents: inout [DemoTalent], _ random: inout SplitMix64) {
        var candidates = talents.indices.filter {
            let draft = talents[$0].draft
            return talents[$0].employerKind != .enterprise && draft.title == .fullSenior
                && draft.degree == .doctorate
        }
        for (classNumber, count) in [(1, 1), (2, 3), (3, 4)] {
            for _ in 0..<count where !candidates.isEmpty {
                let index = candidates.remove(at: random.below(candidates.count))
                talents[index].honourClass = TalentClass(classNumber)
            }
        }
    }

    /// The organisations talents work for, with a few large employers: institutes 40%,
    /// enterprises 55%, universities 5%.
    struct EmployerPools {
        var byKind: [(OrganisationKind, [(OrganisationInput, Int)])]

        init(_ organisations: [OrganisationInput], _ random: inout SplitMix64) {
            byKind = [(.institute, 40), (.enterprise, 55), (.university, 5)].map { kind, _ in
                (kind, organisations.filter { $0.kind == kind }.map { ($0, 1 + random.below(4) * random.below(4)) })
            }
        }

        func pick(_ random: inout SplitMix64) -> OrganisationInput {
            let kind = random.weighted([(OrganisationKind.institute, 40), (.enterprise, 55), (.university, 5)])
            return random.weighted(byKind.first { $0.0 == kind }!.1)
        }
    }

    /// Generated values are valid by construction; a failure here is a bug in the generator.
    static func generated<T>(_ make: () throws -> T) -> T {
        do {
            return try make()
        } catch {
            preconditionFailure("the demo generator produced an invalid value: \(error)")
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
