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

/// Finds the `Schema/` folder: `TALENTZONE_SCHEMA_DIR`, then beside or above the running program
/// (a checkout's `.build/…/talentctl`), then `/usr/share/talentzone/schema` (the Docker image),
/// then above the current folder.
public enum SchemaDirectory {
    public static func locate(environment: [String: String]) throws(StoreError) -> String {
        if let explicit = environment["TALENTZONE_SCHEMA_DIR"], !explicit.isEmpty { return explicit }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var candidates = ancestors(of: executable.deletingLastPathComponent()).map { $0.appendingPathComponent("Schema").path }
        candidates.append("/usr/share/talentzone/schema")
        candidates += ancestors(of: cwd).map { $0.appendingPathComponent("Schema").path }
        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate + "/0001_registry.sql") {
            return candidate
        }
        throw StoreError.migration(
            "the Schema folder with the migration files was not found; set TALENTZONE_SCHEMA_DIR to it")
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
