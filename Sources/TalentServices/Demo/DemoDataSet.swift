import Foundation
import TalentDomain
import TalentText

/// The demo data set: the zone's R&D institutions, enterprises and partner universities, and its
/// talents, generated deterministically from a seed (the same seed gives the same data on every run
/// and machine). Pure: building it touches no database; ``DemoLoader`` loads it through the services.
///
/// The scale follows the source report: 125 R&D institutions and 1,600 science and technology
/// talents in Guizhou Science City, plus 60 enterprises across the four industry chains and 8
/// partner universities.
public struct DemoDataSet: Sendable {
    /// The seed `talentctl demo` uses unless told otherwise.
    public static let defaultSeed: UInt64 = 2026
    /// The day the data describes: contracts, insurance and titles are as of this date, fixed so
    /// that the data does not change with the day it is generated.
    public static let asOf = CalendarDate(year: 2026, month: 6, day: 30)!
    public static let instituteCount = 125
    public static let defaultTalentCount = 1600

    public let seed: UInt64
    /// Institutes first, then enterprises, then universities.
    public let organisations: [OrganisationInput]
    public let talents: [DemoTalent]

    /// Generates the data set; `talentCount` scales the talents (benchmarks use 100,000).
    public init(seed: UInt64 = DemoDataSet.defaultSeed, talentCount: Int = DemoDataSet.defaultTalentCount) {
        self.seed = seed
        var random = SplitMix64(seed: seed, stream: 1)
        let organisations = DemoOrganisations.generate(&random)
        self.organisations = organisations
        var talentRandom = SplitMix64(seed: seed, stream: 2)
        self.talents = DemoTalents.generate(count: talentCount, employers: organisations, &talentRandom)
    }

    /// The talents as an import file (the `talentctl talent import` format: UTF-8 with BOM, CRLF).
    public func csvDocument() -> Data {
        let header = TalentImportHeader.columns
        let rows = talents.map { talent in
            let values = talent.draft.columns
            return header.map { values[$0] ?? "" }
        }
        return CSVWriter.excelDocument(header: header, rows: rows)
    }
}

/// One generated talent: the registration, plus the honour behind classes 1–3 that the registry
/// itself does not record.
public struct DemoTalent: Sendable {
    public var draft: TalentDraft
    /// Set for the handful of renowned experts (academician, national talent programme, renowned
    /// expert from abroad) whom the demo certifies into classes 1–3.
    public var honourClass: TalentClass?
    /// The kind of the employer, which shapes the degree mix.
    public var employerKind: OrganisationKind
}

/// Builds organisation names and credit codes from name parts.
enum DemoOrganisations {
    static func generate(_ random: inout SplitMix64) -> [OrganisationInput] {
        var codes = Set<String>()
        var names = Set<String>()
        var result: [OrganisationInput] = []

        while result.count < DemoDataSet.instituteCount {
            let prefix = random.pick(DemoVocabulary.institutePrefixes)
            let fields = specialistFields[prefix] ?? DemoVocabulary.instituteFields
            let field = random.pick(fields)
            // One institute per prefix and field, so no two names differ only in 研究所/研究中心.
            guard names.insert(prefix + field).inserted else { continue }
            let name = prefix + field + random.pick(DemoVocabulary.instituteSuffixes)
            let inZone = random.chance(0.9)
            let region = inZone ? DemoVocabulary.zoneRegion : random.pick(DemoVocabulary.cityRegions)
            result.append(OrganisationInput(
                name: name, creditCode: uniqueCode("12", region, digitsOnly: true, &codes, &random),
                kind: .institute, industryChain: chain(ofField: field), inZone: inZone))
        }
        for (chain, count) in DemoVocabulary.enterprisesPerChain {
            var added = 0
            while added < count {
                let trade = random.pick(DemoVocabulary.enterpriseTrades[chain]!)
                // No 科技/技术 twice, as in 信息技术科技有限公司.
                let suffixes = trade.hasSuffix("科技") || trade.hasSuffix("技术")
                    ? ["有限公司", "股份有限公司"] : DemoVocabulary.enterpriseSuffixes
                let name = random.pick(DemoVocabulary.enterpriseTowns) + random.pick(DemoVocabulary.enterpriseBrands)
                    + trade + random.pick(suffixes)
                guard names.insert(name).inserted else { continue }
                let inZone = random.chance(0.85)
                let region = inZone ? DemoVocabulary.zoneRegion : random.pick(DemoVocabulary.cityRegions)
                result.append(OrganisationInput(
                    name: name, creditCode: uniqueCode("91", region, digitsOnly: random.chance(0.3), &codes, &random),
                    kind: .enterprise, industryChain: chain, inZone: inZone))
                added += 1
            }
        }
        for (name, region) in DemoVocabulary.partnerUniversities {
            result.append(OrganisationInput(
                name: name, creditCode: uniqueCode("12", region, digitsOnly: true, &codes, &random),
                kind: .university, industryChain: nil, inZone: region == DemoVocabulary.zoneRegion))
        }
        return result
    }

    /// Prefixes of national groups' local institutes only go with their own fields.
    static let specialistFields: [String: [String]] = [
        "中国航发贵州": ["航空发动机", "表面处理", "精密测量", "新材料", "先进制造技术"],
        "中国电子贵州": ["电子信息", "集成电路", "软件", "信息安全", "大数据"],
    ]

    static func chain(ofField field: String) -> IndustryChain {
        switch field {
        case "航空发动机", "表面处理": .aeroEngine
        case "精密微特电机": .microMotor
        case "集成电路", "电子信息", "光电技术": .microelectronics
        case "大数据", "人工智能", "软件", "区块链", "工业互联网", "数字经济", "信息安全": .softwareBigData
        default: .other
        }
    }

    /// A valid credit code: department and type, region, an organisation code with its own GB 11714
    /// check character, and the GB 32100 check character.
    static func uniqueCode(_ head: String, _ region: String, digitsOnly: Bool, _ codes: inout Set<String>,
                           _ random: inout SplitMix64) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        while true {
            var body = digitsOnly ? "" : "MA"
            while body.count < 8 { body.append(digitsOnly ? random.pick(alphabet.prefix(10)) : random.pick(alphabet)) }
            let code = CreditCode.make(first17: head + region + body + String(organisationCheck(body))).value
            if codes.insert(code).inserted { return code }
        }
    }

    /// GB 11714: weights 3 7 9 10 5 8 4 2 over 0–9, A–Z (10–35); 11 − sum mod 11, 10 is X, 11 is 0.
    static func organisationCheck(_ body: String) -> Character {
        let weights = [3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for (weight, byte) in zip(weights, body.utf8) {
            sum += weight * (byte <= 0x39 ? Int(byte - 0x30) : Int(byte - 0x41) + 10)
        }
        let c = 11 - sum % 11
        return c == 10 ? "X" : c == 11 ? "0" : Character(String(c))
    }
}
