import TalentDomain
import Yams

/// Reads a ``Policy`` from a composed YAML tree, section by section, collecting every problem.
struct PolicyParser {
    let reader = PolicyNodeReader()

    static let sections = ["version", "effective", "classification", "eligibility", "entitlement", "priority", "quotas",
                           "rent", "lease", "offers", "certification", "practice"]
    static let classCodes = (1...6).map(String.init)
    static let categoryCodes = UnitCategory.allCases.map(\.rawValue)

    func parse(_ root: Node) -> Policy? {
        guard let top = reader.mapping(root, "", required: Self.sections, what: "section") else { return nil }
        let version = top["version"].flatMap { reader.text($0, "version") }
        let effective = top["effective"].flatMap { node -> CalendarDate? in
            guard case let .scalar(scalar) = node, let date = CalendarDate(scalar.string) else {
                reader.fail(node, "effective", "must be a date YYYY-MM-DD, not \(PolicyNodeReader.describe(node))")
                return nil
            }
            return date
        }
        let classification = top["classification"].flatMap(readClassification)
        let eligibility = top["eligibility"].flatMap(readEligibility)
        let entitlement = top["entitlement"].flatMap(readEntitlement)
        let priority = top["priority"].flatMap(readPriority)
        let quotas = top["quotas"].flatMap { readQuotas($0, groups: priority?.groups) }
        let rent = top["rent"].flatMap(readRent)
        let lease = top["lease"].flatMap(readLease)
        let offers = top["offers"].flatMap(readOffers)
        let certification = top["certification"].flatMap(readCertification)
        let practice = top["practice"].flatMap(readPractice)
        guard reader.problems.isEmpty, let version, let effective, let classification, let eligibility, let entitlement,
            let priority, let quotas, let rent, let lease, let offers, let certification, let practice
        else { return nil }
        return Policy(version: version, effective: effective, classification: classification, eligibility: eligibility,
                      entitlement: entitlement, priority: priority, quotas: quotas, rent: rent, lease: lease, offers: offers,
                      certification: certification, practice: practice)
    }

    // MARK: - Shared pieces

    private func talentClass(_ text: String) -> TalentClass? { PolicyNodeReader.decimal(text).flatMap(TalentClass.init) }

    private func readClasses(_ node: Node, _ path: String) -> [TalentClass]? {
        reader.terms(node, path, talentClass, allowed: Self.classCodes)
    }

    /// Each class in at most one entry of a section; reports the second place.
    private func checkDisjoint(_ entries: [(classes: [TalentClass], node: Node, path: String)], section: String) {
        var seen: [TalentClass: String] = [:]
        for entry in entries {
            for talentClass in entry.classes {
                if let first = seen[talentClass] {
                    reader.fail(entry.node, entry.path, "class \(talentClass.number) is already covered by \(first)",
                                hint: "Each class may appear in one entry of \(section).")
                } else {
                    seen[talentClass] = entry.path
                }
            }
        }
    }

    private func vocabulary(_ node: Node, _ path: String) -> [(code: String, meaning: String)]? {
        guard let pairs = reader.pairs(node, path) else { return nil }
        var result: [(code: String, meaning: String)] = []
        for pair in pairs {
            let itemPath = PolicyNodeReader.join(path, pair.key)
            guard pair.key.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" }), !pair.key.isEmpty else {
                reader.fail(pair.keyNode, itemPath, "is not a code", hint: "Codes are lowercase words joined by '-'.")
                continue
            }
            if let meaning = reader.text(pair.value, itemPath) { result.append((pair.key, meaning)) }
        }
        return result
    }

    private func capped(_ node: Node, _ path: String, per perKey: String, max: Int = 1000) -> PriorityPolicy.Capped? {
        guard let fields = reader.mapping(node, path, required: [perKey, "max_points"]) else { return nil }
        let per = fields[perKey].flatMap { reader.int($0, fields.path(perKey), 0...max) }
        let cap = fields["max_points"].flatMap { reader.int($0, fields.path("max_points"), 0...max) }
        guard let per, let cap else { return nil }
        return .init(pointsPer: per, maxPoints: cap)
    }

    // MARK: - Sections

    private func readClassification(_ node: Node) -> ClassificationPolicy? {
        let path = "classification"
        guard let fields = reader.mapping(node, path, required: ["honours", "classes"]) else { return nil }
        let honours = fields["honours"].flatMap { vocabulary($0, fields.path("honours")) }
        let known = Set(honours?.map(\.code) ?? [])
        guard let items = fields["classes"].flatMap({ reader.list($0, fields.path("classes"), nonEmpty: true) }) else { return nil }
        var criteria: [ClassCriteria] = []
        var seen: [TalentClass: String] = [:]
        for (index, item) in items.enumerated() {
            let itemPath = PolicyNodeReader.index(fields.path("classes"), index)
            let criteriaKeys = ["honours_any", "degree_at_least", "title_at_least", "skill_at_least"]
            guard let entry = reader.mapping(item, itemPath, required: ["class"], optional: criteriaKeys) else { continue }
            guard let talentClass = entry["class"].flatMap({ reader.term($0, entry.path("class"), talentClass, allowed: Self.classCodes) })
            else { continue }
            if let first = seen[talentClass] {
                reader.fail(entry["class"], entry.path("class"), "class \(talentClass.number) is already defined at \(first)",
                            hint: "Give each class one entry; list several criteria in it instead.")
                continue
            }
            seen[talentClass] = itemPath
            if criteriaKeys.allSatisfy({ entry[$0] == nil }) {
                reader.fail(item, itemPath, "has no criterion", hint: "Give at least one of \(criteriaKeys.joined(separator: ", ")).")
            }
            var honoursAny: [String] = []
            if let node = entry["honours_any"] {
                honoursAny = reader.terms(node, entry.path("honours_any"), { known.contains($0) ? $0 : nil },
                                          allowed: honours?.map(\.code) ?? []) ?? []
            }
            let degree = entry["degree_at_least"].flatMap {
                reader.term($0, entry.path("degree_at_least"), Degree.init(rawValue:), allowed: Degree.allCases.map(\.rawValue))
            }
            let title = entry["title_at_least"].flatMap {
                reader.term($0, entry.path("title_at_least"), ProfessionalTitle.init(rawValue:),
                            allowed: ProfessionalTitle.allCases.map(\.rawValue))
            }
            let skill = entry["skill_at_least"].flatMap {
                reader.term($0, entry.path("skill_at_least"), SkillLevel.init(rawValue:), allowed: SkillLevel.allCases.map(\.rawValue))
            }
            criteria.append(ClassCriteria(talentClass: talentClass, honoursAny: honoursAny, degreeAtLeast: degree,
                                          titleAtLeast: title, skillAtLeast: skill))
        }
        guard let honours else { return nil }
        return ClassificationPolicy(honours: honours, classes: criteria.sorted { $0.talentClass < $1.talentClass })
    }

    private func readEligibility(_ node: Node) -> [EligibilityRule]? {
        let path = "eligibility"
        guard case let .mapping(mapping) = node, !mapping.isEmpty else {
            reader.fail(node, path, "must be a mapping of predicates, not \(PolicyNodeReader.describe(node))",
                        hint: "Allowed predicates: \(EligibilityRule.keys.joined(separator: ", ")).")
            return nil
        }
        guard let fields = reader.mapping(node, path, required: [], optional: EligibilityRule.keys, what: "predicate") else { return nil }
        var rules: [EligibilityRule] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string, fields[key] != nil else { continue }
            let rulePath = fields.path(key)
            switch key {
            case "certified_class_in":
                if let classes = readClasses(value, rulePath) { rules.append(.certifiedClassIn(classes.sorted())) }
            case "certification_valid":
                reader.flag(value, rulePath, expected: true); rules.append(.certificationValid)
            case "contract_months_left_at_least":
                if let months = reader.int(value, rulePath, 0...120) { rules.append(.contractMonthsLeftAtLeast(months)) }
            case "employer_in_zone":
                reader.flag(value, rulePath, expected: true); rules.append(.employerInZone)
            case "social_insurance_in_zone":
                reader.flag(value, rulePath, expected: true); rules.append(.socialInsuranceInZone)
            case "social_insurance_months_at_least":
                if let months = reader.int(value, rulePath, 0...600) { rules.append(.socialInsuranceMonthsAtLeast(months)) }
            case "owns_housing":
                reader.flag(value, rulePath, expected: false); rules.append(.ownsNoHousing)
            case "no_active_lease":
                reader.flag(value, rulePath, expected: true); rules.append(.noActiveLease)
            case "not_barred":
                reader.flag(value, rulePath, expected: true); rules.append(.notBarred)
            default:
                break
            }
        }
        return rules
    }

    private func readEntitlement(_ node: Node) -> EntitlementPolicy? {
        guard let fields = reader.mapping(node, "entitlement", required: ["categories", "classes"]) else { return nil }
        var categories: [EntitlementPolicy.CategoryTerms] = []
        if let categoriesNode = fields["categories"],
            let known = reader.mapping(categoriesNode, fields.path("categories"), required: [], optional: Self.categoryCodes,
                                       what: "category") {
            if known.values.isEmpty { reader.fail(categoriesNode, known.path, "must list at least one category") }
            for category in UnitCategory.allCases {
                guard let entryNode = known[category.rawValue] else { continue }
                let entryPath = known.path(category.rawValue)
                guard let entry = reader.mapping(entryNode, entryPath, required: ["max_area_m2", "min_household", "max_household"])
                else { continue }
                let area = entry["max_area_m2"].flatMap { reader.int($0, entry.path("max_area_m2"), 10...300) }
                let minimum = entry["min_household"].flatMap { reader.int($0, entry.path("min_household"), 1...20) }
                let maximum = entry["max_household"].flatMap { reader.int($0, entry.path("max_household"), 1...20) }
                guard let area, let minimum, let maximum else { continue }
                if minimum > maximum {
                    reader.fail(entry["max_household"], entry.path("max_household"),
                                "must be at least min_household (\(minimum)), not \(maximum)")
                }
                categories.append(.init(category: category, maxAreaM2: area, minHousehold: minimum, maxHousehold: maximum))
            }
        }
        var terms: [EntitlementPolicy.ClassTerms] = []
        var entries: [(classes: [TalentClass], node: Node, path: String)] = []
        if let items = fields["classes"].flatMap({ reader.list($0, fields.path("classes"), nonEmpty: true) }) {
            let defined = Set(categories.map(\.category))
            for (index, item) in items.enumerated() {
                let itemPath = PolicyNodeReader.index(fields.path("classes"), index)
                guard let entry = reader.mapping(item, itemPath, required: ["classes", "categories"]) else { continue }
                let classes = entry["classes"].flatMap { readClasses($0, entry.path("classes")) }
                let allowed = entry["categories"].flatMap {
                    reader.terms($0, entry.path("categories"), { UnitCategory(rawValue: $0).flatMap { defined.contains($0) ? $0 : nil } },
                                 allowed: categories.map(\.category.rawValue))
                }
                guard let classes, let allowed else { continue }
                entries.append((classes, entry["classes"]!, entry.path("classes")))
                terms.append(.init(classes: classes, categories: allowed))
            }
        }
        checkDisjoint(entries, section: "entitlement.classes")
        return EntitlementPolicy(categories: categories, classes: terms)
    }

    private func readPriority(_ node: Node) -> PriorityPolicy? {
        guard let fields = reader.mapping(node, "priority", required: ["groups", "points"]) else { return nil }
        var groups: [PriorityPolicy.Group] = []
        var entries: [(classes: [TalentClass], node: Node, path: String)] = []
        if let items = fields["groups"].flatMap({ reader.list($0, fields.path("groups"), nonEmpty: true) }) {
            for (index, item) in items.enumerated() {
                let itemPath = PolicyNodeReader.index(fields.path("groups"), index)
                guard let entry = reader.mapping(item, itemPath, required: ["group", "classes"]) else { continue }
                let number = entry["group"].flatMap { reader.int($0, entry.path("group"), 1...9) }
                let classes = entry["classes"].flatMap { readClasses($0, entry.path("classes")) }
                guard let number, let classes else { continue }
                if groups.contains(where: { $0.group == number }) {
                    reader.fail(entry["group"], entry.path("group"), "group \(number) is defined twice")
                    continue
                }
                entries.append((classes, entry["classes"]!, entry.path("classes")))
                groups.append(.init(group: number, classes: classes))
            }
        }
        checkDisjoint(entries, section: "priority.groups")

        guard let pointsNode = fields["points"],
            let points = reader.mapping(pointsNode, fields.path("points"), required: [
                "class", "qualification", "local_insurance", "household", "industry_chain", "months_waiting",
            ])
        else { return nil }
        var classPoints: [Int: Int] = [:]
        if let pairs = points["class"].flatMap({ reader.pairs($0, points.path("class")) }) {
            for pair in pairs {
                let pairPath = PolicyNodeReader.join(points.path("class"), pair.key)
                guard let talentClass = talentClass(pair.key) else {
                    reader.fail(pair.keyNode, pairPath, "is not a class", hint: "Keys are the classes 1 to 6.")
                    continue
                }
                if let value = reader.int(pair.value, pairPath, 0...1000) { classPoints[talentClass.number] = value }
            }
        }
        var degree: [Degree: Int] = [:], title: [ProfessionalTitle: Int] = [:], skill: [SkillLevel: Int] = [:]
        if let qualification = points["qualification"].flatMap({
            reader.mapping($0, points.path("qualification"), required: ["degree", "title", "skill_level"])
        }) {
            degree = termPoints(qualification["degree"], qualification.path("degree")) ?? [:]
            title = termPoints(qualification["title"], qualification.path("title")) ?? [:]
            skill = termPoints(qualification["skill_level"], qualification.path("skill_level")) ?? [:]
        }
        let insurance = points["local_insurance"].flatMap { capped($0, points.path("local_insurance"), per: "points_per_year") }
        let household = points["household"].flatMap { capped($0, points.path("household"), per: "points_per_extra_member") }
        let waiting = points["months_waiting"].flatMap { capped($0, points.path("months_waiting"), per: "points_per_month") }
        var chains: [IndustryChain] = [], chainPoints = 0
        if let chain = points["industry_chain"].flatMap({ reader.mapping($0, points.path("industry_chain"), required: ["chains", "points"]) }) {
            chains = chain["chains"].flatMap {
                reader.terms($0, chain.path("chains"), nonEmpty: false, IndustryChain.init(rawValue:),
                             allowed: IndustryChain.allCases.map(\.rawValue))
            } ?? []
            chainPoints = chain["points"].flatMap { reader.int($0, chain.path("points"), 0...1000) } ?? 0
        }
        guard let insurance, let household, let waiting else { return nil }
        return PriorityPolicy(groups: groups.sorted { $0.group < $1.group }, classPoints: classPoints, degreePoints: degree,
                              titlePoints: title, skillPoints: skill, localInsurance: insurance, household: household,
                              priorityChains: chains, priorityChainPoints: chainPoints, monthsWaiting: waiting)
    }

    private func termPoints<T: DomainTerm & Hashable>(_ node: Node?, _ path: String) -> [T: Int]? {
        guard let node, let pairs = reader.pairs(node, path) else { return nil }
        var result: [T: Int] = [:]
        for pair in pairs {
            let pairPath = PolicyNodeReader.join(path, pair.key)
            guard let term = T(rawValue: pair.key) else {
                reader.fail(pair.keyNode, pairPath, "unknown key",
                            hint: "Allowed: \(T.allCases.map(\.rawValue).joined(separator: ", ")).")
                continue
            }
            if let value = reader.int(pair.value, pairPath, 0...1000) { result[term] = value }
        }
        return result
    }

    private func readQuotas(_ node: Node, groups: [PriorityPolicy.Group]?) -> QuotaPolicy? {
        guard let fields = reader.mapping(node, "quotas", required: ["per_employer_cap", "reserved"]) else { return nil }
        let cap = fields["per_employer_cap"].flatMap { reader.optionalInt($0, fields.path("per_employer_cap"), 1...10_000) }
        var reserves: [QuotaPolicy.Reserve] = []
        if let items = fields["reserved"].flatMap({ reader.list($0, fields.path("reserved")) }) {
            for (index, item) in items.enumerated() {
                let itemPath = PolicyNodeReader.index(fields.path("reserved"), index)
                guard let entry = reader.mapping(item, itemPath, required: ["group", "category", "percent"]) else { continue }
                let group = entry["group"].flatMap { reader.int($0, entry.path("group"), 1...9) }
                let category = entry["category"].flatMap {
                    reader.term($0, entry.path("category"), UnitCategory.init(rawValue:), allowed: Self.categoryCodes)
                }
                let percent = entry["percent"].flatMap { reader.int($0, entry.path("percent"), 0...100) }
                guard let group, let category, let percent else { continue }
                if let groups, !groups.contains(where: { $0.group == group }) {
                    reader.fail(entry["group"], entry.path("group"), "group \(group) is not a priority group",
                                hint: "Use one of priority.groups: \(groups.map { String($0.group) }.joined(separator: ", ")).")
                }
                if reserves.contains(where: { $0.group == group && $0.category == category }) {
                    reader.fail(item, itemPath, "\(category) is already reserved for group \(group)")
                }
                reserves.append(.init(group: group, category: category, percent: percent))
            }
            for category in UnitCategory.allCases {
                let total = reserves.filter { $0.category == category }.reduce(0) { $0 + $1.percent }
                if total > 100 {
                    reader.fail(fields["reserved"], fields.path("reserved"), "reserves \(total)% of \(category), more than 100%")
                }
            }
        }
        guard let cap else { return nil }
        return QuotaPolicy(perEmployerCap: cap, reserved: reserves)
    }

    private func readRent(_ node: Node) -> RentPolicy? {
        guard let fields = reader.mapping(node, "rent", required: ["discounts", "max_discounted_years"]) else { return nil }
        var discounts: [RentPolicy.Discount] = []
        var entries: [(classes: [TalentClass], node: Node, path: String)] = []
        if let items = fields["discounts"].flatMap({ reader.list($0, fields.path("discounts")) }) {
            for (index, item) in items.enumerated() {
                let itemPath = PolicyNodeReader.index(fields.path("discounts"), index)
                guard let entry = reader.mapping(item, itemPath, required: ["classes", "years", "percent_payable"]) else { continue }
                let classes = entry["classes"].flatMap { readClasses($0, entry.path("classes")) }
                let years = entry["years"].flatMap { reader.int($0, entry.path("years"), 0...30) }
                let percent = entry["percent_payable"].flatMap { reader.int($0, entry.path("percent_payable"), 0...100) }
                guard let classes, let years, let percent else { continue }
                entries.append((classes, entry["classes"]!, entry.path("classes")))
                discounts.append(.init(classes: classes, years: years, percentPayable: percent))
            }
        }
        checkDisjoint(entries, section: "rent.discounts")
        guard let cap = fields["max_discounted_years"].flatMap({ reader.int($0, fields.path("max_discounted_years"), 0...30) })
        else { return nil }
        return RentPolicy(discounts: discounts, maxDiscountedYears: cap)
    }

    private func readLease(_ node: Node) -> LeasePolicy? {
        let keys = ["max_term_months", "renewal_window_months", "cumulative_cap_years", "move_out_days"]
        guard let fields = reader.mapping(node, "lease", required: keys, optional: ["latest_start_days"]) else { return nil }
        let term = fields["max_term_months"].flatMap { reader.int($0, fields.path("max_term_months"), 1...24) }
        let window = fields["renewal_window_months"].flatMap { reader.int($0, fields.path("renewal_window_months"), 0...12) }
        let cap = fields["cumulative_cap_years"].flatMap { reader.int($0, fields.path("cumulative_cap_years"), 1...30) }
        let moveOut = fields["move_out_days"].flatMap { reader.int($0, fields.path("move_out_days"), 0...365) }
        // Optional: files written before it existed keep the 90 days they were applied with.
        let latestStart = fields["latest_start_days"].map { reader.int($0, fields.path("latest_start_days"), 1...365) }
            ?? LeasePolicy.defaultLatestStartDays
        guard let term, let window, let cap, let moveOut, let latestStart else { return nil }
        return LeasePolicy(maxTermMonths: term, renewalWindowMonths: window, cumulativeCapYears: cap, moveOutDays: moveOut,
                           latestStartDays: latestStart)
    }

    private func readOffers(_ node: Node) -> OfferPolicy? {
        guard let fields = reader.mapping(node, "offers", required: ["expiry_days", "decline_reasons", "penalty"]) else { return nil }
        let expiry = fields["expiry_days"].flatMap { reader.int($0, fields.path("expiry_days"), 1...90) }
        let reasons = fields["decline_reasons"].flatMap { vocabulary($0, fields.path("decline_reasons")) }
        if let reasons, reasons.isEmpty { reader.fail(fields["decline_reasons"], fields.path("decline_reasons"), "must list at least one reason") }
        guard let penaltyNode = fields["penalty"],
            let penalty = reader.mapping(penaltyNode, fields.path("penalty"),
                                         required: ["declines", "barred_months", "expiry_counts_as_decline"])
        else { return nil }
        let declines = penalty["declines"].flatMap { reader.int($0, penalty.path("declines"), 1...10) }
        let months = penalty["barred_months"].flatMap { reader.int($0, penalty.path("barred_months"), 0...120) }
        let expiryCounts = penalty["expiry_counts_as_decline"].flatMap { reader.bool($0, penalty.path("expiry_counts_as_decline")) }
        guard let expiry, let reasons, let declines, let months, let expiryCounts else { return nil }
        return OfferPolicy(expiryDays: expiry, declineReasons: reasons, penaltyDeclines: declines, penaltyBarredMonths: months,
                           expiryCountsAsDecline: expiryCounts)
    }

    private func readCertification(_ node: Node) -> CertificationTerms? {
        guard let fields = reader.mapping(node, "certification", required: ["notice_days", "validity_years"]) else { return nil }
        let notice = fields["notice_days"].flatMap { reader.int($0, fields.path("notice_days"), 1...60) }
        let validity = fields["validity_years"].flatMap { reader.int($0, fields.path("validity_years"), 1...20) }
        guard let notice, let validity else { return nil }
        return CertificationTerms(noticeDays: notice, validityYears: validity)
    }

    private func readPractice(_ node: Node) -> PracticeDuration? {
        guard let fields = reader.mapping(node, "practice", required: ["minimum_months", "minimum_months_direct_from_bachelor"])
        else { return nil }
        let minimum = fields["minimum_months"].flatMap { reader.int($0, fields.path("minimum_months"), 1...60) }
        let direct = fields["minimum_months_direct_from_bachelor"].flatMap {
            reader.int($0, fields.path("minimum_months_direct_from_bachelor"), 1...60)
        }
        guard let minimum, let direct else { return nil }
        return PracticeDuration(minimumMonths: minimum, minimumMonthsDirectFromBachelor: direct)
    }
}
