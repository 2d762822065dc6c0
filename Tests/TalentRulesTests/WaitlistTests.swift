import Testing
import TalentDomain
@testable import TalentRules

/// Who a declined unit passes to: the waiting list's order and filters, the employer cap, and the
/// first candidate who passes the caller's checks.
@Suite("Waitlist: candidates, employer cap, the first who passes")
struct WaitlistTests {
    static func date(_ text: String) -> CalendarDate { CalendarDate(text)! }
    static let day = date("2026-12-01")

    static func entry(_ position: Int, _ preferences: [String] = ["1BR"], employer: String? = nil,
                      status: HousingApplicationStatus = .open, offeredInRound: Bool = false, pending: Bool = false,
                      allocated: String? = nil, barredUntil: CalendarDate? = nil) -> Waitlist.Entry {
        Waitlist.Entry(applicationID: Int64(100 + position), applicationNumber: "HA-2026-\(position)", talentID: Int64(position),
                       position: position, preferences: preferences, applicationStatus: status, currentEmployer: employer,
                       offeredInRound: offeredInRound, hasPendingOffer: pending, allocatedCategory: allocated,
                       barredUntil: barredUntil)
    }

    static func numbers(_ entries: [Waitlist.Entry]) -> [String] { entries.map(\.applicationNumber) }

    @Test func candidatesAreInServingOrder() {
        let list = [Self.entry(3), Self.entry(1), Self.entry(2)]
        #expect(Self.numbers(Waitlist.candidates(list, category: "1BR", on: Self.day)) == ["HA-2026-1", "HA-2026-2", "HA-2026-3"])
    }

    @Test func onlyThoseStillWaitingForTheCategoryAreCandidates() {
        let list = [
            Self.entry(1),
            Self.entry(2, status: .offered),
            Self.entry(3, pending: true),
            Self.entry(4, offeredInRound: true),
            Self.entry(5, allocated: "2BR"),
            Self.entry(6, ["2BR"]),
            Self.entry(7, ["1BR@reserved:g3"]),
            Self.entry(8, barredUntil: Self.day),
            Self.entry(9, barredUntil: Self.date("2026-11-30")),
            Self.entry(10, ["2BR", "1BR"]),
        ]
        #expect(Self.numbers(Waitlist.candidates(list, category: "1BR", on: Self.day)) == ["HA-2026-1", "HA-2026-9", "HA-2026-10"])
        #expect(Self.numbers(Waitlist.candidates(list, category: "1BR@reserved:g3", on: Self.day)) == ["HA-2026-7"])
        #expect(Waitlist.candidates([], category: "1BR", on: Self.day).isEmpty)
    }

    @Test func theRoundsStoredQuotasDecideTheCap() {
        let policy = QuotaPolicy(perEmployerCap: 5, reserved: [])
        #expect(EmployerCap.limit(roundQuotas: .init(perEmployerCap: 2), policy: policy) == 2)
        #expect(EmployerCap.limit(roundQuotas: .init(perEmployerCap: nil), policy: policy) == nil,
                "a round drawn without a cap keeps none")
        #expect(EmployerCap.limit(roundQuotas: nil, policy: policy) == 5, "a round that stored no quotas: the policy's")
        #expect(EmployerCap.limit(roundQuotas: nil, policy: QuotaPolicy(perEmployerCap: nil, reserved: [])) == nil)
    }

    @Test func liveOffersAreCountedPerEmployer() {
        let list = [Self.entry(1, employer: "Acme"), Self.entry(2, employer: "Acme"), Self.entry(3, employer: "Acme"),
                    Self.entry(4, employer: "Beta"), Self.entry(5)]
        // The round recorded HA-2026-3 under Beta; that counts, not the employer named now.
        let cap = EmployerCap(limit: 2, waitlist: list, roundEmployers: ["HA-2026-3": "Beta", "HA-2026-9": "Acme"],
                              liveApplications: ["HA-2026-1", "HA-2026-9", "HA-2026-3", "HA-2026-7"])
        #expect(cap.employer(of: "HA-2026-3") == "Beta")
        #expect(cap.employer(of: "HA-2026-5") == "")
        #expect(cap.employer(of: "HA-2026-7") == "", "an application the cap has never heard of")
        #expect(cap.liveOffers(of: "Acme") == 2)
        #expect(cap.liveOffers(of: "Beta") == 1)
        #expect(cap.liveOffers(of: "") == 1)
        #expect(!cap.allows("HA-2026-2"), "Acme holds 2 of 2")
        #expect(cap.allows("HA-2026-4"), "Beta holds 1 of 2")
        #expect(cap.allows("HA-2026-5"))
        let none = EmployerCap(limit: nil, waitlist: list, roundEmployers: [:], liveApplications: Array(repeating: "HA-2026-1", count: 9))
        #expect(none.allows("HA-2026-2"))
        let zeroLeft = EmployerCap(limit: 1, waitlist: list, roundEmployers: [:], liveApplications: ["HA-2026-5"])
        #expect(!zeroLeft.allows("HA-2026-5"), "no employer is one employer")
    }

    @Test func theFirstCandidateWithinTheCapWhoPassesIsChosen() async {
        let list = [Self.entry(1, employer: "Acme"), Self.entry(2, employer: "Beta"), Self.entry(3, employer: "Gamma"),
                    Self.entry(4, employer: "Delta"), Self.entry(5, ["2BR"], employer: "Eps")]
        let cap = EmployerCap(limit: 1, waitlist: list, roundEmployers: [:], liveApplications: ["HA-2026-1"])
        var asked: [String] = []
        let chosen = await Waitlist.first(list, category: "1BR", on: Self.day, cap: cap) { entry in
            asked.append(entry.applicationNumber)
            return entry.applicationNumber != "HA-2026-2"
        }
        #expect(chosen?.applicationNumber == "HA-2026-3")
        #expect(asked == ["HA-2026-2", "HA-2026-3"], "Acme is at its cap; nobody is asked after the one chosen")
        let nobody = await Waitlist.first(list, category: "1BR", on: Self.day, cap: cap) { _ in false }
        #expect(nobody == nil)
    }

    struct Refused: Error {}

    @Test func aFailingCheckStopsTheChoice() async {
        let cap = EmployerCap(limit: nil, waitlist: [], roundEmployers: [:], liveApplications: [])
        await #expect(throws: Refused.self) {
            try await Waitlist.first([Self.entry(1)], category: "1BR", on: Self.day, cap: cap) { _ in throw Refused() }
        }
    }
}
