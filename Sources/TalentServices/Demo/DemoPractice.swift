import Foundation
import TalentDomain
import TalentStore

/// The practice-base part of the demo: programmes of the partner universities, cohorts 2019级–2026级
/// with their trainees, host positions and both sides' rankings, what happens to every trainee,
/// cooperation projects, technical problems and awards. Generated deterministically from the seed
/// and the registry part (its universities, enterprises, institutes and the talents who mentor);
/// pure, like ``DemoDataSet``; ``DemoPracticeLoader`` loads it through the services.
///
/// The generator aims at the figures of the source report — 186 engineering masters trained, 200+
/// cooperation projects, 48 technical problems solved, 90+ projects with provincial-or-higher
/// awards — but stores none of them: the statistics report counts the rows.
public struct DemoPractice: Sendable {
    /// The day the practice data describes: 2026级 has just started its practice.
    public static let asOf = CalendarDate(year: 2026, month: 10, day: 31)!
    /// Trainees who complete, per past cohort (186 in all); each past cohort also has 1–2 who withdraw.
    static let completions: [(year: Int, count: Int)] = [
        (2019, 24), (2020, 28), (2021, 31), (2022, 33), (2023, 34), (2024, 36),
    ]
    /// Cohorts still in practice on ``asOf``, with their size.
    static let inPractice: [(year: Int, count: Int)] = [(2025, 38), (2026, 40)]
    static let projectCount = 212
    static let problemCount = 60
    static let solvedCount = 48
    static let awardedProjectCount = 93

    public struct Programme: Sendable {
        public var universityCode: String
        public var field: String
        public var fieldEn: String
    }

    /// What happens to a trainee once placed (dates and grades decided in advance).
    public enum Outcome: Sendable, Equatable {
        /// Starts, reports at mid-term (if on or before ``DemoPractice/asOf``) and stays in practice.
        case practising(start: CalendarDate, midTerm: CalendarDate?, grade: MentorGrade)
        /// Starts, then withdraws.
        case withdraws(start: CalendarDate, on: CalendarDate, reason: String)
        /// Starts, both stage reports, a passed final assessment, completion.
        case completes(start: CalendarDate, midTerm: CalendarDate, final: CalendarDate, assessed: CalendarDate,
                       completed: CalendarDate, midTermGrade: MentorGrade, finalGrade: MentorGrade, reportTitle: String)
    }

    public struct Trainee: Sendable {
        public var input: TraineeInput
        public var universityCode: String
        public var outcome: Outcome
        public var reference: TraineeReference { TraineeReference(studentNumber: input.studentNumber, universityCode: universityCode) }
    }

    public struct Position: Sendable {
        public var input: PositionInput
        /// Identity keys of registered talents of the host enterprise, who mentor its trainees.
        public var mentors: [String]
    }

    public struct Cohort: Sendable {
        public var year: Int
        public var start: CalendarDate
        public var end: CalendarDate
        public var trainees: [Trainee]
        public var positions: [Position]
        /// Each trainee's positions, most preferred first (student number → codes).
        public var preferences: [(trainee: Trainee, positions: [String])]
        /// Each position's trainees, most preferred first.
        public var rankings: [(position: String, trainees: [Trainee])]
    }

    public struct Award: Sendable {
        public var level: AwardLevel
        public var year: Int
        public var name: String
    }

    public struct Project: Sendable {
        public var input: ProjectInput
        public var awards: [Award]
    }

    public struct Problem: Sendable {
        public var enterpriseCode: String
        public var title: String
        public var posedOn: CalendarDate
        /// The project (by title) that solved it, and when.
        public var solved: (project: String, on: CalendarDate)?
    }

    public let programmes: [Programme]
    public let cohorts: [Cohort]
    public let projects: [Project]
    public let problems: [Problem]

    public init(_ data: DemoDataSet) {
        var random = SplitMix64(seed: data.seed, stream: 4)
        let universities = Dictionary(
            data.organisations.filter { $0.kind == .university }.map { ($0.name, $0.creditCode) }, uniquingKeysWith: { a, _ in a })
        var programmes: [Programme] = []
        for (name, _, fields) in DemoPracticeVocabulary.programmes {
            guard let code = universities[name] else { continue }
            programmes += fields.map { Programme(universityCode: code, field: $0.0, fieldEn: $0.1) }
        }
        self.programmes = programmes
        let hosts = DemoPracticeHosts(data)
        var identities = Set<String>()
        var cohorts: [Cohort] = []
        for (year, completing) in Self.completions {
            cohorts.append(Self.cohort(year: year, completing: completing, size: completing + 1 + random.below(2),
                                       universities: universities, hosts: hosts, &identities, &random))
        }
        for (year, size) in Self.inPractice {
            cohorts.append(Self.cohort(year: year, completing: 0, size: size, universities: universities, hosts: hosts,
                                       &identities, &random))
        }
        self.cohorts = cohorts
        let partners = data.organisations.filter { $0.kind == .university || $0.kind == .institute }.map(\.creditCode)
        (projects, problems) = DemoPracticeProjects.generate(cohorts: cohorts, hosts: hosts, partners: partners, &random)
    }

    /// One large cohort in practice (no projects), for benchmarks: `size` trainees of intake `year`
    /// with about `size / 2` positions, generated as the demo's cohorts are.
    public init(_ data: DemoDataSet, benchmarkCohort year: Int, size: Int) {
        let full = DemoPractice(data)
        var random = SplitMix64(seed: data.seed, stream: 5)
        var identities = Set<String>()
        let universities = Dictionary(
            data.organisations.filter { $0.kind == .university }.map { ($0.name, $0.creditCode) }, uniquingKeysWith: { a, _ in a })
        programmes = full.programmes
        cohorts = [Self.cohort(year: year, completing: 0, size: size, universities: universities,
                               hosts: DemoPracticeHosts(data), &identities, &random)]
        projects = []
        problems = []
    }

    /// Every trainee, every cohort.
    public var traineeCount: Int { cohorts.reduce(0) { $0 + $1.trainees.count } }

    /// A cohort's window: 1 September of the intake year to the end of February 18 months later.
    static func window(_ year: Int) -> (CalendarDate, CalendarDate) {
        (CalendarDate(year: year, month: 9, day: 1)!, CalendarDate(year: year + 2, month: 3, day: 1)!.adding(days: -1))
    }

    static func cohort(year: Int, completing: Int, size: Int, universities: [String: String], hosts: DemoPracticeHosts,
                       _ identities: inout Set<String>, _ random: inout SplitMix64) -> Cohort {
        let (start, end) = window(year)
        var trainees: [Trainee] = []
        var sequence: [String: Int] = [:]
        var supervisors: [String: [String]] = [:]
        for index in 0..<size {
            let (university, _, fields) = random.weighted(DemoPracticeVocabulary.programmes.map { ($0, $0.weight) })
            guard let code = universities[university] else { continue }
            let field = random.pick(fields).0
            let male = random.chance(0.68)
            let birth = CalendarDate(year: year - 22 - random.below(4), month: random.int(in: 1...12), day: random.int(in: 1...28))!
            var identity: ResidentIdentityNumber
            repeat {
                identity = .make(region: random.weighted(DemoVocabulary.birthRegions), birthDate: birth,
                                 sequence: random.below(500) * 2 + (male ? 1 : 0))
            } while !identities.insert(identity.value).inserted
            let universityIndex = DemoPracticeVocabulary.programmes.firstIndex { $0.university == university } ?? 0
            sequence[university, default: 0] += 1
            let number = "\(year)\(String(universityIndex + 1).leftPadded(to: 2))\(String(sequence[university]!).leftPadded(to: 3))"
            if supervisors[university] == nil {
                supervisors[university] = (0..<4).map { _ in DemoTalents.name(male: random.chance(0.7), &random) }
            }
            let mobile = random.chance(0.7)
                ? random.pick(DemoVocabulary.mobilePrefixes) + String(random.below(100_000_000)).leftPadded(to: 8) : nil
            let input = TraineeInput(
                studentNumber: number, name: DemoTalents.name(male: male, &random), identity: identity.value, mobile: mobile,
                university: code, field: field, directFromBachelor: random.chance(0.7),
                campusSupervisor: random.pick(supervisors[university]!))
            let begin = start.adding(days: random.below(7))
            let outcome: Outcome
            if completing == 0 {
                let midTerm = begin.adding(months: 8)
                outcome = .practising(start: begin, midTerm: midTerm <= asOf ? midTerm : nil, grade: grade(&random))
            } else if index < completing {
                let completed = end.adding(days: -random.below(21))
                outcome = .completes(
                    start: begin, midTerm: begin.adding(months: 8), final: completed.adding(days: -25),
                    assessed: completed.adding(days: -12), completed: completed, midTermGrade: grade(&random),
                    finalGrade: grade(&random), reportTitle: DemoPracticeProjects.title(DemoPracticeVocabulary.reportSuffixes, &random))
            } else {
                outcome = .withdraws(start: begin, on: begin.adding(months: 2 + random.below(4)),
                                     reason: random.pick(DemoPracticeVocabulary.withdrawalReasons))
            }
            trainees.append(Trainee(input: input, universityCode: code, outcome: outcome))
        }
        let positions = hosts.positions(for: size, &random)
        let regular = positions.dropLast().map(\.input.code), catchAll = positions.last!.input.code
        var preferences: [(trainee: Trainee, positions: [String])] = []
        var applicants: [String: [Trainee]] = [:]
        for trainee in trainees {
            var listed: [String] = []
            let wanted = min(regular.count, 3 + random.below(3))
            while listed.count < wanted {
                let code = random.pick(regular)
                if !listed.contains(code) { listed.append(code) }
            }
            // Every trainee lists the base's shared platform last, so everyone is placed.
            listed.append(catchAll)
            preferences.append((trainee, listed))
            for code in listed { applicants[code, default: []].append(trainee) }
        }
        let rankings = positions.map { position in
            (position.input.code, random.shuffled(applicants[position.input.code] ?? []))
        }
        return Cohort(year: year, start: start, end: end, trainees: trainees, positions: positions,
                      preferences: preferences, rankings: rankings)
    }

    static func grade(_ random: inout SplitMix64) -> MentorGrade {
        random.weighted([(.excellent, 30), (.good, 45), (.pass, 25)])
    }
}

/// The enterprises that host trainees: in-zone enterprises with at least two registered talents
/// holding a master's or doctorate (the mentors), big-data ones first.
struct DemoPracticeHosts: Sendable {
    struct Host: Sendable {
        var code: String
        var chain: IndustryChain
        var mentors: [String]
    }

    let hosts: [Host]

    init(_ data: DemoDataSet) {
        var mentors: [String: [String]] = [:]
        for talent in data.talents {
            guard let employer = talent.draft.employerCreditCode,
                  talent.draft.degree == .master || talent.draft.degree == .doctorate else { continue }
            mentors[employer, default: []].append(talent.draft.identity.key)
        }
        hosts = data.organisations
            .filter { $0.kind == .enterprise && $0.inZone && (mentors[$0.creditCode]?.count ?? 0) >= 2 }
            .map { Host(code: $0.creditCode, chain: $0.industryChain ?? .other, mentors: Array(mentors[$0.creditCode]!.prefix(3))) }
            .sorted { ($0.chain == .softwareBigData ? 0 : 1, $0.code) < ($1.chain == .softwareBigData ? 0 : 1, $1.code) }
    }

    /// Positions for a cohort of `size`: about one per two trainees with capacities 1–4, then the
    /// shared platform (code P00 last, at the first big-data host) with a seat for everyone.
    func positions(for size: Int, _ random: inout SplitMix64) -> [DemoPractice.Position] {
        var result: [DemoPractice.Position] = []
        var titles = Set<String>()
        while result.count < size / 2 {
            let host = hosts[random.below(hosts.count)]
            let title = random.pick(DemoPracticeVocabulary.positionTitles[host.chain] ?? DemoPracticeVocabulary.positionTitles[.other]!)
            // Distinct titles per host while there are enough of them (large benchmark cohorts repeat).
            guard titles.insert(host.code + title).inserted || titles.count >= hosts.count * 3 else { continue }
            let code = "P" + String(result.count + 1).leftPadded(to: 2)
            result.append(.init(
                input: PositionInput(code: code, enterpriseCode: host.code, title: title, capacity: 1 + random.below(4),
                                     topic: random.pick(DemoPracticeVocabulary.objects), skills: random.pick(DemoPracticeVocabulary.methods)),
                mentors: host.mentors))
        }
        let platform = hosts[0]
        result.append(.init(
            input: PositionInput(code: "P00", enterpriseCode: platform.code, title: "大数据工程实践（基地公共平台）", capacity: size,
                                 topic: "基地公共实践平台", skills: "大数据"),
            mentors: platform.mentors))
        return result
    }
}

extension SplitMix64 {
    /// A Fisher–Yates shuffle with this generator (the standard library's shuffle may change between versions).
    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var items = items
        guard items.count > 1 else { return items }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, below(i + 1))
        }
        return items
    }
}
