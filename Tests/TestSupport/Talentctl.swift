import Foundation
import Testing

/// Runs the built `talentctl` binary, as a user would.
///
/// Every run without `--reveal-pii` (or `--help`) is checked for personal data: its stdout, its stderr and the files it
/// wrote (a file named in the arguments, `FILE.errors.csv` beside it, any file in the working folder)
/// must hold no full identity, mobile or passport number (``PIIScan``). A leak is recorded as an issue,
/// so the test that ran the command fails.
public enum Talentctl {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// Full personal numbers found in the output or written files, each with where it was found
        /// (always empty for a `--reveal-pii` run, which is not checked).
        public var leaks: [String] = []
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
        // Help is fixed text (its examples use the standard's own sample numbers) and reads no data.
        let checked = !arguments.contains("--reveal-pii") && !arguments.contains { ["--help", "-h", "help"].contains($0) }
        PIIScan.notePassports(in: arguments, workingDirectory: workingDirectory)
        let written = files(named: arguments, in: workingDirectory)
        let before = checked ? FileStamp.of(written) : [:]
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
        var result = Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                            stderr: String(decoding: errData.wait(), as: UTF8.self))
        guard checked else { return result }
        result.leaks = PIIScan.leaks(in: result.stdout).map { "stdout: \($0)" }
            + PIIScan.leaks(in: result.stderr).map { "stderr: \($0)" }
        for (path, stamp) in FileStamp.of(written) where before[path] != stamp {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            result.leaks += PIIScan.leaks(in: String(decoding: data, as: UTF8.self)).map { "\(path): \($0)" }
        }
        if !result.leaks.isEmpty {
            Issue.record(Comment(rawValue: "talentctl \(arguments.joined(separator: " ")) shows full personal numbers "
                                 + "without --reveal-pii: " + result.leaks.joined(separator: ", ")))
        }
        return result
    }

    /// The files a run with `arguments` may read or write: every argument (or `--option=` value) that names
    /// a path, `PATH.errors.csv` beside it, and every file in the working folder.
    static func files(named arguments: [String], in workingDirectory: String?) -> [String] {
        let base = workingDirectory ?? FileManager.default.currentDirectoryPath
        var paths: [String] = []
        for argument in arguments {
            let value = argument.hasPrefix("--") ? argument.split(separator: "=", maxSplits: 1).dropFirst().first.map(String.init) : argument
            guard let value, !value.isEmpty, !value.hasPrefix("-") else { continue }
            let path = value.hasPrefix("/") ? value : base + "/" + value
            guard value.contains("/") || FileManager.default.fileExists(atPath: path) else { continue }
            paths += [path, path + ".errors.csv"]
        }
        if let workingDirectory, let names = try? FileManager.default.contentsOfDirectory(atPath: workingDirectory) {
            paths += names.map { workingDirectory + "/" + $0 }
        }
        return Array(Set(paths))
    }
}

/// When and how big a file was, to tell which files a run wrote.
private struct FileStamp: Equatable {
    var modified: Date
    var size: Int

    /// The stamps of the regular files among `paths`.
    static func of(_ paths: [String]) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        for path in paths {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let modified = attributes[.modificationDate] as? Date,
                  let size = attributes[.size] as? Int else { continue }
            stamps[path] = FileStamp(modified: modified, size: size)
        }
        return stamps
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
