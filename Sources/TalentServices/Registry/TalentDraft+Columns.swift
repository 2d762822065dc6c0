import TalentDomain

/// One way to build a talent from named fields, shared by the CLI (flags), updates and the CSV
/// import: the values go through the same import-row validation, so a flag and a CSV cell accept
/// exactly the same spellings and give the same errors.
extension TalentDraft {
    /// Builds a draft from import-column values (`name`, `id_number`, `degree`, …); absent or empty
    /// values are absent. Throws the first problem as a field error.
    public init(columns: [String: String], today: CalendarDate = .today()) throws(ValidationError) {
        let names = TalentImportHeader.columns.filter { columns[$0] != nil }
        let header: TalentImportHeader
        do {
            header = try TalentImportHeader(names, line: 0)
        } catch {
            throw Self.fieldError(error.issues.first)
        }
        switch header.draft(from: names.map { columns[$0] ?? "" }, line: 0, today: today) {
        case let .success(draft): self = draft
        case let .failure(issues): throw Self.fieldError(issues.issues.first)
        }
    }

    /// The draft as import-column values, the inverse of `init(columns:)`.
    public var columns: [String: String] {
        var values: [String: String] = ["name": name.value, "title": title.rawValue, "skill_level": skillLevel.rawValue,
                                        "owns_housing": ownsHousing ? "true" : "false"]
        switch identity {
        case let .resident(number): values["id_number"] = number.value
        case let .passport(number, nationality):
            values["passport"] = number.value
            values["nationality"] = nationality.code
        }
        values["mobile"] = mobile?.value
        values["email"] = email?.value
        values["degree"] = degree?.rawValue
        values["university"] = university
        values["major"] = major
        values["employer_credit_code"] = employerCreditCode
        values["contract_start"] = contractStart?.description
        values["contract_end"] = contractEnd?.description
        values["insurance_since"] = insuranceSince?.description
        return values
    }

    /// This draft with some columns replaced (an empty string clears an optional field).
    public func replacing(_ changes: [String: String], today: CalendarDate = .today()) throws(ValidationError) -> TalentDraft {
        var values = columns
        for (key, value) in changes {
            values[key] = value.isEmpty ? nil : value
        }
        return try TalentDraft(columns: values, today: today)
    }

    private static func fieldError(_ issue: ImportIssue?) -> ValidationError {
        guard let issue else { return ValidationError(field: "talent", value: "", reason: "is invalid") }
        var reason = issue.reason
        while reason.hasSuffix(".") { reason.removeLast() }
        return ValidationError(field: issue.column ?? "talent", value: issue.value ?? "", reason: reason)
    }
}
