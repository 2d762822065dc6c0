import TalentDomain

/// A proposed class and why.
public struct ClassProposal: Sendable, Equatable {
    /// nil when no class's criteria hold.
    public var talentClass: TalentClass?
    /// `class 4: degree doctorate (at least doctorate)`, or why none applies.
    public var reason: String

    public init(talentClass: TalentClass?, reason: String) {
        self.talentClass = talentClass
        self.reason = reason
    }
}

extension Policy {
    /// The highest class whose criteria the qualifications meet (classes are tried from 1 down; in
    /// a class, honours, then degree, title and skill level), with the criterion that decided it.
    public func classify(_ facts: ApplicantFacts) -> ClassProposal {
        let honours = Set(facts.honours)
        for criteria in classification.classes {
            let n = criteria.talentClass.number
            if let honour = criteria.honoursAny.first(where: honours.contains) {
                return ClassProposal(talentClass: criteria.talentClass, reason: "class \(n): honour \(honour)")
            }
            if let minimum = criteria.degreeAtLeast, let degree = facts.degree, rank(degree) >= rank(minimum) {
                return ClassProposal(talentClass: criteria.talentClass,
                                     reason: "class \(n): degree \(degree.rawValue) (at least \(minimum.rawValue))")
            }
            if let minimum = criteria.titleAtLeast, rank(facts.title) >= rank(minimum) {
                return ClassProposal(talentClass: criteria.talentClass,
                                     reason: "class \(n): title \(facts.title.rawValue) (at least \(minimum.rawValue))")
            }
            if let minimum = criteria.skillAtLeast, rank(facts.skillLevel) >= rank(minimum) {
                return ClassProposal(talentClass: criteria.talentClass,
                                     reason: "class \(n): skill level \(facts.skillLevel.rawValue) (at least \(minimum.rawValue))")
            }
        }
        let degree = facts.degree?.rawValue ?? "unknown"
        let honourText = facts.honours.isEmpty ? "no honours" : "honours \(facts.honours.joined(separator: ", "))"
        return ClassProposal(talentClass: nil,
                             reason: "no class: \(honourText), degree \(degree), title \(facts.title.rawValue), "
                                 + "skill level \(facts.skillLevel.rawValue) meet no class's criteria")
    }
}

/// The place of a term in its list (lowest first), for "at least" comparisons.
func rank<T: CaseIterable & Equatable>(_ term: T) -> Int {
    Array(T.allCases).firstIndex(of: term)!
}
