import Foundation

/// The SQL that one request runs, read back from the server's log while `log_statement = all` is set on
/// the benchmark's database: each statement with its bound parameters written in as literals, ready
/// for a pgbench script. Only the throwaway benchmark cluster logs statements (the embedded cluster of
/// `make demo` never does: its log keeps no statement text and no DETAIL).
struct StatementCapture {
    /// One logged statement, its parameters written in.
    struct Statement: Equatable {
        var sql: String
    }

    /// The statements of the log text `text` (what the log gained during one request), in order.
    /// Statements matching `skip` are dropped.
    static func statements(in text: String, skipping skip: (String) -> Bool = { _ in false }) -> [Statement] {
        var statements: [Statement] = []
        var pending: String?
        for entry in entries(text) {
            if let sql = executed(entry) {
                if let sql = pending, !skip(sql) { statements.append(Statement(sql: sql)) }
                pending = sql
            } else if let parameters = entry.message.dropPrefix("DETAIL:  parameters: ")
                        ?? entry.message.dropPrefix("DETAIL:  Parameters: "), let sql = pending {
                let bound = bind(sql, parameters: literals(parameters))
                if !skip(bound) { statements.append(Statement(sql: bound)) }
                pending = nil
            }
        }
        if let sql = pending, !skip(sql) { statements.append(Statement(sql: sql)) }
        return statements
    }

    /// The statements as one pgbench script.
    static func script(_ statements: [Statement]) -> String {
        statements.map { $0.sql.trimmingCharacters(in: .whitespacesAndNewlines) + ";\n" }.joined()
    }

    // MARK: Reading the log

    struct Entry {
        var message: String
    }

    /// The log's entries: a line that starts with the default prefix (`%m [%p] `) begins one; the lines
    /// after it without a prefix continue it (a statement over several lines).
    static func entries(_ text: String) -> [Entry] {
        var entries: [Entry] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let message = withoutPrefix(line) {
                entries.append(Entry(message: String(message)))
            } else if !entries.isEmpty {
                entries[entries.count - 1].message += "\n" + line
            }
        }
        return entries
    }

    /// `2026-12-04 23:30:00.123 UTC [4242] LOG:  …` → `LOG:  …`.
    private static func withoutPrefix(_ line: Substring) -> Substring? {
        guard line.count > 24, line.first?.isNumber == true, line.dropFirst(4).first == "-",
              let open = line.range(of: " ["), let close = line[open.upperBound...].range(of: "] "),
              line[open.upperBound..<close.lowerBound].allSatisfy(\.isNumber) else { return nil }
        return line[close.upperBound...]
    }

    /// The SQL of `LOG:  execute <name>: SQL` (extended protocol) or `LOG:  statement: SQL` (simple).
    private static func executed(_ entry: Entry) -> String? {
        if let rest = entry.message.dropPrefix("LOG:  execute "), let colon = rest.range(of: ": ") {
            return String(rest[colon.upperBound...])
        }
        return entry.message.dropPrefix("LOG:  statement: ").map(String.init)
    }

    // MARK: Parameters

    /// `$1 = '42', $2 = NULL, $3 = 'it''s'` → ["$1": "'42'", "$2": "NULL", "$3": "'it''s'"].
    static func literals(_ text: Substring) -> [Int: String] {
        var values: [Int: String] = [:]
        var rest = text[...]
        while let dollar = rest.firstIndex(of: "$") {
            rest = rest[rest.index(after: dollar)...]
            let digits = rest.prefix(while: \.isNumber)
            guard let number = Int(digits) else { break }
            rest = rest.dropFirst(digits.count)
            guard let value = rest.dropPrefix(" = ") else { break }
            if value.hasPrefix("NULL") {
                values[number] = "NULL"
                rest = value.dropFirst(4)
                continue
            }
            guard value.first == "'" else { break }
            var index = value.index(after: value.startIndex)
            while index < value.endIndex {
                if value[index] == "'" {
                    let next = value.index(after: index)
                    if next < value.endIndex, value[next] == "'" { index = value.index(after: next); continue }
                    break
                }
                index = value.index(after: index)
            }
            let end = index < value.endIndex ? value.index(after: index) : index
            values[number] = String(value[value.startIndex..<end])
            rest = value[end...]
        }
        return values
    }

    /// `sql` with each `$N` replaced by its literal (`$1` is not taken for the start of `$12`).
    static func bind(_ sql: String, parameters: [Int: String]) -> String {
        var result = ""
        var rest = sql[...]
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            let digits = after.prefix(while: \.isNumber)
            if let number = Int(digits), let literal = parameters[number] {
                result += literal
                rest = after.dropFirst(digits.count)
            } else {
                result += "$"
                rest = after
            }
        }
        return result + rest
    }
}

extension StringProtocol {
    fileprivate func dropPrefix(_ prefix: String) -> SubSequence? {
        hasPrefix(prefix) ? dropFirst(prefix.count) : nil
    }
}
