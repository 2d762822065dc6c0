import Foundation
import Testing
@testable import TalentText

@Suite struct CSVWriterTests {
    @Test func quotesOnlyWhenNeeded() {
        #expect(CSVWriter.line(["王小明", "a,b", "say \"hi\"", " pad", "tail ", "two\nlines", ""]) ==
            "王小明,\"a,b\",\"say \"\"hi\"\"\",\" pad\",\"tail \",\"two\nlines\",\r\n")
        #expect(CSVWriter.line(["plain"]) == "plain\r\n")
    }

    @Test func excelDocumentHasBOMAndCRLF() {
        let data = CSVWriter.excelDocument(header: ["姓名", "学历"], rows: [["王小明", "博士"]])
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(text == "姓名,学历\r\n王小明,博士\r\n")
    }

    @Test func writerRoundTripsThroughReader() throws {
        let rows: [[String]] = [
            ["王小明", "11010519491231002X", "Smith, John", "He said \"hi\""],
            ["", " leading", "trailing ", "multi\r\nline"],
            ["\"", ",", "\n", "\r"],
            ["阿卜杜拉·买买提", "😀", "tab\there", "last"],
        ]
        let data = CSVWriter.excelDocument(header: ["a", "b", "c", "d"], rows: rows)
        let records = try CSVReader.records(in: String(decoding: data, as: UTF8.self))
        #expect(records.map(\.fields) == [["a", "b", "c", "d"]] + rows)
    }

    @Test func singleEmptyFieldRowSurvivesTheRoundTrip() throws {
        let data = CSVWriter.excelDocument(header: ["note"], rows: [[""], ["x"]])
        let records = try CSVReader.records(in: String(decoding: data, as: UTF8.self))
        #expect(records.map(\.fields) == [["note"], [""], ["x"]])
    }
}
