import Foundation

/// Keeps a use case from waiting forever for a pooled connection. postgres-nio's pool, when the server
/// has gone away, retries connecting with backoff and lets a waiting lease wait without limit: a
/// talentctl whose server died between two statements never ended. The store's monitor notices a lease
/// that has waited a few seconds, checks with a fresh connection whether the server still answers, and
/// when it does not, shuts the pool down, which fails the waiting lease; the use case then reports the
/// server as unavailable (exit 69).
final class LeaseWatch: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: [Int: ContinuousClock.Instant] = [:]
    private var nextToken = 0
    private var lost = false

    /// How long a lease may wait before the monitor checks the server.
    static let patience: Duration = .seconds(2)

    var serverLost: Bool { lock.withLock { lost } }

    /// Marks a lease request as waiting; returns its token.
    func waitBegins() -> Int {
        lock.withLock {
            nextToken += 1
            waiting[nextToken] = ContinuousClock.now
            return nextToken
        }
    }

    /// The lease was granted, or its request ended otherwise.
    func waitEnds(_ token: Int) {
        lock.withLock { _ = waiting.removeValue(forKey: token) }
    }

    private func someoneWaitedTooLong() -> Bool {
        lock.withLock {
            let now = ContinuousClock.now
            return waiting.values.contains { now - $0 > Self.patience }
        }
    }

    /// Runs until cancelled, or until a lease has waited too long and `serverAnswers` says no; then it
    /// marks the server as lost and returns (the caller shuts the pool down).
    func monitor(serverAnswers: @Sendable () async -> Bool) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(250))
            guard !Task.isCancelled, someoneWaitedTooLong() else { continue }
            if await serverAnswers() {
                try? await Task.sleep(for: Self.patience)  // busy, not gone: look again later
                continue
            }
            lock.withLock { lost = true }
            return
        }
    }

    static let lostMessage = "the connection to the database server closed and it no longer answers (did the server stop?)"
}
