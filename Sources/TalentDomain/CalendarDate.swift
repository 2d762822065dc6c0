import Foundation

/// A day in the proleptic Gregorian calendar, without time or time zone (a SQL `date`).
///
/// Written and decoded as `YYYY-MM-DD`.
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    LosslessStringConvertible
{
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date only if it exists in the calendar (1 ≤ year ≤ 9999, leap years respected).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= CalendarDate.daysIn(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (four-digit year, two-digit month and day).
    public init?(_ text: String) {
        var text = text
        let parsed: (Int, Int, Int)? = text.withUTF8 { bytes in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                let y = Self.number(bytes, 0..<4), let m = Self.number(bytes, 5..<7),
                let d = Self.number(bytes, 8..<10)
            else { return nil }
            return (y, m, d)
        }
        guard let (y, m, d) = parsed else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The date on a given day count since 1970-01-01 (day 0).
    public init(daysSinceEpoch: Int) {
        // Howard Hinnant's civil_from_days.
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01 (which is 0); negative before.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// China Standard Time (UTC+8, no daylight saving). Falls back to a fixed offset on systems
    /// without time-zone data, so it never traps.
    public static let chinaStandardTime: TimeZone =
        TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!

    /// Today's date in the given time zone (China Standard Time by default).
    public static func today(timeZone: TimeZone = CalendarDate.chinaStandardTime) -> CalendarDate {
        let now = Date()
        let seconds = now.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: now))
        return CalendarDate(daysSinceEpoch: Int((seconds / 86_400).rounded(.down)))
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> CalendarDate {
        CalendarDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// The same day `months` months later, clamped to the month's end (Jan 31 + 1 month = Feb 28 or 29).
    public func adding(months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        let m = index - y * 12 + 1
        let d = Swift.min(day, CalendarDate.daysIn(year: y, month: m))
        return CalendarDate(unchecked: y, m, d)
    }

    /// The same day `years` years later; Feb 29 becomes Feb 28 in a common year.
    public func adding(years: Int) -> CalendarDate {
        adding(months: years * 12)
    }

    /// Whole months elapsed from this date to `other`: the largest n with `adding(months: n) <= other`.
    /// Negative (the mirror image) when `other` is earlier.
    public func months(until other: CalendarDate) -> Int {
        if other < self { return -other.months(until: self) }
        var n = (other.year - year) * 12 + (other.month - month)
        if adding(months: n) > other { n -= 1 }
        return n
    }

    /// Number of days in a month, 28…31.
    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Gregorian leap-year rule.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a date in the form YYYY-MM-DD")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var value = 0
        for i in range {
            let b = bytes[i]
            guard b >= 0x30, b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return value
    }
}
