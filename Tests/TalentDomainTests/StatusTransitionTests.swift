import Testing
@testable import TalentDomain

/// The housing and practice state machines, each written out here independently of the implementation.
@Suite struct StatusTransitionTests {
    static let units: [UnitStatus: Set<UnitStatus>] = [
        .available: [.offered, .maintenance], .offered: [.leased, .available], .leased: [.available],
        .maintenance: [.available],
    ]
    static let applications: [HousingApplicationStatus: Set<HousingApplicationStatus>] = [
        .open: [.offered, .withdrawn], .offered: [.housed, .open], .housed: [], .withdrawn: [],
    ]
    static let rounds: [HousingRoundStatus: Set<HousingRoundStatus>] = [.draft: [.committed], .committed: []]
    static let offers: [HousingOfferStatus: Set<HousingOfferStatus>] = [
        .pending: [.accepted, .declined, .expired, .withdrawn], .accepted: [], .declined: [], .expired: [], .withdrawn: [],
    ]
    static let leases: [HousingLeaseStatus: Set<HousingLeaseStatus>] = [
        .active: [.renewed, .ended, .terminated], .renewed: [], .ended: [], .terminated: [],
    ]
    /// The same pairs as the database's `trainees_transition` trigger (Schema/0002_practice_base.sql).
    static let trainees: [TraineeStatus: Set<TraineeStatus>] = [
        .enrolled: [.placed, .withdrawn], .placed: [.inPractice, .withdrawn], .inPractice: [.completed, .withdrawn],
        .completed: [], .withdrawn: [],
    ]

    static func check<Status: StatusTransitions & Hashable>(_ table: [Status: Set<Status>]) {
        #expect(Set(table.keys) == Set(Status.allCases), "the table covers every status")
        for from in Status.allCases {
            for to in Status.allCases {
                #expect(from.canChange(to: to) == (table[from]?.contains(to) ?? false), "\(from) → \(to)")
            }
            #expect(from.isFinal == (table[from]?.isEmpty ?? true), "\(from) is final")
            #expect(Set(from.allowedPrevious) == Set(table.filter { $0.value.contains(from) }.keys), "into \(from)")
            #expect(!from.canChange(to: from), "\(from) never changes to itself")
        }
    }

    @Test func units() { Self.check(Self.units) }
    @Test func applications() { Self.check(Self.applications) }
    @Test func rounds() { Self.check(Self.rounds) }
    @Test func offers() { Self.check(Self.offers) }
    @Test func leases() { Self.check(Self.leases) }
    @Test func trainees() { Self.check(Self.trainees) }

    @Test func onlyAPendingOfferMayChange() {
        #expect(HousingOfferStatus.allCases.filter { !$0.isFinal } == [.pending])
        #expect(HousingOfferStatus.accepted.allowedPrevious == [.pending])
    }

    @Test func byHandAUnitMovesOnlyBetweenAvailableAndMaintenance() {
        for from in UnitStatus.allCases {
            for to in UnitStatus.allCases {
                let expected = (from, to) == (.available, .maintenance) || (from, to) == (.maintenance, .available)
                #expect(from.canChangeByHand(to: to) == expected, "\(from) → \(to) by hand")
            }
        }
        #expect(UnitStatus.allCases.filter(\.isSetByHand) == [.available, .maintenance])
        #expect(UnitStatus.offered.canChange(to: .available), "a declined offer returns its unit, but not by hand")
    }

    /// The store keeps the same column values (and the database's CHECK constraints list them).
    @Test func rawValuesAreTheColumnValues() {
        #expect(UnitStatus.allCases.map(\.rawValue) == ["available", "offered", "leased", "maintenance"])
        #expect(HousingApplicationStatus.allCases.map(\.rawValue) == ["open", "offered", "housed", "withdrawn"])
        #expect(HousingRoundStatus.allCases.map(\.rawValue) == ["draft", "committed"])
        #expect(HousingOfferStatus.allCases.map(\.rawValue) == ["pending", "accepted", "declined", "expired", "withdrawn"])
        #expect(HousingLeaseStatus.allCases.map(\.rawValue) == ["active", "renewed", "ended", "terminated"])
        #expect(TraineeStatus.allCases.map(\.rawValue) == ["enrolled", "placed", "in-practice", "completed", "withdrawn"])
    }
}
