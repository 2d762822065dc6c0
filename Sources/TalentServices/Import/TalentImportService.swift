import Crypto
import Foundation
import TalentDomain
import TalentStore
import TalentText

/// Bulk registration from a CSV file: every row is validated before anything is written, then the
/// valid rows go in with COPY in one transaction, with one audit entry for the batch.
public struct TalentImportService: Sendable {
    public struct Options: Sendable {
        public var encoding: SourceEncoding
        public var skipInvalid: Bool
        public var today: CalendarDate
        /// Write `FILE.errors.csv` beside the file when rows are bad.
        public var writeErrorReport: Bool

        public init(encoding: SourceEncoding = .auto, skipInvalid: Bool = false, today: CalendarDate = .today(),
                    writeErrorReport: Bool = true) {
            self.encoding = encoding
            self.skipInvalid = skipInvalid
            self.today = today
            self.writeErrorReport = writeErrorReport
        }
    }

    /// Progress of the long phases: (phase, done, total).
    public typealias Progress = @Sendable (_ phase: String, _ done: Int, _ total: Int) -> Void

    let store: Store

    public init(store: Store) {
        self.store = store
    }

    public func importFile(at path: String, options: Options, actor: Principal,
                           progress: @escaping Progress = { _, _, _ in }) async throws(ServiceError) -> TalentImportReport {
        _ = try AccessTable.authorize(.talentImport, actor)
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile("cannot read \(path): \(error.localizedDescription)")
        }
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let parsed = try Self.parse(data, path: path, options: options, progress: progress)
        var report = TalentImportReport(
            file: fileName, encoding: parsed.encoding, rowsTotal: parsed.rowsTotal, added: 0, alreadyRegistered: 0,
            issues: parsed.issues, invalidRows: 0, written: false)

        var drafts = parsed.drafts
        var issues = parsed.issues
        let checked = try await check(&drafts, issues: &issues)
        report.alreadyRegistered = checked.alreadyRegistered
        report.issues = issues.sorted { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
        report.invalidRows = Set(issues.map(\.line)).count
        if !issues.isEmpty && options.writeErrorReport {
            report.errorReportPath = Self.writeErrorReport(report.issues, besides: path)
        }
        if report.invalidRows > 0 && !options.skipInvalid {
            throw .importRejected(report)
        }
        report.invalidRowsSkipped = report.invalidRows > 0
        guard !drafts.isEmpty else { return report }

        let batch = NewImportBatch(
            kind: "talents", fileName: fileName, fileSHA256: Self.sha256(data), encoding: parsed.encoding,
            rowsTotal: parsed.rowsTotal, rowsAdded: drafts.count, rowsSkipped: parsed.rowsTotal - drafts.count, actor: actor.auditName)
        let rows = drafts.map(\.draft)
        let employerIDs = checked.employerIDs
        let total = rows.count
        let record: ImportBatchRecord
        do {
            record = try await run {
                try await store.write { session in
                    let record = try await session.insertImportBatch(batch)
                    try await session.copyTalents(rows, employerIDs: employerIDs, batchID: record.id) { done in
                        progress("writing", done, total)
                    }
                    try await session.appendAudit(AuditRecord(
                        actor: actor.auditName, action: "talent.import", entityType: "import_batch", entityID: String(record.id),
                        before: Optional<ImportBatchRecord>.none, after: record,
                        reason: options.skipInvalid && report.invalidRows > 0 ? "--skip-invalid: \(report.invalidRows) rows skipped" : nil))
                    return record
                }
            }
        } catch .store(.duplicate(constraint: "talents_identity_unique", _)) {
            throw .duplicate("a talent in \(fileName) was registered by someone else while this import ran; "
                             + "nothing was imported. Run the import again: registered rows are then skipped")
        }
        report.added = total
        report.written = true
        report.batchID = record.id
        return report
    }

    // MARK: Validation against the file itself

    struct ParsedFile {
        var encoding: String
        var rowsTotal: Int
        var drafts: [LineDraft]
        var issues: [ImportIssue]
    }

    struct LineDraft {
        var line: Int
        var draft: TalentDraft
    }

    static func parse(_ data: Data, path: String, options: Options, progress: Progress) throws(ServiceError) -> ParsedFile {
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        /// A file-level problem: reported like a bad row (exit 65, `FILE.errors.csv`), nothing written.
        func reject(_ issues: [ImportIssue], encoding: String, rows: Int) -> ServiceError {
            var report = TalentImportReport(
                file: fileName, encoding: encoding, rowsTotal: rows, added: 0, alreadyRegistered: 0,
                issues: issues, invalidRows: max(1, Set(issues.map(\.line)).count), written: false)
            if options.writeErrorReport { report.errorReportPath = writeErrorReport(issues, besides: path) }
            return .importRejected(report)
        }
        let decoded: (text: String, detected: SourceEncoding, hadBOM: Bool)
        do {
            decoded = try TextDecoding.decode(data, as: options.encoding)
        } catch {
            throw reject([ImportIssue(line: error.line ?? 1, reason: error.description)],
                         encoding: options.encoding.rawValue, rows: 0)
        }
        let records: [CSVRecord]
        do {
            records = try CSVReader.records(in: decoded.text)
        } catch {
            let column = error.column.map { "field \($0)" }
            throw reject([ImportIssue(line: error.line, column: column, reason: error.reason)],
                         encoding: decoded.detected.rawValue, rows: 0)
        }
        guard let headerRecord = records.first else {
            throw .unreadableFile("\(fileName) is empty; the first row must name the columns: "
                                  + TalentImportHeader.columns.joined(separator: ", "))
        }
        let header: TalentImportHeader
        do {
            header = try TalentImportHeader(headerRecord.fields, line: headerRecord.line)
        } catch {
            throw reject(error.issues, encoding: decoded.detected.rawValue, rows: records.count - 1)
        }
        var drafts: [LineDraft] = []
        drafts.reserveCapacity(records.count)
        var issues: [ImportIssue] = []
        var firstLineOfKey: [String: Int] = [:]
        firstLineOfKey.reserveCapacity(records.count)
        let body = records.dropFirst()
        for (index, record) in body.enumerated() {
            switch header.draft(from: record.fields, line: record.line, today: options.today) {
            case let .success(draft):
                let key = draft.identity.key
                if let earlier = firstLineOfKey[key] {
                    issues.append(ImportIssue(
                        line: record.line, column: draft.identity.isResident ? "id_number" : "passport",
                        value: draft.identity.masked, reason: "duplicate of line \(earlier) in this file"))
                } else {
                    firstLineOfKey[key] = record.line
                    drafts.append(LineDraft(line: record.line, draft: draft))
                }
            case let .failure(rowIssues):
                issues += rowIssues.issues
            }
            if index % 5000 == 0 { progress("validating", index, body.count) }
        }
        progress("validating", body.count, body.count)
        return ParsedFile(encoding: decoded.detected.rawValue, rowsTotal: body.count, drafts: drafts, issues: issues)
    }

    // MARK: Validation against the database

    struct Checked {
        var employerIDs: [String: Int64]
        var alreadyRegistered: Int
    }

    /// Removes rows already registered under the same name; flags unknown employers and identities
    /// registered to someone else.
    func check(_ drafts: inout [LineDraft], issues: inout [ImportIssue]) async throws(ServiceError) -> Checked {
        let codes = Array(Set(drafts.compactMap(\.draft.employerCreditCode)))
        let keys = drafts.map(\.draft.identity.key)
        let (employerIDs, registered) = try await run {
            try await store.read { session in
                (try await session.organisationIDs(creditCodes: codes), try await session.registeredIdentities(keys))
            }
        }
        var kept: [LineDraft] = []
        kept.reserveCapacity(drafts.count)
        var alreadyRegistered = 0
        for item in drafts {
            var bad = false
            if let code = item.draft.employerCreditCode, employerIDs[code] == nil {
                issues.append(ImportIssue(
                    line: item.line, column: "employer_credit_code", value: code,
                    reason: "no organisation has this credit code; add the organisation first"))
                bad = true
            }
            if let existing = registered[item.draft.identity.key] {
                if existing.name == item.draft.name.value && !bad {
                    alreadyRegistered += 1
                    continue
                }
                if existing.name != item.draft.name.value {
                    issues.append(ImportIssue(
                        line: item.line, column: item.draft.identity.isResident ? "id_number" : "passport",
                        value: item.draft.identity.masked,
                        reason: "already registered as talent #\(existing.id) (\(existing.name)), not \(item.draft.name.value)"))
                    bad = true
                }
            }
            if !bad { kept.append(item) }
        }
        drafts = kept
        return Checked(employerIDs: employerIDs, alreadyRegistered: alreadyRegistered)
    }

    // MARK: Files

    static func writeErrorReport(_ issues: [ImportIssue], besides path: String) -> String? {
        let reportPath = path + ".errors.csv"
        let rows = issues.map { [String($0.line), $0.column ?? "", $0.value ?? "", $0.reason] }
        let document = CSVWriter.excelDocument(header: ["line", "column", "value", "reason"], rows: rows)
        return (try? document.write(to: URL(fileURLWithPath: reportPath))) != nil ? reportPath : nil
    }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

extension PersonIdentity {
    var isResident: Bool {
        if case .resident = self { return true }
        return false
    }
}
