import ArgumentParser
import Foundation
import TalentServices

/// `rules explain`, `rules classify`, `rules simulate`: the policy applied to people and rounds.
extension RulesCommand {
    /// `--policy-version V` or `--policy FILE.yaml`, at most one.
    struct PolicyOptions: ParsableArguments {
        @Option(help: "A stored policy version label, or the built-in default's (default: the one in force on the day).")
        var policyVersion: String?
        @Option(help: "A policy file to apply instead (checked, not stored).") var policy: String?

        func validate() throws {
            if policyVersion != nil && policy != nil { throw UsageError("give --policy-version or --policy, not both") }
        }

        var choice: PolicyChoice {
            if let policy { return .file(policy) }
            if let policyVersion { return .version(policyVersion) }
            return .inForce
        }
    }

    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain the housing rules for a talent: eligibility rule by rule, entitlement, priority and class.",
            discussion: """
                The household size and the application date come from the talent's open application (else 1 person).

                Example:
                  talentctl rules explain --talent 11010519491231002X
                  talentctl rules explain --talent 11010519491231002X --on 2027-01-01 --policy policy-2027.yaml --json
                """)

        @Option(help: "Resident identity number, or NAT:PASSPORT.") var talent: String
        @Option(help: "The day, YYYY-MM-DD (default today).") var on: Day?
        @OptionGroup var policy: PolicyOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let explanation = try await zone.ruleExplanations.explain(
                    identityKey: try identityKey(talent), on: on?.date ?? .today(), policy: policy.choice)
                if output.json { return Output.json(explanation) }
                Self.show(explanation)
            }
        }

        /// The explanation as text: the rules table, the entitlement, the score breakdown, the class proposed.
        static func show(_ e: TalentExplanation) {
            Output.line("\(e.talent) (\(e.identity)) on \(e.on), policy \(e.policyVersion) (\(e.policySource)), sha256 \(e.policySHA256)")
            Output.line("")
            Output.line("Eligibility: " + (e.eligible ? "eligible" : "NOT eligible"))
            Output.table(["", "rule", "why"], e.eligibility.map { [$0.passed ? "pass" : "FAIL", $0.rule, $0.explanation] })
            Output.line("")
            let classText = e.certifiedClass.map { "class \($0)" } ?? "not certified"
            Output.line("Entitlement (\(classText), household of \(e.householdSize): \(e.householdFrom)): "
                        + (e.entitlement.isEmpty ? "none"
                            : e.entitlement.map { "\($0.category) up to \($0.maxAreaM2) m²" }.joined(separator: ", ")))
            if let application = e.application {
                Output.line("Application \(application.number) (\(application.status), \(application.appliedOn)): prefers "
                            + application.preferences.joined(separator: ", ") + "; entitled to "
                            + (application.entitledPreferences.isEmpty ? "none of them" : application.entitledPreferences.joined(separator: ", ")))
            }
            Output.line("")
            Output.line("Priority: " + (e.priorityGroup.map { "group \($0)" } ?? "no priority group") + ", \(e.score) points")
            Output.table(["factor", "points", "why"], e.breakdown.map { [$0.factor, String($0.points), $0.why] }, rightAligned: [1])
            Output.line("")
            Output.line("Classification: " + (e.proposedClass.map { "class \($0) proposed" } ?? "no class proposed")
                        + " (\(e.classificationReason))")
        }
    }

    struct Classify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose a talent class from the registry's qualifications and honours, with the reason.",
            discussion: """
                `talentctl cert approve` without --class (and no class applied for) grants this proposal.

                Example:
                  talentctl rules classify 11010519491231002X
                """)

        @Argument(help: "Resident identity number, or NAT:PASSPORT.") var identity: String
        @Option(help: "The day whose policy applies, YYYY-MM-DD (default today).") var on: Day?
        @OptionGroup var policy: PolicyOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let proposal = try await zone.ruleExplanations.classify(
                    identityKey: try identityKey(identity), on: on?.date ?? .today(), policy: policy.choice)
                if output.json { return Output.json(proposal) }
                Output.line("\(proposal.talent) (\(proposal.identity)): "
                            + (proposal.proposedClass.map { "class \($0)" } ?? "no class") + " — \(proposal.reason)")
                Output.line("policy \(proposal.policyVersion); certified now: "
                            + (proposal.certifiedClass.map { "class \($0)" } ?? "no") + "; honours: "
                            + (proposal.honours.isEmpty ? "none" : proposal.honours.joined(separator: ", ")))
            }
        }
    }

    struct Simulate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What-if: draw a round under a policy file and compare with its own policy (writes nothing).",
            discussion: """
                Both draws use today's facts of the round's applicants, every unit and application the round was
                created with, and the same seed (--seed, else the round's committed seed, else the round code).

                Example:
                  talentctl rules simulate --round 2026-R1 --policy policy-2027.yaml --seed 20261126
                """)

        @Option(help: "The round's code.") var round: String
        @Option(help: "The policy file to compare with the round's own policy.") var policy: String
        @Option(help: "The lottery seed.") var seed: String?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let report = try await zone.ruleExplanations.simulate(round: round, policyFile: policy, seed: seed)
                if output.json { return Output.json(report) }
                Output.line("round \(report.round), seed \(report.seed): \(report.baselinePolicy) → \(report.whatIfPolicy) (\(policy))")
                Output.line("offers \(report.baselineOffers) → \(report.whatIfOffers); excluded \(report.baselineExcluded) → \(report.whatIfExcluded)")
                for (title, changes) in [("gain an offer", report.gains), ("lose their offer", report.losses),
                                         ("change category", report.changes)] {
                    Output.line("")
                    Output.line("\(changes.count) would \(title)")
                    if changes.isEmpty { continue }
                    Output.table(["application", "name", "now", "what if"], changes.map {
                        [$0.application, $0.name, $0.baselineResult, $0.whatIfResult]
                    })
                }
            }
        }
    }
}
