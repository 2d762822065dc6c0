import Testing
@testable import TalentText

@Suite struct TextTableTests {
    @Test func columnsLineUpByDisplayWidth() {
        var table = TextTable(headers: ["姓名", "degree", "人数"], rightAligned: [2])
        table.append(["王小明", "博士", "3"])
        table.append(["Li", "master", "12"])
        let rendered = table.render()
        #expect(rendered == """
            姓名    degree  人数
            ──────  ──────  ────
            王小明  博士       3
            Li      master    12
            """)
    }

    @Test func everyLineHasTheSameDisplayWidthBeforeTheLastColumn() {
        var table = TextTable(headers: ["name", "学历", "x"])
        table.append(["阿卜杜拉·买买提", "博士", "1"])
        table.append(["José", "本科", "2"])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        let starts = lines.map { line in DisplayWidth.of(String(line.dropLast())) }
        #expect(Set(starts).count == 1)
    }

    @Test func shortRowsAndLineBreaksInCells() {
        var table = TextTable(headers: ["a", "b"])
        table.append(["x"])
        table.append(["two\nlines", "y"])
        #expect(table.render() == """
            a          b
            ─────────  ─
            x
            two lines  y
            """)
    }
}
