import Foundation
import TalentDomain
import TalentStore

/// A trainee named the way people name one: by student number, with the university's credit code
/// when two universities use the same number.
public struct TraineeReference: Sendable, Hashable, CustomStringConvertible {
    public var studentNumber: String
    public var universityCode: String?

    public init(studentNumber: String, universityCode: String? = nil) {
        self.studentNumber = studentNumber.trimmingCharacters(in: .whitespaces)
        self.universityCode = universityCode?.trimmingCharacters(in: .whitespaces).uppercased()
    }

    public var description: String {
        universityCode.map { "student \(studentNumber) of \($0)" } ?? "student \(studentNumber)"
    }
}

/// A cohort to create: the intake year names it (2026级) unless a name is given.
public struct CohortInput: Sendable {
    public var intakeYear: Int
    public var name: String?
    public var practiceStart: CalendarDate
    public var practiceEnd: CalendarDate

    public init(intakeYear: Int, name: String? = nil, practiceStart: CalendarDate, practiceEnd: CalendarDate) {
        self.intakeYear = intakeYear
        self.name = name
        self.practiceStart = practiceStart
        self.practiceEnd = practiceEnd
    }
}

/// A trainee to enrol, as typed or as read from a CSV row, before validation. Field names are the
/// CSV column names, so a problem names the column to fix.
public struct TraineeInput: Sendable {
    public var studentNumber: String
    public var name: String
    /// A resident identity number, or NATIONALITY:PASSPORT for a foreign student.
    public var identity: String
    public var mobile: String?
    /// The university's credit code, or its exact registered name.
    public var university: String
    /// The degree field (programme), e.g. 大数据工程; its English name is accepted too.
    public var field: String
    public var directFromBachelor: Bool
    public var campusSupervisor: String

    public init(studentNumber: String, name: String, identity: String, mobile: String? = nil, university: String,
                field: String, directFromBachelor: Bool, campusSupervisor: String) {
        self.studentNumber = studentNumber
        self.name = name
        self.identity = identity
        self.mobile = mobile
        self.university = university
        self.field = field
        self.directFromBachelor = directFromBachelor
        self.campusSupervisor = campusSupervisor
    }

    /// Every field problem, not only the first.
    func validated(today: CalendarDate) -> Result<TraineeDraft, ImportIssues> {
        var fields = FieldChecks()
        let number = fields.check("student_number", studentNumber) { text throws(ValidationError) in
            try StudentNumber.validated(text)
        }
        let name = fields.check("name", name) { text throws(ValidationError) in try PersonName(text) }
        let identity = fields.check("id_number", identity) { text throws(ValidationError) in
            try Self.identity(text, today: today)
        }
        var mobileNumber: MobileNumber?
        if let mobile, !mobile.trimmed.isEmpty {
            mobileNumber = fields.check("mobile", mobile) { text throws(ValidationError) in try MobileNumber(text) }
        }
        let university = fields.required("university", university, hint: "give the university's credit code or registered name")
        let field = fields.required("field", field, hint: "give the degree field, e.g. 大数据工程")
        let supervisor = fields.check("campus_supervisor", campusSupervisor) { text throws(ValidationError) in
            try PersonName(text)
        }
        guard fields.issues.isEmpty, let number, let name, let identity, let university, let field, let supervisor else {
            return .failure(ImportIssues(fields.issues))
        }
        return .success(TraineeDraft(
            studentNumber: number, name: name, identity: identity, mobile: mobileNumber, university: university,
            field: field, directFromBachelor: directFromBachelor, campusSupervisor: supervisor))
    }

    static func identity(_ text: String, today: CalendarDate) throws(ValidationError) -> PersonIdentity {
        let trimmed = text.trimmed.uppercased()
        if trimmed.contains(":") { return try PersonIdentity(key: trimmed) }
        return .resident(try ResidentIdentityNumber(trimmed, today: today))
    }
}

/// A validated trainee, still naming its university and field as given.
struct TraineeDraft: Sendable {
    var studentNumber: String
    var name: PersonName
    var identity: PersonIdentity
    var mobile: MobileNumber?
    var university: String
    var field: String
    var directFromBachelor: Bool
    var campusSupervisor: PersonName
}

/// A host position to add.
public struct PositionInput: Sendable {
    public var code: String
    public var enterpriseCode: String
    public var title: String
    public var capacity: Int
    public var topic: String?
    public var skills: String?

    public init(code: String, enterpriseCode: String, title: String, capacity: Int, topic: String? = nil,
                skills: String? = nil) {
        self.code = code
        self.enterpriseCode = enterpriseCode
        self.title = title
        self.capacity = capacity
        self.topic = topic
        self.skills = skills
    }

    func validated() -> Result<PositionInput, ImportIssues> {
        var fields = FieldChecks()
        var clean = self
        clean.code = fields.check("code", code) { text throws(ValidationError) in try PositionCode.validated(text) } ?? ""
        clean.enterpriseCode = fields.required(
            "enterprise_credit_code", enterpriseCode, hint: "give the host enterprise's credit code")?.uppercased() ?? ""
        clean.title = fields.required("title", title, hint: "give the position's title, e.g. 数据工程师") ?? ""
        if capacity < 0 {
            fields.issues.append(ImportIssue(
                line: 0, column: "capacity", value: String(capacity),
                reason: "must not be negative; use 0 for a position that takes nobody this round"))
        }
        clean.topic = topic?.trimmed.nonEmpty
        clean.skills = skills?.trimmed.nonEmpty
        return fields.issues.isEmpty ? .success(clean) : .failure(ImportIssues(fields.issues))
    }
}

/// A cooperation project to add.
public struct ProjectInput: Sendable {
    public var title: String
    public var enterpriseCode: String
    public var partnerCodes: [String]
    public var startYear: Int
    public var trainees: [TraineeReference]
    /// Identity keys of the registered talents who mentor in the project.
    public var mentorIdentities: [String]

    public init(title: String, enterpriseCode: String, partnerCodes: [String], startYear: Int,
                trainees: [TraineeReference] = [], mentorIdentities: [String] = []) {
        self.title = title
        self.enterpriseCode = enterpriseCode
        self.partnerCodes = partnerCodes
        self.startYear = startYear
        self.trainees = trainees
        self.mentorIdentities = mentorIdentities
    }
}

/// Student numbers: letters, digits and hyphens, 3–32 characters (as the database checks).
enum StudentNumber {
    static func validated(_ raw: String) throws(ValidationError) -> String {
        try KeyText.validated(raw, field: "student_number", pattern: "^[0-9A-Za-z][0-9A-Za-z-]{2,31}$",
                              reason: "must be 3–32 letters, digits or hyphens", hint: "copy the number from the student card")
    }
}

/// Position codes: the key of a position in CSV files and matching instances, e.g. P001.
enum PositionCode {
    static func validated(_ raw: String) throws(ValidationError) -> String {
        try KeyText.validated(raw, field: "code", pattern: "^[0-9A-Za-z][0-9A-Za-z_.-]{0,31}$",
                              reason: "must be 1–32 letters, digits, '_', '.' or '-'", hint: "use a short code such as P001")
    }
}

/// A trimmed key that must match the pattern the database checks.
enum KeyText {
    static func validated(_ raw: String, field: String, pattern: String, reason: String,
                          hint: String) throws(ValidationError) -> String {
        let text = raw.trimmed
        guard text.range(of: pattern, options: .regularExpression) != nil else {
            throw ValidationError(field: field, value: raw, reason: reason, hint: hint)
        }
        return text
    }
}

/// Collects field problems as import issues (line 0 until a reader places them).
struct FieldChecks {
    var issues: [ImportIssue] = []

    mutating func check<T>(_ column: String, _ raw: String, _ make: (String) throws(ValidationError) -> T) -> T? {
        do {
            return try make(raw)
        } catch {
            issues.append(ImportIssue(line: 0, column: column, error))
            return nil
        }
    }

    mutating func required(_ column: String, _ raw: String, hint: String) -> String? {
        let text = raw.trimmed
        if text.isEmpty {
            issues.append(ImportIssue(line: 0, column: column, value: raw, reason: "is required; \(hint)"))
            return nil
        }
        return text
    }
}

extension ImportIssues {
    /// The same issues on a line of a file.
    func placed(on line: Int) -> [ImportIssue] {
        issues.map { var issue = $0; issue.line = line; return issue }
    }

    /// The first issue as a validation error (for single-record use cases).
    var firstValidationError: ValidationError {
        let first = issues.first ?? ImportIssue(line: 0, reason: "invalid")
        return ValidationError(field: first.column ?? "input", value: first.value ?? "", reason: first.reason)
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

extension String {
    /// Without surrounding whitespace (including the ideographic space and line breaks).
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
