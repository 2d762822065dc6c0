import TalentDomain

/// A next step's stable machine name, its arguments and its wording for any front door.
extension NextStep: Encodable, CustomStringConvertible {
    /// The stable name of the action, `room.thing.verb`, e.g. `housing.round.preview`.
    public var action: String {
        switch self {
        case .listOrganisations: "organisation.list"
        case .addOrganisation: "organisation.add"
        case .findTalent: "talent.list"
        case .registerTalent: "talent.register"
        case .updateTalent: "talent.update"
        case .applyForCertification: "certification.apply"
        case .continueCertification: "certification.continue"
        case .renewCertification: "certification.renew"
        case .certifyTalent: "certification.certify"
        case .loadPolicy: "rules.load"
        case .replacePolicy: "rules.replace"
        case .showPolicy: "rules.show"
        case .listHousingProjects: "housing.project.list"
        case .listHousingBuildings: "housing.building.list"
        case .listHousingUnits: "housing.unit.list"
        case .importHousingUnits: "housing.unit.import"
        case .listHousingApplications: "housing.application.list"
        case .declineHousingOffer: "housing.offer.decline"
        case .listHousingOffers: "housing.offer.list"
        case .expireHousingOffers: "housing.offer.expire"
        case .listHousingRounds: "housing.round.list"
        case .createHousingRound: "housing.round.create"
        case .previewHousingRound: "housing.round.preview"
        case .verifyHousingRound: "housing.round.verify"
        case .listHousingLeases, .listUnitLeases: "housing.lease.list"
        case .closeEndedLeases: "housing.lease.close-ended"
        case .listCohorts: "practice.cohort.list"
        case .createCohort: "practice.cohort.create"
        case .listPositions: "practice.position.list"
        case .listTrainees: "practice.trainee.list"
        case .addProgramme: "practice.programme.add"
        case .previewMatching: "practice.match.preview"
        case .commitMatching: "practice.match.commit"
        case .exportMatching: "practice.match.export"
        case .startPractice: "practice.start"
        case .submitStageReport: "practice.report.submit"
        case .assessPractice: "practice.assess"
        case .listProblems: "practice.problem.list"
        case .listProjects: "practice.project.list"
        case .migrateDatabase: "database.migrate"
        case .backUpBeforeRestore: "database.backup"
        }
    }

    /// The action's arguments by name; only those known where the step was chosen.
    public var arguments: [String: String] {
        var arguments: [String: String] = [:]
        switch self {
        case let .listOrganisations(kind), let .addOrganisation(kind): arguments["kind"] = kind?.rawValue
        case let .updateTalent(id): arguments["talent"] = String(id)
        case let .continueCertification(id, event):
            arguments["certification"] = String(id)
            arguments["event"] = event?.rawValue
        case let .renewCertification(id): arguments["certification"] = String(id)
        case let .replacePolicy(version), let .showPolicy(version): arguments["version"] = version
        case let .declineHousingOffer(application): arguments["application"] = application
        case let .previewHousingRound(round), let .verifyHousingRound(round): arguments["round"] = round
        case let .listUnitLeases(unit): arguments["unit"] = unit
        case let .createCohort(year): arguments["year"] = String(year)
        case let .listPositions(cohort), let .previewMatching(cohort), let .exportMatching(cohort):
            arguments["cohort"] = String(cohort)
        case let .addProgramme(university, field):
            arguments["university"] = university
            arguments["field"] = field
        case let .submitStageReport(stage): arguments["stage"] = stage
        case .findTalent, .registerTalent, .applyForCertification, .certifyTalent, .loadPolicy,
             .listHousingProjects, .listHousingBuildings, .listHousingUnits, .importHousingUnits,
             .listHousingApplications, .listHousingOffers, .expireHousingOffers, .listHousingRounds,
             .createHousingRound, .listHousingLeases, .closeEndedLeases, .listCohorts, .listTrainees,
             .commitMatching, .startPractice, .assessPractice, .listProblems, .listProjects,
             .migrateDatabase, .backUpBeforeRestore:
            break
        }
        return arguments
    }

    /// What to do, in words that name no front door's command, e.g. `preview round R1, then commit it`.
    public var description: String {
        switch self {
        case let .listOrganisations(kind): "list the \(kind.map { "\($0.rawValue) " } ?? "")organisations"
        case let .addOrganisation(kind): "add the \(kind?.rawValue ?? "organisation") first"
        case .findTalent: "look the talent up by name"
        case .registerTalent: "register the talent first"
        case let .updateTalent(id): "change talent #\(id) instead"
        case .applyForCertification: "open a certification first"
        case let .continueCertification(id, event): "\(event?.rawValue ?? "continue") certification #\(id)"
        case let .renewCertification(id): "renew certification #\(id), or revoke it before applying again"
        case .certifyTalent: "certify the talent first"
        case .loadPolicy: "load a policy file"
        case let .replacePolicy(version): "load a corrected copy of \(version) under a new version label"
        case let .showPolicy(version): "see policy \(version)"
        case .listHousingProjects: "list the housing projects"
        case .listHousingBuildings: "list the housing buildings"
        case .listHousingUnits: "list the housing units"
        case .importHousingUnits: "add units"
        case .listHousingApplications: "list the housing applications"
        case let .declineHousingOffer(application): "decline the pending offer" + (application.map { " of \($0)" } ?? "")
        case .listHousingOffers: "list the housing offers"
        case .expireHousingOffers: "expire the offers past their deadline, which passes their units on"
        case .listHousingRounds: "list the housing rounds"
        case .createHousingRound: "create a housing round"
        case let .previewHousingRound(round): "preview round \(round) with a seed, then commit it"
        case let .verifyHousingRound(round): "verify round \(round)"
        case .listHousingLeases: "list the leases"
        case let .listUnitLeases(unit): "see the leases of \(unit.map { "unit \($0)" } ?? "the unit")"
        case .closeEndedLeases: "close the ended leases"
        case .listCohorts: "list the cohorts"
        case let .createCohort(year): "create the cohort of \(year)"
        case let .listPositions(cohort): "list the positions of cohort \(cohort)"
        case .listTrainees: "list the trainees"
        case let .addProgramme(university, field):
            "add the programme" + (field.map { " \($0)" } ?? "") + (university.map { " to \($0)" } ?? "")
        case let .previewMatching(cohort): "preview the matching of cohort \(cohort), then commit it"
        case .commitMatching: "commit the cohort's matching"
        case let .exportMatching(cohort): "see the matching of cohort \(cohort)"
        case .startPractice: "record the start of the practice"
        case let .submitStageReport(stage): "submit the \(stage) stage report"
        case .assessPractice: "record the final assessment"
        case .listProblems: "list the technical problems"
        case .listProjects: "list the cooperation projects"
        case .migrateDatabase: "migrate the database"
        case .backUpBeforeRestore: "back the database up first, then replace it"
        }
    }

    private enum CodingKeys: String, CodingKey { case action, arguments }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(action, forKey: .action)
        try container.encode(arguments, forKey: .arguments)
    }
}
