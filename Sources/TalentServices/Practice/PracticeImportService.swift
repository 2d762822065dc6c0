import Foundation
import TalentDomain
import TalentStore
import TalentText

/// Bulk imports of trainees, host positions, preferences and rankings, with the talent import's
/// behaviour: every row is checked (against the file and the database) before anything is written;
/// any bad row means nothing is written (unless `skipInvalid`), every bad row is listed, and
/// `FILE.errors.csv` is written beside the file. The checks and the writes share one transaction.
extension PracticeBaseService {
    public static let traineeColumns = [
        "student_number", "name", "id_number", "mobile", "university", "field", "direct_from_bachelor", "campus_supervisor",
    ]
    public static let positionColumns = ["code", "enterprise_credit_code", "title", "capacity", "topic", "skills"]
    public static let preferenceColumns = ["university", "student_number", "position", "rank"]
    public static let rankingColumns = ["position", "university", "student_number", "rank"]

    // MARK: Trainees

    public func importTrainees(at path: String, cohortYear: Int, options: TalentImportService.Options = .init(),
                               actor: Principal) async throws(ServiceError) -> PracticeImportReport {
        _ = try AccessTable.authorize(.practiceManage, actor)
        let file = try CSVImportFile.read(
            at: path, allowed: Self.traineeColumns,
            required: Self.traineeColumns.filter { $0 != "mobile" }, options: options)
        var issues: [ImportIssue] = []
        var drafts: [(line: Int, draft: TraineeDraft)] = []
        var firstLine: [String: Int] = [:]
        for record in file.rows {
            if let issue = file.shapeIssue(record) { issues.append(issue); continue }
            let flagText = file.cell(record, "direct_from_bachelor") ?? ""
            let direct = CSVImportFile.flag(flagText)
            if direct == nil {
                issues.append(ImportIssue(
                    line: record.line, column: "direct_from_bachelor", value: flagText,
                    reason: "must be yes or no (true/false, 1/0, 是/否): it decides the required practice duration"))
            }
            let input = TraineeInput(
                studentNumber: file.cell(record, "student_number") ?? "", name: file.cell(record, "name") ?? "",
                identity: file.cell(record, "id_number") ?? "", mobile: file.cell(record, "mobile"),
                university: file.cell(record, "university") ?? "", field: file.cell(record, "field") ?? "",
                directFromBachelor: direct ?? false, campusSupervisor: file.cell(record, "campus_supervisor") ?? "")
            switch input.validated(today: options.today) {
            case let .failure(rowIssues):
                issues += rowIssues.placed(on: record.line)
            case let .success(draft) where direct != nil:
                for (key, column, value) in [("n:\(draft.university)/\(draft.studentNumber)", "student_number", draft.studentNumber),
                                             ("i:\(draft.identity.key)", "id_number", draft.identity.masked)] {
                    if let earlier = firstLine[key] {
                        issues.append(ImportIssue(line: record.line, column: column, value: value,
                                                  reason: "duplicate of line \(earlier) in this file"))
                    } else {
                        firstLine[key] = record.line
                    }
                }
                drafts.append((record.line, draft))
            case .success:
                break
            }
        }
        return try await write(file, kind: "trainees", issues: issues, options: options, actor: actor) { [drafts] session, issues in
            let cohort = try await Self.cohort(cohortYear, session)
            let universities = try await session.universityIDs(references: Array(Set(drafts.map(\.draft.university))))
            var programmes: [String: ProgrammeRecord?] = [:]
            let enrolled = try await session.enrolledIdentities(cohortID: cohort.id, drafts.map(\.draft.identity.key))
            var badLines = Set(issues.map(\.line))
            var rows: [(line: Int, new: NewTrainee)] = []
            var unchanged = 0
            for (line, draft) in drafts where !badLines.contains(line) {
                func bad(_ column: String, _ value: String, _ reason: String) {
                    issues.append(ImportIssue(line: line, column: column, value: value, reason: reason))
                    badLines.insert(line)
                }
                guard let universityID = universities[draft.university] ?? universities[draft.university.uppercased()] else {
                    bad("university", draft.university,
                        "no university is registered with this credit code or name (a name shared by two universities needs the code)")
                    continue
                }
                let programmeKey = "\(universityID)/\(draft.field)"
                if programmes[programmeKey] == nil {
                    programmes[programmeKey] = .some(try await session.programme(universityID: universityID, field: draft.field))
                }
                guard let programme = programmes[programmeKey] ?? nil else {
                    bad("field", draft.field, "the university has no programme \(draft.field); add the programme first")
                    continue
                }
                let existing = try await session.trainees(studentNumber: draft.studentNumber, universityCode: nil)
                    .first { $0.universityCode == programme.universityCode }
                if let existing {
                    if existing.name == draft.name.value && existing.cohortYear == cohort.intakeYear
                        && existing.identityKey.fullValue == draft.identity.key {
                        unchanged += 1
                    } else {
                        bad("student_number", draft.studentNumber,
                            "already enrolled as \(existing.name) in \(existing.cohortName); fix the number or remove the row")
                    }
                    continue
                }
                if let number = enrolled[draft.identity.key] {
                    bad("id_number", draft.identity.masked, "already enrolled in \(cohort.name) as student \(number)")
                    continue
                }
                rows.append((line, NewTrainee(
                    cohortID: cohort.id, universityID: universityID, programmeID: programme.id,
                    studentNumber: draft.studentNumber, name: draft.name.value, identityKey: draft.identity.key,
                    mobile: draft.mobile?.value, directFromBachelor: draft.directFromBachelor,
                    campusSupervisor: draft.campusSupervisor.value)))
            }
            try Self.refuseIfBad(file, issues, options)
            for (line, new) in rows where !badLines.contains(line) {
                _ = try await session.insertTrainee(new)
            }
            return (rows.filter { !badLines.contains($0.line) }.count, unchanged)
        }
    }

    // MARK: Positions

    public func importPositions(at path: String, cohortYear: Int, options: TalentImportService.Options = .init(),
                                actor: Principal) async throws(ServiceError) -> PracticeImportReport {
        _ = try AccessTable.authorize(.practiceManage, actor)
        let file = try CSVImportFile.read(
            at: path, allowed: Self.positionColumns, required: ["code", "enterprise_credit_code", "title", "capacity"],
            options: options)
        var issues: [ImportIssue] = []
        var inputs: [(line: Int, input: PositionInput)] = []
        var firstLine: [String: Int] = [:]
        for record in file.rows {
            if let issue = file.shapeIssue(record) { issues.append(issue); continue }
            let capacityText = file.cell(record, "capacity") ?? ""
            guard let capacity = Int(capacityText) else {
                issues.append(ImportIssue(line: record.line, column: "capacity", value: capacityText,
                                          reason: "must be a whole number of trainees (0 or more)"))
                continue
            }
            let input = PositionInput(
                code: file.cell(record, "code") ?? "", enterpriseCode: file.cell(record, "enterprise_credit_code") ?? "",
                title: file.cell(record, "title") ?? "", capacity: capacity, topic: file.cell(record, "topic"),
                skills: file.cell(record, "skills"))
            switch input.validated() {
            case let .failure(rowIssues): issues += rowIssues.placed(on: record.line)
            case let .success(clean):
                if let earlier = firstLine[clean.code] {
                    issues.append(ImportIssue(line: record.line, column: "code", value: clean.code,
                                              reason: "duplicate of line \(earlier) in this file"))
                } else {
                    firstLine[clean.code] = record.line
                    inputs.append((record.line, clean))
                }
            }
        }
        return try await write(file, kind: "positions", issues: issues, options: options, actor: actor) { [inputs] session, issues in
            let cohort = try await Self.cohort(cohortYear, session)
            let existing = Dictionary(uniqueKeysWithValues: try await session.positions(cohortID: cohort.id).map { ($0.code, $0) })
            let organisations = try await session.organisationKinds(creditCodes: Array(Set(inputs.map(\.input.enterpriseCode))))
            var rows: [NewHostPosition] = []
            var unchanged = 0
            for (line, input) in inputs {
                guard let enterprise = organisations[input.enterpriseCode], enterprise.kind == .enterprise else {
                    issues.append(ImportIssue(
                        line: line, column: "enterprise_credit_code", value: input.enterpriseCode,
                        reason: organisations[input.enterpriseCode] == nil
                            ? "no organisation has this credit code; add the organisation first"
                            : "\(organisations[input.enterpriseCode]?.name ?? "") is not an enterprise"))
                    continue
                }
                if let stored = existing[input.code] {
                    if stored.enterpriseCode == input.enterpriseCode && stored.title == input.title && stored.capacity == input.capacity {
                        unchanged += 1
                    } else {
                        issues.append(ImportIssue(
                            line: line, column: "code", value: input.code,
                            reason: "\(cohort.name) already has position \(input.code) (\(stored.title), \(stored.enterpriseName), capacity \(stored.capacity))"))
                    }
                    continue
                }
                rows.append(NewHostPosition(
                    cohortID: cohort.id, enterpriseID: enterprise.id, code: input.code, title: input.title,
                    capacity: input.capacity, topic: input.topic, skills: input.skills))
            }
            try Self.refuseIfBad(file, issues, options)
            for row in rows { _ = try await session.insertPosition(row) }
            return (rows.count, unchanged)
        }
    }

    // MARK: Both sides' rankings

    /// Trainees' ranked lists: one row per (trainee, position, rank). Each trainee in the file gets
    /// exactly the listed positions, in rank order; ties and repeated positions are errors.
    public func importPreferences(at path: String, cohortYear: Int, options: TalentImportService.Options = .init(),
                                  actor: Principal) async throws(ServiceError) -> PracticeImportReport {
        _ = try AccessTable.authorize(.practiceManage, actor)
        return try await importRankedLists(at: path, cohortYear: cohortYear, side: .trainees, options: options, actor: actor)
    }

    /// Positions' ranked lists of trainees: one row per (position, trainee, rank).
    public func importRankings(at path: String, cohortYear: Int, options: TalentImportService.Options = .init(),
                               actor: Principal) async throws(ServiceError) -> PracticeImportReport {
        _ = try AccessTable.authorize(.practiceManage, actor)
        return try await importRankedLists(at: path, cohortYear: cohortYear, side: .positions, options: options, actor: actor)
    }

    enum RankingSide { case trainees, positions }

    private struct RankedRow {
        var line: Int
        var trainee: TraineeReference
        var position: String
        var rank: Int
    }

    private func importRankedLists(at path: String, cohortYear: Int, side: RankingSide, options: TalentImportService.Options,
                                   actor: Principal) async throws(ServiceError) -> PracticeImportReport {
        let allowed = side == .trainees ? Self.preferenceColumns : Self.rankingColumns
        let file = try CSVImportFile.read(
            at: path, allowed: allowed, required: ["student_number", "position", "rank"], options: options)
        var issues: [ImportIssue] = []
        var rows: [RankedRow] = []
        for record in file.rows {
            if let issue = file.shapeIssue(record) { issues.append(issue); continue }
            var fields = FieldChecks()
            let number = fields.check("student_number", file.cell(record, "student_number") ?? "") { text throws(ValidationError) in
                try StudentNumber.validated(text)
            }
            let position = fields.required("position", file.cell(record, "position") ?? "", hint: "give the position's code")
            let rankText = file.cell(record, "rank") ?? ""
            let rank = Int(rankText).flatMap { $0 >= 1 ? $0 : nil }
            if rank == nil {
                fields.issues.append(ImportIssue(line: 0, column: "rank", value: rankText,
                                                 reason: "must be a whole number from 1 (most preferred)"))
            }
            guard fields.issues.isEmpty, let number, let position, let rank else {
                issues += ImportIssues(fields.issues).placed(on: record.line)
                continue
            }
            rows.append(RankedRow(
                line: record.line, trainee: TraineeReference(studentNumber: number, universityCode: file.cell(record, "university")),
                position: position, rank: rank))
        }
        let kind = side == .trainees ? "preferences" : "rankings"
        return try await write(file, kind: kind, issues: issues, options: options, actor: actor) { [rows] session, issues in
            let cohort = try await Self.openCohort(cohortYear, session)
            let positions = Dictionary(uniqueKeysWithValues: try await session.positions(cohortID: cohort.id).map { ($0.code, $0.id) })
            let trainees = try await session.trainees(TraineeFilter(cohortYear: cohortYear))
            // Resolve each row's trainee and position; group by the owner of the list.
            var lists: [Int64: [RankedRow]] = [:]
            var resolved: [Int: (trainee: Int64, position: Int64)] = [:]
            for row in rows {
                let candidates = trainees.filter {
                    $0.studentNumber == row.trainee.studentNumber
                        && (row.trainee.universityCode == nil || $0.universityCode == row.trainee.universityCode
                            || $0.universityName == row.trainee.universityCode)
                }
                guard candidates.count == 1, let trainee = candidates.first else {
                    issues.append(ImportIssue(
                        line: row.line, column: "student_number", value: row.trainee.studentNumber,
                        reason: candidates.isEmpty
                            ? "no trainee of \(cohort.name) has this student number" + (row.trainee.universityCode.map { " at \($0)" } ?? "")
                            : "\(candidates.count) universities have this student number; fill in the university column"))
                    continue
                }
                guard trainee.status == .enrolled else {
                    issues.append(ImportIssue(line: row.line, column: "student_number", value: row.trainee.studentNumber,
                                              reason: "\(trainee.name) is \(trainee.status.rawValue), not enrolled; only enrolled trainees are matched"))
                    continue
                }
                guard let positionID = positions[row.position] else {
                    issues.append(ImportIssue(line: row.line, column: "position", value: row.position,
                                              reason: "\(cohort.name) has no position with this code"))
                    continue
                }
                resolved[row.line] = (trainee.id, positionID)
                lists[side == .trainees ? trainee.id : positionID, default: []].append(row)
            }
            // Strict rankings: no tie, nothing listed twice.
            var badOwners: Set<Int64> = []
            for (owner, list) in lists {
                var rankLine: [Int: Int] = [:]
                var itemLine: [Int64: Int] = [:]
                for row in list {
                    guard let pair = resolved[row.line] else { continue }
                    let item = side == .trainees ? pair.position : pair.trainee
                    if let earlier = rankLine[row.rank] {
                        issues.append(ImportIssue(line: row.line, column: "rank", value: String(row.rank),
                                                  reason: "tie: rank \(row.rank) is also given on line \(earlier); rankings must be strict"))
                        badOwners.insert(owner)
                    } else {
                        rankLine[row.rank] = row.line
                    }
                    if let earlier = itemLine[item] {
                        issues.append(ImportIssue(line: row.line, column: side == .trainees ? "position" : "student_number",
                                                  value: side == .trainees ? row.position : row.trainee.studentNumber,
                                                  reason: "listed twice in the same ranking (also on line \(earlier))"))
                        badOwners.insert(owner)
                    } else {
                        itemLine[item] = row.line
                    }
                }
            }
            // A list with any bad row is not written at all, even with skip-invalid.
            let badLines = Set(issues.map(\.line))
            for (owner, list) in lists where list.contains(where: { badLines.contains($0.line) }) { badOwners.insert(owner) }
            try Self.refuseIfBad(file, issues, options)
            var written = 0
            for (owner, list) in lists.sorted(by: { $0.key < $1.key }) where !badOwners.contains(owner) {
                let ordered = list.sorted { $0.rank < $1.rank }.compactMap { resolved[$0.line] }
                switch side {
                case .trainees:
                    try await session.replacePreferences(cohortID: cohort.id, traineeID: owner, positionIDs: ordered.map(\.position))
                case .positions:
                    try await session.replaceRanking(cohortID: cohort.id, positionID: owner, traineeIDs: ordered.map(\.trainee))
                }
                written += 1
            }
            return (written, 0)
        }
    }

    // MARK: The shared write step

    /// Runs `body` (which checks the rows the file left valid against the database, appending issues,
    /// refuses the import if any row is bad, then writes) in one transaction with the batch record and
    /// its audit entry. File and database problems are reported together.
    private func write(
        _ file: CSVImportFile, kind: String, issues fileIssues: [ImportIssue], options: TalentImportService.Options,
        actor: Principal,
        _ body: @escaping @Sendable (StoreSession, inout [ImportIssue]) async throws -> (added: Int, unchanged: Int)
    ) async throws(ServiceError) -> PracticeImportReport {
        try await run {
            try await store.write { session in
                var issues = fileIssues
                let (added, unchanged) = try await body(session, &issues)
                let invalidRows = Set(issues.map(\.line)).count
                var report = PracticeImportReport(
                    kind: kind, file: file.fileName, encoding: file.encoding, rowsTotal: file.rows.count, added: added,
                    unchanged: unchanged, issues: issues.sorted { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") },
                    invalidRows: invalidRows, errorReportPath: issues.isEmpty ? nil : file.report(issues: issues).errorReportPath)
                guard added > 0 else { return report }
                let batch = try await session.insertImportBatch(NewImportBatch(
                    kind: "practice-\(kind)", fileName: file.fileName, fileSHA256: file.sha256, encoding: file.encoding,
                    rowsTotal: file.rows.count, rowsAdded: added, rowsSkipped: invalidRows, actor: actor.auditName))
                report.batchID = batch.id
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "practice.\(kind).import", entityType: "import_batch", entityID: String(batch.id),
                    before: Optional<ImportBatchRecord>.none, after: batch,
                    reason: invalidRows > 0 ? "--skip-invalid: \(invalidRows) rows skipped" : nil))
                return report
            }
        }
    }

    /// Refuses the whole import when a row is bad, unless invalid rows may be skipped.
    private static func refuseIfBad(_ file: CSVImportFile, _ issues: [ImportIssue],
                                    _ options: TalentImportService.Options) throws(ServiceError) {
        guard !issues.isEmpty, !options.skipInvalid else { return }
        throw .importRejected(file.report(issues: issues))
    }
}
