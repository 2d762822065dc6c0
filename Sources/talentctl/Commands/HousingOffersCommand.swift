import ArgumentParser
import Foundation
import TalentServices

struct HousingOffersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offers",
        abstract: "All offers: list, expire overdue ones (for cron).",
        discussion: """
            Example:
              talentctl housing offers list --round 2026-R1 --status pending
              talentctl housing offers expire
            """,
        subcommands: [List.self, Expire.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List offers, newest first.",
            discussion: """
                Example:
                  talentctl housing offers list --round 2026-R1 --status pending
                  talentctl housing offers list --talent 520102199003071234 --json
                """)

        @Option(help: "Only this round's offers (round code).") var round: String?
        @Option(help: "pending | accepted | declined | expired | withdrawn") var status: HousingOfferStatus?
        @Option(help: "Only this talent's offers (identity number or NAT:PASSPORT).") var talent: String?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let key = try talent.map { try identityKey($0) }
                let offers = try await zone.housingOffers.offers(round: round, status: status, talent: key, actor: LocalOperator.principal)
                if output.json { return Output.json(offers) }
                if offers.isEmpty { return Output.line("No offers.") }
                Output.table(OfferView.headers, offers.map(OfferView.row), rightAligned: [0])
                Output.note(Output.count(offers.count, "offer"))
            }
        }
    }

    struct Expire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Expire every pending offer whose last day has passed; pass each unit on (for cron).",
            discussion: """
                Each expired offer's unit goes to the next waiting applicant of its round who wants that category, or back
                to stock; when the policy counts an expiry as a decline (offers.penalty.expiry_counts_as_decline), the
                refusal penalty applies. Running it twice on one day does nothing the second time. --on may not be after
                today: an offer that still has days to run must not expire early.
                Example (crontab, every night at 01:00):
                  0 1 * * * talentctl housing offers expire --actor cron
                """)

        @Option(help: "The day, YYYY-MM-DD (default today; not after today): offers whose last day is before it expire.") var on: Day?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let day = on?.date ?? .today()
            try await Command.run { zone in
                let outcomes = try await zone.housingOffers.expire(on: day, actor: actor.resolved)
                if output.json { return Output.json(outcomes) }
                if outcomes.isEmpty { return Output.line("No pending offer was overdue on \(day).") }
                for outcome in outcomes {
                    Output.line("Offer #\(outcome.offer.id) (unit \(outcome.offer.unitCode), \(outcome.offer.talentName)) "
                                + "expired; its last day was \(outcome.offer.expiresOn).")
                    OfferView.describe(outcome)
                }
                Output.line("\(outcomes.count) offer\(outcomes.count == 1 ? "" : "s") expired on \(day).")
            }
        }
    }
}
