/// A calendar month, e.g. the first month of local social insurance. Written as `YYYY-MM`.
public struct YearMonth: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// Creates a month for 1 ≤ year ≤ 9999 and 1 ≤ month ≤ 12.
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// The month a date falls in.
    public init(_ date: CalendarDate) {
        self.year = date.year
        self.month = date.month
    }

    /// Parses `YYYY-MM`, or a full `YYYY-MM-DD` date whose day is then dropped.
    public init?(_ text: String) {
        if text.utf8.count == 10 {
            guard let date = CalendarDate(text) else { return nil }
            self.init(date)
            return
        }
        guard text.utf8.count == 7, let date = CalendarDate(text + "-01") else { return nil }
        self.init(date)
    }

    /// The first day of the month.
    public var firstDay: CalendarDate {
        CalendarDate(unchecked: year, month, 1)
    }

    /// The last day of the month.
    public var lastDay: CalendarDate {
        CalendarDate(unchecked: year, month, CalendarDate.daysIn(year: year, month: month))
    }

    /// The month `months` months later (earlier when negative).
    public func adding(months: Int) -> YearMonth {
        YearMonth(firstDay.adding(months: months))
    }

    /// Months from this month to `other`, e.g. 2024-01 → 2024-03 is 2.
    public func months(until other: YearMonth) -> Int {
        (other.year - year) * 12 + (other.month - month)
    }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    /// `YYYY-MM`.
    public var description: String {
        CalendarDate.pad(year, 4) + "-" + CalendarDate.pad(month, 2)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = YearMonth(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a month in the form YYYY-MM")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
