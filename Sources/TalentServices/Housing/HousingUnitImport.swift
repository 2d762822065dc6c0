import Foundation
import TalentDomain
import TalentRules
import TalentStore
import TalentText

/// `talentctl housing unit import`: units from CSV with the talent import's behaviour. Every row is
/// checked against the file and the database before anything is written; any bad row means nothing is
/// written (unless `skipInvalid`); every bad row is listed with line and column, and `FILE.errors.csv`
/// is written beside the file. A row identical to a stored unit counts as unchanged, so importing a
/// file twice adds nothing. The checks and the one multi-row insert share one transaction.
extension HousingInventoryService {
    /// Known columns in template order (`Docs/units-example.csv`).
    public static let unitColumns = ["unit_code", "building", "floor", "category", "area_m2", "accessible"]
    /// `accessible` may be left out (then no unit is accessible).
    public static let requiredUnitColumns = ["unit_code", "building", "floor", "category", "area_m2"]

    public func importUnits(at path: String, options: TalentImportService.Options = .init(), actor: Principal,
                            progress: @escaping TalentImportService.Progress = { _, _, _ in })
        async throws(ServiceError) -> PracticeImportReport
    {
        _ = try AccessTable.authorize(.housingInventoryManage, actor)
        let file = try CSVImportFile.read(
            at: path, allowed: Self.unitColumns, required: Self.requiredUnitColumns, options: options)
        return try await importUnits(file, options: options, actor: actor, progress: progress)
    }

    /// The same import of a file's content sent by a front door (`POST /api/v1/units/import`): `fileName`
    /// names it in the report and the import batch; no `FILE.errors.csv` is written (the refusal lists
    /// every bad row).
    public func importUnits(csv: Data, fileName: String, options: TalentImportService.Options = .init(),
                            actor: Principal) async throws(ServiceError) -> PracticeImportReport {
        _ = try AccessTable.authorize(.housingInventoryManage, actor)
        var options = options
        options.writeErrorReport = false
        let file = try CSVImportFile.read(
            csv, path: fileName, allowed: Self.unitColumns, required: Self.requiredUnitColumns, options: options)
        return try await importUnits(file, options: options, actor: actor, progress: { _, _, _ in })
    }

    private func importUnits(_ file: CSVImportFile, options: TalentImportService.Options, actor: Principal,
                             progress: @escaping TalentImportService.Progress) async throws(ServiceError) -> PracticeImportReport {
        var issues: [ImportIssue] = []
        var inputs: [(line: Int, input: HousingUnitInput)] = []
        var firstLine: [String: Int] = [:]
        for (index, record) in file.rows.enumerated() {
            if index % 1000 == 0 { progress("validating", index, file.rows.count) }
            if let issue = file.shapeIssue(record) { issues.append(issue); continue }
            switch HousingUnitRules.input(from: record, file) {
            case let .failure(rowIssues): issues += rowIssues.issues
            case let .success(input):
                if let earlier = firstLine[input.code.uppercased()] {
                    issues.append(ImportIssue(line: record.line, column: "unit_code", value: input.code,
                                              reason: "duplicate of line \(earlier) in this file; each unit appears once"))
                } else {
                    firstLine[input.code.uppercased()] = record.line
                    inputs.append((record.line, input))
                }
            }
        }
        progress("validating", file.rows.count, file.rows.count)
        let fileIssues = issues
        return try await run {
            try await store.write { [inputs] session in
                var issues = fileIssues
                let buildings = try await session.housingBuildingIDs(codes: Array(Set(inputs.map(\.input.buildingCode))))
                let stored = try await session.housingUnits(codes: inputs.map(\.input.code))
                var rows: [NewHousingUnit] = []
                var unchanged = 0
                for (line, input) in inputs {
                    guard let buildingID = buildings[input.buildingCode] else {
                        issues.append(ImportIssue(
                            line: line, column: "building", value: input.buildingCode,
                            reason: "no building has this code; add the building first"))
                        continue
                    }
                    if let unit = stored[input.code.uppercased()] {
                        let differences = HousingUnitRules.differences(input, unit)
                        if differences.isEmpty {
                            unchanged += 1
                        } else {
                            issues.append(ImportIssue(
                                line: line, column: "unit_code", value: input.code,
                                reason: "unit \(input.code) is already stored with different data ("
                                    + differences.joined(separator: "; ") + "); fix the row or use another code"))
                        }
                        continue
                    }
                    rows.append(NewHousingUnit(
                        code: input.code, buildingID: buildingID, floor: input.floor, category: input.category.rawValue,
                        areaHundredths: input.areaHundredths, accessible: input.accessible))
                }
                let sorted = issues.sorted { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
                // Writes FILE.errors.csv when any row is bad, whether or not the import goes on.
                var rejection = sorted.isEmpty ? nil : file.report(issues: sorted)
                // Rows identical to stored units are neither bad nor importable: --skip-invalid would add
                // nothing for them, so the refusal counts them apart before suggesting it.
                rejection?.alreadyRegistered = unchanged
                if let rejection, !options.skipInvalid { throw ServiceError.importRejected(rejection) }
                let errorReport = rejection?.errorReportPath
                let invalidRows = Set(sorted.map(\.line)).count
                var report = PracticeImportReport(
                    kind: "units", file: file.fileName, encoding: file.encoding, rowsTotal: file.rows.count,
                    added: rows.count, unchanged: unchanged, issues: sorted, invalidRows: invalidRows,
                    errorReportPath: errorReport)
                guard !rows.isEmpty else { return report }
                progress("writing", 0, rows.count)
                let batch = try await session.insertImportBatch(NewImportBatch(
                    kind: "housing-units", fileName: file.fileName, fileSHA256: file.sha256, encoding: file.encoding,
                    rowsTotal: file.rows.count, rowsAdded: rows.count, rowsSkipped: invalidRows, actor: actor.auditName))
                try await session.insertHousingUnits(rows, importBatchID: batch.id)
                progress("writing", rows.count, rows.count)
                report.batchID = batch.id
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "housing.unit.import", entityType: "import_batch", entityID: String(batch.id),
                    before: Optional<ImportBatchRecord>.none, after: batch,
                    reason: invalidRows > 0 ? "--skip-invalid: \(invalidRows) rows skipped" : nil))
                return report
            }
        }
    }
}

/// The checks a unit passes before it is stored, by hand or by import. Fields are named as the CSV columns.
enum HousingUnitRules {
    static func problems(_ input: HousingUnitInput) -> [ValidationError] {
        var problems: [ValidationError] = []
        if !HousingCodes.isValid(input.code.trimmed) {
            problems.append(ValidationError(
                field: "unit_code", value: input.code,
                reason: HousingCodeSyntax.rule, hint: "e.g. A-0101"))
        }
        if input.buildingCode.trimmed.isEmpty {
            problems.append(ValidationError(field: "building", value: input.buildingCode, reason: "is empty",
                                            hint: "give the building's code, e.g. ZGTT-A"))
        }
        if !(-5...200).contains(input.floor) {
            problems.append(ValidationError(field: "floor", value: String(input.floor), reason: "must be from -5 to 200"))
        }
        if !(500...100_000).contains(input.areaHundredths) {
            problems.append(ValidationError(
                field: "area_m2", value: Hundredths.format(input.areaHundredths),
                reason: "must be from 5.00 to 1000.00 m²"))
        }
        return problems
    }

    /// The unit of one CSV row, or every problem of the row.
    static func input(from record: CSVRecord, _ file: CSVImportFile) -> Result<HousingUnitInput, ImportIssues> {
        var issues: [ImportIssue] = []
        func bad(_ column: String, _ value: String, _ reason: String) {
            issues.append(ImportIssue(line: record.line, column: column, value: value, reason: reason))
        }
        let floorText = file.cell(record, "floor") ?? ""
        let floor = Int(floorText)
        if floor == nil { bad("floor", floorText, "must be a whole number (-5 to 200; basements are negative)") }
        let categoryText = file.cell(record, "category") ?? ""
        let category = UnitCategory.parse(categoryText)
        if category == nil { bad("category", categoryText, "must be studio, 1BR, 2BR or 3BR") }
        let areaText = file.cell(record, "area_m2") ?? ""
        let area = Hundredths.parse(areaText)
        if area == nil { bad("area_m2", areaText, "must be square metres with at most 2 decimals, e.g. 45.60") }
        let accessibleText = file.cell(record, "accessible") ?? ""
        let accessible = accessibleText.isEmpty ? false : CSVImportFile.flag(accessibleText)
        if accessible == nil { bad("accessible", accessibleText, "must be yes or no (true/false, 1/0, 是/否) or empty") }
        // The placeholders below (studio, 5 m², floor 0) only let the other checks of the row run: a row
        // whose category, area, floor or flag did not read has an issue already and is never stored.
        let input = HousingUnitInput(
            code: file.cell(record, "unit_code") ?? "", buildingCode: file.cell(record, "building") ?? "",
            floor: floor ?? 0, category: category ?? .studio, areaHundredths: area ?? 500, accessible: accessible ?? false)
        for problem in problems(input) where !(problem.field == "floor" && floor == nil)
            && !(problem.field == "area_m2" && area == nil) {
            issues.append(ImportIssue(line: record.line, column: problem.field, problem))
        }
        guard issues.isEmpty else { return .failure(ImportIssues(issues)) }
        var clean = input
        clean.code = input.code.trimmed
        clean.buildingCode = input.buildingCode.trimmed
        return .success(clean)
    }

    /// How a row differs from the stored unit of the same code (empty when identical).
    static func differences(_ input: HousingUnitInput, _ unit: HousingUnitRecord) -> [String] {
        var differences: [String] = []
        func differ(_ what: String, _ stored: String, _ given: String) {
            if stored != given { differences.append("\(what): stored \(stored), file \(given)") }
        }
        differ("building", unit.buildingCode, input.buildingCode)
        differ("floor", String(unit.floor), String(input.floor))
        differ("category", unit.category, input.category.rawValue)
        differ("area", Hundredths.format(unit.areaHundredths), Hundredths.format(input.areaHundredths))
        differ("accessible", unit.accessible ? "yes" : "no", input.accessible ? "yes" : "no")
        return differences
    }
}

/// Exact decimal amounts with two places (m² as hundredths, yuan as fen), with no floating point.
public enum Hundredths {
    /// `45.6` → 4560, `32` → 3200, `0.05` → 5; nil for anything else (signs, exponents, three decimals).
    public static func parse(_ text: String) -> Int? {
        let parts = text.trimmed.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 9, whole.allSatisfy(\.isASCIIDigit),
              let units = Int(whole) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 2, fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty else { return nil }
        while fraction.count < 2 { fraction += "0" }
        return units * 100 + (Int(fraction) ?? 0)
    }

    /// 4560 → `45.60`.
    public static func format(_ hundredths: Int) -> String {
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
