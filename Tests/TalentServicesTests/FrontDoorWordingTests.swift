import Foundation
import Testing
@testable import TalentServices

/// The services and the rules speak to every front door, so no message of theirs names a `talentctl`
/// command: a next step is a ``NextStep`` that each door renders. Doc comments may name the command a
/// type serves (they are read by engineers, not users); string literals may not.
@Suite("No talentctl command in service or rule messages")
struct FrontDoorWordingTests {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: ["Sources/TalentServices", "Sources/TalentRules"])
    func noStringLiteralNamesTalentctl(_ folder: String) throws {
        let files = try Self.swiftFiles(in: Self.package.appendingPathComponent(folder))
        #expect(files.count > 10, "expected the room's Swift files under \(folder)")
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for literal in SwiftLiterals.strings(in: text) where literal.text.contains("talentctl") {
                Issue.record("\(file.path):\(literal.line): a string literal names talentctl; give a NextStep instead")
            }
        }
    }

    @Test func theScannerFindsLiteralsAndSkipsComments() {
        let source = #"""
        /// `talentctl demo` prints this.
        let a = "list with `talentctl org list`" // talentctl in a comment
        /* talentctl */ let b = #"raw "talentctl" text"#
        let c = """
            multi \(a ? "x" : "y") talentctl
            """
        let e = "nested \(f ? "talentctl x" : "y") end"
        let d = "escaped \" quote"
        """#
        let literals = SwiftLiterals.strings(in: source)
        #expect(literals.filter { $0.text.contains("talentctl") }.map(\.line) == [2, 3, 4, 7])
        #expect(literals.contains { $0.text == #"escaped \" quote"# })
    }

    @Test func aNextStepEncodesAsActionAndArguments() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(NextStep.previewHousingRound(round: "R1")), as: UTF8.self)
        #expect(json == #"{"action":"housing.round.preview","arguments":{"round":"R1"}}"#)
        let none = String(decoding: try encoder.encode(NextStep.listHousingUnits), as: UTF8.self)
        #expect(none == #"{"action":"housing.unit.list","arguments":{}}"#)
    }

    @Test func anErrorDescribesItsNextStepWithoutACommand() {
        let error = ServiceError.notFound("no unit has code X-1", next: .listHousingUnits)
        #expect(error.problem == "no unit has code X-1")
        #expect(error.description == "no unit has code X-1; list the housing units")
        #expect(ServiceError.message("a committed round is final.", then: "check it") == "a committed round is final. Check it")
        #expect(ServiceError.store(.migration("not migrated", remedy: .migrate)).nextStep == .migrateDatabase)
    }

    static func swiftFiles(in folder: URL) throws -> [URL] {
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        return (walker?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "swift" }
    }
}

/// The string literals of Swift source, with their starting lines: plain, multi-line and raw (`#"…"#`)
/// strings; comments (`//`, `///`, `/* */`) are skipped. Interpolations stay in the literal's text.
enum SwiftLiterals {
    struct Literal { var text: String; var line: Int }

    static func strings(in source: String) -> [Literal] {
        let chars = Array(source)
        var literals: [Literal] = []
        var index = 0
        var line = 1
        func at(_ offset: Int) -> Character? { index + offset < chars.count ? chars[index + offset] : nil }
        while index < chars.count {
            let char = chars[index]
            if char == "\n" { line += 1; index += 1; continue }
            if char == "/" && at(1) == "/" {
                while index < chars.count && chars[index] != "\n" { index += 1 }
                continue
            }
            if char == "/" && at(1) == "*" {
                index += 2
                while index < chars.count && !(chars[index] == "*" && at(1) == "/") {
                    if chars[index] == "\n" { line += 1 }
                    index += 1
                }
                index += 2
                continue
            }
            var hashes = 0
            while at(hashes) == "#" { hashes += 1 }
            guard at(hashes) == "\"" else { index += max(hashes, 1); continue }
            let start = line
            index += hashes
            let quotes = at(1) == "\"" && at(2) == "\"" ? 3 : 1
            index += quotes
            let close = String(repeating: "\"", count: quotes) + String(repeating: "#", count: hashes)
            var text = ""
            while index < chars.count {
                if chars[index] == "\\" && hashes == 0 {
                    // An escape, or an interpolation kept whole, so a literal nested in it is not a close.
                    text.append(chars[index])
                    index += 1
                    var depth = 0
                    while index < chars.count {
                        if chars[index] == "(" { depth += 1 } else if chars[index] == ")" { depth -= 1 }
                        if chars[index] == "\n" { line += 1 }
                        text.append(chars[index])
                        index += 1
                        if depth == 0 { break }
                    }
                    continue
                }
                if String(chars[index..<min(index + close.count, chars.count)]) == close { break }
                if chars[index] == "\n" { line += 1 }
                text.append(chars[index])
                index += 1
            }
            index += close.count
            literals.append(Literal(text: text, line: start))
        }
        return literals
    }
}
