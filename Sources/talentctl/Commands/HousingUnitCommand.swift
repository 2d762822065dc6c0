import ArgumentParser
import TalentServices
import TalentText

struct HousingUnitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unit",
        abstract: "Units: add, import, list, show, set status.",
        discussion: """
            Example:
              talentctl housing unit import units.csv
              talentctl housing unit list --building ZGTT-A --category 1BR --status available
              talentctl housing unit set-status A-0101 maintenance --reason "漏水维修"
            """,
        subcommands: [Add.self, Import.self, List.self, Show.self, SetStatus.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add one unit to a building.",
            discussion: """
                --category is studio, 1BR, 2BR or 3BR; --area is in m² with at most
                two decimals (stored exactly).

                Example:
                  talentctl housing unit add A-0101 --building ZGTT-A --floor 1 --category 1BR --area 45.60 --accessible
                """)

        @Argument(help: "The unit's code, e.g. A-0101.") var code: String
        @Option(help: "The building's code.") var building: String
        // `.unconditional` so that `--floor -1` reads -1 as the value, not as an unknown option.
        @Option(parsing: .unconditional, help: "Floor, -5 to 200 (negative for basements).") var floor: Int
        @Option(help: "studio, 1BR, 2BR or 3BR.") var category: String
        @Option(parsing: .unconditional, help: "Floor area in m², 5.00 to 1000.00, e.g. 45.60.") var area: String
        @Flag(help: "The unit is accessible (barrier-free).") var accessible = false
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let unitCategory = try HousingText.category(category)
            // A negative area is a number, only out of range: the service's range check says so.
            let text = area.trimmingCharacters(in: .whitespaces)
            let negative = text.hasPrefix("-")
            guard let magnitude = Hundredths.parse(negative ? String(text.dropFirst()) : text) else {
                throw Failure.report(FieldError(field: "area", value: area, reason: "is not square metres with at most two decimals",
                                                hint: "e.g. --area 45.60"))
            }
            let hundredths = negative ? -magnitude : magnitude
            try await Command.run { zone in
                let record = try await zone.housingInventory.addUnit(
                    HousingUnitInput(code: code, buildingCode: building, floor: floor, category: unitCategory,
                                     areaHundredths: hundredths, accessible: accessible),
                    actor: actor.resolved)
                if output.json { return Output.json(UnitView(record)) }
                Output.line("added unit \(record.code): \(record.buildingCode) floor \(record.floor), \(record.category), \(HousingText.area(record.areaHundredths))")
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import units from a CSV file: all rows checked first, then all or nothing.",
            discussion: """
                The first row names the columns (any order; accessible may be left out):
                  \(HousingInventoryService.unitColumns.joined(separator: ", "))
                building: a building's code; category: studio, 1BR, 2BR or 3BR;
                area_m2: at most two decimals; accessible: yes/no (1/0, 是/否).
                Encoding: UTF-8 with or without BOM, or GB18030/GBK (--encoding).

                Any bad row (also an unknown building, a code twice in the file, or
                a code already stored with other data) means nothing is written;
                every bad row is listed and written to FILE.errors.csv. Importing
                the same file again adds nothing. See Docs/housing-inventory.md.

                Example:
                  talentctl housing unit import units.csv
                  talentctl housing unit import 房源.csv --encoding gb18030 --skip-invalid
                """)

        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var importOptions: CSVImportOptions
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await importOptions.run(json: output.json, summary: { report in
                report.summary + (report.added == 0 && report.invalidRows == 0 ? "; nothing new to import" : "")
            }) { zone, options, progress in
                try await zone.housingInventory.importUnits(at: file, options: options, actor: actor.resolved, progress: progress)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List units by project, building, floor and code.",
            discussion: "Example:\n  talentctl housing unit list --project ZGTT --category 2BR --status available\n  talentctl housing unit list --json")

        @Option(help: "Only this project's units.") var project: String?
        @Option(help: "Only this building's units.") var building: String?
        @Option(help: "Only this category: studio, 1BR, 2BR, 3BR.") var category: String?
        @Option(help: "Only units in this status: available, offered, leased, maintenance.") var status: String?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let unitStatus = try status.map(HousingText.status)
            let unitCategory = try category.map(HousingText.category)
            try await Command.run { zone in
                let records = try await zone.housingInventory.units(filter: HousingUnitFilter(
                    projectCode: project, buildingCode: building, category: unitCategory?.rawValue, status: unitStatus),
                    actor: actor.resolved)
                if output.json { return Output.json(records.map(UnitView.init)) }
                Output.table(["unit", "project", "building", "floor", "category", "area", "accessible", "status"], records.map {
                    [$0.code, $0.projectCode, $0.buildingCode, String($0.floor), HousingText.categoryLabel($0.category),
                     HousingText.area($0.areaHundredths), $0.accessible ? "yes" : "", $0.status.rawValue]
                }, rightAligned: [3, 5])
                Output.note(Output.count(records.count, "unit"))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one unit, with its full monthly rent at the benchmark.",
            discussion: "Example:\n  talentctl housing unit show A-0101\n  talentctl housing unit show A-0101 --json")

        @Argument(help: "The unit's code.") var code: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let record = try await zone.housingInventory.unit(code: code, actor: actor.resolved)
                let view = UnitView(record)
                if output.json { return Output.json(view) }
                Output.fields([
                    ("unit", record.code), ("project", record.projectCode), ("building", record.buildingCode),
                    ("floor", String(record.floor)), ("category", HousingText.categoryLabel(record.category)),
                    ("area", HousingText.area(record.areaHundredths)), ("accessible", record.accessible ? "yes" : "no"),
                    ("status", record.status.rawValue), ("benchmark", HousingText.rent(record.benchmarkFenPerM2)),
                    ("full rent", "¥\(Hundredths.format(view.fullMonthlyRentFen))/month before any discount"),
                ])
            }
        }
    }

    struct SetStatus: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-status",
            abstract: "Take a unit out of stock (maintenance) or return it (available).",
            discussion: """
                By hand a unit moves only between available and maintenance; offered
                and leased follow the unit's offers and leases and cannot be set or
                left here. The reason goes into the audit log.

                Example:
                  talentctl housing unit set-status A-0101 maintenance --reason "漏水维修"
                  talentctl housing unit set-status A-0101 available --reason "维修完成" --on 2026-12-01
                """)

        @Argument(help: "The unit's code.") var code: String
        @Argument(help: "available or maintenance.") var status: String
        @Option(help: "Why (recorded in the audit log).") var reason: String
        @Option(help: "The day of the change, YYYY-MM-DD (default today; not after today).") var on: Day?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let target = try HousingText.status(status)
            try await Command.run { zone in
                let record = try await zone.housingInventory.setStatus(
                    code: code, to: target, reason: reason, on: on?.date ?? .today(), actor: actor.resolved)
                if output.json { return Output.json(UnitView(record)) }
                Output.line("unit \(record.code) is now \(record.status.rawValue)")
            }
        }
    }
}

/// A unit as printed: the stored integers plus the area and rent as exact decimal text.
struct UnitView: Encodable {
    var code: String
    var project: String
    var building: String
    var floor: Int
    var category: String
    var areaM2: String
    var areaHundredths: Int
    var accessible: Bool
    var status: String
    var benchmarkFenPerM2: Int
    /// benchmark × area, rounded half up to the fen, before any class discount.
    var fullMonthlyRentFen: Int

    init(_ record: HousingUnitRecord) {
        code = record.code
        project = record.projectCode
        building = record.buildingCode
        floor = record.floor
        category = record.category
        areaM2 = Hundredths.format(record.areaHundredths)
        areaHundredths = record.areaHundredths
        accessible = record.accessible
        status = record.status.rawValue
        benchmarkFenPerM2 = record.benchmarkFenPerM2
        fullMonthlyRentFen = (record.benchmarkFenPerM2 * record.areaHundredths + 50) / 100
    }
}

/// How housing amounts and terms are written for people, and read from the command line.
enum HousingText {
    /// `45.60 m²`.
    static func area(_ hundredths: Int) -> String { "\(Hundredths.format(hundredths)) m²" }

    /// `¥32.00/m²`.
    static func rent(_ fenPerM2: Int) -> String { "¥\(Hundredths.format(fenPerM2))/m²" }

    /// `1BR 一室`.
    static func categoryLabel(_ code: String) -> String {
        UnitCategory.parse(code).map { "\($0.rawValue) \($0.chineseName)" } ?? code
    }

    static func category(_ text: String) throws -> UnitCategory {
        guard let category = UnitCategory.parse(text.trimmingCharacters(in: .whitespaces)) else {
            throw UsageError("the category must be studio, 1BR, 2BR or 3BR (not \(text))")
        }
        return category
    }

    static func status(_ text: String) throws -> UnitStatus {
        guard let status = UnitStatus(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw UsageError("the status must be available, offered, leased or maintenance (not \(text))")
        }
        return status
    }
}
