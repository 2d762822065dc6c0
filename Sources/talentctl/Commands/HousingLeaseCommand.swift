import ArgumentParser
import Foundation
import TalentServices

struct HousingLeaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lease",
        abstract: "Leases: list, show, renew, terminate, record move-out.",
        discussion: """
            Leases are created by accepting an offer (`housing offer accept`). The steps record what has happened:
            their --on may not be after today (China Standard Time).

            Example:
              talentctl housing lease show L-2026-00001
              talentctl housing lease renew L-2026-00001
              talentctl housing lease terminate L-2026-00001 --reason left-employer
              talentctl housing lease move-out L-2026-00001 --on 2026-11-20
            """,
        subcommands: [List.self, Show.self, Renew.self, Terminate.self, MoveOut.self, CloseEnded.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List leases by start date.",
            discussion: "Example:\n  talentctl housing lease list --status active --json")

        @Option(help: "active | renewed | ended | terminated") var status: HousingLeaseStatus?
        @Option(help: "Only this talent's leases (identity number or NAT:PASSPORT).") var talent: String?
        @Option(help: "Only leases of this unit (unit code).") var unit: String?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let key = try talent.map { try identityKey($0) }
                let leases = try await zone.housingLeases.leases(status: status, talent: key, unit: unit, actor: LocalOperator.principal)
                if output.json { return Output.json(leases) }
                if leases.isEmpty { return Output.line("No leases.") }
                Output.table(["lease", "talent", "unit", "start", "end", "status", "renews"], leases.map {
                    [$0.number, $0.talentName, $0.unitCode, $0.startDate.description, $0.endDate.description,
                     $0.status.rawValue, $0.renewalOf ?? ""]
                })
                Output.note(Output.count(leases.count, "lease"))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a lease with its rent schedule and the breakdown of each year's rent.",
            discussion: "Example:\n  talentctl housing lease show L-2026-00001")

        @Argument(help: "The lease number (L-YYYY-NNNNN).") var number: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let lease = try await zone.housingLeases.lease(number: number, actor: LocalOperator.principal)
                if output.json { return Output.json(lease) }
                LeaseView.show(lease)
            }
        }
    }

    struct Renew: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Renew an active lease within the renewal window, under the cumulative cap, if still eligible.",
            discussion: """
                The renewal window opens lease.renewal_window_months before the end; eligibility is checked again on the day
                (the lease renewed does not count as another lease). A refusal names the rule. The renewal runs on the same
                unit from the day after the old end; its rent continues the count of lease years.

                Example:
                  talentctl housing lease renew L-2026-00001
                """)

        @Argument(help: "The lease number.") var number: String
        @Option(help: "The day of the request, YYYY-MM-DD (default today; not after today).") var on: Day?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let renewal = try await zone.housingLeases.renew(number: number, on: on?.date ?? .today(), actor: actor.resolved)
                if output.json { return Output.json(renewal) }
                Output.line("Lease \(number.uppercased()) renewed as \(renewal.lease.number).")
                LeaseView.show(renewal)
            }
        }
    }

    struct Terminate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Terminate an active lease with a coded reason; sets the move-out deadline.",
            discussion: """
                Reasons: \(HousingLeaseService.terminationReasons.map(\.code).joined(separator: ", ")).
                The talent must move out within lease.move_out_days of the lease's policy.

                Example:
                  talentctl housing lease terminate L-2026-00001 --reason bought-housing --on 2026-11-01
                """)

        @Argument(help: "The lease number.") var number: String
        @Option(help: "The termination reason code.") var reason: String
        @Option(help: "The day of termination, YYYY-MM-DD (default today; not after today).") var on: Day?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let lease = try await zone.housingLeases.terminate(
                    number: number, reason: reason, on: on?.date ?? .today(), actor: actor.resolved)
                if output.json { return Output.json(lease) }
                Output.line("Lease \(lease.number) terminated on \(lease.terminatedOn?.description ?? "?") "
                            + "(\(lease.terminationReason ?? "?")); move out by \(lease.moveOutBy?.description ?? "?").")
            }
        }
    }

    struct MoveOut: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "move-out",
            abstract: "Record the move-out from a terminated lease; the unit returns to stock.",
            discussion: """
                A move-out is recorded once it has happened: --on may not be after today, because the unit
                is back in stock (and can be offered) from the moment it is recorded.

                Example:
                  talentctl housing lease move-out L-2026-00001
                  talentctl housing lease move-out L-2026-00001 --on 2026-11-20
                """)

        @Argument(help: "The lease number.") var number: String
        @Option(help: "The day the talent moved out, YYYY-MM-DD (default today; not after today).") var on: Day?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let lease = try await zone.housingLeases.recordMoveOut(number: number, on: on?.date ?? .today(), actor: actor.resolved)
                if output.json { return Output.json(lease) }
                Output.line("Moved out of \(lease.unitCode) on \(lease.vacatedOn?.description ?? "?") (lease \(lease.number)); "
                            + "the unit is back in stock.")
            }
        }
    }

    struct CloseEnded: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close-ended",
            abstract: "Mark active leases whose end has passed (not renewed) as ended; units return to stock (for cron).",
            discussion: """
                --on may not be after today: a lease that runs on is still let, and its unit must not be offered again.

                Example:
                  talentctl housing lease close-ended
                  talentctl housing lease close-ended --on 2026-12-01
                """)

        @Option(help: "The day, YYYY-MM-DD (default today; not after today): leases ending before it are closed.") var on: Day?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let day = on?.date ?? .today()
            try await Command.run { zone in
                let closed = try await zone.housingLeases.closeEnded(on: day, actor: actor.resolved)
                if output.json { return Output.json(closed) }
                for lease in closed { Output.line("Lease \(lease.number) (unit \(lease.unitCode)) ended \(lease.endDate).") }
                Output.line("\(closed.count) lease\(closed.count == 1 ? "" : "s") closed on \(day).")
            }
        }
    }
}

extension HousingLeaseStatus: ExpressibleByArgument {}

/// How leases are shown: identity numbers masked, rent in yuan with the fen.
enum LeaseView {
    static func show(_ detail: HousingLeaseDetail) {
        let lease = detail.lease
        var fields: [(String, String)] = [
            ("lease", lease.number),
            ("status", lease.status.rawValue),
            ("talent", "\(lease.talentName) (\(lease.talentIdentityKey.description))"),
            ("unit", "\(lease.unitCode), building \(lease.buildingCode), \(lease.unitCategory), "
                + "\(HousingFormat.squareMetres(lease.areaHundredths)) m²"),
            ("term", "\(lease.startDate) – \(lease.endDate)"),
        ]
        if let renewed = lease.renewalOf { fields.append(("renews", renewed)) }
        if let application = lease.applicationNumber { fields.append(("application", application)) }
        if let terminated = lease.terminatedOn {
            fields.append(("terminated", "\(terminated) (\(lease.terminationReason ?? "?")), move out by \(lease.moveOutBy?.description ?? "?")"))
        }
        if let vacated = lease.vacatedOn { fields.append(("moved out", vacated.description)) }
        fields.append(("policy", "\(lease.policyVersion) sha256 \(lease.policySHA256)"))
        Output.fields(fields)
        Output.line("")
        Output.table(["lease year", "from", "until", "full (yuan)", "payable", "monthly (yuan)", "monthly (fen)"], detail.rents.map {
            [String($0.leaseYear), $0.fromDate.description, $0.untilDate.description, HousingFormat.yuan($0.fullFen),
             "\($0.percentPayable)%", HousingFormat.yuan($0.monthlyFen), String($0.monthlyFen)]
        }, rightAligned: [0, 3, 4, 5, 6])
        for rent in detail.rents {
            Output.line("year \(rent.leaseYear): " + rent.breakdown.joined(separator: "; "))
        }
    }
}
