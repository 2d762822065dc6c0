/// The zone's priority industry chains.
public enum IndustryChain: String, CaseIterable, Sendable, Codable, DomainTerm {
    case aeroEngine = "aero-engine"
    case microMotor = "micro-motor"
    case microelectronics
    case softwareBigData = "software-big-data"
    case other

    /// 航空发动机, 精密微特电机, 微电子, 软件和大数据, 其他.
    public var chineseName: String {
        switch self {
        case .aeroEngine: "航空发动机"
        case .microMotor: "精密微特电机"
        case .microelectronics: "微电子"
        case .softwareBigData: "软件和大数据"
        case .other: "其他"
        }
    }

    public static let aliases: [String: IndustryChain] = [
        "航空發動機": .aeroEngine,
        "精密微特電機": .microMotor, "微特电机": .microMotor, "微特電機": .microMotor,
        "微電子": .microelectronics,
        "軟件和大數據": .softwareBigData, "軟體和大數據": .softwareBigData,
        "software": .softwareBigData, "big-data": .softwareBigData,
        "大数据": .softwareBigData, "大數據": .softwareBigData,
        "其它": .other,
    ]
}
