import Foundation
import TalentDomain
import TalentRules
import TalentServices
@testable import TalentStore
import TestSupport

/// A housing stock and applicants, shared by the housing suites:
/// - project ZGTT 智谷人才小镇 with building ZGTT-A (¥32.00/m²: 4 studios, 4 1BR, 3 2BR, 2 3BR, floors 1–4)
///   and ZGTT-B (¥28.50/m²: 2 studios, 2 1BR, 2 2BR);
/// - the in-zone employer `RegistryFixture.employerCode` (microelectronics) employing every talent, and a
///   second in-zone employer `otherEmployerCode` employing nobody;
/// - talents (contracts to 2030-12-31, social insurance in the zone since 2024-01) certified on 2026-01-15
///   (valid to 2032) in classes 2, 4, 5, 5 and 6, and one who is not certified (`uncertified`).
/// The built-in default policy applies (nothing is stored), version `gz-talent-town-2026.1`.
enum HousingFixture {
    typealias F = RegistryFixture

    static let projectCode = "ZGTT"
    static let projectName = "智谷人才小镇"
    static let buildingA = "ZGTT-A"
    static let buildingB = "ZGTT-B"
    static let otherEmployerCode = F.unregisteredCode
    static let otherEmployerName = "贵州另一科技有限公司"
    /// The day applications are made on unless a test says otherwise.
    static let applied = day("2026-03-02")
    static let certifiedOn = day("2026-01-15")
    static let policyVersion = "gz-talent-town-2026.1"
    /// The tests' today: after every day they record (leases renewed in 2028, practices completed in 2027),
    /// which the services refuse after the real today. Passed as `today:` wherever a step is recorded.
    static let today = day("2030-12-31")

    struct Talent: Sendable {
        var key: String
        var name: String
        /// The certified class, nil when not certified.
        var talentClass: Int?
        var degree: String
    }

    static let class2 = Talent(key: F.residentID(101), name: "陈思远", talentClass: 2, degree: "doctorate")
    static let class4 = Talent(key: F.residentID(102), name: "李工", talentClass: 4, degree: "doctorate")
    static let class5 = Talent(key: F.residentID(103), name: "王小明", talentClass: 5, degree: "master")
    static let class5b = Talent(key: F.residentID(104), name: "赵丽", talentClass: 5, degree: "master")
    static let class6 = Talent(key: F.residentID(105), name: "孙技师", talentClass: 6, degree: "bachelor")
    static let uncertified = Talent(key: F.residentID(106), name: "周新", talentClass: nil, degree: "master")
    static let talents = [class2, class4, class5, class5b, class6, uncertified]

    /// (code, building, floor, category, area in hundredths) of every unit.
    static let units: [(code: String, building: String, floor: Int, category: UnitCategory, area: Int)] = {
        var units: [(String, String, Int, UnitCategory, Int)] = []
        let a: [(UnitCategory, Int, Int)] = [(.studio, 4, 3560), (.oneBedroom, 4, 5240), (.twoBedroom, 3, 8480), (.threeBedroom, 2, 11250)]
        var n = 0
        for (category, count, area) in a {
            for _ in 0..<count {
                n += 1
                units.append((String(format: "A-%d%02d", (n - 1) / 4 + 1, n), buildingA, (n - 1) / 4 + 1, category, area))
            }
        }
        let b: [(UnitCategory, Int, Int)] = [(.studio, 2, 3800), (.oneBedroom, 2, 5600), (.twoBedroom, 2, 8800)]
        n = 0
        for (category, count, area) in b {
            for _ in 0..<count {
                n += 1
                units.append((String(format: "B-%d%02d", (n - 1) / 2 + 1, n), buildingB, (n - 1) / 2 + 1, category, area))
            }
        }
        return units
    }()

    static func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    /// Runs `body` against a fresh database holding the stock and the talents.
    static func withHousing(_ label: String = #function, _ body: (Store) async throws -> Void) async throws {
        try await F.withStore(label) { (store: Store) async throws in
            try await prepareInventory(store)
            try await prepareTalents(store)
            try await body(store)
        }
    }

    /// The project, both buildings and every unit of `units`.
    static func prepareInventory(_ store: Store) async throws {
        let inventory = HousingInventoryService(store: store)
        _ = try await inventory.addProject(
            HousingProjectInput(code: projectCode, name: projectName, address: "贵阳市高新区"), actor: F.actor)
        _ = try await inventory.addBuilding(
            HousingBuildingInput(code: buildingA, projectCode: projectCode, name: "A栋", benchmarkFenPerM2: 3200), actor: F.actor)
        _ = try await inventory.addBuilding(
            HousingBuildingInput(code: buildingB, projectCode: projectCode, name: "B栋", benchmarkFenPerM2: 2850), actor: F.actor)
        for unit in units {
            _ = try await inventory.addUnit(
                HousingUnitInput(code: unit.code, buildingCode: unit.building, floor: unit.floor, category: unit.category,
                                 areaHundredths: unit.area, accessible: unit.floor == 1),
                actor: F.actor)
        }
    }

    /// Both employers and every talent of `talents`, certified where they have a class.
    static func prepareTalents(_ store: Store) async throws {
        try await F.addEmployer(store)
        try await F.addEmployer(store, code: otherEmployerCode, name: otherEmployerName)
        let registry = RegistryService(store: store)
        let certification = CertificationService(store: store)
        for talent in talents {
            _ = try await registry.register(try F.draft([
                "name": talent.name, "id_number": talent.key, "degree": talent.degree,
                "employer_credit_code": F.employerCode, "contract_start": "2024-01-01", "contract_end": "2030-12-31",
                "insurance_since": "2024-01",
            ]), actor: F.actor)
            guard let number = talent.talentClass else { continue }
            try await certify(certification, key: talent.key, class: number)
        }
    }

    /// apply 2026-01-05 → recommend → review → publish 2026-01-08 → approve 2026-01-15 in `class`.
    static func certify(_ service: CertificationService, key: String, class number: Int) async throws {
        _ = try await service.apply(identityKey: key, requestedClass: TalentClass(number), on: day("2026-01-05"), actor: F.actor)
        _ = try await service.advance(identityKey: key, .init(.recommend, on: day("2026-01-06")), actor: F.actor)
        _ = try await service.advance(identityKey: key, .init(.startReview, on: day("2026-01-07")), actor: F.actor)
        _ = try await service.advance(identityKey: key, .init(.publish, on: day("2026-01-08")), actor: F.actor)
        _ = try await service.advance(
            identityKey: key, .init(.approve, on: certifiedOn, talentClass: TalentClass(number)), actor: F.actor)
    }

    /// Submits an application for `talent`; `members` adds that many household members (a spouse, then children).
    @discardableResult
    static func submit(_ store: Store, _ talent: Talent, prefer: [UnitCategory], members: Int = 0,
                       byEmployer: String? = nil, on date: CalendarDate = applied) async throws -> HousingApplicationRecord {
        try await HousingApplicationService(store: store).submit(
            HousingApplicationInput(talent: talent.key, submittedByEmployer: byEmployer, household: household(members),
                                    preferences: prefer, appliedOn: date),
            today: today, actor: F.actor)
    }

    /// Submits one application per certified talent, each for what their class may have with a household of one.
    static func submitAll(_ store: Store, on date: CalendarDate = applied) async throws -> [HousingApplicationRecord] {
        var records: [HousingApplicationRecord] = []
        for talent in talents where talent.talentClass != nil {
            records.append(try await submit(store, talent, prefer: [.oneBedroom, .studio], on: date))
        }
        return records
    }

    static func household(_ members: Int) -> [HouseholdMember] {
        (0..<members).map { $0 == 0 ? HouseholdMember(name: "林静", relation: "spouse") : HouseholdMember(name: "小宝\($0)", relation: "child") }
    }

    static func count(_ store: Store, _ table: String) async throws -> Int {
        precondition(table.allSatisfy { $0.isLetter || $0 == "_" })
        return Int(try await PracticeFixture.scalar(store, "SELECT count(*) AS n FROM \(table)"))
    }
}
