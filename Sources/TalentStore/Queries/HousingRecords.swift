import Foundation
import TalentDomain

public struct HousingProjectRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var code: String
    public var name: String
    public var address: String?

    public init(id: Int64, code: String, name: String, address: String?) {
        self.id = id
        self.code = code
        self.name = name
        self.address = address
    }
}

public struct HousingBuildingRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var code: String
    public var projectCode: String
    public var name: String
    /// Fen per m² per month.
    public var benchmarkFenPerM2: Int

    public init(id: Int64, code: String, projectCode: String, name: String, benchmarkFenPerM2: Int) {
        self.id = id
        self.code = code
        self.projectCode = projectCode
        self.name = name
        self.benchmarkFenPerM2 = benchmarkFenPerM2
    }
}

public struct HousingUnitRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var code: String
    public var buildingCode: String
    public var projectCode: String
    public var floor: Int
    /// `studio`, `1BR`, `2BR`, `3BR` (TalentRules.UnitCategory raw values).
    public var category: String
    /// Hundredths of a square metre.
    public var areaHundredths: Int
    public var accessible: Bool
    public var status: UnitStatus
    /// The building's benchmark rent, fen per m² per month.
    public var benchmarkFenPerM2: Int

    public init(id: Int64, code: String, buildingCode: String, projectCode: String, floor: Int, category: String,
                areaHundredths: Int, accessible: Bool, status: UnitStatus, benchmarkFenPerM2: Int) {
        self.id = id
        self.code = code
        self.buildingCode = buildingCode
        self.projectCode = projectCode
        self.floor = floor
        self.category = category
        self.areaHundredths = areaHundredths
        self.accessible = accessible
        self.status = status
        self.benchmarkFenPerM2 = benchmarkFenPerM2
    }
}

/// A household member other than the applicant.
public struct HouseholdMember: Sendable, Codable, Equatable {
    public var name: String
    /// `spouse`, `child`, `parent`, `other`.
    public var relation: String

    public init(name: String, relation: String) {
        self.name = name
        self.relation = relation
    }
}

public struct HousingApplicationRecord: Sendable, Codable, Equatable {
    public var id: Int64
    /// `HA-2026-00001`.
    public var number: String
    public var talentID: Int64
    public var talentName: String
    public var talentIdentityKey: IdentityOnRecord
    /// `talent` or `employer`.
    public var submittedBy: String
    /// The employer's credit code when the employer submitted it.
    public var submittingEmployer: String?
    public var householdSize: Int
    public var household: [HouseholdMember]
    /// Category codes, most wanted first.
    public var preferences: [String]
    public var status: HousingApplicationStatus
    public var appliedOn: CalendarDate
    public var policyVersion: String
    public var withdrawnOn: CalendarDate?
    public var withdrawReason: String?

    public init(id: Int64, number: String, talentID: Int64, talentName: String, talentIdentityKey: IdentityOnRecord,
                submittedBy: String, submittingEmployer: String?, householdSize: Int, household: [HouseholdMember],
                preferences: [String], status: HousingApplicationStatus, appliedOn: CalendarDate, policyVersion: String,
                withdrawnOn: CalendarDate?, withdrawReason: String?) {
        self.id = id
        self.number = number
        self.talentID = talentID
        self.talentName = talentName
        self.talentIdentityKey = talentIdentityKey
        self.submittedBy = submittedBy
        self.submittingEmployer = submittingEmployer
        self.householdSize = householdSize
        self.household = household
        self.preferences = preferences
        self.status = status
        self.appliedOn = appliedOn
        self.policyVersion = policyVersion
        self.withdrawnOn = withdrawnOn
        self.withdrawReason = withdrawReason
    }
}
