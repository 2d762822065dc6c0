import Foundation

/// Runs the built `talentctl` binary, as a user would.
public enum Talentctl {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The binary beside the test bundle (`.build/<triple>/debug/talentctl`).
    public static var executable: String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("talentctl").path,
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("talentctl").path,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug/talentctl").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[2]
    }

    /// Runs `talentctl arguments…` with `environment` added to a minimal environment
    /// (no DATABASE_URL or PG* from the caller unless given). `program` replaces the built binary
    /// (another copy of it, or `/usr/bin/env` to find it through `PATH`); a nil `schemaDirectory`
    /// leaves `TALENTZONE_SCHEMA_DIR` unset, so talentctl has to find the schema itself.
    public static func run(_ arguments: [String], environment: [String: String], stdin: String? = nil,
                           workingDirectory: String? = nil, program: String? = nil,
                           schemaDirectory: String? = TestDatabase.schemaDirectory) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program ?? executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("PG") && $0.key != "DATABASE_URL" && $0.key != "TALENTZONE_SCHEMA_DIR"
        }
        env["TALENTZONE_SCHEMA_DIR"] = schemaDirectory
        env.merge(environment) { $1 }
        process.environment = env
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        let errData = DrainedPipe(err)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData.wait(), as: UTF8.self))
    }
}

private final class DrainedPipe: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
