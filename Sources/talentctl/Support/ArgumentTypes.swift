import ArgumentParser
import TalentDomain

extension Degree: ExpressibleByArgument {
    public init?(argument: String) { self.init(term: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension ProfessionalTitle: ExpressibleByArgument {
    public init?(argument: String) { self.init(term: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension SkillLevel: ExpressibleByArgument {
    public init?(argument: String) { self.init(term: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension OrganisationKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(term: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension IndustryChain: ExpressibleByArgument {
    public init?(argument: String) { self.init(term: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension CertificationStatus: ExpressibleByArgument {
    public init?(argument: String) { self.init(term: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension TalentClass: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = TalentClass.parse(argument) else { return nil }
        self = value
    }
    public static var allValueStrings: [String] { (1...6).map(String.init) }
}

extension DomainTerm {
    init?(term: String) {
        guard let value = Self.parse(term) else { return nil }
        self = value
    }
}

/// A talent named on the command line: a resident identity number, or `NAT:PASSPORT`.
/// Validated in the command (not by the parser) so a bad number is bad data (exit 65), named by field.
func identityKey(_ raw: String) throws(FieldError) -> String {
    try PersonIdentity(key: raw.trimmingCharacters(in: .whitespaces)).key
}

/// A field that failed validation (bad data, exit 65).
typealias FieldError = TalentDomain.ValidationError
/// A malformed command line (usage, exit 64).
typealias UsageError = ArgumentParser.ValidationError
