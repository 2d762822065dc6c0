import TalentDomain
import TalentRules
import TalentStore

/// The demo's talent housing: the 智谷 talent town's 572 units in six buildings (the planned count in
/// the domain brief), and housing applications from a share of the certified demo talents. The
/// first round offers the first phase (buildings 1–3); the second phase stays in stock.
/// Deterministic for a seed.
public struct DemoHousing: Sendable {
    public struct Building: Sendable {
        public var input: HousingBuildingInput
        public var units: [HousingUnitInput]
    }

    public static let project = HousingProjectInput(
        code: "ZGTT", name: "智谷人才小镇", address: "贵州省贵阳国家高新技术产业开发区 智谷片区")
    public static let unitCount = 572
    /// Buildings of the first round.
    public static let firstPhase = ["ZG-1", "ZG-2", "ZG-3"]
    public static let firstRound = "2026-R1"

    public let seed: UInt64
    public let buildings: [Building]

    public init(seed: UInt64 = DemoDataSet.defaultSeed) {
        self.seed = seed
        var random = SplitMix64(seed: seed, stream: 11)
        // 96 units per building, 92 in the last: 5 × 96 + 92 = 572.
        let sizes = [96, 96, 96, 96, 96, 92]
        let rents = [3200, 3200, 3000, 3400, 3400, 2800]  // fen per m² per month
        buildings = sizes.enumerated().map { index, size in
            let code = "ZG-\(index + 1)"
            let input = HousingBuildingInput(code: code, projectCode: Self.project.code, name: "智谷人才小镇 \(index + 1) 栋",
                                             benchmarkFenPerM2: rents[index])
            return Building(input: input, units: Self.units(of: code, count: size, &random))
        }
    }

    public var units: [HousingUnitInput] { buildings.flatMap(\.units) }

    /// Eight units a floor from the 2nd floor up: per floor 3 studios, 3 one-bedroom, 1-2 two-bedroom
    /// and 0-1 three-bedroom flats (the ground floor holds shops and the management office).
    static func units(of building: String, count: Int, _ random: inout SplitMix64) -> [HousingUnitInput] {
        let layout: [UnitCategory] = [.studio, .studio, .studio, .oneBedroom, .oneBedroom, .oneBedroom, .twoBedroom, .threeBedroom]
        var result: [HousingUnitInput] = []
        var floor = 2
        while result.count < count {
            for (slot, planned) in layout.enumerated() where result.count < count {
                // Every other floor turns its three-bedroom flat into a second two-bedroom one.
                let category = planned == .threeBedroom && floor % 2 == 1 ? .twoBedroom : planned
                let area = Self.area(category, &random)
                let code = "\(building)-\(floor)\(String(format: "%02d", slot + 1))"
                result.append(HousingUnitInput(code: code, buildingCode: building, floor: floor, category: category,
                                               areaHundredths: area, accessible: floor == 2 && slot < 2))
            }
            floor += 1
        }
        return result
    }

    /// Areas within the default policy's caps, in whole tenths of a m² (e.g. 35.40 m²).
    static func area(_ category: UnitCategory, _ random: inout SplitMix64) -> Int {
        let range: ClosedRange<Int> = switch category {
        case .studio: 300...380
        case .oneBedroom: 450...580
        case .twoBedroom: 700...880
        case .threeBedroom: 950...1180
        }
        return random.int(in: range) * 10
    }

    /// One housing application of the demo.
    public struct Application: Sendable {
        public var input: HousingApplicationInput
    }

    /// A certified talent who may apply.
    public struct Certified: Sendable {
        public var identityKey: String
        public var talentClass: TalentClass
        public var validFrom: CalendarDate

        public init(identityKey: String, talentClass: TalentClass, validFrom: CalendarDate) {
            self.identityKey = identityKey
            self.talentClass = talentClass
            self.validFrom = validFrom
        }
    }

    /// Applications from about 85% of `certified`, each with a household of 1–5 and preferences within
    /// `policy`'s entitlement, made 1–270 days before `today` (never before the certification began).
    public func applications(certified: [Certified], policy: Policy, today: CalendarDate) -> [Application] {
        var random = SplitMix64(seed: seed, stream: 12)
        var result: [Application] = []
        for talent in certified.sorted(by: { $0.identityKey < $1.identityKey }) {
            guard random.chance(0.85) else { continue }
            let size = random.weighted([(1, 40), (2, 25), (3, 22), (4, 10), (5, 3)])
            let household = (1..<size).map { index in
                HouseholdMember(name: DemoTalents.name(male: random.chance(0.5), &random),
                                relation: index == 1 && size >= 2 ? "spouse" : "child")
            }
            var entitled = policy.entitlement(class: talent.talentClass, householdSize: size).map(\.category)
            guard !entitled.isEmpty else { continue }
            // Most want the largest flat they may have first; some ask only for one category.
            entitled.reverse()
            if random.chance(0.2) { entitled.swapAt(0, entitled.count - 1) }
            if random.chance(0.25) { entitled = [entitled[0]] }
            let appliedOn = max(today.adding(days: -random.int(in: 1...270)), talent.validFrom)
            result.append(Application(input: HousingApplicationInput(
                talent: talent.identityKey, household: household, preferences: entitled, appliedOn: appliedOn)))
        }
        return result
    }
}
