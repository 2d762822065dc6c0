/// A vocational skill level (职业技能等级), from level 5 (初级工) to level 1 (高级技师).
public enum SkillLevel: String, CaseIterable, Sendable, Codable, DomainTerm {
    case none
    case juniorWorker = "junior-worker"
    case intermediateWorker = "intermediate-worker"
    case seniorWorker = "senior-worker"
    case technician
    case seniorTechnician = "senior-technician"

    /// 无, 初级工, 中级工, 高级工, 技师, 高级技师.
    public var chineseName: String {
        switch self {
        case .none: "无"
        case .juniorWorker: "初级工"
        case .intermediateWorker: "中级工"
        case .seniorWorker: "高级工"
        case .technician: "技师"
        case .seniorTechnician: "高级技师"
        }
    }

    public static let aliases: [String: SkillLevel] = [
        "無": .none,
        "初級工": .juniorWorker, "五级": .juniorWorker, "五級": .juniorWorker,
        "中級工": .intermediateWorker, "四级": .intermediateWorker, "四級": .intermediateWorker,
        "高級工": .seniorWorker, "三级": .seniorWorker, "三級": .seniorWorker,
        "技師": .technician, "二级": .technician, "二級": .technician,
        "高級技師": .seniorTechnician, "一级": .seniorTechnician, "一級": .seniorTechnician,
    ]
}
