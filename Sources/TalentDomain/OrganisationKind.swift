/// The kind of organisation a talent works for or comes from.
public enum OrganisationKind: String, CaseIterable, Sendable, Codable, DomainTerm {
    case enterprise
    case university
    case institute

    /// 企业, 高校, 科研院所.
    public var chineseName: String {
        switch self {
        case .enterprise: "企业"
        case .university: "高校"
        case .institute: "科研院所"
        }
    }

    public static let aliases: [String: OrganisationKind] = [
        "企業": .enterprise, "company": .enterprise,
        "大学": .university, "大學": .university, "college": .university,
        "研究院": .institute, "研究所": .institute, "research-institute": .institute,
    ]
}
