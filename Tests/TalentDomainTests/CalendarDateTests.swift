import Foundation
import Testing
@testable import TalentDomain

@Suite struct CalendarDateTests {
    func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

    @Test func leapYearsFollowTheGregorianRule() {
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2023, month: 4, day: 31) == nil)
        #expect(CalendarDate(year: 2023, month: 13, day: 1) == nil)
        #expect(CalendarDate(year: 2023, month: 12, day: 31) != nil)
    }

    @Test(arguments: ["2024-1-05", "2024/01/05", "24-01-05", "2024-01-05 ", "2024-02-30", "abcd-ef-gh", ""])
    func parsingIsStrict(text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test func descriptionRoundTrips() {
        #expect(date("0987-03-04").description == "0987-03-04")
        #expect(CalendarDate(year: 2024, month: 3, day: 9)!.description == "2024-03-09")
    }

    @Test func epochDaysRoundTrip() {
        #expect(date("1970-01-01").daysSinceEpoch == 0)
        #expect(date("2000-03-01").daysSinceEpoch == 11_017)
        #expect(date("1969-12-31").daysSinceEpoch == -1)
        for days in stride(from: -800_000, through: 2_900_000, by: 997) {
            #expect(CalendarDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
    }

    @Test func addingDaysCrossesMonthsAndYears() {
        #expect(date("2024-02-28").adding(days: 1) == date("2024-02-29"))
        #expect(date("2023-12-31").adding(days: 1) == date("2024-01-01"))
        #expect(date("2024-03-01").adding(days: -1) == date("2024-02-29"))
    }

    @Test func addingMonthsClampsTheDay() {
        #expect(date("2024-01-31").adding(months: 1) == date("2024-02-29"))
        #expect(date("2023-01-31").adding(months: 1) == date("2023-02-28"))
        #expect(date("2024-03-31").adding(months: -1) == date("2024-02-29"))
        #expect(date("2024-11-15").adding(months: 3) == date("2025-02-15"))
        #expect(date("2024-01-15").adding(months: -13) == date("2022-12-15"))
    }

    @Test func addingYearsMovesFebruary29() {
        #expect(date("2024-02-29").adding(years: 1) == date("2025-02-28"))
        #expect(date("2024-02-29").adding(years: 4) == date("2028-02-29"))
        #expect(date("2019-06-30").adding(years: -3) == date("2016-06-30"))
    }

    @Test func monthsUntilCountsWholeMonths() {
        #expect(date("2024-01-15").months(until: date("2024-03-14")) == 1)
        #expect(date("2024-01-15").months(until: date("2024-03-15")) == 2)
        #expect(date("2024-01-31").months(until: date("2024-02-29")) == 1)
        #expect(date("2023-06-01").months(until: date("2026-06-01")) == 36)
        #expect(date("2024-03-15").months(until: date("2024-01-15")) == -2)
        #expect(date("2024-03-15").months(until: date("2024-03-15")) == 0)
    }

    @Test func comparisonIsChronological() {
        #expect(date("2023-12-31") < date("2024-01-01"))
        #expect(date("2024-02-01") > date("2024-01-31"))
    }

    @Test func todayInShanghaiIsCloseToTheSystemDate() {
        let today = CalendarDate.today()
        let utc = CalendarDate.today(timeZone: TimeZone(identifier: "UTC")!)
        #expect(abs(today.daysSinceEpoch - utc.daysSinceEpoch) <= 1)
        #expect(today.year >= 2024)
    }

    @Test func codableAsString() throws {
        let json = try JSONEncoder().encode([date("2024-02-29")])
        #expect(String(decoding: json, as: UTF8.self) == #"["2024-02-29"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: json) == [date("2024-02-29")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2024-02-30"]"#.utf8)) }
    }

    @Test func yearMonthParsesBothForms() throws {
        #expect(YearMonth("2024-03")?.description == "2024-03")
        #expect(YearMonth("2024-03-31") == YearMonth(year: 2024, month: 3))
        #expect(YearMonth("2024-13") == nil)
        #expect(YearMonth("2024-02-30") == nil)
        #expect(YearMonth("2024-3") == nil)
        #expect(YearMonth("2024-03")!.firstDay == date("2024-03-01"))
        #expect(YearMonth("2024-02")!.lastDay == date("2024-02-29"))
        #expect(YearMonth("2024-11")!.adding(months: 3) == YearMonth("2025-02"))
        #expect(YearMonth("2024-11")! < YearMonth("2025-01")!)
        let json = try JSONEncoder().encode([YearMonth("2024-03")!])
        #expect(String(decoding: json, as: UTF8.self) == #"["2024-03"]"#)
    }
}
