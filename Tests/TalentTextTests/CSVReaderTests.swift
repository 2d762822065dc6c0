import Testing
@testable import TalentText

func csvError(_ text: String) -> CSVError? {
    do {
        _ = try CSVReader.records(in: text)
        return nil
    } catch {
        return error
    }
}

@Suite struct CSVReaderTests {
    @Test func plainRecordsWithLineNumbers() throws {
        let records = try CSVReader.records(in: "name,degree\n王小明,博士\n李娜,硕士\n")
        #expect(records == [
            CSVRecord(line: 1, fields: ["name", "degree"]),
            CSVRecord(line: 2, fields: ["王小明", "博士"]),
            CSVRecord(line: 3, fields: ["李娜", "硕士"]),
        ])
    }

    @Test func crlfAndMissingFinalNewline() throws {
        let records = try CSVReader.records(in: "a,b\r\nc,d")
        #expect(records.map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(records.map(\.line) == [1, 2])
    }

    @Test func quotedFieldsWithCommasQuotesAndNewlines() throws {
        let text = "name,note\r\n\"Smith, John\",\"He said \"\"hi\"\"\"\r\n\"李\r\n娜\",\"two\nlines\"\r\nlast,\"\"\r\n"
        let records = try CSVReader.records(in: text)
        #expect(records.map(\.fields) == [
            ["name", "note"],
            ["Smith, John", "He said \"hi\""],
            ["李\r\n娜", "two\nlines"],
            ["last", ""],
        ])
        #expect(records.map(\.line) == [1, 2, 3, 6])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let records = try CSVReader.records(in: "a,b\n\n   \r\n\nc,d\n\n")
        #expect(records == [CSVRecord(line: 1, fields: ["a", "b"]), CSVRecord(line: 5, fields: ["c", "d"])])
    }

    @Test func emptyFieldsAreKept() throws {
        let records = try CSVReader.records(in: ",a,\n,,\nx,")
        #expect(records.map(\.fields) == [["", "a", ""], ["", "", ""], ["x", ""]])
    }

    @Test func unbalancedQuoteReportsTheLineWhereTheFieldStarts() {
        let error = csvError("a,b\nc,d\ne,\"never closed\nf,g\nh,i\n")
        #expect(error?.line == 3)
        #expect(error?.column == 2)
        #expect(error?.reason.contains("never closed") == true)
        #expect(error?.description.hasPrefix("line 3, field 2: ") == true)
    }

    @Test func strayQuoteInAnUnquotedFieldReportsLineAndColumn() {
        let error = csvError("a,b,c\n1,2,3\n4,5 \"inch\",6\n")
        #expect(error?.line == 3)
        #expect(error?.column == 2)
        #expect(error?.reason.contains("inside an unquoted field") == true)
    }

    @Test func textAfterClosingQuoteIsAnError() {
        let error = csvError("a,\"b\"c\n")
        #expect(error?.line == 1)
        #expect(error?.column == 2)
    }

    @Test func lineNumbersAfterMultilineFieldStayPhysical() {
        let error = csvError("\"one\ntwo\nthree\",x\nfine,ok\nbad\"quote,z\n")
        #expect(error?.line == 5)
        #expect(error?.column == 1)
    }

    @Test func leadingBOMIsIgnored() throws {
        #expect(try CSVReader.records(in: "\u{FEFF}name,id\n").first?.fields == ["name", "id"])
    }

    @Test func otherDelimiters() throws {
        let records = try CSVReader.records(in: "a;\"b;c\"\n", delimiter: UInt8(ascii: ";"))
        #expect(records.first?.fields == ["a", "b;c"])
        #expect(try CSVReader.records(in: "a\tb\n", delimiter: 9).first?.fields == ["a", "b"])
    }

    @Test func emptyTextHasNoRecords() throws {
        #expect(try CSVReader.records(in: "").isEmpty)
        #expect(try CSVReader.records(in: "\n\r\n").isEmpty)
    }
}
