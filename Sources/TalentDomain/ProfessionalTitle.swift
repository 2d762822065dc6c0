/// A professional title (职称) level.
public enum ProfessionalTitle: String, CaseIterable, Sendable, Codable, DomainTerm {
    case none
    case junior
    case intermediate
    case associateSenior = "associate-senior"
    case fullSenior = "full-senior"

    /// 无, 初级, 中级, 副高, 正高.
    public var chineseName: String {
        switch self {
        case .none: "无"
        case .junior: "初级"
        case .intermediate: "中级"
        case .associateSenior: "副高"
        case .fullSenior: "正高"
        }
    }

    public static let aliases: [String: ProfessionalTitle] = [
        "無": .none,
        "初級": .junior,
        "中級": .intermediate,
        "副高级": .associateSenior, "副高級": .associateSenior,
        "副高级职称": .associateSenior, "副高級職稱": .associateSenior,
        "正高级": .fullSenior, "正高級": .fullSenior,
        "正高级职称": .fullSenior, "正高級職稱": .fullSenior,
    ]
}
