// The services' vocabulary for the front doors (Docs/architecture.md, "Who may import whom"): a front
// door imports TalentServices only. The domain's values are the services' own words, so the whole
// TalentDomain is re-exported; of the store and the rules, only the read records, filters and reports
// that appear in the services' API are published here, under the same names. A front door can name
// them, but it cannot open a Store, run SQL or apply a rule itself.
@_exported import TalentDomain
import TalentRules
import TalentStore

// MARK: Registry and audit
public typealias OrganisationFilter = TalentStore.OrganisationFilter
public typealias TalentRecord = TalentStore.TalentRecord
public typealias TalentFilter = TalentStore.TalentFilter
public typealias CertificationRecord = TalentStore.CertificationRecord
public typealias CertificationFilter = TalentStore.CertificationFilter
public typealias AuditEntry = TalentStore.AuditEntry

// MARK: Practice base
public typealias TraineeRecord = TalentStore.TraineeRecord
public typealias TraineeFilter = TalentStore.TraineeFilter
public typealias StageReportRecord = TalentStore.StageReportRecord
public typealias FinalAssessmentRecord = TalentStore.FinalAssessmentRecord
public typealias PracticeStage = TalentStore.PracticeStage
public typealias MentorGrade = TalentStore.MentorGrade
public typealias AssessmentResult = TalentStore.AssessmentResult
public typealias AwardLevel = TalentStore.AwardLevel

// MARK: Housing
public typealias HousingUnitRecord = TalentStore.HousingUnitRecord
public typealias HousingUnitFilter = TalentStore.HousingUnitFilter
public typealias HousingApplicationRecord = TalentStore.HousingApplicationRecord
public typealias HousingOfferRecord = TalentStore.HousingOfferRecord
public typealias HousingLeaseRecord = TalentStore.HousingLeaseRecord
public typealias HouseholdMember = TalentStore.HouseholdMember
public typealias UnitCategory = TalentRules.UnitCategory
/// A committed round's canonical export (`housing round export`, the demo's summary).
public typealias AllocationExport = TalentRules.AllocationExport
public typealias ExcludedApplicant = TalentRules.ExcludedApplicant

// MARK: Database administration
public typealias PrivilegeReport = TalentStore.PrivilegeReport

// MARK: Accounts
public typealias AccountRecord = TalentStore.AccountRecord
