import Foundation
import Testing
import TalentDomain
import TalentRules
import TalentServices
@testable import TalentStore
import TalentText
import TestSupport

@Suite("Housing unit import: checked first, all or nothing, error report")
struct HousingUnitImportTests {
    typealias F = RegistryFixture
    typealias H = HousingFixture

    static let goodFile = """
        unit_code,building,floor,category,area_m2,accessible
        C-0101,ZGTT-A,1,studio,35.5,yes
        C-0102,ZGTT-A,1,1BR,52.40,no
        C-0201,ZGTT-B,2,2br,84.8,
        C-0202,ZGTT-B,2,3BR,112,0

        """

    static func options(_ encoding: SourceEncoding = .auto, skipInvalid: Bool = false) -> TalentImportService.Options {
        TalentImportService.Options(encoding: encoding, skipInvalid: skipInvalid, today: H.day("2026-11-26"))
    }

    /// A database with the project and both buildings but no units.
    static func withBuildings(_ label: String = #function, _ body: (Store, HousingInventoryService) async throws -> Void) async throws {
        try await F.withStore(label) { (store: Store) async throws in
            let inventory = HousingInventoryService(store: store)
            _ = try await inventory.addProject(HousingProjectInput(code: H.projectCode, name: H.projectName), actor: F.actor)
            for (code, fen) in [(H.buildingA, 3200), (H.buildingB, 2850)] {
                _ = try await inventory.addBuilding(
                    HousingBuildingInput(code: code, projectCode: H.projectCode, name: code, benchmarkFenPerM2: fen), actor: F.actor)
            }
            try await body(store, inventory)
        }
    }

    static func expectGoodRowsStored(_ inventory: HousingInventoryService) async throws {
        let units = try await inventory.units(actor: "tester")
        #expect(units.map(\.code) == ["C-0101", "C-0102", "C-0201", "C-0202"])
        #expect(units.map(\.areaHundredths) == [3550, 5240, 8480, 11200])
        #expect(units.map(\.category) == ["studio", "1BR", "2BR", "3BR"])
        #expect(units.map(\.accessible) == [true, false, false, false])
        #expect(units.allSatisfy { $0.status == .available })
    }

    @Test func importsAGoodFileAndASecondImportAddsNothing() async throws {
        try await Self.withBuildings { (store: Store, inventory: HousingInventoryService) async throws in
            let file = try ImportFile(Self.goodFile, name: "units.csv")
            let report = try await inventory.importUnits(at: file.path, options: Self.options(), actor: F.actor)
            #expect(report.added == 4 && report.unchanged == 0 && report.issues.isEmpty && report.batchID != nil)
            try await Self.expectGoodRowsStored(inventory)
            let audit = try await F.audit(store, action: "housing.unit.import")
            #expect(audit.count == 1)
            #expect(try await PracticeFixture.scalar(store, "SELECT count(*) AS n FROM housing_units WHERE import_batch_id IS NOT NULL") == 4)

            let again = try await inventory.importUnits(at: file.path, options: Self.options(), actor: F.actor)
            #expect(again.added == 0 && again.unchanged == 4 && again.batchID == nil)
            #expect(again.summary.contains("4 already there"))
            #expect(try await H.count(store, "housing_units") == 4)
            #expect(try await F.auditCount(store, action: "housing.unit.import") == 1)
            #expect(!FileManager.default.fileExists(atPath: file.errorReportPath))
        }
    }

    @Test func unitCodesAreOneCodeWhateverTheirCase() async throws {
        try await Self.withBuildings { (store: Store, inventory: HousingInventoryService) async throws in
            let file = try ImportFile(Self.goodFile, name: "units.csv")
            _ = try await inventory.importUnits(at: file.path, options: Self.options(), actor: F.actor)
            // The same units typed in lower case are the stored ones, not new ones.
            let lower = try ImportFile(Self.goodFile.replacingOccurrences(of: "C-0", with: "c-0"), name: "lower.csv")
            let again = try await inventory.importUnits(at: lower.path, options: Self.options(), actor: F.actor)
            #expect(again.added == 0 && again.unchanged == 4)
            #expect(try await inventory.unit(code: "c-0101", actor: "tester").code == "C-0101")
            // Two spellings of one code in one file are a duplicate row.
            let twice = try ImportFile("unit_code,building,floor,category,area_m2\nD-1,ZGTT-A,1,studio,35\nd-1,ZGTT-A,1,studio,35\n",
                                       name: "twice.csv")
            let error = await caught { try await inventory.importUnits(at: twice.path, options: Self.options(), actor: F.actor) }
            guard case let .importRejected(report)? = error as? ServiceError else {
                Issue.record("expected a rejected import, got \(String(describing: error))")
                return
            }
            #expect(report.issues.map(\.line) == [3])
            #expect(report.issues.first?.reason.contains("duplicate of line 2") == true)
            // The database holds the rule too.
            let sql = await PracticeFixture.sqlError(store, """
                INSERT INTO housing_units (code, building_id, floor, category, area_hundredths)
                SELECT 'c-0101', id, 1, 'studio', 3500 FROM housing_buildings LIMIT 1
                """)
            #expect("\(String(describing: sql))".contains("housing_units_code_any_case"))
            #expect(try await H.count(store, "housing_units") == 4)
        }
    }

    @Test func aBadFileWritesNothingAndListsEveryProblemWithLineAndColumn() async throws {
        try await Self.withBuildings { (store: Store, inventory: HousingInventoryService) async throws in
            _ = try await inventory.addUnit(
                HousingUnitInput(code: "C-0900", buildingCode: H.buildingA, floor: 9, category: .studio, areaHundredths: 3000),
                actor: F.actor)
            let text = """
                unit_code,building,floor,category,area_m2,accessible
                C-0101,ZGTT-A,1,studio,35.5,yes
                C-0102,ZGTT-X,1,1BR,52.40,no
                C-0101,ZGTT-A,1,studio,35.5,yes
                C-0103,ZGTT-A,one,4BR,52.405,maybe
                C-0900,ZGTT-A,9,1BR,30,no
                C-0104,ZGTT-A,1,studio,2.5,no
                甲-1,ZGTT-A,1,studio,30,no
                C-0105,ZGTT-A,1,studio

                """
            let file = try ImportFile(text, name: "units.csv")
            let error = await caught { try await inventory.importUnits(at: file.path, options: Self.options(), actor: F.actor) }
            let report = try #require((error as? ServiceError)?.importReport)
            let found = Set(report.issues.map { "\($0.line):\($0.column ?? "-")" })
            for expected in ["3:building", "4:unit_code", "5:floor", "5:category", "5:area_m2", "5:accessible",
                             "6:unit_code", "7:area_m2", "8:unit_code", "9:-"] {
                #expect(found.contains(expected), "missing \(expected) in \(found)")
            }
            #expect(report.invalidRows == 7)
            #expect(report.issues.first { $0.line == 4 }?.reason.contains("duplicate of line 2") == true)
            #expect(report.issues.first { $0.line == 6 }?.reason.contains("already stored with different data (category: stored studio, file 1BR)") == true)
            #expect(report.summary.contains("nothing was imported"))
            #expect(try await H.count(store, "housing_units") == 1)
            #expect(try await H.count(store, "import_batches") == 0)
            let rows = try file.errorReport()
            #expect(rows.count == report.issues.count)
            #expect(rows.contains { $0[0] == "3" && $0[1] == "building" && $0[2] == "ZGTT-X" })
        }
    }

    @Test func skipInvalidImportsTheGoodRowsAndReportsTheRest() async throws {
        try await Self.withBuildings { (store: Store, inventory: HousingInventoryService) async throws in
            let text = Self.goodFile + "C-0301,NOPE,3,studio,30,no\nC-0302,ZGTT-A,3,penthouse,30,no\n"
            let file = try ImportFile(text, name: "units.csv")
            let report = try await inventory.importUnits(at: file.path, options: Self.options(skipInvalid: true), actor: F.actor)
            #expect(report.added == 4 && report.invalidRows == 2)
            #expect(report.errorReportPath == file.errorReportPath)
            try await Self.expectGoodRowsStored(inventory)
            let audit = try #require(try await F.audit(store, action: "housing.unit.import").first)
            #expect(audit.reason?.contains("2 rows skipped") == true)
        }
    }

    @Test(arguments: [SourceEncoding.auto, .gb18030])
    func importsGB18030(_ encoding: SourceEncoding) async throws {
        try await Self.withBuildings { (_: Store, inventory: HousingInventoryService) async throws in
            let text = Self.goodFile.replacingOccurrences(of: ",yes\n", with: ",是\n").replacingOccurrences(of: ",no\n", with: ",否\n")
            let bytes = try TextDecoding.encodeGB18030(text)
            #expect(bytes != Data(text.utf8))
            let file = try ImportFile(bytes, name: "房源.csv")
            let report = try await inventory.importUnits(at: file.path, options: Self.options(encoding), actor: F.actor)
            #expect(report.encoding == "gb18030")
            #expect(report.added == 4)
            try await Self.expectGoodRowsStored(inventory)
        }
    }

    @Test func utf8WithAByteOrderMarkAndColumnsInAnyOrder() async throws {
        try await Self.withBuildings { (_: Store, inventory: HousingInventoryService) async throws in
            let text = "\u{FEFF}building,unit_code,category,floor,area_m2\r\nZGTT-A,C-0101,studio,1,35.5\r\n"
            let file = try ImportFile(text, name: "units.csv")
            let report = try await inventory.importUnits(at: file.path, options: Self.options(), actor: F.actor)
            #expect(report.added == 1)
            #expect(try await inventory.unit(code: "C-0101", actor: "tester").accessible == false)
        }
    }

    @Test func aMissingColumnRejectsTheFile() async throws {
        try await Self.withBuildings { (store: Store, inventory: HousingInventoryService) async throws in
            let file = try ImportFile("unit_code,building,floor,area_m2,colour\nC-1,ZGTT-A,1,30,red\n", name: "units.csv")
            let error = await caught { try await inventory.importUnits(at: file.path, options: Self.options(), actor: F.actor) }
            let report = try #require((error as? ServiceError)?.importReport)
            #expect(report.issues.contains { $0.column == "category" && $0.reason.contains("required") })
            #expect(report.issues.contains { $0.column == "colour" && $0.reason.contains("unknown column") })
            #expect(try await H.count(store, "housing_units") == 0)
        }
    }

    @Test func importsFiveHundredUnitsInOneStatement() async throws {
        try await Self.withBuildings { (store: Store, inventory: HousingInventoryService) async throws in
            var text = "unit_code,building,floor,category,area_m2,accessible\n"
            for n in 0..<572 {
                text += "D-\(n),\(n % 2 == 0 ? H.buildingA : H.buildingB),\(n / 20 + 1),\(["studio", "1BR", "2BR", "3BR"][n % 4]),\(40 + n % 50).\(n % 100),no\n"
            }
            let file = try ImportFile(text, name: "units.csv")
            let report = try await inventory.importUnits(at: file.path, options: Self.options(), actor: F.actor)
            #expect(report.added == 572)
            #expect(try await H.count(store, "housing_units") == 572)
            #expect(try await inventory.unit(code: "D-571", actor: "tester").areaHundredths == (40 + 571 % 50) * 100 + 71)
        }
    }
}
