import TalentDomain
import TalentStore

/// What the person can do next about a refusal, as data: an action with its arguments. The services
/// never word it as a command; each front door renders it in its own terms (`talentctl` prints the
/// command, the server a link or the API call), with an exhaustive switch, so a new step cannot be
/// forgotten by either. On the wire it is `{"action":"housing.round.preview","arguments":{"round":"R1"}}`.
public enum NextStep: Sendable, Equatable {
    // MARK: Registry
    /// List the organisations (of one kind).
    case listOrganisations(kind: OrganisationKind?)
    /// Register the organisation that is missing (as this kind).
    case addOrganisation(kind: OrganisationKind?)
    /// Look the talent up by name.
    case findTalent
    /// Register the talent that is missing.
    case registerTalent
    /// Change the talent's existing record instead of registering it again.
    case updateTalent(id: Int64)

    // MARK: Certification
    /// Open a certification for the talent.
    case applyForCertification
    /// Take the open certification's next step (nil: see the certifications).
    case continueCertification(id: Int64, event: CertificationEvent?)
    /// Renew the certification in force.
    case renewCertification(id: Int64)
    /// Certify the talent (apply, then approve after the notice).
    case certifyTalent

    // MARK: Rules
    /// Load a housing policy file.
    case loadPolicy
    /// Load a corrected copy of a stored policy that no longer reads, under a new version label.
    case replacePolicy(version: String)
    /// Show a policy version (`default` for the built-in one).
    case showPolicy(version: String)

    // MARK: Housing
    case listHousingProjects
    case listHousingBuildings
    case listHousingUnits
    /// Add units to the inventory (a unit file).
    case importHousingUnits
    case listHousingApplications
    /// Decline the application's pending offer (nil: the offer is not known here).
    case declineHousingOffer(application: String?)
    case listHousingOffers
    /// Expire the offers past their deadline, which passes their units on.
    case expireHousingOffers
    case listHousingRounds
    case createHousingRound
    /// Preview a draft round with a seed, then commit it.
    case previewHousingRound(round: String)
    /// Verify a committed round against its published seed.
    case verifyHousingRound(round: String)
    case listHousingLeases
    /// The leases of one unit (nil: the unit is not known here).
    case listUnitLeases(unit: String?)
    /// Close the leases whose end date has passed.
    case closeEndedLeases

    // MARK: Practice base
    case listCohorts
    case createCohort(year: Int)
    case listPositions(cohort: Int)
    case listTrainees
    /// Add a degree programme to a university (either may be unknown here).
    case addProgramme(university: String?, field: String?)
    /// Preview a cohort's matching, then commit it.
    case previewMatching(cohort: Int)
    /// Commit the cohort's matching, which places the trainees.
    case commitMatching
    /// See a committed matching.
    case exportMatching(cohort: Int)
    /// Record the start of the practice (with a mentor).
    case startPractice
    /// Submit a stage report (`mid-term` or `final`).
    case submitStageReport(stage: String)
    /// Record the final assessment.
    case assessPractice
    case listProblems
    case listProjects

    // MARK: Database
    /// Apply the schema migrations (an external database is not migrated implicitly).
    case migrateDatabase
    /// Back the database up before replacing it with a restore.
    case backUpBeforeRestore
}

extension NextStep {
    /// The store's remedy as the step a front door offers.
    init(_ remedy: StoreError.Remedy) {
        switch remedy {
        case .migrate: self = .migrateDatabase
        }
    }
}
