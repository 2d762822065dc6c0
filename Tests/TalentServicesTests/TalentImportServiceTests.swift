import Foundation
import Testing
import TalentDomain
import TalentServices
@testable import TalentStore
import TalentText
import TestSupport

/// A temporary folder holding one import file (and the error report written beside it).
final class ImportFile {
    let folder: URL
    let path: String

    init(_ data: Data, name: String = "talents.csv") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("talentzone-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent(name).path
        try data.write(to: URL(fileURLWithPath: path))
    }

    convenience init(_ text: String, name: String = "talents.csv") throws {
        try self.init(Data(text.utf8), name: name)
    }

    var errorReportPath: String { path + ".errors.csv" }

    /// The error report's rows (header dropped) as [line, column, value, reason].
    func errorReport() throws -> [[String]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: errorReportPath))
        let text = try TextDecoding.decode(data, as: .utf8).text
        let records = try CSVReader.records(in: text)
        #expect(records.first?.fields == ["line", "column", "value", "reason"])
        return records.dropFirst().map(\.fields)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

@Suite("Talent import service")
struct TalentImportServiceTests {
    typealias F = RegistryFixture

    static let header = "name,id_number,passport,nationality,mobile,degree,university,employer_credit_code,contract_start"
    /// Three valid rows (lines 2–4): two residents with the employer, one foreign talent.
    static let goodRows = [
        "王小明,11010519491231002X,,,13800138000,硕士,\"北京大学, 医学部\",91110000600037341L,2024-03-01",
        "李娜,360426199101010071,,,,本科,,91110000600037341l,",
        "Anna Schmidt,,C01X00T47,DEU,,doctorate,TU München,,2025/7/1",
    ]
    static var goodFile: String { ([header] + goodRows).joined(separator: "\n") + "\n" }

    static func importer(_ store: Store) -> TalentImportService { TalentImportService(store: store) }

    static func options(_ encoding: SourceEncoding = .auto, skipInvalid: Bool = false) -> TalentImportService.Options {
        .init(encoding: encoding, skipInvalid: skipInvalid, today: CalendarDate(year: 2026, month: 11, day: 26)!)
    }

    /// Checks the three good rows landed as expected.
    static func expectGoodRowsStored(_ store: Store) async throws {
        let registry = RegistryService(store: store)
        #expect(try await F.talentCount(store) == 3)
        let wang = try await registry.talent(identityKey: "11010519491231002X", actor: "tester")
        #expect(wang.name == "王小明")
        #expect(wang.university == "北京大学, 医学部")
        #expect(wang.degree == .master)
        #expect(wang.mobile == "13800138000")
        #expect(wang.birthDate == CalendarDate(year: 1949, month: 12, day: 31))
        #expect(wang.sex == .female)
        #expect(wang.employer?.creditCode == F.employerCode)
        #expect(wang.contractStart == CalendarDate(year: 2024, month: 3, day: 1))
        let li = try await registry.talent(identityKey: "360426199101010071", actor: "tester")
        #expect(li.employer?.name == F.employerName)
        #expect(li.sex == .male)
        let anna = try await registry.talent(identityKey: "DEU:C01X00T47", actor: "tester")
        #expect(anna.university == "TU München")
        #expect(anna.employer == nil)
        #expect(anna.contractStart == CalendarDate(year: 2025, month: 7, day: 1))
    }

    // MARK: Good files

    @Test func importsAGoodUTF8FileWithOneAuditEntry() async throws {
        try await F.withStore { (store: Store) async throws in
            try await F.addEmployer(store)
            let file = try ImportFile(Self.goodFile)
            let report = try await Self.importer(store).importFile(at: file.path, options: Self.options(), actor: F.actor)
            #expect(report.file == "talents.csv")
            #expect(report.encoding == "utf-8")
            #expect(report.rowsTotal == 3)
            #expect(report.added == 3)
            #expect(report.alreadyRegistered == 0)
            #expect(report.issues.isEmpty)
            #expect(report.invalidRows == 0)
            #expect(report.written)
            let batchID = try #require(report.batchID)
            #expect(report.errorReportPath == nil)
            #expect(!FileManager.default.fileExists(atPath: file.errorReportPath))
            #expect(report.summary.contains("3 talents added"))
            try await Self.expectGoodRowsStored(store)

            let audit = try await F.audit(store, action: "talent.import")
            #expect(audit.count == 1)
            #expect(audit.first?.entityType == "import_batch")
            #expect(audit.first?.entityID == String(batchID))
            #expect(audit.first?.actor == F.actor.auditName)
            #expect(try F.object(audit.first?.after)["rowsAdded"] as? Int == 3)
            #expect(try await F.auditCount(store) == 2)  // organisation.add + talent.import
        }
    }

    @Test func importsUTF8WithAByteOrderMarkAndCRLF() async throws {
        try await F.withStore { (store: Store) async throws in
            try await F.addEmployer(store)
            let text = ([Self.header] + Self.goodRows).joined(separator: "\r\n") + "\r\n"
            let file = try ImportFile(Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8))
            let report = try await Self.importer(store).importFile(at: file.path, options: Self.options(), actor: F.actor)
            #expect(report.encoding == "utf-8")
            #expect(report.added == 3)
            try await Self.expectGoodRowsStored(store)
        }
    }

    @Test(arguments: [SourceEncoding.auto, .gb18030])
    func importsGB18030(_ encoding: SourceEncoding) async throws {
        try await F.withStore { (store: Store) async throws in
            try await F.addEmployer(store)
            let bytes = try TextDecoding.encodeGB18030(Self.goodFile)
            #expect(bytes != Data(Self.goodFile.utf8))
            let file = try ImportFile(bytes)
            let report = try await Self.importer(store).importFile(at: file.path, options: Self.options(encoding), actor: F.actor)
            #expect(report.encoding == "gb18030")
            #expect(report.added == 3)
            try await Self.expectGoodRowsStored(store)
        }
    }

    @Test func gb18030ReadAsUTF8IsRejectedNamingTheLine() async throws {
        try await F.withStore { (store: Store) async throws in
            try await F.addEmployer(store)
            // Lines 1 and 2 are ASCII; the first Chinese character is on line 3.
            let text = Self.header + "\nAnna Schmidt,,C01X00T47,DEU,,,,,\n" + Self.goodRows[0] + "\n"
            let file = try ImportFile(try TextDecoding.encodeGB18030(text))
            let audits = try await F.auditCount(store)
            let failure = await caught {
                try await Self.importer(store).importFile(at: file.path, options: Self.options(.utf8), actor: F.actor)
            }
            let report = try #require((failure as? ServiceError)?.importReport)
            #expect(report.file == "talents.csv")
            #expect(report.issues.map(\.line) == [3])
            #expect(report.issues.first?.reason.contains("UTF-8") == true)
            #expect(!report.written)
            #expect(try await F.talentCount(store) == 0)
            #expect(try await F.auditCount(store) == audits)
        }
    }

    // MARK: Bad rows: all reported, nothing written

    /// Line 2 is good; lines 3–7 each have one problem.
    static let badFile = [
        header,
        goodRows[0],
        "少列,360426199101010071,,,13800138000",
        "坏日期,44011320141005001X,,,,,,,2024-02-30",
        "坏校验,110105194912310021,,,,,,,",
        "重复,11010519491231002X,,,,,,,",
        "坏学位,360426199101010071,,,,diploma,,,",
    ].joined(separator: "\n") + "\n"

    static func expectBadFileIssues(_ report: TalentImportReport) {
        let located = report.issues.map { "\($0.line):\($0.column ?? "-")" }
        #expect(located == ["3:-", "4:contract_start", "5:id_number", "6:id_number", "7:degree"])
        #expect(report.invalidRows == 5)
        #expect(report.rowsTotal == 6)
        #expect(report.issues.first?.reason.contains("expected 9 fields, found 5") == true)
        #expect(report.issues[1].value == "2024-02-30")
        #expect(report.issues[2].reason.contains("check character should be X"))
        #expect(report.issues[3].reason.contains("duplicate of line 2"))
        #expect(report.issues[3].value == "1101**********002X")
    }

    @Test func aFileWithBadRowsIsRejectedWholeWithEveryIssueLocated() async throws {
        try await F.withStore { (store: Store) async throws in
            try await F.addEmployer(store)
            let file = try ImportFile(Self.badFile)
            let audits = try await F.auditCount(store)
            let failure = await caught {
                try await Self.importer(store).importFile(at: file.path, options: Self.options(), actor: F.actor)
            }
            let report = try #require((failure as? ServiceError)?.importReport)
            Self.expectBadFileIssues(report)
            #expect(!report.written)
            #expect(report.added == 0)
            #expect(report.batchID == nil)
            #expect(report.summary.contains("nothing was imported"))
            #expect(report.errorReportPath == file.errorReportPath)
            let rows = try file.errorReport()
            #expect(rows.map { "\($0[0]):\($0[1])" } == ["3:", "4:contract_start", "5:id_number", "6:id_number", "7:degree"])
            #expect(rows.allSatisfy { $0.count == 4 && !$0[3].isEmpty })

            #expect(try await F.talentCount(store) == 0)
            #expect(try await F.auditCount(store) == audits)
        }
    }

    @Test func skipInvalidWritesOnlyTheValidRowsAndReportsTheRest() async throws {
        try await F.withStore { (store: Store) async throws in
            try await F.addEmployer(store)
            let file = try ImportFile(Self.badFile)
            let report = try await Self.importer(store).importFile(
                at: file.path, options: Self.options(skipInvalid: true), actor: F.actor)
            Self.expectBadFileIssues(report)
            #expect(report.written)
            #expect(report.added == 1)
            #expect(report.errorReportPath == file.errorReportPath)
            #expect(FileManager.default.fileExists(atPath: file.errorReportPath))
            #expect(report.summary.contains("5 invalid rows skipped"))
            #expect(try await F.talentCount(store) == 1)
            #expect(try await RegistryService(store: store).talent(identityKey: "11010519491231002X", actor: "tester").name == "王小明")
            let audit = try #require(try await F.audit(store, action: "talent.import").first)
            #expect(audit.reason?.contains("--skip-invalid: 5 rows skipped") == true)
            #expect(try F.object(audit.after)["rowsSkipped"] as? Int == 5)
        }
    }

    @Test func skipInvalidWithNoValidRowWritesNothing() async throws {
        try await F.withStore { (store: Store) async throws in
            let file = try ImportFile(Self.header + "\n坏校验,110105194912310021,,,,,,,\n")
            let report = try await Self.importer(store).importFile(
                at: file.path, options: Self.options(skipInvalid: true), actor: F.actor)
            #expect(report.added == 0)
            #expect(report.invalidRows == 1)
            #expect(!report.written)
            #expect(try await F.talentCount(store) == 0)
            #expect(try await F.auditCount(store) == 0)
        }
    }

    @Test func anIdentityRegisteredUnderAnotherNameIsRejected() async throws {
        try await F.withStore { (store: Store) async throws in
            let existing = try await RegistryService(store: store).register(
                F.resident(name: "王小明", id: "11010519491231002X"), actor: F.actor)
            let file = try ImportFile("name,id_number\n张三,360426199101010071\n王大明,11010519491231002X\n")
            let audits = try await F.auditCount(store)
            let failure = await caught {
                try await Self.importer(store).importFile(at: file.path, options: Self.options(), actor: F.actor)
            }
            let report = try #require((failure as? ServiceError)?.importReport)
            #expect(report.issues.count == 1)
            let issue = try #require(report.issues.first)
            #expect(issue.line == 3)
            #expect(issue.column == "id_number")
            #expect(issue.reason.contains("talent #\(existing.id)"))
            #expect(issue.reason.contains("王小明"))
            #expect(issue.reason.contains("王大明"))
            #expect(FileManager.default.fileExists(atPath: file.errorReportPath))
            #expect(try await F.talentCount(store) == 1)
            #expect(try await F.auditCount(store) == audits)
        }
    }

    @Test func anUnknownEmployerIsAnIssueInItsColumn() async throws {
        try await F.withStore { (store: Store) async throws in
            try await F.addEmployer(store)
            let file = try ImportFile("""
                name,id_number,employer_credit_code
                王小明,11010519491231002X,\(F.employerCode)
                李娜,360426199101010071,\(F.unregisteredCode)

                """)
            let failure = await caught {
                try await Self.importer(store).importFile(at: file.path, options: Self.options(), actor: F.actor)
            }
            let report = try #require((failure as? ServiceError)?.importReport)
            #expect(report.issues.map(\.line) == [3])
            #expect(report.issues.first?.column == "employer_credit_code")
            #expect(report.issues.first?.value == F.unregisteredCode)
            #expect(try await F.talentCount(store) == 0)
        }
    }

    @Test func importingTheSameFileTwiceAddsNothingTheSecondTime() async throws {
        try await F.withStore { (store: Store) async throws in
            try await F.addEmployer(store)
            let file = try ImportFile(Self.goodFile)
            let first = try await Self.importer(store).importFile(at: file.path, options: Self.options(), actor: F.actor)
            #expect(first.added == 3)
            let audits = try await F.auditCount(store)
            let second = try await Self.importer(store).importFile(at: file.path, options: Self.options(), actor: F.actor)
            #expect(second.added == 0)
            #expect(second.alreadyRegistered == 3)
            #expect(second.issues.isEmpty)
            #expect(!second.written)
            #expect(second.batchID == nil)
            #expect(second.summary.contains("3 already registered"))
            #expect(try await F.talentCount(store) == 3)
            #expect(try await F.auditCount(store) == audits)

            // A file with the same three and one more adds only the new one.
            let grown = try ImportFile(Self.goodFile + "赵六,\(F.residentID(7)),,,,,,,\n")
            let third = try await Self.importer(store).importFile(at: grown.path, options: Self.options(), actor: F.actor)
            #expect(third.added == 1)
            #expect(third.alreadyRegistered == 3)
            #expect(try await F.talentCount(store) == 4)
        }
    }

    @Test func anUnknownColumnRejectsTheFileAtTheHeader() async throws {
        try await F.withStore { (store: Store) async throws in
            let file = try ImportFile("name,id_number,hobby\n王小明,11010519491231002X,chess\n")
            let failure = await caught {
                try await Self.importer(store).importFile(at: file.path, options: Self.options(), actor: F.actor)
            }
            let report = try #require((failure as? ServiceError)?.importReport)
            #expect(report.issues.count == 1)
            #expect(report.issues.first?.line == 1)
            #expect(report.issues.first?.column == "hobby")
            #expect(report.issues.first?.reason.contains("unknown column") == true)
            #expect(!report.written)
            #expect(FileManager.default.fileExists(atPath: file.path + ".errors.csv"))
            #expect(try await F.talentCount(store) == 0)
            #expect(try await F.auditCount(store) == 0)
        }
    }

    @Test func aHeaderWithoutAnIdentityColumnIsRejected() async throws {
        try await F.withStore { (store: Store) async throws in
            let file = try ImportFile("name,mobile\n王小明,13800138000\n")
            let failure = await caught {
                try await Self.importer(store).importFile(at: file.path, options: Self.options(), actor: F.actor)
            }
            let report = try #require((failure as? ServiceError)?.importReport)
            #expect(report.issues.map(\.column) == ["id_number"])
            #expect(try await F.talentCount(store) == 0)
        }
    }

    @Test func unbalancedQuotesRejectTheFileNamingTheLine() async throws {
        try await F.withStore { (store: Store) async throws in
            let file = try ImportFile("name,id_number,university\n王小明,11010519491231002X,\"北京大学\n李娜,360426199101010071,\n")
            let failure = await caught {
                try await Self.importer(store).importFile(at: file.path, options: Self.options(), actor: F.actor)
            }
            let report = try #require((failure as? ServiceError)?.importReport)
            #expect(report.issues.map(\.line) == [2])
            #expect(!report.written)
            #expect(FileManager.default.fileExists(atPath: file.path + ".errors.csv"))
            #expect(try await F.talentCount(store) == 0)
            #expect(try await F.auditCount(store) == 0)
        }
    }

    @Test func aQuoteInsideAnUnquotedFieldRejectsTheFileNamingTheLine() async throws {
        try await F.withStore { (store: Store) async throws in
            let file = try ImportFile("name,id_number\n李娜,360426199101010071\n王\"小明,11010519491231002X\n")
            let failure = await caught {
                try await Self.importer(store).importFile(at: file.path, options: Self.options(), actor: F.actor)
            }
            let report = try #require((failure as? ServiceError)?.importReport)
            #expect(report.issues.map(\.line) == [3])
            #expect(try await F.talentCount(store) == 0)
        }
    }

    @Test func emptyAndMissingFilesAreUnreadable() async throws {
        try await F.withStore { (store: Store) async throws in
            let empty = try ImportFile("")
            let emptyError = await caught {
                try await Self.importer(store).importFile(at: empty.path, options: Self.options(), actor: F.actor)
            }
            #expect((emptyError as? ServiceError)?.unreadableMessage?.contains("empty") == true)
            let missing = empty.folder.appendingPathComponent("nope.csv").path
            let missingError = await caught {
                try await Self.importer(store).importFile(at: missing, options: Self.options(), actor: F.actor)
            }
            #expect((missingError as? ServiceError)?.unreadableMessage?.contains("nope.csv") == true)
        }
    }

    @Test func aFutureInsuranceMonthIsAnIssueAgainstTheGivenToday() async throws {
        try await F.withStore { (store: Store) async throws in
            let file = try ImportFile("name,id_number,insurance_since\n王小明,11010519491231002X,2026-12\n李娜,360426199101010071,2026-11\n")
            let failure = await caught {
                try await Self.importer(store).importFile(at: file.path, options: Self.options(), actor: F.actor)
            }
            let report = try #require((failure as? ServiceError)?.importReport)
            #expect(report.issues.map { "\($0.line):\($0.column ?? "")" } == ["2:insurance_since"])
        }
    }

    @Test func aLargeFileGoesInWithCOPYAndReportsProgress() async throws {
        try await F.withStore { (store: Store) async throws in
            try await F.addEmployer(store)
            let rows = (0..<3000).map { n in
                "人才\(n),\(F.residentID(n)),1380013\(String(format: "%04d", n)),bachelor,\(n % 2 == 0 ? F.employerCode : "")"
            }
            let file = try ImportFile((["name,id_number,mobile,degree,employer_credit_code"] + rows).joined(separator: "\n"))
            let phases = PhaseLog()
            let report = try await Self.importer(store).importFile(at: file.path, options: Self.options(), actor: F.actor) {
                phase, done, total in phases.record(phase, done, total)
            }
            #expect(report.added == 3000)
            #expect(try await F.talentCount(store) == 3000)
            #expect(try await RegistryService(store: store).talents(TalentFilter(employerCreditCode: F.employerCode, limit: 5000), actor: "tester").count == 1500)
            #expect(phases.last("validating") == 3000)
            #expect(phases.last("writing") == 3000)
        }
    }
}

final class PhaseLog: @unchecked Sendable {
    private let lock = NSLock()
    private var done: [String: Int] = [:]

    func record(_ phase: String, _ count: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        done[phase] = count
    }

    func last(_ phase: String) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        return done[phase]
    }
}
