import Foundation
import Testing
import TestSupport

@Suite("talentctl output into a closed pipe")
struct BrokenPipeTests {
    /// `talentctl … | head -c 1` must end quietly, not trap with a stack trace.
    @Test func aReaderThatStopsEarlyEndsTheProgramQuietly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tz-pipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // 5,000 trainees: the JSON output is far larger than a pipe's 64 KiB buffer.
        var trainees: [String: [String]] = [:]
        for n in 0..<5000 { trainees["T\(n)"] = ["P\(n % 50)"] }
        var positions: [String: [String: Any]] = [:]
        for p in 0..<50 {
            positions["P\(p)"] = ["capacity": 200, "ranking": (0..<5000).filter { $0 % 50 == p }.map { "T\($0)" }]
        }
        let instance = folder.appendingPathComponent("big.json")
        try JSONSerialization.data(withJSONObject: ["trainees": trainees, "positions": positions]).write(to: instance)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "\"$0\" practice match --instance \"$1\" --json 2>\"$2\" | head -c 1 >/dev/null; echo ${PIPESTATUS[0]}",
                             Talentctl.executable, instance.path, folder.appendingPathComponent("stderr").path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let status = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: folder.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
        #expect(status.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "talentctl exited with \(status); stderr: \(stderr)")
        #expect(!stderr.contains("Fatal error"))
        #expect(!stderr.contains("Stack dump"))
    }
}
