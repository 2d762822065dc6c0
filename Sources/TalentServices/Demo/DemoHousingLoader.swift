import Foundation
import TalentDomain
import TalentRules
import TalentStore

/// Loads ``DemoHousing`` through the housing services (never raw SQL): the project and its
/// buildings, the 572 units as one CSV import, an application from most certified talents, then the
/// first round over the first phase, committed with a published seed.
///
/// Every step looks at what is stored first, so loading twice adds nothing the second time.
public struct DemoHousingLoader: Sendable {
    let zone: TalentZone
    public let actor: Principal
    /// The seed published for the demo's first round.
    public static let roundSeed = "20261126"

    public init(zone: TalentZone, actor: Principal = .localOperator("demo")) {
        self.zone = zone
        self.actor = actor
    }

    public func load(_ plan: DemoHousing, today: CalendarDate,
                     note: @Sendable (String) -> Void = { _ in }) async throws(ServiceError) -> DemoHousingLoadReport {
        var report = DemoHousingLoadReport()
        let inventory = zone.housingInventory
        if try await !inventory.projects(actor: actor).contains(where: { $0.code == DemoHousing.project.code }) {
            _ = try await inventory.addProject(DemoHousing.project, actor: actor)
        }
        let buildings = Set(try await inventory.buildings(actor: actor).map(\.code))
        for building in plan.buildings where !buildings.contains(building.input.code) {
            _ = try await inventory.addBuilding(building.input, actor: actor)
            report.buildingsAdded += 1
        }
        report.unitsAdded = try await importUnits(plan)
        note("housing: \(report.buildingsAdded) buildings and \(report.unitsAdded) units added")

        let applied = Set(try await zone.housingApplications.applications(actor: actor).map(\.talentIdentityKey.fullValue))
        let certified = try await zone.certification.list(CertificationFilter(status: .certified, limit: Int(Int32.max)), actor: actor)
            .compactMap { record -> DemoHousing.Certified? in
                guard let number = record.talentClass, let talentClass = TalentClass(number), let from = record.validFrom else { return nil }
                return DemoHousing.Certified(identityKey: record.identityKey.fullValue, talentClass: talentClass, validFrom: from)
            }
        // Classes 1–3 rest on honours; record the one that explains each such certification, so that
        // `rules classify` proposes the class the office gave.
        for talent in certified {
            guard let honour = Self.honour(of: talent.talentClass),
                  try await zone.ruleExplanations.honours(identityKey: talent.identityKey).isEmpty else { continue }
            try await zone.ruleExplanations.setHonours(identityKey: talent.identityKey, [honour], on: today, actor: actor)
        }
        let policy = try await zone.rules.current(on: today).policy
        for application in plan.applications(certified: certified, policy: policy, today: today)
        where !applied.contains(application.input.talent) {
            _ = try await zone.housingApplications.submit(application.input, today: today, actor: actor)
            report.applicationsAdded += 1
        }
        note("housing: \(report.applicationsAdded) applications submitted")

        let rounds = zone.housingRounds
        if try await !rounds.rounds(actor: .localOperator("demo")).contains(where: { $0.code == DemoHousing.firstRound }) {
            _ = try await rounds.create(HousingRoundInput(
                code: DemoHousing.firstRound, name: "2026年第一批人才公寓配租 (一期 1–3 栋)", asOf: today,
                buildingCodes: DemoHousing.firstPhase), actor: actor)
            report.roundCreated = true
        }
        if try await rounds.round(code: DemoHousing.firstRound, actor: .localOperator("demo")).status != .committed {
            _ = try await rounds.commit(code: DemoHousing.firstRound, seed: Self.roundSeed, on: today, today: today, actor: actor)
            report.roundCommitted = true
            note("housing: round \(DemoHousing.firstRound) committed with seed \(Self.roundSeed)")
        }
        return report
    }

    /// The honour of the default policy's classification that makes a talent class 1, 2 or 3.
    static func honour(of talentClass: TalentClass) -> String? {
        switch talentClass.number {
        case 1: "academician"
        case 2: "national-talent-programme"
        case 3: "renowned-overseas-expert"
        default: nil
        }
    }

    private func importUnits(_ plan: DemoHousing) async throws(ServiceError) -> Int {
        let files = try DemoFiles(prefix: "housing")
        defer { files.remove() }
        let file = try files.write("units.csv", header: HousingInventoryService.unitColumns, rows: plan.units.map { unit in
            [unit.code, unit.buildingCode, String(unit.floor), unit.category.rawValue,
             "\(unit.areaHundredths / 100).\(String(format: "%02d", unit.areaHundredths % 100))", unit.accessible ? "yes" : "no"]
        })
        return try await zone.housingInventory.importUnits(
            at: file, options: .init(writeErrorReport: false), actor: actor).added
    }
}

/// What one ``DemoHousingLoader/load(_:today:note:)`` added.
public struct DemoHousingLoadReport: Sendable, Codable, Equatable {
    public var buildingsAdded = 0
    public var unitsAdded = 0
    public var applicationsAdded = 0
    public var roundCreated = false
    public var roundCommitted = false

    public var addedNothing: Bool {
        buildingsAdded == 0 && unitsAdded == 0 && applicationsAdded == 0 && !roundCreated && !roundCommitted
    }
}
