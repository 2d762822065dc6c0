import Testing
@testable import TalentText

@Suite struct ProgressBarTests {
    @Test func lineShowsBarPercentAndGroupedCounts() {
        let line = ProgressBar.line(title: "import", done: 45_000, total: 100_000)
        #expect(line == "import [#############.................] 45% 45,000/100,000")
        #expect(ProgressBar.line(title: "t", done: 0, total: 0) == "t [##############################] 100% 0/0")
    }

    @Test func groupingOfThousands() {
        #expect(ProgressBar.grouped(0) == "0")
        #expect(ProgressBar.grouped(999) == "999")
        #expect(ProgressBar.grouped(1_000) == "1,000")
        #expect(ProgressBar.grouped(1_234_567) == "1,234,567")
    }

    @Test func silentWithoutATerminalAndSafeToFinishTwice() {
        let bar = ProgressBar(title: "test", total: 10)
        for i in 0...10 { bar.advance(to: i) }
        bar.finish()
        bar.finish()
        #expect(ProgressBar.line(title: "x", done: 10, total: 10).hasSuffix("100% 10/10"))
    }
}
