import Foundation
import PostgresNIO

/// Yardsticks for bulk imports in benchmarks, run with `psql \copy`: the same CSV rows copied into a
/// bare table (all `text`, no constraints, no indexes), which is as fast as PostgreSQL takes rows in;
/// and the import's own COPY stream replayed into `talents`, which is what the schema's invariants cost.
public enum CopyBaseline {
    /// The psql meta-command that copies a CSV file with a header row into `table`.
    public static func psqlCopyCommand(table: String, csvFile: String) throws(StoreError) -> String {
        try checkIdentifier(table)
        return "\\copy \(table) FROM \(quoted(csvFile)) WITH (FORMAT csv, HEADER true)"
    }

    /// Writes the stored talents, in COPY text format, in the columns and order of
    /// `StoreSession.copyTalents` (so the file can be copied back into a fresh `talents` table).
    public static func psqlExportTalentsCommand(to file: String) -> String {
        let columns = StoreSession.talentCopyColumns.joined(separator: ", ")
        return "\\copy (SELECT \(columns) FROM talents ORDER BY id) TO \(quoted(file))"
    }

    /// Copies a file written by ``psqlExportTalentsCommand(to:)`` into `talents`, with every constraint,
    /// index and foreign key in force: what the import's own COPY costs the server.
    public static func psqlImportTalentsCommand(from file: String) -> String {
        "\\copy talents (\(StoreSession.talentCopyColumns.joined(separator: ", "))) FROM \(quoted(file))"
    }

    static func quoted(_ path: String) -> String {
        "'" + path.replacingOccurrences(of: "'", with: "''") + "'"
    }

    static func checkIdentifier(_ name: String) throws(StoreError) {
        let allowed = name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        guard allowed, let first = name.utf8.first, !(0x30...0x39).contains(first), name.utf8.count < 64 else {
            throw StoreError.configuration("'\(name)' must be a lowercase identifier (letters, digits and _)")
        }
    }
}

extension StoreSession {
    /// (Re)creates `table` as an empty table of unconstrained `text` columns, for ``CopyBaseline``.
    public func createBareTextTable(_ table: String, columns: [String]) async throws {
        try CopyBaseline.checkIdentifier(table)
        for column in columns { try CopyBaseline.checkIdentifier(column) }
        try await execute(sql: "DROP TABLE IF EXISTS \(table)")
        try await execute(sql: "CREATE TABLE \(table) (\(columns.map { "\($0) text" }.joined(separator: ", ")))")
    }

    /// Rows in `table` (to check that a copy took them all).
    public func rowCount(of table: String) async throws -> Int {
        try CopyBaseline.checkIdentifier(table)
        let rows = try await query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"))
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }
}
