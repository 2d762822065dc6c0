import ArgumentParser
import TalentServices

/// The talent fields as flags; each maps to the import column of the same meaning, so flags and
/// CSV cells are validated by the same code.
struct TalentFields: ParsableArguments {
    @Option(help: "Name, any script (e.g. 王小明).") var name: String?
    @Option(help: "Resident identity number, 18 characters (GB 11643).") var idNumber: String?
    @Option(help: "Passport number, for foreign talents (with --nationality).") var passport: String?
    @Option(help: "Nationality, ISO 3166 code such as USA or DE.") var nationality: String?
    @Option(help: "Mobile number, 11 digits, optional +86.") var mobile: String?
    @Option(help: "E-mail address.") var email: String?
    @Option(help: "Highest degree: none | associate | bachelor | master | doctorate (or 本科, 硕士, 博士…).") var degree: String?
    @Option(help: "University of the highest degree.") var university: String?
    @Option(help: "Major.") var major: String?
    @Option(help: "Professional title: none | junior | intermediate | associate-senior (副高) | full-senior (正高).") var title: String?
    @Option(help: "Skill level, e.g. senior-technician (高级技师).") var skillLevel: String?
    @Option(help: "Employer's credit code (the organisation must be registered).") var employer: String?
    @Option(help: "Labour contract start, YYYY-MM-DD.") var contractStart: String?
    @Option(help: "Labour contract end, YYYY-MM-DD.") var contractEnd: String?
    @Option(help: "First month of social insurance in the zone, YYYY-MM.") var insuranceSince: String?
    @Option(help: "Owns housing in the city: true | false (是 | 否).") var ownsHousing: String?

    /// A date flag that is not a date is a usage error (exit 64), as in every command (Docs/cli.md, "Exit codes");
    /// the other fields are checked like CSV cells (bad data, 65). An empty value clears the field in an update.
    func validate() throws {
        for (flag, value) in [("--contract-start", contractStart), ("--contract-end", contractEnd)] {
            if let value, !value.trimmingCharacters(in: .whitespaces).isEmpty,
               CalendarDate.parsing(cell: value.trimmingCharacters(in: .whitespaces)) == nil {
                throw UsageError("\(flag) '\(value)' is not a real date in the form YYYY-MM-DD")
            }
        }
        if let insuranceSince, !insuranceSince.trimmingCharacters(in: .whitespaces).isEmpty,
           YearMonth.parsing(cell: insuranceSince.trimmingCharacters(in: .whitespaces)) == nil {
            throw UsageError("--insurance-since '\(insuranceSince)' is not a month in the form YYYY-MM")
        }
    }

    /// The given flags as import columns.
    var columns: [String: String] {
        let pairs: [(String, String?)] = [
            ("name", name), ("id_number", idNumber), ("passport", passport), ("nationality", nationality),
            ("mobile", mobile), ("email", email), ("degree", degree), ("university", university), ("major", major),
            ("title", title), ("skill_level", skillLevel), ("employer_credit_code", employer),
            ("contract_start", contractStart), ("contract_end", contractEnd), ("insurance_since", insuranceSince),
            ("owns_housing", ownsHousing),
        ]
        var result: [String: String] = [:]
        for (key, value) in pairs {
            if let value { result[key] = value }
        }
        return result
    }
}
