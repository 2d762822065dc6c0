import Foundation
import TalentDomain
import TalentStore

/// What a roster asks for: one cohort, optionally narrowed to a university, a host enterprise or an
/// enterprise mentor. Each is a credit code (a mentor: identity number) or an exact registered name.
public struct RosterRequest: Sendable, Equatable {
    public var cohortYear: Int
    public var university: String?
    public var enterprise: String?
    public var mentor: String?
    /// Show full identity and mobile numbers; recorded in the audit log.
    public var revealPII: Bool

    public init(cohortYear: Int, university: String? = nil, enterprise: String? = nil, mentor: String? = nil,
                revealPII: Bool = false) {
        self.cohortYear = cohortYear
        self.university = university
        self.enterprise = enterprise
        self.mentor = mentor
        self.revealPII = revealPII
    }
}

/// A trainee roster ready to render: the rows (identity and mobile numbers masked unless revealed)
/// with what a printed page states about itself — title, filter and generation time.
public struct Roster: Sendable, Equatable {
    /// One restriction as people read it, e.g. 培养高校: 清华大学 (12110108…).
    public struct FilterTerm: Sendable, Equatable {
        public var label: String
        public var value: String

        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    public static let baseName = "贵州大数据研究生实践教育基地"

    public var cohortYear: Int
    public var cohortName: String
    /// Only the restrictions given; the cohort is always one.
    public var filter: [FilterTerm]
    public var generatedAt: Date
    public var piiMasked: Bool
    public var rows: [RosterRow]

    public init(cohortYear: Int, cohortName: String, filter: [FilterTerm], generatedAt: Date, piiMasked: Bool,
                rows: [RosterRow]) {
        self.cohortYear = cohortYear
        self.cohortName = cohortName
        self.filter = filter
        self.generatedAt = generatedAt
        self.piiMasked = piiMasked
        self.rows = rows
    }

    /// 贵州大数据研究生实践教育基地 学员名册 · 2026级
    public var title: String { "\(Self.baseName) 学员名册 · \(cohortName)" }

    /// 年级: 2026级；培养高校: 清华大学 (…) — every term, the cohort first.
    public var filterSummary: String {
        ([FilterTerm(label: "年级", value: cohortName)] + filter).map { "\($0.label): \($0.value)" }.joined(separator: "；")
    }

    /// The generation time in China Standard Time, e.g. 2026-11-26 15:04:05 (UTC+8).
    public var generatedAtText: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = CalendarDate.chinaStandardTime
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: generatedAt) + " (UTC+8)"
    }
}
