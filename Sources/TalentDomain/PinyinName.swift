import Foundation

/// A name in pinyin, the way the office finds people without typing Chinese: 王小明 is `wang xiao ming`,
/// initials `wxm`. Surnames are read as surnames (曾 `zeng`, 单 `shan`, 单于 `shan yu`), through ICU's
/// `Han-Latin/Names` transform in Foundation; tone marks are dropped. Latin letters keep their words
/// (`María José` is `maria jose`, initials `mj`); other characters separate words.
///
/// ICU spends about 0.2 ms a character, too slow for an import of 100 000 names, so each character is
/// read once per process and remembered: `Han-Latin/Names` reads a name character by character, in
/// name readings (曾 `zeng`, 长 `chang`) that differ only for the first character (the surname: 单
/// `shan`, 乐 `yue`) and for a compound surname, read as one (万俟).
public struct PinyinName: Sendable, Equatable {
    /// One word per Han character and per run of Latin letters or digits, in lower-case ASCII.
    public let syllables: [String]

    public init(_ name: String) {
        syllables = PinyinReading.shared.syllables(of: name)
    }

    /// `wang xiao ming`.
    public var spelled: String { syllables.joined(separator: " ") }
    /// `wxm`.
    public var initials: String { String(syllables.compactMap(\.first)) }
    /// `wangxiaoming`: what a prefix search compares with.
    public var compact: String { syllables.joined() }

    /// What a search for `query` compares with the compact pinyin and the initials: the query in lower case
    /// without spaces, apostrophes or hyphens (`Wang Xiao`, `xi'an`); nil when anything else is left (Han
    /// characters, digits, punctuation), so the query can only match the name as written.
    public static func searchKey(_ query: String) -> String? {
        let kept = query.lowercased().unicodeScalars.filter { !" \t'’-·.".unicodeScalars.contains($0) }
        guard !kept.isEmpty, kept.count <= 100, kept.allSatisfy({ ("a"..."z").contains($0) }) else { return nil }
        return String(String.UnicodeScalarView(kept))
    }

    /// The compound surnames (复姓) read together as a name's first two characters.
    static let compoundSurnames: Set<String> = [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐",
        "端木", "夏侯", "单于", "万俟", "澹台", "呼延", "轩辕", "西门", "南宫", "百里", "东郭", "钟离", "闻人",
        "赫连", "独孤", "申屠", "太史", "仲孙", "公冶", "拓跋", "宗政", "濮阳", "淳于", "公羊", "漆雕", "乐正",
        "左丘", "谷梁", "第五", "鲜于", "闾丘", "司空", "亓官", "司寇", "巫马", "公西", "颛孙", "壤驷", "段干",
    ]
}

/// ICU's readings, remembered for the life of the process: a character at the start of a name (where
/// `Han-Latin/Names` gives the surname reading: 单 `shan`, 乐 `yue`) apart from one after it (单 `dan`, 乐
/// `le`), and the compound surnames.
final class PinyinReading: @unchecked Sendable {
    static let shared = PinyinReading()

    private let lock = NSLock()
    private var surnames: [String: [String]] = [:]
    private var initial: [Character: String] = [:]
    private var later: [Character: String] = [:]
    private static let asName = StringTransform("Han-Latin/Names; Any-Latin; Latin-ASCII")
    /// Read before a character to read it where it is not the first of a name (一 reads `yi`).
    private static let neutralStart = "一"

    func syllables(of name: String) -> [String] {
        let characters = Array(name)
        var syllables: [String] = []
        var word = ""
        func endWord() {
            if !word.isEmpty { syllables.append(word) }
            word = ""
        }
        var index = 0
        if characters.count > 1, case let pair = String(characters[0...1]), PinyinName.compoundSurnames.contains(pair) {
            syllables += surname(pair)
            index = 2
        }
        while index < characters.count {
            let character = characters[index]
            index += 1
            if character.isHan {
                endWord()
                let reading = read(character, first: index == 1)
                if !reading.isEmpty { syllables.append(reading) }
            } else if character.isASCII, character.isLetter || character.isNumber {
                word += character.lowercased()
            } else if character.isLetter {
                word += read(character, first: false)  // é → e, Cyrillic, and the like, within the word
            } else {
                endWord()
            }
        }
        endWord()
        return syllables
    }

    private func surname(_ pair: String) -> [String] {
        if let known = lock.withLock({ surnames[pair] }) { return known }
        let reading = Self.words(pair)
        lock.withLock { surnames[pair] = reading }
        return reading
    }

    private func read(_ character: Character, first: Bool) -> String {
        if let known = lock.withLock({ first ? initial[character] : later[character] }) { return known }
        let reading: String
        if first || !character.isHan {
            reading = Self.words(String(character)).joined()
        } else {
            reading = Self.words(Self.neutralStart + String(character)).dropFirst().joined()
        }
        lock.withLock {
            if first { initial[character] = reading } else { later[character] = reading }
        }
        return reading
    }

    /// ICU's reading of `text` as a name, split into lower-case ASCII words.
    private static func words(_ text: String) -> [String] {
        (text.applyingTransform(asName, reverse: false) ?? "")
            .split(whereSeparator: { !$0.isASCII || !($0.isLetter || $0.isNumber) })
            .map { $0.lowercased() }
    }
}

extension Character {
    /// A CJK ideograph (汉字), including 〇.
    fileprivate var isHan: Bool {
        unicodeScalars.first.map { $0.properties.isIdeographic } ?? false
    }
}
