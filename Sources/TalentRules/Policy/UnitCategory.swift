/// A category of talent apartment: studio, one, two or three bedrooms. Written `studio`, `1BR`,
/// `2BR`, `3BR` in policies, preferences and exports.
public enum UnitCategory: String, CaseIterable, Sendable, Codable, Comparable, CustomStringConvertible {
    case studio
    case oneBedroom = "1BR"
    case twoBedroom = "2BR"
    case threeBedroom = "3BR"

    /// Reads the code case-insensitively (`1br`, `Studio`).
    public static func parse(_ text: String) -> UnitCategory? {
        allCases.first { $0.rawValue.lowercased() == text.lowercased() }
    }

    /// 开间, 一室, 两室, 三室.
    public var chineseName: String {
        switch self {
        case .studio: "开间"
        case .oneBedroom: "一室"
        case .twoBedroom: "两室"
        case .threeBedroom: "三室"
        }
    }

    public var description: String { rawValue }

    public static func < (lhs: UnitCategory, rhs: UnitCategory) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
