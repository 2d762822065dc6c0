import Foundation
import Testing
@testable import TalentRules

/// `Docs/tools/check_round.py`, the script a third party can run on a published round without
/// TalentZone, agrees with the mechanism on random rounds (caps, quota skips and reserves included)
/// and catches a changed allocation. It needs python3, which the machines here have.
@Suite("The third-party round check (Docs/tools/check_round.py)")
struct ThirdPartyCheckTests {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Docs/tools/check_round.py")

    static func python() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(folder)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw CheckFailure("python3 not found: this test needs it")
    }

    struct CheckFailure: Error, CustomStringConvertible { let description: String; init(_ d: String) { description = d } }

    static func run(_ export: AllocationExport) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("round-\(UUID().uuidString).json")
        try export.json(pretty: true).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try python())
        process.arguments = [script.path, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test func agreesWithTheMechanismAndCatchesAChange() throws {
        var skips = 0
        var reserved = 0
        for seed in AllocationPropertyTests.seeds.prefix(40) {
            let round = AllocationPropertyTests().round(seed)
            let input = try round.input()
            let outcome = SerialDictatorship.allocate(input)
            let export = AllocationExport(round: "R\(seed)", policyVersion: "v", policySHA256: "x", input: input, outcome: outcome)
            skips += export.quotaSkips.count
            reserved += export.units.keys.filter { $0.contains("@") }.count
            let checked = try Self.run(export)
            #expect(checked.status == 0, "seed \(seed): \(checked.output)")

            guard let victim = outcome.order.first else { continue }
            let current = outcome.category(of: victim)
            let replacement = current == nil ? round.units.keys.sorted().first : nil
            guard replacement != current else { continue }
            var tampered = export
            tampered.allocation[victim] = .some(replacement)
            let caught = try Self.run(tampered)
            #expect(caught.status == 1, "seed \(seed): \(caught.output)")
            #expect(caught.output.contains(victim))
        }
        // The random rounds did exercise the cap and the reserves.
        #expect(skips > 0)
        #expect(reserved > 0)
    }
}
