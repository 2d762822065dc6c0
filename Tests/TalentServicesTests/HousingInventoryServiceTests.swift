import Foundation
import Testing
import TalentDomain
import TalentRules
import TalentServices
@testable import TalentStore
import TestSupport

@Suite("Housing inventory: projects, buildings, units and their status")
struct HousingInventoryServiceTests {
    typealias F = RegistryFixture
    typealias H = HousingFixture

    @Test func addsAndListsTheStock() async throws {
        try await F.withStore { (store: Store) async throws in
            try await H.prepareInventory(store)
            let inventory = HousingInventoryService(store: store)
            #expect(try await inventory.projects(actor: "tester").map(\.code) == ["ZGTT"])
            let buildings = try await inventory.buildings(projectCode: "ZGTT", actor: "tester")
            #expect(buildings.map(\.code) == ["ZGTT-A", "ZGTT-B"])
            #expect(buildings.map(\.benchmarkFenPerM2) == [3200, 2850])
            #expect(try await inventory.units(actor: "tester").count == H.units.count)
            let a1br = try await inventory.units(filter: HousingUnitFilter(buildingCode: "ZGTT-A", category: "1br"), actor: "tester")
            #expect(a1br.count == 4)
            #expect(a1br.allSatisfy { $0.category == "1BR" && $0.areaHundredths == 5240 && $0.benchmarkFenPerM2 == 3200 })
            let unit = try await inventory.unit(code: "A-101", actor: "tester")
            #expect(unit.projectCode == "ZGTT" && unit.floor == 1 && unit.accessible && unit.status == .available)
            #expect(try await F.auditCount(store, action: "housing.unit.add") == H.units.count)
            #expect(try await F.auditCount(store, action: "housing.building.add") == 2)
        }
    }

    @Test func refusesDuplicatesUnknownReferencesAndBadValues() async throws {
        try await F.withStore { (store: Store) async throws in
            try await H.prepareInventory(store)
            let inventory = HousingInventoryService(store: store)
            let project = await caught { try await inventory.addProject(HousingProjectInput(code: "ZGTT", name: "又一个"), actor: F.actor) }
            #expect((project as? ServiceError)?.duplicateMessage?.contains("智谷人才小镇") == true)
            let building = await caught {
                try await inventory.addBuilding(
                    HousingBuildingInput(code: "X-1", projectCode: "NOPE", name: "X栋", benchmarkFenPerM2: 3000), actor: F.actor)
            }
            #expect((building as? ServiceError)?.notFoundMessage?.contains("NOPE") == true)
            let free = await caught {
                try await inventory.addBuilding(
                    HousingBuildingInput(code: "X-1", projectCode: "ZGTT", name: "X栋", benchmarkFenPerM2: 0), actor: F.actor)
            }
            #expect((free as? ServiceError)?.validation?.field == "benchmark")
            let unit = await caught {
                try await inventory.addUnit(
                    HousingUnitInput(code: "A-101", buildingCode: "ZGTT-A", floor: 1, category: .studio, areaHundredths: 3560),
                    actor: F.actor)
            }
            #expect((unit as? ServiceError)?.duplicateMessage?.contains("A-101") == true)
            let tiny = await caught {
                try await inventory.addUnit(
                    HousingUnitInput(code: "A-999", buildingCode: "ZGTT-A", floor: 9, category: .studio, areaHundredths: 120),
                    actor: F.actor)
            }
            #expect((tiny as? ServiceError)?.validation?.field == "area_m2")
            let badCode = await caught {
                try await inventory.addUnit(
                    HousingUnitInput(code: "甲-1", buildingCode: "ZGTT-A", floor: 9, category: .studio, areaHundredths: 3000),
                    actor: F.actor)
            }
            #expect((badCode as? ServiceError)?.validation?.field == "unit_code")
            #expect(try await H.count(store, "housing_units") == H.units.count)
        }
    }

    @Test func statusMovesByHandOnlyBetweenAvailableAndMaintenance() async throws {
        try await F.withStore { (store: Store) async throws in
            try await H.prepareInventory(store)
            let inventory = HousingInventoryService(store: store)
            let day = H.day("2026-04-01")
            let down = try await inventory.setStatus(code: "A-101", to: .maintenance, reason: "漏水维修", on: day, actor: F.actor)
            #expect(down.status == .maintenance)
            #expect(try await inventory.unit(code: "A-101", actor: "tester").status == .maintenance)
            let audit = try await F.audit(store, action: "housing.unit.status")
            #expect(audit.count == 1 && audit.first?.reason == "2026-04-01: 漏水维修")
            #expect(try await inventory.units(filter: HousingUnitFilter(status: .maintenance), actor: "tester").map(\.code) == ["A-101"])

            let again = await caught { try await inventory.setStatus(code: "A-101", to: .maintenance, reason: "x", on: day, actor: F.actor) }
            #expect((again as? ServiceError)?.refusedMessage?.contains("already maintenance") == true)
            let toLeased = await caught { try await inventory.setStatus(code: "A-102", to: .leased, reason: "x", on: day, actor: F.actor) }
            #expect((toLeased as? ServiceError)?.refusedMessage?.contains("only through an offer or a lease") == true)
            let noReason = await caught { try await inventory.setStatus(code: "A-102", to: .maintenance, reason: " ", on: day, actor: F.actor) }
            #expect((noReason as? ServiceError)?.validation?.field == "reason")

            let up = try await inventory.setStatus(code: "A-101", to: .available, reason: "修好了", on: day, actor: F.actor)
            #expect(up.status == .available)

            // A unit under offer or lease follows the offer or lease, not the office's hand.
            try await store.write { try await $0.execute(sql: "UPDATE housing_units SET status = 'offered' WHERE code = 'A-102'") }
            let offered = await caught { try await inventory.setStatus(code: "A-102", to: .maintenance, reason: "x", on: day, actor: F.actor) }
            #expect((offered as? ServiceError)?.refusedMessage?.contains("offered to an applicant") == true)
            try await store.write { try await $0.execute(sql: "UPDATE housing_units SET status = 'leased' WHERE code = 'A-103'") }
            let leased = await caught { try await inventory.setStatus(code: "A-103", to: .available, reason: "x", on: day, actor: F.actor) }
            #expect((leased as? ServiceError)?.refusedMessage?.contains("is leased") == true)
            #expect(try await F.auditCount(store, action: "housing.unit.status") == 2)
            let missing = await caught { try await inventory.setStatus(code: "Z-1", to: .maintenance, reason: "x", on: day, actor: F.actor) }
            #expect((missing as? ServiceError)?.notFoundMessage != nil)
        }
    }

    @Test func amountsAreExactHundredths() {
        #expect(Hundredths.parse("32.00") == 3200)
        #expect(Hundredths.parse("32") == 3200)
        #expect(Hundredths.parse("45.6") == 4560)
        #expect(Hundredths.parse("0.05") == 5)
        #expect(Hundredths.parse("28.555") == nil)
        #expect(Hundredths.parse("-1") == nil)
        #expect(Hundredths.parse("1e3") == nil)
        #expect(Hundredths.parse("12.") == nil)
        #expect(Hundredths.format(4560) == "45.60")
        #expect(Hundredths.format(5) == "0.05")
    }
}
