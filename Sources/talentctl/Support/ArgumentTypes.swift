import ArgumentParser
import TalentServices

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

/// A calendar day on the command line (YYYY-MM-DD). A value that is not a real day in that form is a
/// usage error (exit 64), as for every option value the parser cannot read: the rule for dates in every
/// command (Docs/cli.md, "Exit codes"). A real day that a use case refuses (after today, say) is bad data (65).
struct Day: ExpressibleByArgument, Sendable {
    var date: CalendarDate

    init?(argument: String) {
        guard let date = CalendarDate(argument.trimmingCharacters(in: .whitespaces)) else { return nil }
        self.date = date
    }

    init(_ date: CalendarDate) { self.date = date }

    static var defaultValueDescription: String { "today" }
}

/// `--limit` of every list: a whole number of rows from 1 to ``range``'s end; anything else is a usage
/// error (exit 64) saying so, the same in every list. Declared with `parsing: .unconditional`, so that
/// `--limit -1` is read as a value and refused by this rule, not taken for an unknown option.
enum ListLimit {
    static let range = 1...100_000

    static func help(_ rows: String) -> ArgumentHelp {
        ArgumentHelp("At most this many \(rows), \(range.lowerBound)–\(range.upperBound).")
    }

    static func parse(_ text: String) throws -> Int {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw UsageError("--limit must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
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
