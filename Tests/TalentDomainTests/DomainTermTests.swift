import Testing
@testable import TalentDomain

@Suite struct DomainTermTests {
    @Test func degreeParsesCodesChineseAndAliases() {
        #expect(Degree.parse("Bachelor") == .bachelor)
        #expect(Degree.parse(" 本科 ") == .bachelor)
        #expect(Degree.parse("学士") == .bachelor)
        #expect(Degree.parse("學士") == .bachelor)
        #expect(Degree.parse("碩士") == .master)
        #expect(Degree.parse("硕士") == .master)
        #expect(Degree.parse("PhD") == .doctorate)
        #expect(Degree.parse("Ph.D.") == .doctorate)
        #expect(Degree.parse("doctor") == .doctorate)
        #expect(Degree.parse("博士") == .doctorate)
        #expect(Degree.parse("大專") == .associate)
        #expect(Degree.parse("無") == Degree.none)
        #expect(Degree.parse("diploma") == nil)
        #expect(Degree.parse("") == nil)
    }

    @Test func titleAcceptsUnderscoreDashAndSpace() {
        #expect(ProfessionalTitle.parse("associate_senior") == .associateSenior)
        #expect(ProfessionalTitle.parse("ASSOCIATE-SENIOR") == .associateSenior)
        #expect(ProfessionalTitle.parse("associate senior") == .associateSenior)
        #expect(ProfessionalTitle.parse("副高") == .associateSenior)
        #expect(ProfessionalTitle.parse("副高级") == .associateSenior)
        #expect(ProfessionalTitle.parse("副高級") == .associateSenior)
        #expect(ProfessionalTitle.parse("正高级") == .fullSenior)
        #expect(ProfessionalTitle.parse("full_senior") == .fullSenior)
        #expect(ProfessionalTitle.parse("中級") == .intermediate)
        #expect(ProfessionalTitle.parse("senior") == nil)
    }

    @Test func skillLevelParsesTraditionalChinese() {
        #expect(SkillLevel.parse("高级技师") == .seniorTechnician)
        #expect(SkillLevel.parse("高級技師") == .seniorTechnician)
        #expect(SkillLevel.parse("senior_technician") == .seniorTechnician)
        #expect(SkillLevel.parse("技師") == .technician)
        #expect(SkillLevel.parse("junior-worker") == .juniorWorker)
        #expect(SkillLevel.parse("中级工") == .intermediateWorker)
    }

    @Test func organisationKindAndIndustryChainAliases() {
        #expect(OrganisationKind.parse("大学") == .university)
        #expect(OrganisationKind.parse("research_institute") == .institute)
        #expect(OrganisationKind.parse("研究院") == .institute)
        #expect(OrganisationKind.parse("企業") == .enterprise)
        #expect(IndustryChain.parse("software") == .softwareBigData)
        #expect(IndustryChain.parse("big_data") == .softwareBigData)
        #expect(IndustryChain.parse("大数据") == .softwareBigData)
        #expect(IndustryChain.parse("軟件和大數據") == .softwareBigData)
        #expect(IndustryChain.parse("航空發動機") == .aeroEngine)
        #expect(IndustryChain.parse("精密微特电机") == .microMotor)
        #expect(IndustryChain.parse("Aero_Engine") == .aeroEngine)
    }

    @Test func certificationStatusParsesAllForms() {
        #expect(CertificationStatus.parse("under_review") == .underReview)
        #expect(CertificationStatus.parse("审核中") == .underReview)
        #expect(CertificationStatus.parse("審核中") == .underReview)
        #expect(CertificationStatus.parse("单位已推荐") == .recommended)
        #expect(CertificationStatus.parse("公示中") == .publicNotice)
        #expect(CertificationStatus.parse("已認定") == .certified)
    }

    @Test func everyCaseParsesFromItsCodeAndChineseName() {
        func check<T: DomainTerm & Equatable>(_: T.Type) {
            for term in T.allCases {
                #expect(T.parse(term.rawValue) == term)
                #expect(T.parse(term.rawValue.uppercased().replacingOccurrences(of: "-", with: "_")) == term)
                #expect(T.parse(term.chineseName) == term)
            }
        }
        check(Degree.self)
        check(ProfessionalTitle.self)
        check(SkillLevel.self)
        check(OrganisationKind.self)
        check(IndustryChain.self)
        check(CertificationStatus.self)
    }

    @Test func aliasKeysAreNormalizedAndUnambiguous() {
        func check<T: DomainTerm>(_: T.Type) {
            for key in T.aliases.keys {
                #expect(normalizedTermKey(key) == key, "alias '\(key)' of \(T.self) is never matched")
                #expect(!T.allCases.contains { $0.rawValue == key || $0.chineseName == key }, "alias '\(key)' shadows a case")
            }
        }
        check(Degree.self)
        check(ProfessionalTitle.self)
        check(SkillLevel.self)
        check(OrganisationKind.self)
        check(IndustryChain.self)
        check(CertificationStatus.self)
    }

    @Test func allowedTermsDescriptionListsCodesThenChinese() {
        #expect(Degree.allowedTermsDescription == "none|associate|bachelor|master|doctorate (无|大专|本科|硕士|博士)")
    }

    @Test func openAndTerminalStatuses() {
        #expect(CertificationStatus.allCases.filter(\.isOpen) == [.applied, .recommended, .underReview, .publicNotice])
        #expect(CertificationStatus.allCases.filter(\.isTerminal) == [.rejected, .revoked])
    }

    @Test func talentClassParsesNumbersAndChinese() {
        #expect(TalentClass.parse("3") == TalentClass(3))
        #expect(TalentClass.parse("class-3") == TalentClass(3))
        #expect(TalentClass.parse("Class_5") == TalentClass(5))
        #expect(TalentClass.parse("第三类") == TalentClass(3))
        #expect(TalentClass.parse("三类") == TalentClass(3))
        #expect(TalentClass.parse("第六類") == TalentClass(6))
        #expect(TalentClass.parse("7") == nil)
        #expect(TalentClass.parse("第七类") == nil)
        #expect(TalentClass(0) == nil)
        #expect(TalentClass(1)! < TalentClass(2)!)
        #expect(TalentClass(4)!.chineseName == "第四类")
        #expect(TalentClass.all.map(\.number) == [1, 2, 3, 4, 5, 6])
    }
}
