import Testing
@testable import TalentText

@Suite struct DisplayWidthTests {
    @Test func widths() {
        #expect(DisplayWidth.of("王小明") == 6)
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("王a明b") == 6)
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of("ＡＢ") == 4)
        #expect(DisplayWidth.of("한국") == 4)
        #expect(DisplayWidth.of("カタ") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("a\u{200B}b") == 2)
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2)
        #expect(DisplayWidth.of("阿卜杜拉·买买提") == 15)
        #expect(DisplayWidth.of("，。") == 4)
    }

    @Test func padByDisplayWidth() {
        #expect(DisplayWidth.pad("王", to: 4) == "王  ")
        #expect(DisplayWidth.pad("王", to: 4, alignRight: true) == "  王")
        #expect(DisplayWidth.pad("王小明", to: 4) == "王小明")
    }

    @Test func truncateEndsWithEllipsis() {
        #expect(DisplayWidth.truncate("王小明", to: 6) == "王小明")
        #expect(DisplayWidth.truncate("王小明", to: 5) == "王小…")
        #expect(DisplayWidth.truncate("王小明", to: 4) == "王…")
        #expect(DisplayWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.of(DisplayWidth.truncate("软件和大数据产业", to: 7)) <= 7)
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
    }
}
