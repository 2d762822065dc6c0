import TalentDomain
import TalentStore

/// Cooperation projects (with partners, trainees, mentors and awards) and technical problems of the
/// practice-base demo.
enum DemoPracticeProjects {
    static func generate(cohorts: [DemoPractice.Cohort], hosts: DemoPracticeHosts, partners: [String],
                         _ random: inout SplitMix64) -> ([DemoPractice.Project], [DemoPractice.Problem]) {
        var titles = Set<String>()
        var projects: [DemoPractice.Project] = []
        for index in 0..<DemoPractice.projectCount {
            // More projects in later years: 2019 gets about 1/36 of them, 2026 about 8/36.
            let year = 2019 + min(7, Int((Double(index) / Double(DemoPractice.projectCount) * 64).squareRoot()))
            let host = hosts.hosts[random.below(hosts.hosts.count)]
            var title: String
            repeat { title = self.title(DemoPracticeVocabulary.projectSuffixes, &random) } while !titles.insert(title).inserted
            var partnerCodes = [random.pick(partners)]
            if random.chance(0.4) { partnerCodes.append(random.pick(partners)) }
            var trainees: [TraineeReference] = []
            if let cohort = cohorts.first(where: { $0.year == year - 1 }) ?? cohorts.first(where: { $0.year == year }) {
                for _ in 0..<random.below(4) { trainees.append(random.pick(cohort.trainees).reference) }
            }
            projects.append(DemoPractice.Project(
                input: ProjectInput(title: title, enterpriseCode: host.code, partnerCodes: partnerCodes, startYear: year,
                                    trainees: trainees, mentorIdentities: [random.pick(host.mentors)]),
                awards: []))
        }

        // Awards: provincial/ministerial or national for 93 projects that started by 2025, a second
        // one for some of them, and city-level awards for others (which the report does not count).
        let awardable = random.shuffled(Array(projects.indices.filter { projects[$0].input.startYear <= 2025 }))
        for (rank, index) in awardable.enumerated() {
            let start = projects[index].input.startYear
            let year = min(DemoPractice.asOf.year, start + 1 + random.below(2))
            if rank < DemoPractice.awardedProjectCount {
                let national = random.chance(0.12)
                let name = random.pick(national ? DemoPracticeVocabulary.nationalAwards : DemoPracticeVocabulary.provincialAwards)
                    + random.pick(DemoPracticeVocabulary.awardGrades)
                projects[index].awards.append(.init(level: national ? .national : .provincialMinisterial, year: year, name: name))
                if random.chance(0.2) {
                    projects[index].awards.append(.init(
                        level: .city, year: start, name: random.pick(DemoPracticeVocabulary.cityAwards)))
                }
            } else if random.chance(0.5) {
                projects[index].awards.append(.init(level: .city, year: year, name: random.pick(DemoPracticeVocabulary.cityAwards)))
            }
        }

        // Problems: 48 posed by a project's enterprise and solved by that project, 12 still open.
        var problems: [DemoPractice.Problem] = []
        let solvers = random.shuffled(Array(projects.indices.filter { projects[$0].input.startYear <= 2025 }))
        var problemTitles = Set<String>()
        for index in 0..<DemoPractice.problemCount {
            var title: String
            repeat {
                title = random.pick(DemoPracticeVocabulary.objects) + random.pick(DemoPracticeVocabulary.problemSuffixes)
            } while !problemTitles.insert(title).inserted
            if index < DemoPractice.solvedCount {
                let project = projects[solvers[index]].input
                let posed = CalendarDate(year: project.startYear, month: 1, day: 1)!.adding(days: random.below(200))
                let solved = min(DemoPractice.asOf, posed.adding(days: 120 + random.below(400)))
                problems.append(.init(enterpriseCode: project.enterpriseCode, title: title, posedOn: posed,
                                      solved: (project.title, solved)))
            } else {
                let posed = CalendarDate(year: 2025, month: 3, day: 1)!.adding(days: random.below(540))
                problems.append(.init(enterpriseCode: hosts.hosts[random.below(hosts.hosts.count)].code, title: title,
                                      posedOn: min(posed, DemoPractice.asOf), solved: nil))
            }
        }
        return (projects, problems)
    }

    /// 基于<method>的<object><suffix>, e.g. 基于数字孪生的航空发动机叶片缺陷检测关键技术研究.
    static func title(_ suffixes: [String], _ random: inout SplitMix64) -> String {
        "基于" + random.pick(DemoPracticeVocabulary.methods) + "的" + random.pick(DemoPracticeVocabulary.objects)
            + random.pick(suffixes)
    }
}
