import Foundation
import PostgresNIO
import TalentDomain

/// The zone's headline figures as of a day, each counted by a query from the stored rows.
public struct ZoneStatistics: Sendable, Codable, Equatable {
    /// Certified talents of one class (every class of the scheme, empty ones included).
    public struct ClassCount: Sendable, Codable, Equatable {
        public var classNumber: Int
        public var nameZh: String
        public var nameEn: String
        public var count: Int
    }

    public var asOf: CalendarDate
    /// Trainees completed on or before the day (cumulative).
    public var engineeringMastersTrained: Int
    /// Trainees whose practice had started and had neither completed nor been withdrawn by the day.
    public var traineesInPractice: Int
    /// Cohorts whose intake year is at most the day's year.
    public var cohorts: Int
    /// Cooperation projects started in or before the day's year.
    public var cooperationProjects: Int
    public var technicalProblemsPosed: Int
    public var technicalProblemsSolved: Int
    /// Distinct projects with a national or provincial/ministerial award of a year up to the day's.
    public var projectsWithProvincialOrHigherAwards: Int
    /// Organisations of kind institute, as registered now (the registry keeps no founding dates).
    public var rdInstitutions: Int
    /// Talents registered now.
    public var talentsRegistered: Int
    /// Certifications in force on the day (certified, valid from on or before it and until after it).
    public var certifiedByClass: [ClassCount]
    /// Housing units in the inventory now (0: no inventory yet).
    public var housingUnits: Int
    /// Units a lease takes on the day (from its start to its end, or to the move-out when terminated).
    public var housingUnitsLeased: Int
}

extension StoreSession {
    /// The counts in one statement (one snapshot), then certified talents by class.
    public func zoneStatistics(asOf day: CalendarDate) async throws -> ZoneStatistics {
        let date = day.description, year = Int32(day.year)
        let counts = try await firstRow("""
            SELECT
              (SELECT count(*) FROM trainees t JOIN placements pl ON pl.trainee_id = t.id
               WHERE t.status = 'completed' AND pl.completed_on <= \(date)::date) AS trained,
              (SELECT count(*) FROM trainees t JOIN placements pl ON pl.trainee_id = t.id
               WHERE pl.started_on <= \(date)::date
                 AND (pl.completed_on IS NULL OR pl.completed_on > \(date)::date)
                 AND (t.withdrawn_on IS NULL OR t.withdrawn_on > \(date)::date)) AS in_practice,
              (SELECT count(*) FROM cohorts WHERE intake_year <= \(year)) AS cohorts,
              (SELECT count(*) FROM cooperation_projects WHERE start_year <= \(year)) AS projects,
              (SELECT count(*) FROM technical_problems WHERE posed_on <= \(date)::date) AS posed,
              (SELECT count(*) FROM technical_problems WHERE solved_on <= \(date)::date) AS solved,
              (SELECT count(DISTINCT project_id) FROM project_awards
               WHERE level IN ('national', 'provincial-ministerial') AND year <= \(year)) AS awarded,
              (SELECT count(*) FROM organisations WHERE kind = 'institute') AS institutes,
              (SELECT count(*) FROM talents) AS talents,
              (SELECT count(*) FROM housing_units) AS units,
              (SELECT count(DISTINCT unit_id) FROM housing_leases WHERE occupancy @> \(date)::date) AS leased
            """) { row in
            try ["trained", "in_practice", "cohorts", "projects", "posed", "solved", "awarded", "institutes", "talents",
                 "units", "leased"]
                .map { Int(try row.value($0, as: Int64.self)) }
        }
        guard let counts else { throw StoreError.internal("the statistics query returned no row") }
        let classes = try await rows("""
            SELECT tc.class_no, tc.name_zh, tc.name_en,
                   (SELECT count(*) FROM certifications c
                    WHERE c.talent_class = tc.class_no AND c.status = 'certified'
                      AND c.valid_from <= \(date)::date AND c.valid_until > \(date)::date) AS n
            FROM talent_classes tc ORDER BY tc.class_no
            """) { row in
            ZoneStatistics.ClassCount(
                classNumber: Int(try row.value("class_no", as: Int32.self)), nameZh: try row.value("name_zh"),
                nameEn: try row.value("name_en"), count: Int(try row.value("n", as: Int64.self)))
        }
        return ZoneStatistics(
            asOf: day, engineeringMastersTrained: counts[0], traineesInPractice: counts[1], cohorts: counts[2],
            cooperationProjects: counts[3], technicalProblemsPosed: counts[4], technicalProblemsSolved: counts[5],
            projectsWithProvincialOrHigherAwards: counts[6], rdInstitutions: counts[7], talentsRegistered: counts[8],
            certifiedByClass: classes, housingUnits: counts[9], housingUnitsLeased: counts[10])
    }
}
