/// A line diff of two stored policy texts, printed unified-style (`---`/`+++` headers, `@@` hunks with
/// three lines of context). Policies are a few hundred lines, so the plain LCS table is cheap.
public struct PolicyDiff: Sendable, Equatable {
    public let from: String
    public let to: String
    /// The hunks' lines, each starting with ` `, `-`, `+` or `@@`; empty when the texts are equal.
    public let hunks: [String]

    public var isEmpty: Bool { hunks.isEmpty }

    /// The whole diff; for equal texts one line saying so.
    public var unified: String {
        if isEmpty { return "\(from) and \(to) have the same text" }
        return (["--- \(from)", "+++ \(to)"] + hunks).joined(separator: "\n")
    }

    public init(from: String, _ old: String, to: String, _ new: String, context: Int = 3) {
        self.from = from
        self.to = to
        self.hunks = Self.hunks(Self.lines(old), Self.lines(new), context: context)
    }

    private struct Edit {
        var mark: Character
        var text: String
        /// Lines of each side consumed before this one.
        var oldBefore: Int
        var newBefore: Int
    }

    private static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    private static func edits(_ old: [String], _ new: [String]) -> [Edit] {
        // common[i][j]: the longest common subsequence of old[i...] and new[j...].
        var common = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                common[i][j] = old[i] == new[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var edits: [Edit] = []
        var (i, j) = (0, 0)
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                edits.append(Edit(mark: " ", text: old[i], oldBefore: i, newBefore: j))
                i += 1
                j += 1
            } else if i < old.count, j == new.count || common[i + 1][j] >= common[i][j + 1] {
                // Removals before additions, as diff -u prints them.
                edits.append(Edit(mark: "-", text: old[i], oldBefore: i, newBefore: j))
                i += 1
            } else {
                edits.append(Edit(mark: "+", text: new[j], oldBefore: i, newBefore: j))
                j += 1
            }
        }
        return edits
    }

    private static func hunks(_ old: [String], _ new: [String], context: Int) -> [String] {
        let edits = edits(old, new)
        let changes = edits.indices.filter { edits[$0].mark != " " }
        guard let first = changes.first else { return [] }
        var ranges: [ClosedRange<Int>] = []
        var start = max(0, first - context)
        var end = min(edits.count - 1, first + context)
        for change in changes.dropFirst() {
            if change - context <= end + 1 {
                end = min(edits.count - 1, change + context)
            } else {
                ranges.append(start...end)
                start = change - context
                end = min(edits.count - 1, change + context)
            }
        }
        ranges.append(start...end)
        var lines: [String] = []
        for range in ranges {
            let slice = edits[range]
            let oldCount = slice.filter { $0.mark != "+" }.count
            let newCount = slice.filter { $0.mark != "-" }.count
            let oldStart = slice.first!.oldBefore + (oldCount == 0 ? 0 : 1)
            let newStart = slice.first!.newBefore + (newCount == 0 ? 0 : 1)
            lines.append("@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@")
            lines += slice.map { "\($0.mark)\($0.text)" }
        }
        return lines
    }
}
