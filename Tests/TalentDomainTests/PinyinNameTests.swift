import Foundation
import Testing
@testable import TalentDomain

@Suite struct PinyinNameTests {
    @Test(arguments: [
        ("王小明", "wang xiao ming", "wxm"),
        ("曾志伟", "zeng zhi wei", "zzw"),      // 曾 as a surname, not ceng
        ("单于琳", "shan yu lin", "syl"),       // 单 as a surname, not dan
        ("欧阳娜娜", "ou yang na na", "oynn"),
        ("吕布", "lu bu", "lb"),               // ü without its dots
        ("María José", "maria jose", "mj"),
        ("阿卜杜拉·买买提", "a bo du la mai mai ti", "abdlmmt"),
        ("李 明", "li ming", "lm"),
    ])
    func namesReadAsPinyin(name: String, spelled: String, initials: String) {
        let pinyin = PinyinName(name)
        #expect(pinyin.spelled == spelled)
        #expect(pinyin.initials == initials)
        #expect(pinyin.compact == spelled.replacingOccurrences(of: " ", with: ""))
    }

    @Test func aSurnameCharacterLaterInTheNameTakesItsOrdinaryReading() {
        #expect(PinyinName("单单").spelled == "shan dan")
        #expect(PinyinName("乐乐").spelled == "yue le")
    }

    /// The remembered readings give what ICU gives for the whole name.
    @Test func readingsAgreeWithTheWholeNameTransform() {
        let transform = StringTransform("Han-Latin/Names; Latin-ASCII")
        for name in ["张单丹", "单东重", "仇乐悦", "诸葛乐洁", "曾曾琳", "刘长曦", "王曾国", "缪思乐", "覃重阳"] {
            let whole = name.applyingTransform(transform, reverse: false)?.split(separator: " ").map(String.init)
            #expect(PinyinName(name).syllables == whole, "\(name)")
        }
    }

    @Test func searchKeysAreLowerCaseLettersWithoutSeparators() {
        #expect(PinyinName.searchKey("Wang Xiao Ming") == "wangxiaoming")
        #expect(PinyinName.searchKey("WXM") == "wxm")
        #expect(PinyinName.searchKey("xi'an") == "xian")
        #expect(PinyinName.searchKey("王") == nil)
        #expect(PinyinName.searchKey("wang%") == nil)
        #expect(PinyinName.searchKey("   ") == nil)
    }
}
