/// The highest academic degree (学位/学历).
public enum Degree: String, CaseIterable, Sendable, Codable, DomainTerm {
    case none
    case associate
    case bachelor
    case master
    case doctorate

    /// 无, 大专, 本科, 硕士, 博士.
    public var chineseName: String {
        switch self {
        case .none: "无"
        case .associate: "大专"
        case .bachelor: "本科"
        case .master: "硕士"
        case .doctorate: "博士"
        }
    }

    public static let aliases: [String: Degree] = [
        "無": .none,
        "大專": .associate, "专科": .associate, "專科": .associate, "junior-college": .associate,
        "学士": .bachelor, "學士": .bachelor, "bachelors": .bachelor,
        "碩士": .master, "masters": .master,
        "phd": .doctorate, "ph.d.": .doctorate, "ph.d": .doctorate, "doctor": .doctorate,
        "doctoral": .doctorate,
    ]
}
