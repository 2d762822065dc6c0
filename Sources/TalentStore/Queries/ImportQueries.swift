import Foundation
import PostgresNIO
import TalentDomain

/// A recorded bulk import.
public struct ImportBatchRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var kind: String
    public var fileName: String
    public var fileSHA256: String
    public var encoding: String
    public var rowsTotal: Int
    public var rowsAdded: Int
    public var rowsSkipped: Int
    public var actor: String
    public var importedAt: Date
}

public struct NewImportBatch: Sendable, Codable {
    public var kind: String
    public var fileName: String
    public var fileSHA256: String
    public var encoding: String
    public var rowsTotal: Int
    public var rowsAdded: Int
    public var rowsSkipped: Int
    public var actor: String

    public init(kind: String, fileName: String, fileSHA256: String, encoding: String,
                rowsTotal: Int, rowsAdded: Int, rowsSkipped: Int, actor: String) {
        self.kind = kind
        self.fileName = fileName
        self.fileSHA256 = fileSHA256
        self.encoding = encoding
        self.rowsTotal = rowsTotal
        self.rowsAdded = rowsAdded
        self.rowsSkipped = rowsSkipped
        self.actor = actor
    }
}

extension StoreSession {
    public func insertImportBatch(_ batch: NewImportBatch) async throws -> ImportBatchRecord {
        let record = try await firstRow("""
            INSERT INTO import_batches (kind, file_name, file_sha256, encoding, rows_total, rows_added, rows_skipped, actor)
            VALUES (\(batch.kind), \(batch.fileName), \(batch.fileSHA256), \(batch.encoding), \(batch.rowsTotal),
                    \(batch.rowsAdded), \(batch.rowsSkipped), \(batch.actor))
            RETURNING id, kind, file_name, file_sha256, encoding, rows_total, rows_added, rows_skipped, actor, imported_at
            """, importBatch(from:))
        guard let record else { throw StoreError.internal("INSERT … RETURNING gave no row") }
        return record
    }

    /// The latest import of a file with this content, if any.
    public func importBatch(kind: String, fileSHA256: String) async throws -> ImportBatchRecord? {
        try await firstRow("""
            SELECT id, kind, file_name, file_sha256, encoding, rows_total, rows_added, rows_skipped, actor, imported_at
            FROM import_batches WHERE kind = \(kind) AND file_sha256 = \(fileSHA256) ORDER BY id DESC LIMIT 1
            """, importBatch(from:))
    }

    func importBatch(from row: RowReader) throws -> ImportBatchRecord {
        ImportBatchRecord(
            id: try row.value("id"), kind: try row.value("kind"), fileName: try row.value("file_name"),
            fileSHA256: try row.value("file_sha256"), encoding: try row.value("encoding"),
            rowsTotal: try row.value("rows_total"), rowsAdded: try row.value("rows_added"),
            rowsSkipped: try row.value("rows_skipped"), actor: try row.value("actor"),
            importedAt: try row.value("imported_at"))
    }

    /// The columns ``copyTalents(_:employerIDs:batchID:progress:)`` writes, in its order.
    public static let talentCopyColumns = [
        "name", "id_number", "passport", "nationality", "birth_date", "sex", "mobile", "email", "degree",
        "university", "major", "title", "skill_level", "employer_id", "contract_start", "contract_end",
        "insurance_since", "owns_housing", "import_batch_id", "name_pinyin", "name_initials",
    ]

    /// Streams validated talents into `talents` with COPY. `employerIDs` maps credit codes to ids and
    /// must cover every draft's employer. `progress` is called with the number of rows sent so far.
    public func copyTalents(
        _ drafts: [TalentDraft], employerIDs: [String: Int64], batchID: Int64,
        progress: @Sendable (Int) -> Void = { _ in }
    ) async throws {
        let batch = String(batchID)
        try checkOpen()
        try await connection.copyFrom(table: "talents", columns: Self.talentCopyColumns, logger: logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(1 << 20)
            for (index, draft) in drafts.enumerated() {
                let c = TalentColumns(draft)
                let employer = draft.employerCreditCode.flatMap { employerIDs[$0] }.map(String.init)
                CopyText.appendRow([
                    c.name, c.idNumber, c.passport, c.nationality, c.birthDate, c.sex, c.mobile, c.email, c.degree,
                    c.university, c.major, c.title, c.skillLevel, employer, c.contractStart, c.contractEnd,
                    c.insuranceSince, c.ownsHousing ? "t" : "f", batch, c.namePinyin, c.nameInitials,
                ], to: &buffer)
                if buffer.readableBytes >= 1 << 20 {
                    try await Self.write(buffer, to: writer, on: connection)
                    buffer.clear()
                    progress(index + 1)
                }
            }
            if buffer.readableBytes > 0 { try await Self.write(buffer, to: writer, on: connection) }
            progress(drafts.count)
        }
    }

    /// One COPY write that ends when the connection closes. postgres-nio 1.33 waits for the channel to
    /// become writable again without noticing that it closed (a server killed mid-COPY hung the import):
    /// the write runs in its own task, and whichever comes first, its result or the close, ends the wait.
    private static func write(_ buffer: ByteBuffer, to writer: PostgresCopyFromWriter,
                              on connection: PostgresConnection) async throws {
        let outcome = CopyWriteOutcome()
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            outcome.install(continuation)
            connection.closeFuture.whenComplete { _ in outcome.finish(.failure(PostgresError.connectionClosed)) }
            Task {
                do {
                    try await writer.write(buffer)
                    outcome.finish(.success(()))
                } catch {
                    outcome.finish(.failure(error))
                }
            }
        }
    }
}

/// Resumes a continuation once, with the first of several outcomes.
private final class CopyWriteOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Void, any Error>?

    func install(_ continuation: CheckedContinuation<Void, any Error>) {
        lock.withLock { self.continuation = continuation }
    }

    func finish(_ result: Result<Void, any Error>) {
        let waiting = lock.withLock { () -> CheckedContinuation<Void, any Error>? in
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(with: result)
    }
}

/// PostgreSQL's COPY text format: tab-separated, `\N` for NULL, backslash escapes.
enum CopyText {
    static func appendRow(_ fields: [String?], to buffer: inout ByteBuffer) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            guard let field else {
                buffer.writeStaticString("\\N")
                continue
            }
            appendEscaped(field, to: &buffer)
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    private static func appendEscaped(_ text: String, to buffer: inout ByteBuffer) {
        let needsEscape = text.utf8.contains { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard needsEscape else {
            buffer.writeString(text)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case 0x5C: buffer.writeStaticString("\\\\")
            case 0x09: buffer.writeStaticString("\\t")
            case 0x0A: buffer.writeStaticString("\\n")
            case 0x0D: buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }
}
