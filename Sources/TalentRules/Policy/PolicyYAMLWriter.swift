import TalentDomain

extension Policy {
    /// The policy as a YAML file that ``PolicyFile`` reads back to an equal policy (comments and
    /// layout of the original are not kept; its sha256 is that of this new text).
    public func yaml() -> String {
        var out: [String] = []
        func q(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        func classes(_ list: [TalentClass]) -> String { "[" + list.map { String($0.number) }.joined(separator: ", ") + "]" }
        func flow(_ list: [String]) -> String { "[" + list.joined(separator: ", ") + "]" }
        func points<T: RawRepresentable<String> & CaseIterable & Hashable>(_ table: [T: Int]) -> String {
            "{" + T.allCases.compactMap { term in table[term].map { "\(term.rawValue): \($0)" } }.joined(separator: ", ") + "}"
        }
        func capped(_ per: String, _ rule: PriorityPolicy.Capped) -> String {
            "{\(per): \(rule.pointsPer), max_points: \(rule.maxPoints)}"
        }

        out.append("version: \(q(version))")
        out.append("effective: \(effective)")
        out.append("classification:")
        out.append("  honours:")
        for honour in classification.honours { out.append("    \(honour.code): \(q(honour.meaning))") }
        out.append("  classes:")
        for criteria in classification.classes {
            out.append("    - class: \(criteria.talentClass.number)")
            if !criteria.honoursAny.isEmpty { out.append("      honours_any: \(flow(criteria.honoursAny))") }
            if let degree = criteria.degreeAtLeast { out.append("      degree_at_least: \(degree.rawValue)") }
            if let title = criteria.titleAtLeast { out.append("      title_at_least: \(title.rawValue)") }
            if let skill = criteria.skillAtLeast { out.append("      skill_at_least: \(skill.rawValue)") }
        }
        out.append("eligibility:")
        for rule in eligibility {
            switch rule {
            case let .certifiedClassIn(list): out.append("  \(rule.key): \(classes(list))")
            case let .contractMonthsLeftAtLeast(n), let .socialInsuranceMonthsAtLeast(n): out.append("  \(rule.key): \(n)")
            case .ownsNoHousing: out.append("  \(rule.key): false")
            default: out.append("  \(rule.key): true")
            }
        }
        out.append("entitlement:")
        out.append("  categories:")
        for c in entitlement.categories {
            out.append("    \(c.category.rawValue): {max_area_m2: \(c.maxAreaM2), min_household: \(c.minHousehold), max_household: \(c.maxHousehold)}")
        }
        out.append("  classes:")
        for terms in entitlement.classes {
            out.append("    - classes: \(classes(terms.classes))")
            out.append("      categories: \(flow(terms.categories.map(\.rawValue)))")
        }
        out.append("priority:")
        out.append("  groups:")
        for group in priority.groups {
            out.append("    - group: \(group.group)")
            out.append("      classes: \(classes(group.classes))")
        }
        out.append("  points:")
        out.append("    class: {" + priority.classPoints.keys.sorted().map { "\($0): \(priority.classPoints[$0]!)" }.joined(separator: ", ") + "}")
        out.append("    qualification:")
        out.append("      degree: \(points(priority.degreePoints))")
        out.append("      title: \(points(priority.titlePoints))")
        out.append("      skill_level: \(points(priority.skillPoints))")
        out.append("    local_insurance: \(capped("points_per_year", priority.localInsurance))")
        out.append("    household: \(capped("points_per_extra_member", priority.household))")
        out.append("    industry_chain: {chains: \(flow(priority.priorityChains.map(\.rawValue))), points: \(priority.priorityChainPoints)}")
        out.append("    months_waiting: \(capped("points_per_month", priority.monthsWaiting))")
        out.append("quotas:")
        out.append("  per_employer_cap: \(quotas.perEmployerCap.map(String.init) ?? "null")")
        out.append("  reserved:" + (quotas.reserved.isEmpty ? " []" : ""))
        for reserve in quotas.reserved {
            out.append("    - {group: \(reserve.group), category: \(reserve.category.rawValue), percent: \(reserve.percent)}")
        }
        out.append("rent:")
        out.append("  discounts:" + (rent.discounts.isEmpty ? " []" : ""))
        for d in rent.discounts {
            out.append("    - {classes: \(classes(d.classes)), years: \(d.years), percent_payable: \(d.percentPayable)}")
        }
        out.append("  max_discounted_years: \(rent.maxDiscountedYears)")
        out.append("lease:")
        out.append("  max_term_months: \(lease.maxTermMonths)")
        out.append("  renewal_window_months: \(lease.renewalWindowMonths)")
        out.append("  cumulative_cap_years: \(lease.cumulativeCapYears)")
        out.append("  move_out_days: \(lease.moveOutDays)")
        out.append("  latest_start_days: \(lease.latestStartDays)")
        out.append("offers:")
        out.append("  expiry_days: \(offers.expiryDays)")
        out.append("  decline_reasons:")
        for reason in offers.declineReasons { out.append("    \(reason.code): \(q(reason.meaning))") }
        out.append("  penalty:")
        out.append("    declines: \(offers.penaltyDeclines)")
        out.append("    barred_months: \(offers.penaltyBarredMonths)")
        out.append("    expiry_counts_as_decline: \(offers.expiryCountsAsDecline)")
        out.append("certification:")
        out.append("  notice_days: \(certification.noticeDays)")
        out.append("  validity_years: \(certification.validityYears)")
        out.append("practice:")
        out.append("  minimum_months: \(practice.minimumMonths)")
        out.append("  minimum_months_direct_from_bachelor: \(practice.minimumMonthsDirectFromBachelor)")
        return out.joined(separator: "\n") + "\n"
    }
}
