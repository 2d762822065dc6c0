import TalentDomain
import TalentRules
import TalentStore

/// A housing project (e.g. the 智谷 talent town).
public struct HousingProjectInput: Sendable, Equatable {
    public var code: String
    public var name: String
    public var address: String?

    public init(code: String, name: String, address: String? = nil) {
        self.code = code
        self.name = name
        self.address = address
    }
}

/// A building of a project, with its benchmark rent.
public struct HousingBuildingInput: Sendable, Equatable {
    public var code: String
    public var projectCode: String
    public var name: String
    /// Fen per m² per month (RMB 32 is 3200).
    public var benchmarkFenPerM2: Int

    public init(code: String, projectCode: String, name: String, benchmarkFenPerM2: Int) {
        self.code = code
        self.projectCode = projectCode
        self.name = name
        self.benchmarkFenPerM2 = benchmarkFenPerM2
    }
}

/// One unit (as added by hand or read from a unit import row).
public struct HousingUnitInput: Sendable, Equatable {
    public var code: String
    public var buildingCode: String
    public var floor: Int
    public var category: UnitCategory
    /// Hundredths of a square metre (45.60 m² is 4560).
    public var areaHundredths: Int
    public var accessible: Bool

    public init(code: String, buildingCode: String, floor: Int, category: UnitCategory, areaHundredths: Int,
                accessible: Bool = false) {
        self.code = code
        self.buildingCode = buildingCode
        self.floor = floor
        self.category = category
        self.areaHundredths = areaHundredths
        self.accessible = accessible
    }
}

/// A housing application, by the talent or by their employer on their behalf.
public struct HousingApplicationInput: Sendable, Equatable {
    /// The talent's identity key (resident identity number, or NATIONALITY:PASSPORT); ignored when
    /// ``talentID`` is given.
    public var talent: String
    /// The talent's record number (the API names talents this way, never by identity number).
    public var talentID: Int64?
    /// The employer's credit code when the employer submits it on the talent's behalf.
    public var submittedByEmployer: String?
    /// The other members of the household (household size = members + 1).
    public var household: [HouseholdMember]
    /// Most wanted first; checked against the entitlement of the policy in force on `appliedOn`.
    public var preferences: [UnitCategory]
    public var appliedOn: CalendarDate

    public init(talent: String, talentID: Int64? = nil, submittedByEmployer: String? = nil, household: [HouseholdMember] = [],
                preferences: [UnitCategory], appliedOn: CalendarDate) {
        self.talent = talent
        self.talentID = talentID
        self.submittedByEmployer = submittedByEmployer
        self.household = household
        self.preferences = preferences
        self.appliedOn = appliedOn
    }

    public var householdSize: Int { household.count + 1 }
}

/// A new allocation round: which units (available units of the given projects/buildings; all available
/// units when both lists are empty), which applications (every open application made on or before
/// `asOf`), and which policy version (default: the one in force on `asOf`).
public struct HousingRoundInput: Sendable, Equatable {
    public var code: String
    public var name: String
    /// The day eligibility, points and waiting time are evaluated on.
    public var asOf: CalendarDate
    public var policyVersion: String?
    public var projectCodes: [String]
    public var buildingCodes: [String]

    public init(code: String, name: String, asOf: CalendarDate, policyVersion: String? = nil,
                projectCodes: [String] = [], buildingCodes: [String] = []) {
        self.code = code
        self.name = name
        self.asOf = asOf
        self.policyVersion = policyVersion
        self.projectCodes = projectCodes
        self.buildingCodes = buildingCodes
    }
}
