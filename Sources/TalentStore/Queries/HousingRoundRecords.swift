import Foundation
import TalentDomain

/// An allocation round as stored (Schema/0004_housing.sql), with how many units and applications it
/// was created with. `input_json` is read only where needed (``StoreSession/housingRoundInput(roundID:)``).
public struct HousingRoundRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var code: String
    public var name: String
    /// The day eligibility, points and waiting time are evaluated on.
    public var asOf: CalendarDate
    public var policyVersion: String
    public var policySHA256: String
    public var status: HousingRoundStatus
    public var createdBy: String
    public var createdAt: Date
    /// Set on commit.
    public var seed: String?
    public var inputSHA256: String?
    public var committedBy: String?
    public var committedAt: Date?
    /// Units and applications fixed when the round was created.
    public var units: Int
    public var applications: Int
}

/// A unit of a round, in the terms the draw needs.
public struct HousingRoundUnitRow: Sendable, Equatable {
    public var unitID: Int64
    public var code: String
    public var buildingCode: String
    public var floor: Int
    /// `studio`, `1BR`, `2BR`, `3BR`.
    public var category: String
    public var status: UnitStatus
}

/// An application of a round, in the terms the draw needs.
public struct HousingRoundApplicationRow: Sendable, Equatable {
    public var applicationID: Int64
    public var number: String
    public var talentID: Int64
    public var status: HousingApplicationStatus
    public var householdSize: Int
    /// Category codes, most wanted first.
    public var preferences: [String]
    public var appliedOn: CalendarDate
    public var withdrawnOn: CalendarDate?
}

/// One row of a committed round's outcome: a position for an applicant who took part, reasons for
/// one who was excluded.
public struct HousingRoundEntryRow: Sendable, Equatable {
    public var applicationID: Int64
    public var number: String
    public var talentID: Int64
    public var talentName: String
    public var position: Int?
    public var priorityGroup: Int?
    public var score: Int?
    /// The score's breakdown as JSON text (an array of {factor, points, why}).
    public var scoreBreakdown: String?
    public var lotteryKey: String?
    public var preferences: [String]?
    public var allocatedCategory: String?
    public var quotaSkip: String?
    public var excludedReasons: [String]?

    public init(applicationID: Int64, number: String, talentID: Int64, talentName: String, position: Int?,
                priorityGroup: Int?, score: Int?, scoreBreakdown: String?, lotteryKey: String?, preferences: [String]?,
                allocatedCategory: String?, quotaSkip: String?, excludedReasons: [String]?) {
        self.applicationID = applicationID
        self.number = number
        self.talentID = talentID
        self.talentName = talentName
        self.position = position
        self.priorityGroup = priorityGroup
        self.score = score
        self.scoreBreakdown = scoreBreakdown
        self.lotteryKey = lotteryKey
        self.preferences = preferences
        self.allocatedCategory = allocatedCategory
        self.quotaSkip = quotaSkip
        self.excludedReasons = excludedReasons
    }
}

/// A pending offer a commit makes: the applicant and the unit they were assigned.
public struct HousingRoundNewOffer: Sendable, Equatable {
    public var applicationID: Int64
    public var talentID: Int64
    public var unitID: Int64
    /// The export category allocated (`2BR`, `1BR@reserved:g3`).
    public var category: String

    public init(applicationID: Int64, talentID: Int64, unitID: Int64, category: String) {
        self.applicationID = applicationID
        self.talentID = talentID
        self.unitID = unitID
        self.category = category
    }
}

/// An offer of a round as `round verify` checks it.
public struct HousingRoundOfferRow: Sendable, Equatable {
    public var offerID: Int64
    public var applicationID: Int64
    public var number: String
    public var unitID: Int64
    public var unitCode: String
    /// The unit's own category (`2BR`).
    public var unitCategory: String
    /// The export category it was offered under.
    public var category: String
    /// `round` or `waitlist`.
    public var source: String
    public var status: String
}

/// An application a talent holds (open or offered), for explanations.
public struct TalentOpenApplicationRow: Sendable, Equatable {
    public var number: String
    public var status: HousingApplicationStatus
    public var householdSize: Int
    public var preferences: [String]
    public var appliedOn: CalendarDate
}
