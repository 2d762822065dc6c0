import TalentDomain

/// What the rules need to know about a talent and their application, as plain values (the store
/// gathers them; the rules never query anything).
public struct ApplicantFacts: Sendable, Equatable {
    /// The certified class; nil when not certified.
    public var certifiedClass: TalentClass?
    /// First and last valid day of the certification; nil when there is none.
    public var certificationValidFrom: CalendarDate?
    public var certificationValidUntil: CalendarDate?
    /// Last day of the labour contract; nil for an open-ended contract.
    public var contractEnd: CalendarDate?
    /// Whether the employer is registered in the zone.
    public var employerInZone: Bool
    /// The employer's industry chain.
    public var employerChain: IndustryChain?
    /// First month of social insurance paid in the zone; nil when none is paid there.
    public var insuranceInZoneSince: YearMonth?
    public var ownsHousing: Bool
    public var hasActiveLease: Bool
    /// Last day of a bar (after declined offers); nil when never barred.
    public var barredUntil: CalendarDate?
    /// People in the household, the applicant included (1 or more).
    public var householdSize: Int
    public var degree: Degree?
    public var title: ProfessionalTitle
    public var skillLevel: SkillLevel
    /// Honour codes of the policy's vocabulary (`academician`, …).
    public var honours: [String]
    /// The day the application was made; nil before applying.
    public var applicationDate: CalendarDate?

    public init(certifiedClass: TalentClass? = nil, certificationValidFrom: CalendarDate? = nil,
                certificationValidUntil: CalendarDate? = nil, contractEnd: CalendarDate? = nil, employerInZone: Bool = false,
                employerChain: IndustryChain? = nil, insuranceInZoneSince: YearMonth? = nil, ownsHousing: Bool = false,
                hasActiveLease: Bool = false, barredUntil: CalendarDate? = nil, householdSize: Int = 1, degree: Degree? = nil,
                title: ProfessionalTitle = .none, skillLevel: SkillLevel = .none, honours: [String] = [],
                applicationDate: CalendarDate? = nil) {
        self.certifiedClass = certifiedClass
        self.certificationValidFrom = certificationValidFrom
        self.certificationValidUntil = certificationValidUntil
        self.contractEnd = contractEnd
        self.employerInZone = employerInZone
        self.employerChain = employerChain
        self.insuranceInZoneSince = insuranceInZoneSince
        self.ownsHousing = ownsHousing
        self.hasActiveLease = hasActiveLease
        self.barredUntil = barredUntil
        self.householdSize = householdSize
        self.degree = degree
        self.title = title
        self.skillLevel = skillLevel
        self.honours = honours
        self.applicationDate = applicationDate
    }
}

/// What the rent rule needs to know about a unit.
public struct UnitFacts: Sendable, Equatable {
    public var category: UnitCategory
    /// Floor area in hundredths of a square metre (45.60 m² is 4560), so rent stays integer.
    public var areaHundredthsM2: Int
    /// The building's benchmark rent in fen per m² per month (RMB 32 is 3200).
    public var benchmarkFenPerM2: Int

    public init(category: UnitCategory, areaHundredthsM2: Int, benchmarkFenPerM2: Int) {
        self.category = category
        self.areaHundredthsM2 = areaHundredthsM2
        self.benchmarkFenPerM2 = benchmarkFenPerM2
    }
}
