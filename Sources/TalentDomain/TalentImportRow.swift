extension TalentImportHeader {
    /// Turns one data row into a draft, or reports every problem in the row.
    ///
    /// Empty cells mean "not given". A row needs `id_number`, or `passport` with `nationality`
    /// (not both kinds). Dates are `YYYY-MM-DD` (`YYYY/M/D`, as spreadsheets re-save them, is
    /// accepted too); `insurance_since` is `YYYY-MM` or a full date and must not be in the future;
    /// `owns_housing` is true/false, yes/no, 1/0 or 是/否; terms are read with ``DomainTerm/parse(_:)``.
    public func draft(from fields: [String], line: Int, today: CalendarDate) -> Result<TalentDraft, ImportIssues> {
        guard fields.count == names.count else {
            return .failure(ImportIssues([ImportIssue(
                line: line, reason: "expected \(names.count) fields, found \(fields.count); check for a stray comma or a missing quote")]))
        }
        var row = ImportRowCells(fields: fields, index: index, line: line)

        let name = row.value("name") { text throws(ValidationError) in try PersonName(text) }
        if row.cell("name") == nil {
            row.issue("name", nil, "is required")
        }
        let identity = row.identity(today: today)
        let mobile = row.value("mobile") { text throws(ValidationError) in try MobileNumber(text) }
        let email = row.value("email") { text throws(ValidationError) in try EmailAddress(text) }
        let degree = row.term("degree", Degree.self)
        let title = row.term("title", ProfessionalTitle.self) ?? .none
        let skillLevel = row.term("skill_level", SkillLevel.self) ?? .none
        let contractStart = row.date("contract_start")
        let contractEnd = row.date("contract_end")
        if let contractStart, let contractEnd, contractEnd < contractStart {
            row.issue("contract_end", row.cell("contract_end"), "contract ends (\(contractEnd)) before it starts (\(contractStart))")
        }
        let insuranceSince = row.month("insurance_since")
        if let insuranceSince, insuranceSince > YearMonth(today) {
            row.issue("insurance_since", row.cell("insurance_since"), "\(insuranceSince) is in the future; give the first month insurance was paid")
        }
        let ownsHousing = row.flag("owns_housing") ?? false

        guard row.issues.isEmpty, let name, let identity else {
            return .failure(ImportIssues(row.issues))
        }
        return .success(TalentDraft(
            name: name, identity: identity, mobile: mobile, email: email, degree: degree,
            university: row.cell("university"), major: row.cell("major"),
            title: title, skillLevel: skillLevel,
            employerCreditCode: row.cell("employer_credit_code")?.uppercased(),
            contractStart: contractStart, contractEnd: contractEnd,
            insuranceSince: insuranceSince, ownsHousing: ownsHousing))
    }
}

/// The cells of one row, read by column name, collecting issues as it goes.
struct ImportRowCells {
    let fields: [String]
    let index: [String: Int]
    let line: Int
    var issues: [ImportIssue] = []

    /// The trimmed cell, nil if the column is absent or the cell empty.
    func cell(_ column: String) -> String? {
        guard let position = index[column] else { return nil }
        let text = fields[position].trimmingWhitespace()
        return text.isEmpty ? nil : text
    }

    mutating func issue(_ column: String, _ value: String?, _ reason: String) {
        issues.append(ImportIssue(line: line, column: column, value: value, reason: reason))
    }

    mutating func value<T>(_ column: String, _ make: (String) throws(ValidationError) -> T) -> T? {
        guard let text = cell(column) else { return nil }
        do {
            return try make(text)
        } catch {
            issues.append(ImportIssue(line: line, column: column, error))
            return nil
        }
    }

    mutating func term<T: DomainTerm>(_ column: String, _ type: T.Type) -> T? {
        guard let text = cell(column) else { return nil }
        guard let term = T.parse(text) else {
            issue(column, text, "'\(text)' is not one of \(T.allowedTermsDescription)")
            return nil
        }
        return term
    }

    mutating func date(_ column: String) -> CalendarDate? {
        guard let text = cell(column) else { return nil }
        guard let date = CalendarDate.parsing(cell: text) else {
            issue(column, text, "'\(text)' is not a real date in the form YYYY-MM-DD")
            return nil
        }
        return date
    }

    mutating func month(_ column: String) -> YearMonth? {
        guard let text = cell(column) else { return nil }
        if let month = YearMonth.parsing(cell: text) { return month }
        issue(column, text, "'\(text)' is not a month in the form YYYY-MM (or a date YYYY-MM-DD)")
        return nil
    }

    mutating func flag(_ column: String) -> Bool? {
        guard let text = cell(column) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "1", "是", "y": return true
        case "false", "no", "0", "否", "n": return false
        default:
            issue(column, text, "'\(text)' is not one of true|false|yes|no|1|0|是|否")
            return nil
        }
    }

    mutating func identity(today: CalendarDate) -> PersonIdentity? {
        let id = cell("id_number"), passport = cell("passport"), nationality = cell("nationality")
        if id != nil {
            if passport != nil {
                issue("passport", passport, "give either id_number, or passport with nationality, not both")
                return nil
            }
            if nationality != nil {
                issue("nationality", nationality, "nationality goes with a passport; leave it empty when id_number is given")
                return nil
            }
            return value("id_number") { text throws(ValidationError) in
                try ResidentIdentityNumber(text, today: today)
            }.map(PersonIdentity.resident)
        }
        guard passport != nil else {
            issue("id_number", nil, "a row needs id_number, or passport and nationality")
            return nil
        }
        let number = value("passport") { text throws(ValidationError) in try PassportNumber(text) }
        guard nationality != nil else {
            issue("nationality", nil, "is required with a passport (ISO code such as USA or DEU)")
            return nil
        }
        let country = value("nationality") { text throws(ValidationError) in try Nationality(text) }
        guard let number, let country else { return nil }
        return .passport(number, country)
    }

    /// `YYYY/M/D`, `YYYY-M-D` or `YYYY.M.D`, as spreadsheets re-save dates.
    static func spreadsheetDate(_ text: String) -> CalendarDate? {
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "-" || $0 == "." }
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }
}

extension CalendarDate {
    /// A date as a talent field gives it, in a CSV cell or a flag: `YYYY-MM-DD`, or `YYYY/M/D` (also
    /// `YYYY-M-D`, `YYYY.M.D`) as spreadsheets re-save dates.
    public static func parsing(cell text: String) -> CalendarDate? {
        CalendarDate(text) ?? ImportRowCells.spreadsheetDate(text)
    }
}

extension YearMonth {
    /// A month as a talent field gives it: `YYYY-MM`, a full date whose day is dropped, or the
    /// spreadsheet forms `YYYY/M` and `YYYY/M/D`.
    public static func parsing(cell text: String) -> YearMonth? {
        if let month = YearMonth(text) { return month }
        return (ImportRowCells.spreadsheetDate(text) ?? ImportRowCells.spreadsheetDate(text + "/1")).map(YearMonth.init)
    }
}
