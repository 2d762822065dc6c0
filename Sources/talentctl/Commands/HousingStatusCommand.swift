import ArgumentParser
import Foundation
import TalentServices

struct HousingStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Where a talent stands: application, eligibility, score, offer, lease.",
        discussion: """
            Shows the open (or latest) application; each eligibility rule of the policy in force on the day, passed or
            failed and why; the entitlement; the priority group and the score with its breakdown; for the latest
            committed round that drew the application, the lottery key, the position in the serving order and the
            category allocated; the pending (or latest) offer; and the lease with its monthly rent.

            Example:
              talentctl housing status --talent 520102199003071234
              talentctl housing status --talent 520102199003071234 --on 2027-01-01 --json
            """
    )

    @Option(help: "The talent (identity number or NAT:PASSPORT).") var talent: String
    @Option(help: "The day, YYYY-MM-DD (default today).") var on: Day?
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await Command.run { zone in
            let standing = 
                try await zone.housingStatus.status(talent: try identityKey(talent), on: on?.date ?? .today(), actor: LocalOperator.principal)
            if output.json { return Output.json(standing) }
            Self.show(standing)
        }
    }

    static func show(_ s: HousingStanding) {
        var fields: [(String, String)] = [
            ("talent", "\(s.name) (\(s.identityKey))"),
            ("on", s.on.description),
            ("policy", s.policyVersion),
            ("certified class", s.certifiedClass.map(String.init) ?? "not certified"),
        ]
        if let application = s.application {
            fields.append(("application", "\(application.number), \(application.status.rawValue), applied \(application.appliedOn), "
                           + "household \(application.householdSize), wants \(application.preferences.joined(separator: " > "))"))
        } else {
            fields.append(("application", "none"))
        }
        fields.append(("eligible", s.eligible ? "yes" : "no"))
        fields.append(("entitled to", s.entitlement.isEmpty ? "nothing" : s.entitlement.joined(separator: ", ")))
        fields.append(("priority group", s.priorityGroup.map(String.init) ?? "none"))
        fields.append(("points", String(s.points)))
        if let barred = s.barredUntil { fields.append(("barred until", barred.description)) }
        Output.fields(fields)

        Output.line("\nEligibility (\(s.policyVersion)):")
        for rule in s.eligibility { Output.line("  \(rule.passed ? "pass" : "FAIL") \(rule.rule): \(rule.explanation)") }
        Output.line("\nScore:")
        Output.table(["factor", "points", "why"], s.breakdown.map { [$0.factor, String($0.points), $0.why] }, rightAligned: [1])

        if let round = s.round {
            Output.line("\nRound \(round.roundCode) (\(round.roundName)), seed \(round.seed ?? "?"):")
            if let position = round.position {
                Output.line("  position \(position) of \(round.positions), group \(round.priorityGroup.map(String.init) ?? "?"), "
                            + "score \(round.score.map(String.init) ?? "?")")
                Output.line("  lottery key \(round.lotteryKey ?? "?")")
                Output.line("  allocated: \(round.allocatedCategory ?? "nothing (waiting list)")"
                            + (round.quotaSkip.map { ", passed over: \($0) full" } ?? ""))
            } else {
                Output.line("  excluded: " + (round.excludedReasons ?? []).joined(separator: "; "))
            }
        }
        if let offer = s.offer {
            Output.line("\nOffer #\(offer.id): unit \(offer.unitCode) (\(offer.category)), \(offer.status.rawValue), "
                        + "offered \(offer.offeredOn), last day \(offer.expiresOn)"
                        + (offer.declineReason.map { ", declined: \($0)" } ?? ""))
        }
        if let lease = s.lease {
            var line = "\nLease \(lease.number): unit \(lease.unitCode), \(lease.startDate) – \(lease.endDate), \(lease.status.rawValue)"
            if let rent = s.monthlyRent {
                line += ", rent \(HousingFormat.yuan(rent.monthlyFen)) yuan a month (lease year \(rent.leaseYear), "
                    + "\(rent.percentPayable)% of \(HousingFormat.yuan(rent.fullFen)))"
            }
            if let terminated = lease.terminatedOn {
                line += "\n  terminated \(terminated) (\(lease.terminationReason ?? "?")); "
                    + (lease.vacatedOn.map { "moved out \($0)" } ?? "must move out by \(lease.moveOutBy?.description ?? "?")")
            }
            Output.line(line)
        }
    }
}
