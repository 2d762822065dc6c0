import Testing
@testable import TalentServices

/// The parallel map behind a round's checks gives exactly `map`'s result, in order, whatever the
/// number of items and the chunk size.
@Suite("ChunkedParallelMap")
struct ChunkedParallelMapTests {
    @Test(arguments: [0, 1, 96, 97, 98, 1_000, 10_001])
    func equalsTheSequentialMap(count: Int) {
        let items = (0..<count).map { $0 * 7919 % 10_007 }
        let transform: @Sendable (Int) -> String = { "\($0):\($0 % 13)" }
        #expect(ChunkedParallelMap.map(items, chunkSize: 97, transform) == items.map(transform))
    }

    @Test func theDefaultChunkSizeSplitsARoundOfAFewThousand() {
        let items = Array(0..<3_000)
        #expect(ChunkedParallelMap.map(items) { $0 * 2 } == items.map { $0 * 2 })
    }
}
