import Foundation
import TalentDomain
import TalentStore
import TalentText

/// The zone's statistics report: headline figures of the practice base and the registry as of a
/// day, every one counted by a query from stored rows, never a stored constant.
public struct ReportService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    public func statistics(asOf day: CalendarDate = .today(), actor: Principal) async throws(ServiceError) -> StatisticsReport {
        _ = try AccessTable.authorize(.reportRead, actor)
        let figures = try await run { try await store.read { try await $0.zoneStatistics(asOf: day) } }
        return StatisticsReport(figures)
    }
}

/// The figures as reported. Housing occupancy is the share of the inventory's units a lease takes on
/// the day; without an inventory it is null with the reason, never a made-up number.
public struct StatisticsReport: Sendable, Codable, Equatable {
    public struct ClassCount: Sendable, Codable, Equatable {
        public var talentClass: Int
        public var name: String
        public var certified: Int
    }

    public static let housingUnavailable = "not available: no housing inventory yet"

    public var asOf: CalendarDate
    public var engineeringMastersTrained: Int
    public var traineesInPractice: Int
    public var cohorts: Int
    public var cooperationProjects: Int
    public var technicalProblemsPosed: Int
    public var technicalProblemsSolved: Int
    public var projectsWithProvincialOrHigherAwards: Int
    public var rdInstitutions: Int
    public var talentsRegistered: Int
    public var certifiedTalents: Int
    public var certifiedByClass: [ClassCount]
    /// Share of housing units let on the day (0…1); nil until the zone has a housing inventory.
    public var housingOccupancy: Double?
    public var housingOccupancyNote: String?

    public init(_ figures: ZoneStatistics) {
        asOf = figures.asOf
        engineeringMastersTrained = figures.engineeringMastersTrained
        traineesInPractice = figures.traineesInPractice
        cohorts = figures.cohorts
        cooperationProjects = figures.cooperationProjects
        technicalProblemsPosed = figures.technicalProblemsPosed
        technicalProblemsSolved = figures.technicalProblemsSolved
        projectsWithProvincialOrHigherAwards = figures.projectsWithProvincialOrHigherAwards
        rdInstitutions = figures.rdInstitutions
        talentsRegistered = figures.talentsRegistered
        certifiedByClass = figures.certifiedByClass.map {
            ClassCount(talentClass: $0.classNumber, name: $0.nameZh, certified: $0.count)
        }
        certifiedTalents = certifiedByClass.reduce(0) { $0 + $1.certified }
        if figures.housingUnits > 0 {
            housingOccupancy = Double(figures.housingUnitsLeased) / Double(figures.housingUnits)
            housingOccupancyNote = "\(figures.housingUnitsLeased) of \(figures.housingUnits) units let on \(figures.asOf)"
        } else {
            housingOccupancy = nil
            housingOccupancyNote = Self.housingUnavailable
        }
    }

    /// Keys are written in full (nulls included) so that consumers see every figure.
    enum CodingKeys: String, CodingKey {
        case asOf, engineeringMastersTrained, traineesInPractice, cohorts, cooperationProjects
        case technicalProblemsPosed, technicalProblemsSolved, projectsWithProvincialOrHigherAwards
        case rdInstitutions, talentsRegistered, certifiedTalents, certifiedByClass, housingOccupancy
        case housingOccupancyNote
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(engineeringMastersTrained, forKey: .engineeringMastersTrained)
        try c.encode(traineesInPractice, forKey: .traineesInPractice)
        try c.encode(cohorts, forKey: .cohorts)
        try c.encode(cooperationProjects, forKey: .cooperationProjects)
        try c.encode(technicalProblemsPosed, forKey: .technicalProblemsPosed)
        try c.encode(technicalProblemsSolved, forKey: .technicalProblemsSolved)
        try c.encode(projectsWithProvincialOrHigherAwards, forKey: .projectsWithProvincialOrHigherAwards)
        try c.encode(rdInstitutions, forKey: .rdInstitutions)
        try c.encode(talentsRegistered, forKey: .talentsRegistered)
        try c.encode(certifiedTalents, forKey: .certifiedTalents)
        try c.encode(certifiedByClass, forKey: .certifiedByClass)
        try c.encode(housingOccupancy, forKey: .housingOccupancy)
        try c.encode(housingOccupancyNote, forKey: .housingOccupancyNote)
    }

    /// The readable report: one line per figure, labelled in English and Chinese, aligned by display width.
    public func table() -> String {
        var table = TextTable(headers: ["figure", "指标", "value"], rightAligned: [2])
        var lines: [(String, String, String)] = [
            ("Engineering masters trained (cumulative)", "累计培养工程硕士", String(engineeringMastersTrained)),
            ("Trainees in practice", "在基地实践学员", String(traineesInPractice)),
            ("Cohorts", "年级（届）", String(cohorts)),
            ("Cooperation projects", "产学研合作项目", String(cooperationProjects)),
            ("Technical problems posed", "企业提出技术难题", String(technicalProblemsPosed)),
            ("Technical problems solved", "解决技术难题", String(technicalProblemsSolved)),
            ("Projects with provincial/ministerial or higher awards", "获省部级及以上奖励项目",
             String(projectsWithProvincialOrHigherAwards)),
            ("R&D institutions", "科研机构", String(rdInstitutions)),
            ("Talents registered", "登记人才", String(talentsRegistered)),
            ("Certified talents", "认定人才", String(certifiedTalents)),
        ]
        for count in certifiedByClass {
            lines.append(("  certified, class \(count.talentClass)", "  " + count.name, String(count.certified)))
        }
        let occupancy = housingOccupancy.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
        lines.append(("Housing occupancy", "人才保租房入住率", occupancy))
        for (english, chinese, value) in lines { table.append([english, chinese, value]) }
        var text = "Statistics as of \(asOf) (截至 \(asOf))\n\n" + table.render() + "\n"
        if let note = housingOccupancyNote { text += "\nHousing occupancy: \(note).\n" }
        text += "Registry figures (R&D institutions, talents) count the registry as it stands; certifications count "
            + "those in force on \(asOf).\n"
        return text
    }
}
