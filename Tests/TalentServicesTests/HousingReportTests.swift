import Foundation
import Testing
import TalentDomain
import TalentRules
import TalentServices
@testable import TalentStore
import TestSupport

/// The housing reports on ``HousingOfferFixture``: buildings A (13 units), B (6) and C (1: C-101); the C-101
/// lease of class 4 from 2026-12-01 to 2028-11-30 at 72960 fen a month; one A studio under maintenance.
@Suite("Housing reports: occupancy, vacancies, expiring leases, rent roll")
struct HousingReportTests {
    typealias F = RegistryFixture
    typealias H = HousingFixture
    typealias O = HousingOfferFixture

    static func withLease(_ label: String = #function, _ body: (Store, HousingLeaseRecord) async throws -> Void) async throws {
        try await H.withHousing(label) { (store: Store) async throws in
            let offer = try await O.offerOfC101(store)
            let lease = try await HousingOfferService(store: store).accept(offerID: offer.id, on: H.day("2026-12-01"), today: H.today, actor: F.actor)
            _ = try await HousingInventoryService(store: store).setStatus(
                code: "A-101", to: .maintenance, reason: "粉刷", on: H.day("2026-12-01"), today: H.today, actor: F.actor)
            try await body(store, lease.lease)
        }
    }

    @Test func occupancyByBuildingWithTheTotal() async throws {
        try await Self.withLease { store, _ in
            let report = try await HousingReportService(store: store).occupancy(on: H.day("2027-03-01"), actor: "tester")
            #expect(report.buildings.map(\.buildingCode) == [H.buildingA, H.buildingB, O.buildingC])
            #expect(report.buildings.map(\.units) == [13, 6, 1])
            #expect(report.buildings.map(\.leased) == [0, 0, 1])
            #expect(report.buildings.map(\.available) == [12, 6, 0])
            #expect(report.buildings.map(\.maintenance) == [1, 0, 0])
            #expect(report.buildings.map(\.occupancyPercent) == [0, 0, 100])
            #expect(report.total.units == 20)
            #expect(report.total.leased == 1)
            #expect(report.total.occupancyPercent == 5)
            #expect(report.buildings.map(\.letOn) == [0, 0, 1])
            #expect(report.rows.last == ["", "", "total", "20", "1", "0", "18", "1", "1", "5.0"])
            // Accepted on 2026-12-01 for a lease starting then: leased, but not yet let the day before.
            let early = try await HousingReportService(store: store).occupancy(on: H.day("2026-11-30"), actor: "tester")
            #expect(early.total.leased == 1)
            #expect(early.total.letOn == 0)
            #expect(early.total.occupancyPercent == 0)

            let statistics = try await ReportService(store: store).statistics(asOf: H.day("2027-03-01"), actor: "tester")
            #expect(statistics.housingOccupancy == 0.05)
            #expect(statistics.housingOccupancyNote == "1 of 20 units let on 2027-03-01")
            let before = try await ReportService(store: store).statistics(asOf: H.day("2026-11-30"), actor: "tester")
            #expect(before.housingOccupancy == 0, "the lease starts on 2026-12-01")
        }
    }

    @Test func vacanciesByCategory() async throws {
        try await Self.withLease { store, _ in
            let report = try await HousingReportService(store: store).vacancies(actor: "tester")
            #expect(report.categories.map(\.category) == ["studio", "1BR", "2BR", "3BR"])
            #expect(report.categories.map(\.units) == [6, 7, 5, 2])
            #expect(report.categories.map(\.available) == [5, 6, 5, 2])
            // Floor-1 units are accessible: A-101 (maintenance), A-102…A-104 and B-101, B-102.
            #expect(report.categories.map(\.accessibleAvailable) == [5, 0, 0, 0])
            #expect(report.rows[1] == ["1BR", "7", "6", "0", "52.40–56.00"])
        }
    }

    @Test func leasesExpiringWithinNDays() async throws {
        try await Self.withLease { store, lease in
            let service = HousingReportService(store: store)
            let report = try await service.expiring(within: 30, on: H.day("2028-11-01"), actor: "tester")
            #expect(report.leases.map(\.leaseNumber) == [lease.number])
            #expect(report.leases.first?.daysLeft == 29)
            #expect(report.leases.first?.renewalWindowOpens == H.day("2028-08-30"))
            #expect(report.leases.first?.monthlyFen == 72960)
            #expect(report.rows.first?.last == "729.60")
            #expect(try await service.expiring(within: 28, on: H.day("2028-11-01"), actor: "tester").leases.isEmpty)
            let bad = await caught { try await service.expiring(within: -1, on: H.day("2028-11-01"), actor: "tester") }
            #expect((bad as? ServiceError)?.validation?.field == "within")
        }
    }

    @Test func theRentRollBillsEachLeaseMonthOnceWithTotalsAndCSV() async throws {
        try await Self.withLease { store, lease in
            let service = HousingReportService(store: store)
            #expect(try await service.rentRoll(month: YearMonth("2026-11")!, actor: "tester").lines.isEmpty)
            let march = try await service.rentRoll(month: YearMonth("2027-03")!, actor: "tester")
            #expect(march.lines.map(\.leaseNumber) == [lease.number])
            let line = try #require(march.lines.first)
            #expect(line.talentName == H.class4.name)
            #expect(line.unitCode == O.unitC)
            #expect(line.billedFrom == H.day("2027-03-01"))
            #expect(line.fullFen == 145920)
            #expect(line.discountPercent == 50)
            #expect(line.monthlyFen == 72960)
            #expect(line.monthlyYuan == "729.60")
            #expect(march.totalFullFen == 145920)
            #expect(march.totalFen == 72960)
            #expect(march.totalYuan == "729.60")

            let csv = march.csv
            #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
            #expect(text.hasPrefix("lease,talent,unit,from,lease year,full rent (fen),discount %,monthly rent (fen),monthly rent (yuan)\r\n"))
            #expect(text.contains("\(lease.number),\(H.class4.name),C-101,2027-03-01,1,145920,50,72960,729.60\r\n"))
            #expect(text.hasSuffix("total,,,,,145920,,72960,729.60\r\n"))

            // Renewed on 2028-09-01: November 2028 bills the old lease, December 2028 the renewal only.
            let renewal = try await HousingLeaseService(store: store).renew(number: lease.number, on: H.day("2028-09-01"), today: H.today, actor: F.actor)
            #expect(try await service.rentRoll(month: YearMonth("2028-11")!, actor: "tester").lines.map(\.leaseNumber) == [lease.number])
            let december = try await service.rentRoll(month: YearMonth("2028-12")!, actor: "tester")
            #expect(december.lines.map(\.leaseNumber) == [renewal.lease.number])
            #expect(december.lines.first?.leaseYear == 3)
        }
    }
}
