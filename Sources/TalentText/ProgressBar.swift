import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress line on standard error, `title [#####.....] 45% 45,000/100,000`, redrawn at most
/// ten times a second. Silent when standard error is not a terminal, so logs and pipes stay clean.
public final class ProgressBar: @unchecked Sendable {
    // @unchecked: all mutable state is guarded by `lock`.
    private let title: String
    private let total: Int
    private let isEnabled: Bool
    private let lock = NSLock()
    private var done = 0
    private var lastDraw: UInt64 = 0
    private var finished = false

    static let barWidth = 30
    static let interval: UInt64 = 100_000_000

    /// A bar for `total` units of work; nothing is drawn until ``advance(to:)``.
    public init(title: String, total: Int) {
        self.title = title
        self.total = max(total, 0)
        self.isEnabled = isatty(STDERR_FILENO) == 1
    }

    /// Records that `done` units are complete, redrawing if enough time has passed.
    public func advance(to done: Int) {
        guard isEnabled else { return }
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        self.done = done
        let now = DispatchTime.now().uptimeNanoseconds
        guard lastDraw == 0 || now - lastDraw >= Self.interval else { return }
        lastDraw = now
        draw(ending: "")
    }

    /// Draws the final state and ends the line. Further calls do nothing.
    public func finish() {
        guard isEnabled else { return }
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        finished = true
        draw(ending: "\n")
    }

    private func draw(ending: String) {
        let line = "\r" + Self.line(title: title, done: done, total: total) + "\u{1B}[K" + ending
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// The text of the bar, e.g. `import [#############.................] 45% 45,000/100,000`.
    static func line(title: String, done: Int, total: Int) -> String {
        let fraction = total > 0 ? min(max(Double(done) / Double(total), 0), 1) : 1
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
        let percent = Int((fraction * 100).rounded(.down))
        return "\(title) [\(bar)] \(percent)% \(grouped(done))/\(grouped(total))"
    }

    /// `45000` → `45,000`.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return number < 0 ? "-" + result : result
    }
}
