import Crypto
import Foundation
import Testing
import TalentDomain
@testable import TalentRules

/// Loading policy files: the default policy, and files with every kind of mistake, each reported
/// with its key path and line.
@Suite("Policy files: loading and validation")
struct PolicyFileTests {
    static let standard = DefaultPolicy.yaml

    /// The default text with `old` replaced by `new` (which must occur once).
    static func edited(_ old: String, _ new: String) -> String {
        precondition(standard.components(separatedBy: old).count == 2, "'\(old)' must occur once")
        return standard.replacingOccurrences(of: old, with: new)
    }

    /// 1-based line of the `occurrence`-th line (1-based) containing `marker`.
    static func line(of marker: String, in text: String, occurrence: Int = 1) -> Int {
        text.components(separatedBy: "\n").indices.filter { text.components(separatedBy: "\n")[$0].contains(marker) }[occurrence - 1] + 1
    }

    static func problems(_ text: String) -> [PolicyError.Problem] {
        do {
            _ = try PolicyFile(text: text)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func defaultPolicyLoads() throws {
        let file = try PolicyFile(text: Self.standard)
        let policy = file.policy
        #expect(policy.version == "gz-talent-town-2026.1")
        #expect(policy.effective == CalendarDate("2026-01-01"))
        #expect(policy.certification == .standard)
        #expect(policy.practice == .standard)
        #expect(policy.eligibility.map(\.key) == ["certified_class_in", "certification_valid", "contract_months_left_at_least",
                                                  "employer_in_zone", "social_insurance_in_zone", "owns_housing",
                                                  "no_active_lease", "not_barred"])
        #expect(policy.eligibility[2] == .contractMonthsLeftAtLeast(12))
        #expect(policy.classification.classes.map(\.talentClass.number) == [1, 2, 3, 4, 5, 6])
        #expect(policy.priority.groups.map(\.group) == [1, 2, 3])
        #expect(policy.quotas.perEmployerCap == 5)
        #expect(policy.quotas.reserved == [.init(group: 3, category: .oneBedroom, percent: 20)])
        #expect(policy.lease == LeasePolicy(maxTermMonths: 24, renewalWindowMonths: 3, cumulativeCapYears: 6, moveOutDays: 60))
        #expect(policy.offers.expiryDays == 7 && policy.offers.penaltyDeclines == 2 && policy.offers.penaltyBarredMonths == 12)
        #expect(file.text == Self.standard)
        #expect(PolicyFile.standard == file)
    }

    @Test func sha256IsOfTheExactBytes() throws {
        let file = try PolicyFile(text: Self.standard)
        let expected = SHA256.hash(data: Data(Self.standard.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(file.sha256 == expected)
        #expect(file.sha256.count == 64)
        // A comment changes the bytes, not the policy.
        let commented = try PolicyFile(text: Self.standard + "# reviewed\n")
        #expect(commented.policy == file.policy)
        #expect(commented.sha256 != file.sha256)
    }

    @Test func defaultPolicyRoundTrips() throws {
        let policy = try PolicyFile(text: Self.standard).policy
        let written = policy.yaml()
        let reread = try PolicyFile(text: written).policy
        #expect(reread == policy)
        #expect(reread.yaml() == written)
    }

    @Test func unknownKey() {
        let text = Self.edited("  move_out_days: 60\n", "  move_out_days: 60\n  colour: blue\n")
        let problems = Self.problems(text)
        #expect(problems.count == 1)
        #expect(problems.first?.path == "lease.colour")
        #expect(problems.first?.line == Self.line(of: "colour: blue", in: text))
        #expect(problems.first?.column == 3)
        #expect(problems.first?.hint?.contains("max_term_months, renewal_window_months, cumulative_cap_years, move_out_days") == true)
    }

    @Test func wrongType() {
        let text = Self.edited("expiry_days: 7", "expiry_days: seven")
        let problems = Self.problems(text)
        #expect(problems.map(\.path) == ["offers.expiry_days"])
        #expect(problems.first?.line == Self.line(of: "expiry_days: seven", in: text))
        #expect(problems.first?.reason == "must be a whole number from 1 to 90, not 'seven'")
    }

    @Test func quotedNumberIsNotANumber() {
        let text = Self.edited("expiry_days: 7", "expiry_days: \"7\"")
        #expect(Self.problems(text).map(\.path) == ["offers.expiry_days"])
    }

    @Test func numberOutOfRange() {
        let text = Self.edited("      years: 3\n      percent_payable: 50", "      years: 3\n      percent_payable: 150")
        let problems = Self.problems(text)
        #expect(problems.map(\.path) == ["rent.discounts[1].percent_payable"])
        #expect(problems.first?.line == Self.line(of: "percent_payable: 150", in: text))
        #expect(problems.first?.reason == "must be a whole number from 0 to 100, not 150")
    }

    @Test func leaseTermAboveTwoYears() {
        let problems = Self.problems(Self.edited("max_term_months: 24", "max_term_months: 36"))
        #expect(problems.map(\.path) == ["lease.max_term_months"])
    }

    @Test func missingSection() {
        let text = Self.edited("practice:\n  minimum_months: 6\n  minimum_months_direct_from_bachelor: 12\n", "")
        let problems = Self.problems(text)
        #expect(problems.map(\.path) == ["practice"])
        #expect(problems.first?.reason == "is missing")
        #expect(problems.first?.line == Self.line(of: "version:", in: text))
    }

    @Test func missingKeyInASection() {
        let text = Self.edited("  notice_days: 7\n", "")
        let problems = Self.problems(text)
        #expect(problems.map(\.path) == ["certification.notice_days"])
        #expect(problems.first?.line == Self.line(of: "validity_years: 6", in: text))
    }

    @Test func badPredicateName() {
        let text = Self.edited("  owns_housing: false", "  owns_housin: false")
        let problems = Self.problems(text)
        #expect(problems.map(\.path) == ["eligibility.owns_housin"])
        #expect(problems.first?.reason == "unknown predicate")
        #expect(problems.first?.line == Self.line(of: "owns_housin:", in: text))
        #expect(problems.first?.hint?.contains("not_barred") == true)
    }

    @Test func predicateWithTheWrongFixedValue() {
        let problems = Self.problems(Self.edited("  owns_housing: false", "  owns_housing: true"))
        #expect(problems.map(\.path) == ["eligibility.owns_housing"])
        #expect(problems.first?.reason == "can only be false")
    }

    @Test func duplicateClass() {
        let text = Self.edited("    - class: 6\n", "    - class: 4\n")
        let problems = Self.problems(text)
        #expect(problems.map(\.path) == ["classification.classes[5].class"])
        #expect(problems.first?.line == Self.line(of: "- class: 4", in: text, occurrence: 2))
        #expect(problems.first?.column == 14)
        #expect(problems.first?.reason.contains("already defined at classification.classes[3]") == true)
    }

    @Test func classInTwoPriorityGroups() {
        let text = Self.edited("    - group: 3\n      classes: [6]", "    - group: 3\n      classes: [5, 6]")
        let problems = Self.problems(text)
        #expect(problems.map(\.path) == ["priority.groups[2].classes"])
        #expect(problems.first?.line == Self.line(of: "classes: [5, 6]", in: text))
    }

    @Test func unknownHonourAndTerm() {
        let text = Self.edited("honours_any: [academician]", "honours_any: [nobel-laureate]")
            .replacingOccurrences(of: "degree_at_least: doctorate", with: "degree_at_least: phd-plus")
        let problems = Self.problems(text)
        #expect(problems.map(\.path) == ["classification.classes[0].honours_any[0]", "classification.classes[3].degree_at_least"])
        #expect(problems.map(\.line) == [Self.line(of: "nobel-laureate", in: text), Self.line(of: "phd-plus", in: text)])
    }

    @Test func yamlSyntaxError() {
        let text = Self.edited("lease:\n  max_term_months: 24", "lease:\n  max_term_months: 24\n    renewal: [")
        let problems = Self.problems(text)
        #expect(problems.count == 1)
        #expect(problems.first?.path == "")
        #expect(problems.first?.reason.hasPrefix("is not valid YAML") == true)
        #expect(problems.first?.line == Self.line(of: "renewal: [", in: text))
    }

    @Test func duplicateKey() {
        let text = Self.edited("  move_out_days: 60\n", "  move_out_days: 60\n  move_out_days: 90\n")
        let problems = Self.problems(text)
        #expect(problems.count == 1)
        #expect(problems.first?.reason.contains("move_out_days") == true)
        #expect(problems.first?.line != nil)
    }

    @Test func emptyFile() {
        #expect(Self.problems("").map(\.reason) == ["is empty"])
        #expect(Self.problems("# nothing\n").map(\.reason) == ["is empty"])
    }

    @Test func everyProblemIsCollected() {
        let text = Self.edited("expiry_days: 7", "expiry_days: 0")
            .replacingOccurrences(of: "  owns_housing: false", with: "  owns_housin: false")
            .replacingOccurrences(of: "per_employer_cap: 5", with: "per_employer_cap: many")
            .replacingOccurrences(of: "version: gz-talent-town-2026.1\n", with: "")
        let problems = Self.problems(text)
        #expect(problems.map(\.path).sorted() == ["eligibility.owns_housin", "offers.expiry_days", "quotas.per_employer_cap", "version"])
        #expect(problems.allSatisfy { $0.line != nil && $0.column != nil })
        let description = PolicyError(file: "p.yaml", problems).description
        #expect(description.hasPrefix("p.yaml has 4 problems:\n"))
        #expect(description.contains("p.yaml:\(Self.line(of: "owns_housin", in: text)):3: eligibility.owns_housin: unknown predicate. Allowed:"))
    }

    @Test func noCapIsNull() throws {
        let policy = try PolicyFile(text: Self.edited("per_employer_cap: 5", "per_employer_cap: null")).policy
        #expect(policy.quotas.perEmployerCap == nil)
        #expect(try PolicyFile(text: policy.yaml()).policy == policy)
    }
}
