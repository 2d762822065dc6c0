import Crypto
import Foundation

/// One numbered SQL file from `Schema/`, e.g. `0001_registry.sql`.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String
    public let sha256: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.sha256 = SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Reads every `NNNN_name.sql` in `directory`, in version order. Refuses duplicate versions.
    public static func load(from directory: String) throws(StoreError) -> [Migration] {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw StoreError.migration("cannot read the schema folder \(directory): \(error.localizedDescription)")
        }
        var migrations: [Migration] = []
        for file in files.sorted() where file.hasSuffix(".sql") {
            let stem = file.dropLast(4)
            let parts = stem.split(separator: "_", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 4, let version = Int(parts[0]) else {
                throw StoreError.migration("\(directory)/\(file): migration files are named NNNN_name.sql")
            }
            guard let sql = try? String(contentsOfFile: directory + "/" + file, encoding: .utf8) else {
                throw StoreError.migration("\(directory)/\(file) is not readable UTF-8 text")
            }
            if let previous = migrations.last, previous.version == version {
                throw StoreError.migration("two migrations have version \(version): \(previous.name) and \(parts[1])")
            }
            migrations.append(Migration(version: version, name: String(parts[1]), sql: sql))
        }
        return migrations
    }
}

/// Finds the `Schema/` folder, in this order:
/// 1. `TALENTZONE_SCHEMA_DIR`;
/// 2. `PREFIX/share/talentzone/Schema` for a binary installed as `PREFIX/bin/talentctl`;
/// 3. a `Schema/` folder beside or above the binary (a checkout's `.build/…/talentctl`);
/// 4. `/usr/share/talentzone/schema`, where earlier releases told installers to put it;
/// 5. a `Schema/` folder in the current folder or above it.
///
/// "The binary" is the real executable file (`/proc/self/exe`, symbolic links resolved), not
/// `argv[0]`: run through `PATH` or a symbolic link, `argv[0]` says nothing about where the file is.
public enum SchemaDirectory {
    public static func locate(environment: [String: String]) throws(StoreError) -> String {
        if let explicit = environment["TALENTZONE_SCHEMA_DIR"], !explicit.isEmpty { return explicit }
        let candidates = candidates(executable: executablePath(), workingDirectory: FileManager.default.currentDirectoryPath)
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/0001_registry.sql") {
            return candidate
        }
        throw StoreError.migration(
            "the Schema folder with the migration files was not found (looked in "
                + candidates.prefix(2).joined(separator: ", ") + ", …); install it as PREFIX/share/talentzone/Schema "
                + "beside PREFIX/bin/talentctl, or set TALENTZONE_SCHEMA_DIR to it")
    }

    /// The folders searched after `TALENTZONE_SCHEMA_DIR`, in order, for a binary at `executable`.
    static func candidates(executable: String, workingDirectory: String) -> [String] {
        let binaryFolder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        var candidates = [binaryFolder.deletingLastPathComponent().appendingPathComponent("share/talentzone/Schema").path]
        candidates += ancestors(of: binaryFolder).map { $0.appendingPathComponent("Schema").path }
        candidates.append("/usr/share/talentzone/schema")
        candidates += ancestors(of: URL(fileURLWithPath: workingDirectory)).map { $0.appendingPathComponent("Schema").path }
        return candidates
    }

    /// The running program's file: `/proc/self/exe` on Linux; elsewhere `argv[0]`, looked up in `PATH`
    /// when it is a bare name.
    static func executablePath() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"), path.hasPrefix("/") {
            return path
        }
        let argument = CommandLine.arguments.first ?? "."
        guard !argument.contains("/") else { return argument }
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return folders.map { $0 + "/" + argument }.first { FileManager.default.isExecutableFile(atPath: $0) } ?? argument
    }

    private static func ancestors(of url: URL) -> [URL] {
        var result: [URL] = []
        var current = url.standardizedFileURL
        for _ in 0..<8 {
            result.append(current)
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { break }
            current = parent
        }
        return result
    }
}
