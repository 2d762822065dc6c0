import TalentDomain

/// A housing and talent policy as data: every number the office decides with is here, read from a
/// YAML file (``PolicyFile``) and documented key by key in Docs/rules.md.
public struct Policy: Sendable, Equatable {
    /// The label decisions record, e.g. `gz-talent-town-2026.1`.
    public var version: String
    /// The first day the policy applies.
    public var effective: CalendarDate
    public var classification: ClassificationPolicy
    /// The housing eligibility rules, in the order they are explained.
    public var eligibility: [EligibilityRule]
    public var entitlement: EntitlementPolicy
    public var priority: PriorityPolicy
    public var quotas: QuotaPolicy
    public var rent: RentPolicy
    public var lease: LeasePolicy
    public var offers: OfferPolicy
    public var certification: CertificationTerms
    public var practice: PracticeDuration

    public init(version: String, effective: CalendarDate, classification: ClassificationPolicy,
                eligibility: [EligibilityRule], entitlement: EntitlementPolicy, priority: PriorityPolicy,
                quotas: QuotaPolicy, rent: RentPolicy, lease: LeasePolicy, offers: OfferPolicy,
                certification: CertificationTerms, practice: PracticeDuration) {
        self.version = version
        self.effective = effective
        self.classification = classification
        self.eligibility = eligibility
        self.entitlement = entitlement
        self.priority = priority
        self.quotas = quotas
        self.rent = rent
        self.lease = lease
        self.offers = offers
        self.certification = certification
        self.practice = practice
    }
}

/// How a talent class is proposed from qualifications (`classification`).
public struct ClassificationPolicy: Sendable, Equatable {
    /// Honour code → what it means (the vocabulary `honours_any` may use), in file order.
    public var honours: [(code: String, meaning: String)]
    /// One entry per class, tried from the highest class (1) down; the first that holds wins.
    public var classes: [ClassCriteria]

    public init(honours: [(code: String, meaning: String)], classes: [ClassCriteria]) {
        self.honours = honours
        self.classes = classes
    }

    public static func == (lhs: ClassificationPolicy, rhs: ClassificationPolicy) -> Bool {
        lhs.honours.map(\.code) == rhs.honours.map(\.code) && lhs.honours.map(\.meaning) == rhs.honours.map(\.meaning)
            && lhs.classes == rhs.classes
    }
}

/// What qualifies for one class: any one of the criteria given (an absent criterion never holds).
public struct ClassCriteria: Sendable, Equatable {
    public var talentClass: TalentClass
    public var honoursAny: [String]
    public var degreeAtLeast: Degree?
    public var titleAtLeast: ProfessionalTitle?
    public var skillAtLeast: SkillLevel?

    public init(talentClass: TalentClass, honoursAny: [String] = [], degreeAtLeast: Degree? = nil,
                titleAtLeast: ProfessionalTitle? = nil, skillAtLeast: SkillLevel? = nil) {
        self.talentClass = talentClass
        self.honoursAny = honoursAny
        self.degreeAtLeast = degreeAtLeast
        self.titleAtLeast = titleAtLeast
        self.skillAtLeast = skillAtLeast
    }
}

/// One housing eligibility predicate from the fixed vocabulary (the key it is written with is ``key``).
public enum EligibilityRule: Sendable, Equatable {
    /// `certified_class_in: [1, 2, …]`: the certified class is one of these.
    case certifiedClassIn([TalentClass])
    /// `certification_valid: true`: a certification covers the day.
    case certificationValid
    /// `contract_months_left_at_least: N`: the labour contract runs at least N whole months more
    /// (an open-ended contract always does).
    case contractMonthsLeftAtLeast(Int)
    /// `employer_in_zone: true`: the employer is registered in the zone.
    case employerInZone
    /// `social_insurance_in_zone: true`: social insurance is paid in the zone (since a month on or before the day's).
    case socialInsuranceInZone
    /// `social_insurance_months_at_least: N`: at least N months of local social insurance.
    case socialInsuranceMonthsAtLeast(Int)
    /// `owns_housing: false`: owns no housing in the city.
    case ownsNoHousing
    /// `no_active_lease: true`: holds no talent-housing lease.
    case noActiveLease
    /// `not_barred: true`: not barred (e.g. after declining offers).
    case notBarred

    /// The predicate's key in the file.
    public var key: String {
        switch self {
        case .certifiedClassIn: "certified_class_in"
        case .certificationValid: "certification_valid"
        case .contractMonthsLeftAtLeast: "contract_months_left_at_least"
        case .employerInZone: "employer_in_zone"
        case .socialInsuranceInZone: "social_insurance_in_zone"
        case .socialInsuranceMonthsAtLeast: "social_insurance_months_at_least"
        case .ownsNoHousing: "owns_housing"
        case .noActiveLease: "no_active_lease"
        case .notBarred: "not_barred"
        }
    }

    /// Every predicate key, as error messages list them.
    public static let keys = [
        "certified_class_in", "certification_valid", "contract_months_left_at_least", "employer_in_zone",
        "social_insurance_in_zone", "social_insurance_months_at_least", "owns_housing", "no_active_lease", "not_barred",
    ]
}

/// Which unit categories a class and household may be offered, and how large (`entitlement`).
public struct EntitlementPolicy: Sendable, Equatable {
    /// Household bounds and area cap of one category.
    public struct CategoryTerms: Sendable, Equatable {
        public var category: UnitCategory
        public var maxAreaM2: Int
        public var minHousehold: Int
        public var maxHousehold: Int

        public init(category: UnitCategory, maxAreaM2: Int, minHousehold: Int, maxHousehold: Int) {
            self.category = category
            self.maxAreaM2 = maxAreaM2
            self.minHousehold = minHousehold
            self.maxHousehold = maxHousehold
        }
    }

    /// The categories one set of classes may be offered.
    public struct ClassTerms: Sendable, Equatable {
        public var classes: [TalentClass]
        public var categories: [UnitCategory]

        public init(classes: [TalentClass], categories: [UnitCategory]) {
            self.classes = classes
            self.categories = categories
        }
    }

    public var categories: [CategoryTerms]
    public var classes: [ClassTerms]

    public init(categories: [CategoryTerms], classes: [ClassTerms]) {
        self.categories = categories
        self.classes = classes
    }
}

/// Priority groups and points (`priority`).
public struct PriorityPolicy: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        public var group: Int
        public var classes: [TalentClass]

        public init(group: Int, classes: [TalentClass]) {
            self.group = group
            self.classes = classes
        }
    }

    /// Points per unit of something, capped: `{points_per_…: p, max_points: m}`.
    public struct Capped: Sendable, Equatable {
        public var pointsPer: Int
        public var maxPoints: Int

        public init(pointsPer: Int, maxPoints: Int) {
            self.pointsPer = pointsPer
            self.maxPoints = maxPoints
        }

        /// `min(maxPoints, pointsPer × count)`, never negative.
        public func points(for count: Int) -> Int { min(maxPoints, pointsPer * max(0, count)) }
    }

    public var groups: [Group]
    /// Class number → points (a class not listed scores 0).
    public var classPoints: [Int: Int]
    /// The best of the three counts, once (`qualification`).
    public var degreePoints: [Degree: Int]
    public var titlePoints: [ProfessionalTitle: Int]
    public var skillPoints: [SkillLevel: Int]
    /// Per whole year of local social insurance.
    public var localInsurance: Capped
    /// Per household member beyond the applicant.
    public var household: Capped
    public var priorityChains: [IndustryChain]
    public var priorityChainPoints: Int
    /// Per whole month since the application.
    public var monthsWaiting: Capped

    public init(groups: [Group], classPoints: [Int: Int], degreePoints: [Degree: Int], titlePoints: [ProfessionalTitle: Int],
                skillPoints: [SkillLevel: Int], localInsurance: Capped, household: Capped, priorityChains: [IndustryChain],
                priorityChainPoints: Int, monthsWaiting: Capped) {
        self.groups = groups
        self.classPoints = classPoints
        self.degreePoints = degreePoints
        self.titlePoints = titlePoints
        self.skillPoints = skillPoints
        self.localInsurance = localInsurance
        self.household = household
        self.priorityChains = priorityChains
        self.priorityChainPoints = priorityChainPoints
        self.monthsWaiting = monthsWaiting
    }
}

/// Per-employer cap and reserved stock (`quotas`).
public struct QuotaPolicy: Sendable, Equatable {
    /// A share of a category's units in a round kept for one priority group.
    public struct Reserve: Sendable, Equatable {
        public var group: Int
        public var category: UnitCategory
        public var percent: Int

        public init(group: Int, category: UnitCategory, percent: Int) {
            self.group = group
            self.category = category
            self.percent = percent
        }
    }

    /// Most offers per employer per round; nil for no cap.
    public var perEmployerCap: Int?
    public var reserved: [Reserve]

    public init(perEmployerCap: Int?, reserved: [Reserve]) {
        self.perEmployerCap = perEmployerCap
        self.reserved = reserved
    }

    /// The reserves of a round with `units` units per category: `floor(units × percent / 100)` each.
    public func reserves(forUnits units: [UnitCategory: Int]) -> [ReservedStock] {
        reserved.map { reserve in
            ReservedStock(group: reserve.group, category: reserve.category.rawValue,
                          units: (units[reserve.category] ?? 0) * reserve.percent / 100)
        }
    }
}

/// Rent discounts (`rent`).
public struct RentPolicy: Sendable, Equatable {
    /// For these classes, the first `years` lease years pay `percentPayable` % of the benchmark rent.
    public struct Discount: Sendable, Equatable {
        public var classes: [TalentClass]
        public var years: Int
        public var percentPayable: Int

        public init(classes: [TalentClass], years: Int, percentPayable: Int) {
            self.classes = classes
            self.years = years
            self.percentPayable = percentPayable
        }
    }

    public var discounts: [Discount]
    /// No talent gets a discount for more years than this, in all.
    public var maxDiscountedYears: Int

    public init(discounts: [Discount], maxDiscountedYears: Int) {
        self.discounts = discounts
        self.maxDiscountedYears = maxDiscountedYears
    }
}

/// Lease terms (`lease`).
public struct LeasePolicy: Sendable, Equatable {
    public var maxTermMonths: Int
    public var renewalWindowMonths: Int
    public var cumulativeCapYears: Int
    public var moveOutDays: Int
    /// A lease starts at most this many days after the offer is accepted (`latest_start_days`, optional).
    public var latestStartDays: Int

    /// The latest start when a policy file does not give `latest_start_days`.
    public static let defaultLatestStartDays = 90

    public init(maxTermMonths: Int, renewalWindowMonths: Int, cumulativeCapYears: Int, moveOutDays: Int,
                latestStartDays: Int = LeasePolicy.defaultLatestStartDays) {
        self.maxTermMonths = maxTermMonths
        self.renewalWindowMonths = renewalWindowMonths
        self.cumulativeCapYears = cumulativeCapYears
        self.moveOutDays = moveOutDays
        self.latestStartDays = latestStartDays
    }
}

/// Offer terms (`offers`).
public struct OfferPolicy: Sendable, Equatable {
    public var expiryDays: Int
    /// Reason code → what it means, in file order.
    public var declineReasons: [(code: String, meaning: String)]
    /// This many declines (counted since the last bar) bar the talent…
    public var penaltyDeclines: Int
    /// …for this many months.
    public var penaltyBarredMonths: Int
    /// Whether an offer left to expire counts as a decline.
    public var expiryCountsAsDecline: Bool

    public init(expiryDays: Int, declineReasons: [(code: String, meaning: String)], penaltyDeclines: Int,
                penaltyBarredMonths: Int, expiryCountsAsDecline: Bool) {
        self.expiryDays = expiryDays
        self.declineReasons = declineReasons
        self.penaltyDeclines = penaltyDeclines
        self.penaltyBarredMonths = penaltyBarredMonths
        self.expiryCountsAsDecline = expiryCountsAsDecline
    }

    public static func == (lhs: OfferPolicy, rhs: OfferPolicy) -> Bool {
        lhs.expiryDays == rhs.expiryDays && lhs.declineReasons.map(\.code) == rhs.declineReasons.map(\.code)
            && lhs.declineReasons.map(\.meaning) == rhs.declineReasons.map(\.meaning)
            && lhs.penaltyDeclines == rhs.penaltyDeclines && lhs.penaltyBarredMonths == rhs.penaltyBarredMonths
            && lhs.expiryCountsAsDecline == rhs.expiryCountsAsDecline
    }
}
