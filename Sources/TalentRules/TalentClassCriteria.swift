import TalentDomain

/// The class a talent's registered qualifications point to under the zone's six-class scheme
/// (DOMAIN.md, Guiyang talent town 2019): 4 = doctorate or full senior title (正高); 5 = master's,
/// associate senior title (副高) or senior technician (高级技师); 6 = scarce special skills, read here
/// as technician (技师) or senior worker (高级工).
///
/// Classes 1–3 (academicians, national talent programmes, renowned experts) rest on honours the
/// registry does not record, so they are never suggested; the talent office decides them.
public enum TalentClassCriteria {
    /// The highest class the qualifications support, or nil when none applies.
    public static func suggestedClass(degree: Degree?, title: ProfessionalTitle, skillLevel: SkillLevel) -> TalentClass? {
        if degree == .doctorate || title == .fullSenior { return TalentClass(4) }
        if degree == .master || title == .associateSenior || skillLevel == .seniorTechnician { return TalentClass(5) }
        if skillLevel == .technician || skillLevel == .seniorWorker { return TalentClass(6) }
        return nil
    }
}
