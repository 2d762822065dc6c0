/// A talent class in the zone's scheme, 1 (highest, e.g. academicians) to 6 (scarce special skills).
///
/// Encoded as its number.
public struct TalentClass: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// 1...6.
    public let number: Int

    /// All classes, highest first.
    public static let all: [TalentClass] = (1...6).map { TalentClass(unchecked: $0) }

    /// nil unless 1...6.
    public init?(_ number: Int) {
        guard (1...6).contains(number) else { return nil }
        self.number = number
    }

    /// Reads `3`, `class-3`, `class 3`, `第三类`, `三类`, `3类` (also traditional 類).
    public static func parse(_ term: String) -> TalentClass? {
        var key = normalizedTermKey(term)
        for prefix in ["class-", "class", "第"] where key.hasPrefix(prefix) {
            key.removeFirst(prefix.count)
            break
        }
        for suffix in ["类", "類"] where key.hasSuffix(suffix) {
            key.removeLast(suffix.count)
            break
        }
        if let n = Int(key) { return TalentClass(n) }
        guard let n = chineseNumerals.firstIndex(of: key) else { return nil }
        return TalentClass(n + 1)
    }

    /// 第三类.
    public var chineseName: String { "第" + Self.chineseNumerals[number - 1] + "类" }

    /// `class-3`.
    public var description: String { "class-\(number)" }

    public static func < (lhs: TalentClass, rhs: TalentClass) -> Bool { lhs.number < rhs.number }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let n = try container.decode(Int.self)
        guard let value = TalentClass(n) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "talent class \(n) is not in 1...6")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(number)
    }

    init(unchecked number: Int) { self.number = number }

    static let chineseNumerals = ["一", "二", "三", "四", "五", "六"]
}
