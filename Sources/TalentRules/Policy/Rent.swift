import TalentDomain

/// A monthly rent in integer fen with how it was reached.
public struct RentQuote: Sendable, Equatable {
    /// Benchmark × area, rounded half up to the fen.
    public var fullFen: Int
    /// Percent of the full rent payable this lease year (100 without a discount).
    public var percentPayable: Int
    /// What the talent pays per month: fullFen × percentPayable / 100, rounded half up.
    public var fen: Int
    /// Whether this lease year counts toward `max_discounted_years`.
    public var discounted: Bool
    /// Each step in words, for the lease and `rules explain`.
    public var breakdown: [String]

    public init(fullFen: Int, percentPayable: Int, fen: Int, discounted: Bool, breakdown: [String]) {
        self.fullFen = fullFen
        self.percentPayable = percentPayable
        self.fen = fen
        self.discounted = discounted
        self.breakdown = breakdown
    }
}

extension Policy {
    /// The monthly rent of `unit` for a talent of `talentClass` in their `leaseYear`-th year of talent
    /// housing (1-based), who has already had `discountedYearsSoFar` discounted years.
    ///
    /// Integer arithmetic only: full = round(benchmark fen/m² × area in 1/100 m² / 100); payable =
    /// round(full × percent / 100); both round half up (a remainder of half a fen or more goes up).
    /// The class's discount applies while `leaseYear ≤ years` of its tier and `discountedYearsSoFar
    /// < max_discounted_years`.
    public func rent(unit: UnitFacts, class talentClass: TalentClass, leaseYear: Int, discountedYearsSoFar: Int) -> RentQuote {
        let full = roundedDivision(unit.benchmarkFenPerM2 * unit.areaHundredthsM2, by: 100)
        var lines = ["benchmark \(unit.benchmarkFenPerM2) fen/m² × \(Self.area(unit.areaHundredthsM2)) m² = \(full) fen"]
        var percent = 100
        var discounted = false
        if let tier = rent.discounts.first(where: { $0.classes.contains(talentClass) }) {
            if leaseYear > tier.years {
                lines.append("class \(talentClass.number) discount covers lease years 1–\(tier.years); this is year \(leaseYear): full rent")
            } else if discountedYearsSoFar >= rent.maxDiscountedYears {
                lines.append("\(discountedYearsSoFar) discounted years already used (cap \(rent.maxDiscountedYears)): full rent")
            } else {
                percent = tier.percentPayable
                discounted = true
                lines.append("class \(talentClass.number), lease year \(leaseYear) of \(tier.years): \(percent)% payable")
            }
        } else {
            lines.append("no discount for class \(talentClass.number): full rent")
        }
        let fen = roundedDivision(full * percent, by: 100)
        if percent != 100 { lines.append("\(full) fen × \(percent)% = \(fen) fen") }
        return RentQuote(fullFen: full, percentPayable: percent, fen: fen, discounted: discounted, breakdown: lines)
    }

    /// `45.6` for 4560, `45.05` for 4505.
    static func area(_ hundredths: Int) -> String {
        let whole = hundredths / 100, rest = hundredths % 100
        if rest == 0 { return String(whole) }
        return rest % 10 == 0 ? "\(whole).\(rest / 10)" : "\(whole).\(rest < 10 ? "0" : "")\(rest)"
    }
}

/// `value / divisor` rounded half up, for value ≥ 0 and divisor > 0.
func roundedDivision(_ value: Int, by divisor: Int) -> Int {
    (value + divisor / 2) / divisor
}
