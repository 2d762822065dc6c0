import TalentDomain

/// One unit category a talent may be offered, and the largest area of it.
public struct EntitledCategory: Sendable, Equatable {
    public var category: UnitCategory
    public var maxAreaM2: Int

    public init(category: UnitCategory, maxAreaM2: Int) {
        self.category = category
        self.maxAreaM2 = maxAreaM2
    }
}

extension Policy {
    /// The categories a class and household may be offered (in the policy's category order): those
    /// listed for the class whose household bounds include `householdSize`, each with its area cap.
    public func entitlement(class talentClass: TalentClass, householdSize: Int) -> [EntitledCategory] {
        guard let terms = entitlement.classes.first(where: { $0.classes.contains(talentClass) }) else { return [] }
        return entitlement.categories.compactMap { category in
            guard terms.categories.contains(category.category),
                (category.minHousehold...category.maxHousehold).contains(householdSize)
            else { return nil }
            return EntitledCategory(category: category.category, maxAreaM2: category.maxAreaM2)
        }
    }

    /// The applicant's preferences with the categories they are not entitled to removed (order kept).
    public func entitledPreferences(_ preferences: [UnitCategory], class talentClass: TalentClass,
                                    householdSize: Int) -> [UnitCategory] {
        let allowed = Set(entitlement(class: talentClass, householdSize: householdSize).map(\.category))
        return preferences.filter(allowed.contains)
    }
}
