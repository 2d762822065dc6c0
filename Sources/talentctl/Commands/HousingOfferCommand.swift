import ArgumentParser
import Foundation
import TalentServices

struct HousingOfferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offer",
        abstract: "One offer: show, accept, decline.",
        discussion: """
            An offer is open from the day it is made to its last day (offers.expiry_days of the round's policy).
            Accepting creates the lease; declining (with one of the policy's reason codes) passes the unit on to
            the next waiting applicant of the round who wants that category, and counts toward the refusal penalty.

            Example:
              talentctl housing offer accept 17 --on 2026-12-01
              talentctl housing offer decline 18 --reason location
            """,
        subcommands: [Show.self, Accept.self, Decline.self]
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an offer: unit, talent, round, category and dates.",
            discussion: "Example:\n  talentctl housing offer show 17 --json")

        @Argument(help: "The offer number (see `housing offers list`).") var id: Int64
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let offer = try await zone.housingOffers.offer(id: id, actor: LocalOperator.principal)
                if output.json { return Output.json(offer) }
                OfferView.show(offer)
            }
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept a pending offer: creates the lease with its rent schedule.",
            discussion: """
                The lease starts on the day of acceptance (or --start) and runs the policy's next term (lease.max_term_months,
                less when the cumulative cap is near); the rent of each lease year follows the certified class.

                Example:
                  talentctl housing offer accept 17 --on 2026-12-01
                  talentctl housing offer accept 17 --start 2027-01-01 --json
                """)

        @Argument(help: "The offer number.") var id: Int64
        @Option(help: "The day of acceptance, YYYY-MM-DD (default today; not after today).") var on: Day?
        @Option(help: "The first day of the lease, YYYY-MM-DD (default: the day of acceptance); may be after today, up to lease.latest_start_days of the policy (90 days by default) after the acceptance.") var start: Day?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let lease = try await zone.housingOffers.accept(
                    offerID: id, on: on?.date ?? .today(), start: start?.date, actor: actor.resolved)
                if output.json { return Output.json(lease) }
                Output.line("Offer #\(id) accepted: lease \(lease.lease.number).")
                LeaseView.show(lease)
            }
        }
    }

    struct Decline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decline a pending offer with a reason code; the unit passes on.",
            discussion: """
                The reason must be one of the decline reasons of the round's policy (offers.decline_reasons; the default
                policy has location, unit-size, rent, family, job-change, other). An unknown code exits 65 and changes nothing.

                Example:
                  talentctl housing offer decline 18 --reason location --on 2026-12-02
                """)

        @Argument(help: "The offer number.") var id: Int64
        @Option(help: "The decline reason code.") var reason: String
        @Option(help: "The day of the decision, YYYY-MM-DD (default today; not after today).") var on: Day?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let outcome = try await zone.housingOffers.decline(
                    offerID: id, reason: reason, on: on?.date ?? .today(), actor: actor.resolved)
                if output.json { return Output.json(outcome) }
                Output.line("Offer #\(id) declined (\(reason)).")
                OfferView.describe(outcome)
            }
        }
    }
}

extension HousingOfferStatus: ExpressibleByArgument {}

/// How offers are shown: identity numbers masked.
enum OfferView {
    static func show(_ offer: HousingOfferRecord) {
        var fields: [(String, String)] = [
            ("offer", "#\(offer.id)"),
            ("status", offer.status.rawValue + (offer.decidedOn.map { " on \($0)" } ?? "")),
            ("talent", "\(offer.talentName) (\(offer.talentIdentityKey.description))"),
            ("application", offer.applicationNumber),
            ("round", offer.roundCode + (offer.source == "waitlist" ? " (passed on from the waiting list)" : "")),
            ("unit", "\(offer.unitCode), building \(offer.buildingCode), project \(offer.projectCode)"),
            ("category", offer.category == offer.unitCategory ? offer.category : "\(offer.category) (unit: \(offer.unitCategory))"),
            ("area", "\(HousingFormat.squareMetres(offer.areaHundredths)) m²"),
            ("offered", offer.offeredOn.description),
            ("last day", offer.expiresOn.description),
            ("policy", offer.policyVersion),
        ]
        if let reason = offer.declineReason { fields.append(("decline reason", reason)) }
        Output.fields(fields)
    }

    static func describe(_ outcome: HousingOfferOutcome) {
        if let next = outcome.passedOn {
            Output.line("Unit \(next.unitCode) passed on to \(next.talentName) (\(next.applicationNumber)): offer #\(next.id), "
                        + "open until \(next.expiresOn).")
        } else {
            Output.line("Unit \(outcome.offer.unitCode): nobody waiting in round \(outcome.offer.roundCode) wants "
                        + "\(outcome.offer.category); back in stock.")
        }
        if let bar = outcome.bar {
            Output.line("\(outcome.offer.talentName) is barred until \(bar.untilDate): \(bar.reason).")
        }
    }

    static func row(_ offer: HousingOfferRecord) -> [String] {
        [String(offer.id), offer.roundCode, offer.talentName, offer.applicationNumber, offer.unitCode, offer.category,
         offer.source, offer.status.rawValue, offer.offeredOn.description, offer.expiresOn.description]
    }

    static let headers = ["offer", "round", "talent", "application", "unit", "category", "source", "status", "offered", "last day"]
}
