import TalentServices

/// A service's next step as the `talentctl` command that takes it, worded to follow a message, e.g.
/// "list them with `talentctl housing unit list`". One case per step, so a new step cannot be missed.
enum NextStepCommand {
    static func sentence(_ step: NextStep) -> String {
        switch step {
        case let .listOrganisations(kind): "list them with \(command("org list" + (kind.map { " --kind \($0.rawValue)" } ?? "")))"
        case let .addOrganisation(kind): "add it with \(command("org add" + (kind.map { " --kind \($0.rawValue)" } ?? "")))"
        case .findTalent: "search with \(command("talent list --name …"))"
        case .registerTalent: "register the talent first (\(command("talent register")))"
        case .updateTalent: "change that record with \(command("talent update"))"
        case .applyForCertification: "start one with \(command("cert apply IDENTITY"))"
        case let .continueCertification(_, event): "continue it with \(command("cert \(event?.rawValue ?? "list")"))"
        case .renewCertification: "extend it with \(command("cert renew")), or revoke it before applying again"
        case .certifyTalent: "certify the talent first (\(command("cert apply|approve")))"
        case .loadPolicy: "load one with \(command("rules load FILE.yaml"))"
        case .replacePolicy: "load a corrected copy under a new version label (\(command("rules load"))."
        case let .showPolicy(version): "see it with \(command("rules show \(version)"))"
        case .listHousingProjects: "list them with \(command("housing project list"))"
        case .listHousingBuildings: "list them with \(command("housing building list"))"
        case .listHousingUnits: "list them with \(command("housing unit list"))"
        case .importHousingUnits: "add units with \(command("housing unit import"))"
        case .listHousingApplications: "list them with \(command("housing application list"))"
        case .declineHousingOffer: "decline it with \(command("housing offer decline"))"
        case .listHousingOffers: "list them with \(command("housing offers list"))"
        case .expireHousingOffers: "\(command("housing offers expire")) passes the unit on"
        case .listHousingRounds: "list them with \(command("housing round list"))"
        case .createHousingRound: "create one with \(command("housing round create"))"
        case let .previewHousingRound(round):
            "preview it with \(command("housing round preview \(round) --seed S")) and commit it with "
                + command("housing round commit \(round) --seed S")
        case let .verifyHousingRound(round): "check it with \(command("housing round verify \(round)"))"
        case .listHousingLeases: "list them with \(command("housing lease list"))"
        case let .listUnitLeases(unit): "\(command("housing lease list --unit \(unit ?? "<unit code>")")) shows its leases"
        case .closeEndedLeases: "close it with \(command("housing lease close-ended"))"
        case .listCohorts: "list the cohorts with \(command("practice cohort list"))"
        case let .createCohort(year): "create it with \(command("practice cohort create --year \(year)"))"
        case let .listPositions(cohort): "list them with \(command("practice position list --cohort \(cohort)"))"
        case .listTrainees: "list them with \(command("practice trainee list"))"
        case let .addProgramme(university, field):
            "add it with " + command("practice programme add" + (university.map { " --university \($0)" } ?? "")
                                     + (field.map { " --field \($0)" } ?? ""))
        case let .previewMatching(cohort): "preview with \(command("practice match --cohort \(cohort) --preview")), then commit with --commit"
        case .commitMatching: "place the trainees with \(command("practice match --commit"))"
        case let .exportMatching(cohort): "see it with \(command("practice match export --cohort \(cohort) --json"))"
        case .startPractice: "record the start with \(command("practice start"))"
        case let .submitStageReport(stage): "submit it with \(command("practice report submit --stage \(stage)"))"
        case .assessPractice: "record it with \(command("practice assess"))"
        case .listProblems: "list them with \(command("practice problem list"))"
        case .listProjects: "list them with \(command("practice project list"))"
        case .migrateDatabase: "run \(command("db migrate"))"
        case .backUpBeforeRestore: "keep a copy first (\(command("db backup FILE"))), then add --force to replace it"
        }
    }

    /// `message` followed by the command for `step`, if any.
    static func message(_ message: String, then step: NextStep?) -> String {
        step.map { ServiceError.message(message, then: sentence($0)) } ?? message
    }

    private static func command(_ arguments: String) -> String { "`talentctl \(arguments)`" }
}
