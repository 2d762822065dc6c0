/// Where a talent certification stands in the workflow: individual applies → employer recommends →
/// HR authority reviews → public notice → certified (or rejected); a certification may later
/// expire, be renewed or be revoked.
public enum CertificationStatus: String, CaseIterable, Sendable, Codable, DomainTerm {
    case applied
    case recommended
    case underReview = "under-review"
    case publicNotice = "public-notice"
    case certified
    case rejected
    case expired
    case revoked

    /// 已申请, 单位已推荐, 审核中, 公示中, 已认定, 未通过, 已过期, 已撤销.
    public var chineseName: String {
        switch self {
        case .applied: "已申请"
        case .recommended: "单位已推荐"
        case .underReview: "审核中"
        case .publicNotice: "公示中"
        case .certified: "已认定"
        case .rejected: "未通过"
        case .expired: "已过期"
        case .revoked: "已撤销"
        }
    }

    /// Still moving through the workflow: applied, recommended, under review or in public notice.
    public var isOpen: Bool {
        switch self {
        case .applied, .recommended, .underReview, .publicNotice: true
        case .certified, .rejected, .expired, .revoked: false
        }
    }

    /// No event can move it any further: rejected or revoked. (Expired can be renewed.)
    public var isTerminal: Bool {
        allowedEvents.isEmpty
    }

    public static let aliases: [String: CertificationStatus] = [
        "已申請": .applied, "申请": .applied, "申請": .applied,
        "單位已推薦": .recommended, "已推荐": .recommended, "已推薦": .recommended,
        "審核中": .underReview, "review": .underReview, "reviewing": .underReview,
        "公示": .publicNotice, "notice": .publicNotice,
        "已認定": .certified, "approved": .certified,
        "未通過": .rejected,
        "已過期": .expired,
        "已撤銷": .revoked,
    ]
}
