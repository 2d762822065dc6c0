import Testing
@testable import TalentDomain

@Suite struct ResidentIdentityNumberTests {
    let today = CalendarDate(year: 2025, month: 6, day: 1)!

    func rejection(_ raw: String) -> ValidationError? {
        do {
            _ = try ResidentIdentityNumber(raw, today: today)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("11010519491231002X", "110105", "1949-12-31", Sex.female),
        ("440524188001010014", "440524", "1880-01-01", Sex.male),
        ("360426199101010071", "360426", "1991-01-01", Sex.male),
        ("44011320141005001X", "440113", "2014-10-05", Sex.male),
    ])
    func standardVectorsPass(raw: String, region: String, birth: String, sex: Sex) throws {
        let id = try ResidentIdentityNumber(raw, today: today)
        #expect(id.value == raw)
        #expect(id.regionCode == region)
        #expect(id.birthDate == CalendarDate(birth))
        #expect(id.sex == sex)
    }

    @Test func lowercaseXAndSurroundingSpacesAreAccepted() throws {
        let id = try ResidentIdentityNumber("  11010519491231002x ", today: today)
        #expect(id.value == "11010519491231002X")
        #expect(id.masked == "1101**********002X")
        #expect(id.description == "11010519491231002X")
    }

    @Test func wrongLengthIsRejected() {
        let error = rejection("1101051949123100")
        #expect(error?.field == "id_number")
        #expect(error?.reason == "must have 18 characters, found 16")
        #expect(rejection("11010519491231002X1")?.reason == "must have 18 characters, found 19")
    }

    @Test func lettersAreRejected() {
        let error = rejection("1101A519491231002X")
        #expect(error?.reason.contains("character 5 is 'A'") == true)
        #expect(rejection("11010519491231002Y")?.reason.contains("must be a digit or X") == true)
    }

    @Test func impossibleBirthDateIsRejected() {
        // 1990-02-30 with an otherwise correct check character.
        let first17 = "11010519900230001"
        let raw = first17 + String(ResidentIdentityNumber.checkCharacter(forFirst17: first17)!)
        #expect(rejection(raw)?.reason == "characters 7–14 (19900230) are not a real birth date")
    }

    @Test func futureBirthDateIsRejected() {
        let number = ResidentIdentityNumber.make(region: "520115", birthDate: today.adding(days: 1), sequence: 11)
        #expect(rejection(number.value)?.reason == "birth date 2025-06-02 is in the future")
        #expect(rejection(ResidentIdentityNumber.make(region: "520115", birthDate: today, sequence: 11).value) == nil)
    }

    @Test func birthDateBeforeEarliestIsRejected() {
        let number = ResidentIdentityNumber.make(region: "520115", birthDate: CalendarDate("1799-12-31")!, sequence: 11)
        #expect(rejection(number.value)?.reason == "birth date 1799-12-31 is before 1800-01-01")
    }

    @Test func wrongCheckCharacterIsRejectedWithTheExpectedOne() {
        let error = rejection("110105194912310021")
        #expect(error?.reason == "check character should be X, not 1")
        // A mistyped number is personal data too: the error masks it as a listing would.
        #expect(error?.value == "1101**********0021")
        #expect(error?.description.hasPrefix("id_number '1101**********0021': check character should be X, not 1. ") == true)
    }

    @Test func everySingleSubstitutionOfGeneratedNumbersIsRejected() {
        let samples = [
            ResidentIdentityNumber.make(region: "520115", birthDate: CalendarDate("1990-07-15")!, sequence: 123),
            ResidentIdentityNumber.make(region: "520102", birthDate: CalendarDate("1985-02-28")!, sequence: 8),
            ResidentIdentityNumber.make(region: "110105", birthDate: CalendarDate("2000-02-29")!, sequence: 999),
            ResidentIdentityNumber.make(region: "440524", birthDate: CalendarDate("1963-11-30")!, sequence: 0),
        ]
        let alphabet = Array("0123456789X")
        var accepted: [String] = []
        var tried = 0
        for sample in samples {
            #expect(rejection(sample.value) == nil)
            let chars = Array(sample.value)
            for position in chars.indices {
                for replacement in alphabet where replacement != chars[position] {
                    var mutated = chars
                    mutated[position] = replacement
                    tried += 1
                    if rejection(String(mutated)) == nil { accepted.append(String(mutated)) }
                }
            }
        }
        #expect(tried == 4 * 18 * 10)
        #expect(accepted.isEmpty)
    }

    /// Computed independently (Python) so a wrong weight in any position is caught; the standard's
    /// vectors all have 0 in position 3.
    @Test(arguments: ["520115199007151235", "520102198502280089", "622928197712314564", "532627198909097399"])
    func independentlyComputedNumbersPass(raw: String) throws {
        #expect(try ResidentIdentityNumber(raw, today: today).value == raw)
        #expect(ResidentIdentityNumber.checkCharacter(forFirst17: String(raw.prefix(17))) == raw.last)
    }

    @Test func makeRoundTrips() throws {
        let birth = CalendarDate("1995-03-09")!
        let number = ResidentIdentityNumber.make(region: "520115", birthDate: birth, sequence: 42)
        let parsed = try ResidentIdentityNumber(number.value, today: today)
        #expect(parsed == number)
        #expect(parsed.regionCode == "520115")
        #expect(parsed.birthDate == birth)
        #expect(parsed.sex == .female)
        #expect(ResidentIdentityNumber.make(region: "520115", birthDate: birth, sequence: 43).sex == .male)
    }

    @Test func checkCharacterNeedsSeventeenDigits() {
        #expect(ResidentIdentityNumber.checkCharacter(forFirst17: "11010519491231002") == "X")
        #expect(ResidentIdentityNumber.checkCharacter(forFirst17: "1101051949123100") == nil)
        #expect(ResidentIdentityNumber.checkCharacter(forFirst17: "1101051949123100A") == nil)
    }
}
