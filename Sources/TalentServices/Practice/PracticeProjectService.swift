import Foundation
import TalentDomain
import TalentStore

/// Cooperation projects (产学研合作项目) with their partners, trainees and mentors; technical problems
/// posed by enterprises and the projects that solved them; awards won by projects.
extension PracticeBaseService {
    public func addProject(_ input: ProjectInput, actor: Principal) async throws(ServiceError) -> CooperationProjectRecord {
        _ = try AccessTable.authorize(.practiceManage, actor)
        guard let title = input.title.trimmed.nonEmpty else {
            throw .invalid(ValidationError(field: "title", value: input.title, reason: "is empty"))
        }
        guard (1990...2100).contains(input.startYear) else {
            throw .invalid(ValidationError(field: "start-year", value: String(input.startYear), reason: "is not a plausible year"))
        }
        guard !input.partnerCodes.isEmpty else {
            throw .invalid(ValidationError(
                field: "partner", value: "", reason: "a cooperation project needs at least one university or institute",
                hint: "add --partner CODE"))
        }
        return try await run {
            try await store.write { session in
                let enterprise = try await Self.organisation(input.enterpriseCode, kinds: [.enterprise], session)
                var partnerIDs: [Int64] = []
                for code in Set(input.partnerCodes.map { $0.trimmed.uppercased() }).sorted() {
                    partnerIDs.append(try await Self.organisation(code, kinds: [.university, .institute], session).id)
                }
                var traineeIDs: [Int64] = []
                for reference in Set(input.trainees) {
                    traineeIDs.append(try await Self.trainee(reference, session).id)
                }
                var mentorIDs: [Int64] = []
                for identity in Set(input.mentorIdentities) {
                    guard let mentor = try await session.talent(identityKey: identity) else {
                        throw ServiceError.notFound("no talent is registered with identity \(PersonalDataMask.identity(identity))")
                    }
                    mentorIDs.append(mentor.id)
                }
                if try await session.projectExists(title: title, enterpriseID: enterprise.id) {
                    throw ServiceError.duplicate("\(enterprise.name) already has a project titled \(title)")
                }
                let record = try await session.insertProject(
                    title: title, enterpriseID: enterprise.id, startYear: input.startYear, partnerIDs: partnerIDs,
                    traineeIDs: traineeIDs.sorted(), mentorIDs: mentorIDs.sorted())
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "practice.project.add", entityType: "cooperation_project", entityID: String(record.id),
                    before: Optional<CooperationProjectRecord>.none, after: record))
                return record
            }
        }
    }

    public func projects() async throws(ServiceError) -> [CooperationProjectRecord] {
        try await run { try await store.read { try await $0.projects() } }
    }

    // MARK: Technical problems

    /// `posedOn` may not be after `today`.
    public func addProblem(enterpriseCode: String, title: String, posedOn: CalendarDate, today: CalendarDate = .today(),
                           actor: Principal) async throws(ServiceError) -> TechnicalProblemRecord {
        _ = try AccessTable.authorize(.practiceManage, actor)
        try posedOn.requireHappened(by: today, "a technical problem")
        guard let title = title.trimmed.nonEmpty else {
            throw .invalid(ValidationError(field: "title", value: title, reason: "is empty"))
        }
        return try await run {
            try await store.write { session in
                let enterprise = try await Self.organisation(enterpriseCode, kinds: [.enterprise], session)
                let record = try await session.insertProblem(enterpriseID: enterprise.id, title: title, posedOn: posedOn)
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "practice.problem.add", entityType: "technical_problem", entityID: String(record.id),
                    before: Optional<TechnicalProblemRecord>.none, after: record))
                return record
            }
        }
    }

    /// Marks a problem solved by a project on a day (once; not after `today`).
    public func solveProblem(id: Int64, projectID: Int64, on date: CalendarDate, today: CalendarDate = .today(),
                             actor: Principal) async throws(ServiceError) -> TechnicalProblemRecord {
        _ = try AccessTable.authorize(.practiceManage, actor)
        try date.requireHappened(by: today, "a solution")
        return try await run {
            try await store.write { session in
                guard let before = try await session.problem(id: id, forUpdate: true) else {
                    throw ServiceError.notFound("there is no technical problem #\(id)", next: .listProblems)
                }
                if let solved = before.solvedOn {
                    throw ServiceError.duplicate(
                        "problem #\(id) was solved on \(solved) by project #\(before.solvedByProjectID ?? 0) (\(before.solvedByProjectTitle ?? ""))")
                }
                guard try await !session.projects(id: projectID).isEmpty else {
                    throw ServiceError.notFound("there is no cooperation project #\(projectID)", next: .listProjects)
                }
                guard date >= before.posedOn else {
                    throw ServiceError.refused("problem #\(id) was posed on \(before.posedOn); it cannot be solved on \(date)")
                }
                try await session.solveProblem(id: id, projectID: projectID, on: date)
                guard let after = try await session.problem(id: id) else { throw ServiceError.notFound("problem #\(id)") }
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "practice.problem.solve", entityType: "technical_problem", entityID: String(id),
                    before: before, after: after))
                return after
            }
        }
    }

    /// `solved`: nil for all, true for solved, false for open problems.
    public func problems(solved: Bool? = nil) async throws(ServiceError) -> [TechnicalProblemRecord] {
        try await run { try await store.read { try await $0.problems(solved: solved) } }
    }

    // MARK: Awards

    /// `year` may not be after the year of `today`.
    public func addAward(projectID: Int64, level: AwardLevel, year: Int, name: String, today: CalendarDate = .today(),
                         actor: Principal) async throws(ServiceError) -> ProjectAwardRecord {
        _ = try AccessTable.authorize(.practiceManage, actor)
        try requireHappened(year: year, by: today, "an award")
        guard let name = name.trimmed.nonEmpty else {
            throw .invalid(ValidationError(field: "name", value: name, reason: "is empty", hint: "give the award's name"))
        }
        return try await run {
            try await store.write { session in
                guard let project = try await session.projects(id: projectID).first else {
                    throw ServiceError.notFound("there is no cooperation project #\(projectID)")
                }
                guard year >= project.startYear else {
                    throw ServiceError.refused("project #\(projectID) started in \(project.startYear); an award in \(year) predates it")
                }
                if try await session.awards(projectID: projectID).contains(where: { $0.name == name && $0.year == year }) {
                    throw ServiceError.duplicate("project #\(projectID) already has the award \(name) (\(year))")
                }
                let record = try await session.insertAward(projectID: projectID, level: level, year: year, name: name)
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "practice.award.add", entityType: "project_award", entityID: String(record.id),
                    before: Optional<ProjectAwardRecord>.none, after: record))
                return record
            }
        }
    }

    public func awards(projectID: Int64? = nil) async throws(ServiceError) -> [ProjectAwardRecord] {
        try await run { try await store.read { try await $0.awards(projectID: projectID) } }
    }
}
