import Foundation
import Testing

/// The arrows of Docs/architecture.md ("Who may import whom") hold: every Swift file of the package
/// imports only what its room may, and Package.swift declares no dependency the table forbids.
@Suite("Architecture: who may import whom")
struct ArrowTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static func table() throws -> RoomTable {
        try RoomTable.parse(String(contentsOfFile: root + "/Docs/architecture.md", encoding: .utf8))
    }

    /// Every `.swift` file under Sources and Tests, relative to the package root.
    static func swiftFiles() throws -> [String] {
        var files: [String] = []
        for top in ["Sources", "Tests"] {
            let enumerator = FileManager.default.enumerator(atPath: root + "/" + top)
            while let path = enumerator?.nextObject() as? String {
                if path.hasSuffix(".swift") { files.append(top + "/" + path) }
            }
        }
        return files.sorted()
    }

    /// What is wrong with the imports of `source` (at `path`) by `table`; empty when all is allowed.
    static func violations(of path: String, source: String, table: RoomTable) -> [String] {
        guard let room = table.room(of: path) else {
            return ["\(path): in no room of the table; add its folder to Docs/architecture.md"]
        }
        var found: [String] = []
        for line in ImportLine.all(in: source) {
            if !table.allows(room, toImport: line.module) {
                found.append("\(path):\(line.line): \(room.name) may not import \(line.module)")
            }
            if line.attributes.contains("@testable") && !room.folder.hasPrefix("Tests/") {
                found.append("\(path):\(line.line): @testable import outside the tests")
            }
        }
        return found
    }

    @Test func everyFileImportsOnlyWhatItsRoomMay() throws {
        let table = try Self.table()
        let files = try Self.swiftFiles()
        #expect(files.count > 100)
        var problems: [String] = []
        for file in files {
            let source = try String(contentsOfFile: Self.root + "/" + file, encoding: .utf8)
            problems += Self.violations(of: file, source: source, table: table)
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func packageSwiftDeclaresOnlyAllowedDependencies() throws {
        let table = try Self.table()
        let targets = PackageTargets.parse(try String(contentsOfFile: Self.root + "/Package.swift", encoding: .utf8))
        #expect(targets.dependencies["talentctl"]?.contains("TalentServices") == true)
        for room in table.rooms {
            let declared = try #require(targets.dependencies[room.name], "no target \(room.name) in Package.swift")
            let forbidden = declared.filter { !table.allows(room, toImport: $0) }
            #expect(forbidden.isEmpty, "\(room.name) declares \(forbidden.sorted()) which the table does not allow")
        }
        for name in targets.dependencies.keys {
            #expect(table.rooms.contains { $0.name == name }, "target \(name) has no row in the room table")
        }
    }

    @Test func everyRoomFolderExists() throws {
        for room in try Self.table().rooms {
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: Self.root + "/" + room.folder, isDirectory: &isDirectory)
                    && isDirectory.boolValue, "\(room.folder) of \(room.name) is not a folder")
        }
    }

    // MARK: The checker catches what it should (so the tests above can fail)

    static let sample = RoomTable.parse(fromRows: """
        ## Who may import whom

        | Room | Folder | May import |
        |---|---|---|
        | every room | | `Foundation` |
        | **Low** | `Sources/Low` | — |
        | **Front** | `Sources/Front` | `Services` (and nothing else) |
        | **FrontTests** | `Tests/FrontTests` | `Front`, `Low` |
        """)

    @Test func anUpwardOrSkippingImportIsReported() throws {
        let table = try #require(Self.sample)
        let source = """
            import Foundation
            @preconcurrency import Services
            import Low // skipping a room
            // import Hidden
            /* import AlsoHidden
            */
            #if canImport(Glibc)
            import Glibc
            #endif
            import struct High.Thing
            @Suite("Word import service") struct NotAnImport {}
            @_spi(Inside) public import Higher
            """
        let problems = Self.violations(of: "Sources/Front/Command.swift", source: source, table: table)
        #expect(problems == [
            "Sources/Front/Command.swift:3: Front may not import Low",
            "Sources/Front/Command.swift:8: Front may not import Glibc",
            "Sources/Front/Command.swift:10: Front may not import High",
            "Sources/Front/Command.swift:12: Front may not import Higher",
        ])
        #expect(Self.violations(of: "Sources/Low/A.swift", source: "import Front", table: table)
                == ["Sources/Low/A.swift:1: Low may not import Front"])
    }

    @Test func testableImportsOnlyInTestsAndUnknownFoldersAreReported() throws {
        let table = try #require(Self.sample)
        #expect(Self.violations(of: "Tests/FrontTests/T.swift", source: "@testable import Front\nimport Low", table: table).isEmpty)
        #expect(Self.violations(of: "Sources/Front/A.swift", source: "@testable import Services", table: table)
                == ["Sources/Front/A.swift:1: @testable import outside the tests"])
        #expect(Self.violations(of: "Sources/Elsewhere/A.swift", source: "", table: table)
                == ["Sources/Elsewhere/A.swift: in no room of the table; add its folder to Docs/architecture.md"])
    }

    @Test func packageTargetsAreReadWithTheirDependencies() {
        let targets = PackageTargets.parse("""
            targets: [
                .target(name: "Low", swiftSettings: strict),
                .target(
                    name: "Mid",
                    dependencies: [
                        "Low",
                        .product(name: "Crypto", package: "swift-crypto"),
                    ],
                    swiftSettings: strict
                ),
                .executableTarget(name: "front", dependencies: ["Mid", .product(name: "ArgumentParser", package: "x")]),
                .testTarget(name: "MidTests", dependencies: ["Mid"]),
            ]
            """)
        #expect(targets.dependencies == [
            "Low": [], "Mid": ["Low", "Crypto"], "front": ["Mid", "ArgumentParser"], "MidTests": ["Mid"],
        ])
    }
}

extension RoomTable {
    static func parse(fromRows document: String) -> RoomTable? { try? parse(document) }
}
