import Dispatch

/// `map` over large arrays on every core, in order. Used for pure, per-item work of a round (checking
/// and scoring each application): a 50,000-application round spends most of its Swift time there.
enum ChunkedParallelMap {
    /// `items.map(transform)`, computed in chunks of `chunkSize` on `DispatchQueue.concurrentPerform`.
    /// `transform` must be pure: it runs concurrently on several threads.
    static func map<Item: Sendable, Result>(_ items: [Item], chunkSize: Int = 1024,
                                            _ transform: @escaping @Sendable (Item) -> Result) -> [Result] {
        guard items.count > chunkSize else { return items.map(transform) }
        let chunks = (items.count + chunkSize - 1) / chunkSize
        let parts = Parts<Result>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = chunk * chunkSize
            parts.store(items[start..<min(start + chunkSize, items.count)].map(transform), at: chunk)
        }
        return parts.joined()
    }

    /// One slot per chunk; each chunk writes only its own slot, and the slots are read after
    /// `concurrentPerform` returns, so no two threads touch one slot.
    private final class Parts<Result>: @unchecked Sendable {
        private var slots: [[Result]]
        init(count: Int) { slots = Array(repeating: [], count: count) }
        func store(_ part: [Result], at index: Int) {
            slots.withUnsafeMutableBufferPointer { $0[index] = part }
        }
        func joined() -> [Result] { slots.flatMap { $0 } }
    }
}
