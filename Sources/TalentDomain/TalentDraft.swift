/// The validated input for registering a talent, from the CLI or one CSV import row.
///
/// Every field is already a checked value; only the employer's existence is checked later, by the
/// service, against the organisations on file.
public struct TalentDraft: Sendable, Equatable, Codable {
    public var name: PersonName
    public var identity: PersonIdentity
    public var mobile: MobileNumber?
    public var email: EmailAddress?
    public var degree: Degree?
    public var university: String?
    public var major: String?
    public var title: ProfessionalTitle
    public var skillLevel: SkillLevel
    /// The employer's credit code, trimmed and uppercased.
    public var employerCreditCode: String?
    public var contractStart: CalendarDate?
    public var contractEnd: CalendarDate?
    /// The first month of local social insurance.
    public var insuranceSince: YearMonth?
    /// Whether the talent owns housing in the city (which rules out talent apartments).
    public var ownsHousing: Bool

    /// Creates a draft; everything but the name and identity is optional.
    public init(
        name: PersonName,
        identity: PersonIdentity,
        mobile: MobileNumber? = nil,
        email: EmailAddress? = nil,
        degree: Degree? = nil,
        university: String? = nil,
        major: String? = nil,
        title: ProfessionalTitle = .none,
        skillLevel: SkillLevel = .none,
        employerCreditCode: String? = nil,
        contractStart: CalendarDate? = nil,
        contractEnd: CalendarDate? = nil,
        insuranceSince: YearMonth? = nil,
        ownsHousing: Bool = false
    ) {
        self.name = name
        self.identity = identity
        self.mobile = mobile
        self.email = email
        self.degree = degree
        self.university = university
        self.major = major
        self.title = title
        self.skillLevel = skillLevel
        self.employerCreditCode = employerCreditCode
        self.contractStart = contractStart
        self.contractEnd = contractEnd
        self.insuranceSince = insuranceSince
        self.ownsHousing = ownsHousing
    }
}
