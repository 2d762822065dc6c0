import Foundation

/// The room table of Docs/architecture.md ("Who may import whom"): for each room its folder and the
/// modules its files may import. The test reads the table from the document, so the two cannot drift.
struct RoomTable: Equatable {
    struct Room: Equatable {
        var name: String
        var folder: String
        var mayImport: Set<String>
    }

    var rooms: [Room]
    /// Modules every room may import (the row named "every room").
    var everywhere: Set<String>

    static let heading = "## Who may import whom"

    /// Parses the first Markdown table after `heading`: `| Room | Folder | May import |`, modules and
    /// folders in backticks, anything after the backticked names (an explanation) ignored.
    static func parse(_ document: String) throws -> RoomTable {
        guard let start = document.range(of: heading) else { throw Problem("no section \"\(heading)\" in the document") }
        var rooms: [Room] = []
        var everywhere: Set<String> = []
        var inTable = false
        for line in document[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("## ") { break }
            guard trimmed.hasPrefix("|") else {
                if inTable { break } else { continue }
            }
            inTable = true
            let cells = trimmed.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 3, !cells[0].hasPrefix("Room"), !cells[0].hasPrefix("---") else { continue }
            let name = cells[0].replacingOccurrences(of: "*", with: "")
            let modules = Set(backticked(cells[2]))
            if name == "every room" {
                everywhere = modules
                continue
            }
            guard let folder = backticked(cells[1]).first else { throw Problem("room \(name) has no folder in backticks") }
            rooms.append(Room(name: name, folder: folder, mayImport: modules))
        }
        guard !rooms.isEmpty else { throw Problem("the table under \"\(heading)\" has no rooms") }
        return RoomTable(rooms: rooms, everywhere: everywhere)
    }

    /// The room of a file (path relative to the package root): the one with the longest matching folder.
    func room(of path: String) -> Room? {
        rooms.filter { path.hasPrefix($0.folder + "/") }.max { $0.folder.count < $1.folder.count }
    }

    func allows(_ room: Room, toImport module: String) -> Bool {
        everywhere.contains(module) || room.mayImport.contains(module) || module == room.name
    }

    private static func backticked(_ cell: String) -> [String] {
        cell.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    struct Problem: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// An import declaration: attributes (`@testable`, `@_spi(X)`), an access modifier, `import`, an optional
/// kind (`import struct Foundation.Date`) and the module. Anything else on the line (`@Suite("… import
/// x")`) is not an import.
private let importPattern = try! NSRegularExpression(pattern:
    #"^((?:@[A-Za-z_]+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|private|fileprivate)\s+)?)import\s+"#
    + #"((?:struct|class|enum|protocol|func|var|let|typealias)\s+)?([A-Za-z_][A-Za-z0-9_]*)"#)

/// One `import` line of a Swift file.
struct ImportLine: Equatable {
    var module: String
    var line: Int
    var attributes: [String]

    /// Every top-level import of `source` (also those inside `#if`), skipping comments and multi-line
    /// string literals.
    static func all(in source: String) -> [ImportLine] {
        var found: [ImportLine] = []
        var inBlockComment = false
        var inMultiLineString = false
        for (index, raw) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var text = raw.trimmingCharacters(in: .whitespaces)
            let quotes = text.components(separatedBy: "\"\"\"").count - 1
            if inMultiLineString || quotes > 0 {
                if quotes % 2 == 1 { inMultiLineString.toggle() }
                continue
            }
            if inBlockComment {
                guard let end = text.range(of: "*/") else { continue }
                text = String(text[end.upperBound...]).trimmingCharacters(in: .whitespaces)
                inBlockComment = false
            }
            if text.hasPrefix("/*") && !text.contains("*/") { inBlockComment = true; continue }
            let range = NSRange(text.startIndex..., in: text)
            guard let match = importPattern.firstMatch(in: text, range: range),
                  let moduleRange = Range(match.range(at: 3), in: text) else { continue }
            let prefix = Range(match.range(at: 1), in: text).map { String(text[$0]) } ?? ""
            let attributes = prefix.split(separator: " ").map(String.init).filter { $0.hasPrefix("@") }
            let module = String(text[moduleRange])
            found.append(ImportLine(module: module, line: index + 1, attributes: attributes))
        }
        return found
    }
}

/// The targets of Package.swift with the modules they declare as dependencies.
struct PackageTargets {
    var dependencies: [String: Set<String>]

    /// Reads `.target(name: "X", dependencies: ["A", .product(name: "B", …)], …)` blocks; a target's
    /// block runs to the next target declaration.
    static func parse(_ manifest: String) -> PackageTargets {
        var result: [String: Set<String>] = [:]
        let starts = [".target(", ".executableTarget(", ".testTarget("]
        var blocks: [Substring] = []
        var rest = manifest[...]
        while let next = starts.compactMap({ rest.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
            let after = rest[next.upperBound...]
            let end = starts.compactMap { after.range(of: $0)?.lowerBound }.min() ?? after.endIndex
            blocks.append(after[..<end])
            rest = after[end...]
        }
        for block in blocks {
            guard let name = quoted(after: "name:", in: block) else { continue }
            var modules: Set<String> = []
            if let list = block.range(of: "dependencies:") {
                let tail = block[list.upperBound...]
                let close = matchingBracket(in: tail) ?? tail.endIndex
                let body = tail[..<close]
                for piece in body.split(separator: ",") {
                    let text = piece.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "[]")))
                    if text.hasPrefix("\"") {
                        modules.insert(text.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
                    } else if text.hasPrefix(".product(name:"), let module = quoted(after: "name:", in: Substring(text)) {
                        modules.insert(module)
                    }
                }
            }
            result[name] = modules
        }
        return PackageTargets(dependencies: result)
    }

    private static func quoted(after key: String, in text: Substring) -> String? {
        guard let keyRange = text.range(of: key) else { return nil }
        let tail = text[keyRange.upperBound...]
        guard let open = tail.firstIndex(of: "\"") else { return nil }
        let afterOpen = tail[tail.index(after: open)...]
        guard let close = afterOpen.firstIndex(of: "\"") else { return nil }
        return String(afterOpen[..<close])
    }

    /// The index of the `]` that closes the first `[` of `text`.
    private static func matchingBracket(in text: Substring) -> Substring.Index? {
        var depth = 0
        for index in text.indices {
            if text[index] == "[" { depth += 1 }
            if text[index] == "]" {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }
}
