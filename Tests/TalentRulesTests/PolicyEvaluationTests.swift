import Testing
import TalentDomain
@testable import TalentRules

/// Hand-worked examples of the default policy: classification, eligibility, entitlement, points,
/// rent (integer fen), lease and offer terms.
@Suite("Policy: evaluation under the default policy")
struct PolicyEvaluationTests {
    let policy = PolicyFile.standard.policy
    static func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

    /// Certified class 4 until 2031-12-31, contract to 2027-12-31, insurance since 2021-03, household
    /// of 3, doctorate and associate-senior title, microelectronics employer, applied 2026-05-10.
    static let doctor = ApplicantFacts(
        certifiedClass: TalentClass(4), certificationValidFrom: date("2026-01-01"), certificationValidUntil: date("2031-12-31"),
        contractEnd: date("2027-12-31"), employerInZone: true, employerChain: .microelectronics,
        insuranceInZoneSince: YearMonth("2021-03"), householdSize: 3, degree: .doctorate, title: .associateSenior,
        applicationDate: date("2026-05-10"))

    @Test func classification() {
        #expect(policy.classify(ApplicantFacts(honours: ["academician"])) == ClassProposal(talentClass: TalentClass(1), reason: "class 1: honour academician"))
        #expect(policy.classify(ApplicantFacts(degree: .doctorate, honours: ["national-talent-programme"])).talentClass == TalentClass(2))
        #expect(policy.classify(ApplicantFacts(degree: .doctorate)) == ClassProposal(talentClass: TalentClass(4), reason: "class 4: degree doctorate (at least doctorate)"))
        #expect(policy.classify(ApplicantFacts(degree: .bachelor, title: .fullSenior)).talentClass == TalentClass(4))
        #expect(policy.classify(ApplicantFacts(degree: .master)).talentClass == TalentClass(5))
        #expect(policy.classify(ApplicantFacts(degree: .bachelor, skillLevel: .seniorTechnician)).reason
            == "class 5: skill level senior-technician (at least senior-technician)")
        #expect(policy.classify(ApplicantFacts(skillLevel: .technician)).talentClass == TalentClass(6))
        #expect(policy.classify(ApplicantFacts(honours: ["scarce-special-skill"])).talentClass == TalentClass(6))
        let none = policy.classify(ApplicantFacts(degree: .bachelor, title: .intermediate, skillLevel: .juniorWorker))
        #expect(none.talentClass == nil)
        #expect(none.reason.hasPrefix("no class:"))
    }

    /// Agrees with the registry's existing suggestion wherever that one speaks (classes 4–6).
    @Test func classificationAgreesWithTalentClassCriteria() {
        for degree in Degree.allCases {
            for title in ProfessionalTitle.allCases {
                for skill in SkillLevel.allCases {
                    #expect(policy.classify(ApplicantFacts(degree: degree, title: title, skillLevel: skill)).talentClass
                        == TalentClassCriteria.suggestedClass(degree: degree, title: title, skillLevel: skill))
                }
            }
        }
    }

    @Test func eligibilityAllPass() {
        let outcomes = policy.eligibility(Self.doctor, on: Self.date("2026-11-26"))
        #expect(outcomes.allSatisfy { $0.passed })
        #expect(outcomes.count == 8)
        #expect(outcomes[2] == RuleOutcome(rule: "contract_months_left_at_least", passed: true,
                                            explanation: "labour contract ends 2027-12-31, 13 whole months left (at least 12 required)"))
        #expect(policy.isEligible(Self.doctor, on: Self.date("2026-11-26")))
    }

    @Test func eligibilityFailuresSayWhy() {
        var facts = Self.doctor
        facts.contractEnd = Self.date("2027-11-25")  // 11 whole months from 2026-11-26
        facts.ownsHousing = true
        facts.barredUntil = Self.date("2026-11-26")  // the last barred day
        facts.certificationValidUntil = Self.date("2026-11-25")
        let failed = policy.eligibility(facts, on: Self.date("2026-11-26")).filter { !$0.passed }
        #expect(failed.map(\.rule) == ["certification_valid", "contract_months_left_at_least", "owns_housing", "not_barred"])
        #expect(failed.map(\.explanation) == [
            "certification expired on 2026-11-25",
            "labour contract ends 2027-11-25, 11 whole months left (at least 12 required)",
            "owns housing in the city",
            "barred until 2026-11-26 after declined offers",
        ])
        // The day after the bar ends, the bar no longer applies.
        #expect(policy.eligibility(facts, on: Self.date("2026-11-27"))[7].passed)
    }

    @Test func eligibilityWithoutCertificationOrInsurance() {
        let outcomes = policy.eligibility(ApplicantFacts(), on: Self.date("2026-11-26"))
        #expect(outcomes.filter { $0.passed }.map(\.rule) == ["contract_months_left_at_least", "owns_housing", "no_active_lease", "not_barred"])
        #expect(outcomes[0].explanation == "not certified (classes 1, 2, 3, 4, 5, 6 may apply)")
    }

    @Test func entitlement() {
        func categories(_ n: Int, _ household: Int) -> [String] {
            policy.entitlement(class: TalentClass(n)!, householdSize: household).map(\.category.rawValue)
        }
        #expect(categories(4, 1) == ["studio", "1BR"])
        #expect(categories(4, 2) == ["studio", "1BR", "2BR"])
        #expect(categories(1, 3) == ["1BR", "2BR", "3BR"])
        #expect(categories(6, 4) == [])
        #expect(policy.entitlement(class: TalentClass(1)!, householdSize: 4).map(\.maxAreaM2) == [90, 120])
        #expect(policy.entitledPreferences([.threeBedroom, .twoBedroom, .studio], class: TalentClass(5)!, householdSize: 2)
            == [.twoBedroom, .studio])
    }

    /// class 4: 30; qualification: doctorate 20 beats associate-senior 12; insurance 2021-03 → 2026-11
    /// is 68 months, 5 whole years × 2 = 10 (the cap); household 3 → 2 extra × 2 = 4; microelectronics
    /// 10; waiting 2026-05-10 → 2026-11-26 is 6 whole months × 1 = 6. Total 80, group 2.
    @Test func pointsHandWorked() {
        let score = policy.priority(Self.doctor, on: Self.date("2026-11-26"))
        #expect(score.group == 2)
        #expect(score.breakdown.map(\.factor) == ["class", "qualification", "local_insurance", "household", "industry_chain", "months_waiting"])
        #expect(score.breakdown.map(\.points) == [30, 20, 10, 4, 10, 6])
        #expect(score.points == 80)
        #expect(score.breakdown[1].why == "degree doctorate, the best counts")
    }

    @Test func pointsCaps() {
        var facts = Self.doctor
        facts.insuranceInZoneSince = YearMonth("2010-01")
        facts.householdSize = 9
        facts.applicationDate = Self.date("2020-01-01")
        facts.employerChain = .other
        let score = policy.priority(facts, on: Self.date("2026-11-26"))
        #expect(score.breakdown.map(\.points) == [30, 20, 10, 6, 0, 12])
        #expect(score.breakdown[2].why.hasSuffix("capped at 10"))
        #expect(policy.priority(ApplicantFacts(certifiedClass: TalentClass(6)), on: Self.date("2026-11-26")).group == 3)
        #expect(policy.priority(ApplicantFacts(), on: Self.date("2026-11-26")).group == nil)
    }

    /// 65.40 m² at 3200 fen/m²: 3200 × 6540 / 100 = 209 280 fen in full.
    @Test func rentByClassAndLeaseYear() {
        let unit = UnitFacts(category: .twoBedroom, areaHundredthsM2: 6540, benchmarkFenPerM2: 3200)
        func fen(_ n: Int, year: Int, used: Int = 0) -> Int {
            policy.rent(unit: unit, class: TalentClass(n)!, leaseYear: year, discountedYearsSoFar: used).fen
        }
        #expect(fen(1, year: 1) == 0)
        #expect(fen(2, year: 3) == 0)
        #expect(fen(3, year: 4) == 209_280)
        #expect(fen(4, year: 1) == 104_640)
        #expect(fen(5, year: 3) == 104_640)
        #expect(fen(5, year: 4) == 209_280)
        #expect(fen(6, year: 2) == 167_424)
        // The cap on discounted years: 5 already used, no more discount even in lease year 1.
        #expect(fen(4, year: 1, used: 4) == 104_640)
        #expect(fen(4, year: 1, used: 5) == 209_280)
        let quote = policy.rent(unit: unit, class: TalentClass(4)!, leaseYear: 2, discountedYearsSoFar: 1)
        #expect(quote == RentQuote(fullFen: 209_280, percentPayable: 50, fen: 104_640, discounted: true, breakdown: [
            "benchmark 3200 fen/m² × 65.4 m² = 209280 fen",
            "class 4, lease year 2 of 3: 50% payable",
            "209280 fen × 50% = 104640 fen",
        ]))
    }

    /// 45.50 m² at 3201 fen/m²: 145 645.5 → 145 646 (half up); × 80% = 116 516.8 → 116 517.
    @Test func rentRoundsHalfUpToTheFen() {
        let unit = UnitFacts(category: .oneBedroom, areaHundredthsM2: 4550, benchmarkFenPerM2: 3201)
        let quote = policy.rent(unit: unit, class: TalentClass(6)!, leaseYear: 1, discountedYearsSoFar: 0)
        #expect(quote.fullFen == 145_646)
        #expect(quote.fen == 116_517)
        #expect(policy.rent(unit: unit, class: TalentClass(5)!, leaseYear: 1, discountedYearsSoFar: 0).fen == 72_823)
        #expect(Policy.area(4505) == "45.05")
    }

    @Test func leaseTerms() {
        let lease = policy.lease
        let end = Self.date("2027-06-30")
        #expect(lease.renewalWindowOpens(leaseEnd: end) == Self.date("2027-03-30"))
        #expect(!lease.isRenewalWindowOpen(leaseEnd: end, on: Self.date("2027-03-29")))
        #expect(lease.isRenewalWindowOpen(leaseEnd: end, on: Self.date("2027-03-30")))
        #expect(lease.isRenewalWindowOpen(leaseEnd: end, on: end))
        #expect(!lease.isRenewalWindowOpen(leaseEnd: end, on: Self.date("2027-07-01")))
        #expect(!lease.isCumulativeCapReached(leasedMonths: 71))
        #expect(lease.isCumulativeCapReached(leasedMonths: 72))
        #expect(lease.nextTermMonths(leasedMonths: 60) == 12)
        #expect(lease.nextTermMonths(leasedMonths: 24) == 24)
        #expect(lease.nextTermMonths(leasedMonths: 80) == 0)
        #expect(lease.moveOutDeadline(terminatedOn: Self.date("2026-12-01")) == Self.date("2027-01-30"))
    }

    @Test func offerTerms() {
        let offers = policy.offers
        #expect(offers.expiresOn(offeredOn: Self.date("2026-11-26")) == Self.date("2026-12-03"))
        #expect(offers.isDeclineReason("location"))
        #expect(!offers.isDeclineReason("bored"))
        #expect(offers.barredUntil(declinedOn: [Self.date("2026-01-10")]) == nil)
        #expect(offers.barredUntil(declinedOn: [Self.date("2026-03-05"), Self.date("2026-01-10")]) == Self.date("2027-03-04"))
        // A third decline after the bar starts a new count.
        #expect(offers.barredUntil(declinedOn: [Self.date("2026-01-10"), Self.date("2026-03-05"), Self.date("2027-04-01")])
            == Self.date("2027-03-04"))
        #expect(offers.barredUntil(declinedOn: [Self.date("2026-01-10"), Self.date("2026-03-05"), Self.date("2027-04-01"),
                                                Self.date("2027-05-02")]) == Self.date("2028-05-01"))
    }

    @Test func reservedStockOfARound() {
        let reserves = policy.quotas.reserves(forUnits: [.oneBedroom: 14, .twoBedroom: 10])
        #expect(reserves == [ReservedStock(group: 3, category: "1BR", units: 2)])
        let units = ReservedStock.split(["1BR": 14, "2BR": 10], reserving: reserves)
        #expect(units == ["1BR": 12, "1BR@reserved:g3": 2, "2BR": 10])
    }
}
