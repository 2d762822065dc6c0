import Foundation
import Testing
@testable import TalentText

@Suite struct TextDecodingTests {
    let chinese = "姓名,学历\n王小明,博士\n李娜,硕士\n"

    @Test func gb18030IsDetectedUnderAuto() throws {
        let bytes = try TextDecoding.encodeGB18030(chinese)
        #expect(Array(bytes.prefix(2)) == [0xD0, 0xD5])  // 姓 in GB2312
        let decoded = try TextDecoding.decode(bytes, as: .auto)
        #expect(decoded.text == chinese)
        #expect(decoded.detected == .gb18030)
        #expect(decoded.hadBOM == false)
    }

    @Test func explicitGB18030Decodes() throws {
        let decoded = try TextDecoding.decode(try TextDecoding.encodeGB18030("𠀀 four-byte, 中文"), as: .gb18030)
        #expect(decoded.text == "𠀀 four-byte, 中文")
    }

    @Test func explicitUTF8OnGB18030BytesNamesTheLine() throws {
        let bytes = try TextDecoding.encodeGB18030("name,degree\nWang,PhD\n王小明,博士\n")
        do {
            _ = try TextDecoding.decode(bytes, as: .utf8)
            Issue.record("GB18030 bytes were accepted as UTF-8")
        } catch {
            #expect(error.line == 3)
            #expect(error.encoding == .utf8)
            #expect(error.description.hasPrefix("line 3: the file is not valid UTF-8"))
            #expect(error.description.contains("--encoding gb18030"))
        }
    }

    @Test func utf8WithBOMIsStripped() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data(chinese.utf8)
        for encoding in [SourceEncoding.auto, .utf8] {
            let decoded = try TextDecoding.decode(data, as: encoding)
            #expect(decoded.text == chinese)
            #expect(decoded.detected == .utf8)
            #expect(decoded.hadBOM)
        }
    }

    @Test func plainUTF8IsDetected() throws {
        let decoded = try TextDecoding.decode(Data(chinese.utf8), as: .auto)
        #expect(decoded.text == chinese)
        #expect(decoded.detected == .utf8)
        #expect(decoded.hadBOM == false)
    }

    @Test func bytesValidInNeitherEncodingAreAnErrorWithALine() {
        // 0xFF is never valid in UTF-8 or GB18030.
        let data = Data("a,b\nc,d\ne,".utf8) + Data([0xFF, 0x0A])
        do {
            _ = try TextDecoding.decode(data, as: .auto)
            Issue.record("accepted 0xFF")
        } catch {
            #expect(error.line == 3)
            #expect(error.byte == 0xFF)
            #expect(error.byteOffset == 10)
        }
    }

    @Test func truncatedGB18030IsReported() throws {
        let bytes = try TextDecoding.encodeGB18030("王")
        do {
            _ = try TextDecoding.decode(bytes.prefix(1), as: .gb18030)
            Issue.record("accepted half a character")
        } catch {
            #expect(error.reason.contains("ends in the middle"))
            #expect(error.description.contains("--encoding utf-8"))
        }
    }

    @Test func utf8ValidationRejectsOverlongsAndSurrogates() {
        func invalidAt(_ bytes: [UInt8]) -> Int? {
            bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidByte(in: $0) }
        }
        #expect(invalidAt(Array("ok 中文 😀".utf8)) == nil)
        #expect(invalidAt([0x41, 0xC0, 0xAF]) == 1)
        #expect(invalidAt([0x41, 0x42, 0xED, 0xA0, 0x80]) == 2)
        #expect(invalidAt([0xF4, 0x90, 0x80, 0x80]) == 0)
        #expect(invalidAt([0xE4, 0xB8]) == 0)
    }

    @Test func encodingNamesParse() {
        #expect(SourceEncoding.parse("UTF8") == .utf8)
        #expect(SourceEncoding.parse("utf-8") == .utf8)
        #expect(SourceEncoding.parse("GBK") == .gb18030)
        #expect(SourceEncoding.parse("gb2312") == .gb18030)
        #expect(SourceEncoding.parse("auto") == .auto)
        #expect(SourceEncoding.parse("latin1") == nil)
    }
}
