import ArgumentParser
import Foundation
import TalentServices

struct CertificationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert",
        abstract: "Certify talents into talent classes: apply → recommend → review → publish → approve | reject.",
        discussion: """
            Example, one talent all the way:
              talentctl cert apply 11010519491231002X --class 5
              talentctl cert recommend 11010519491231002X
              talentctl cert review 11010519491231002X
              talentctl cert publish 11010519491231002X --days 7
              talentctl cert approve 11010519491231002X --class 5     # after the notice has ended
            """,
        subcommands: [Apply.self, Recommend.self, Review.self, Publish.self, Approve.self, Reject.self, Revoke.self,
                      Renew.self, Expire.self, List.self, Classes.self]
    )

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a certification for a talent (one in progress at a time).",
            discussion: "Example:\n  talentctl cert apply 11010519491231002X --class 5")

        @Argument(help: "Resident identity number, or NAT:PASSPORT.") var identity: String
        @Option(name: .customLong("class"), help: "The class applied for, 1–6.") var talentClass: TalentClass?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let record = try await zone.certification.apply(
                    identityKey: try identityKey(identity), requestedClass: talentClass, actor: actor.resolved)
                CertificationCommand.show(record, json: output.json)
            }
        }
    }

    struct Recommend: StepCommand {
        static let configuration = CommandConfiguration(
            abstract: "The employer recommends the application.",
            discussion: "Example:\n  talentctl cert recommend 11010519491231002X")
        @Argument(help: "Resident identity number, or NAT:PASSPORT.") var identity: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions
        func step() -> CertificationService.Step { .init(.recommend) }
    }

    struct Review: StepCommand {
        static let configuration = CommandConfiguration(
            abstract: "The talent office starts its review.",
            discussion: "Example:\n  talentctl cert review 11010519491231002X")
        @Argument(help: "Resident identity number, or NAT:PASSPORT.") var identity: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions
        func step() -> CertificationService.Step { .init(.startReview) }
    }

    struct Publish: StepCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start the public notice (公示), 7 days unless --days says otherwise.",
            discussion: "Example:\n  talentctl cert publish 11010519491231002X --days 7")
        @Argument(help: "Resident identity number, or NAT:PASSPORT.") var identity: String
        @Option(help: "Length of the public notice in days.") var days: Int?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions
        func step() -> CertificationService.Step { .init(.publish, noticeDays: days) }
    }

    struct Approve: StepCommand {
        static let configuration = CommandConfiguration(
            abstract: "Certify after the public notice has ended: class and validity (6 years by default).",
            discussion: "Example:\n  talentctl cert approve 11010519491231002X --class 5 --years 6")
        @Argument(help: "Resident identity number, or NAT:PASSPORT.") var identity: String
        @Option(name: .customLong("class"), help: "The talent class, 1–6 (default: the class applied for, else the one `talentctl rules classify` proposes).") var talentClass: TalentClass?
        @Option(help: "Years of validity.") var years: Int?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions
        func step() -> CertificationService.Step { .init(.approve, talentClass: talentClass, validityYears: years) }
    }

    struct Reject: StepCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reject an application in progress, with a reason.",
            discussion: "Example:\n  talentctl cert reject 11010519491231002X --reason \"degree certificate not verifiable on CHSI\"")
        @Argument(help: "Resident identity number, or NAT:PASSPORT.") var identity: String
        @Option(help: "Why (shown to the applicant and recorded).") var reason: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions
        func step() -> CertificationService.Step { .init(.reject, reason: reason) }
    }

    struct Revoke: StepCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a certification in force, with a reason.",
            discussion: "Example:\n  talentctl cert revoke 11010519491231002X --reason \"left the zone's employer\"")
        @Argument(help: "Resident identity number, or NAT:PASSPORT.") var identity: String
        @Option(help: "Why (recorded).") var reason: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions
        func step() -> CertificationService.Step { .init(.revoke, reason: reason) }
    }

    struct Renew: StepCommand {
        static let configuration = CommandConfiguration(
            abstract: "Renew a certification (in force or expired) for a new validity period from today.",
            discussion: "Example:\n  talentctl cert renew 11010519491231002X --years 6")
        @Argument(help: "Resident identity number, or NAT:PASSPORT.") var identity: String
        @Option(help: "Years of validity.") var years: Int?
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions
        func step() -> CertificationService.Step { .init(.renew, validityYears: years) }
    }

    struct Expire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark every certification whose validity has ended as expired (run daily from cron).",
            discussion: "Example:\n  talentctl cert expire")
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let expired = try await zone.certification.expireDue(actor: actor.resolved)
                if output.json { return Output.json(expired) }
                Output.line("\(expired.count) certifications expired")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List certifications, optionally by status or class.",
            discussion: "Example:\n  talentctl cert list --status public-notice\n  talentctl cert list --class 4 --json")
        @Option(help: "applied | recommended | under-review | public-notice | certified | rejected | expired | revoked")
        var status: CertificationStatus?
        @Option(name: .customLong("class"), help: "Only this talent class.") var talentClass: TalentClass?
        @Option(parsing: .unconditional, help: ListLimit.help("rows"), transform: ListLimit.parse) var limit = 200
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let records = try await zone.certification.list(
                    CertificationFilter(status: status, talentClass: talentClass?.number, limit: limit), actor: LocalOperator.principal)
                if output.json { return Output.json(records) }
                Output.table(["#", "talent", "identity", "status", "class", "notice ends", "valid until"], records.map {
                    [String($0.id), $0.talentName, $0.identityKey.description, $0.status.chineseName,
                     $0.talentClass.map(String.init) ?? $0.requestedClass.map { "(\($0))" } ?? "",
                     $0.noticeEnd?.description ?? "", $0.validUntil?.description ?? ""]
                }, rightAligned: [0])
                Output.note(Output.count(records.count, "certification"))
            }
        }
    }

    struct Classes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the talent classes (Guiyang talent-town scheme) and their criteria.",
            discussion: "Example:\n  talentctl cert classes --json")
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let classes = try await zone.certification.classes()
                if output.json { return Output.json(classes) }
                Output.table(["class", "name", "criteria"], classes.map { [String($0.number), $0.nameZh, $0.criteria] })
            }
        }
    }

    static func show(_ record: CertificationRecord, json: Bool) {
        if json { return Output.json(record) }
        var text = "certification #\(record.id) of \(record.talentName): \(record.status.rawValue) (\(record.status.chineseName))"
        if let end = record.noticeEnd, record.status == .publicNotice { text += ", notice until \(end)" }
        if let talentClass = record.talentClass, let until = record.validUntil { text += ", class \(talentClass), valid until \(until)" }
        if let reason = record.decisionReason { text += ", reason: \(reason)" }
        Output.line(text)
    }
}

/// A certification step on one talent.
protocol StepCommand: AsyncParsableCommand {
    var identity: String { get }
    var actor: ActorOptions { get }
    var output: OutputOptions { get }
    func step() -> CertificationService.Step
}

extension StepCommand {
    func run() async throws {
        try await Command.run { zone in
            let record = try await zone.certification.advance(
                identityKey: try identityKey(identity), step(), actor: actor.resolved)
            CertificationCommand.show(record, json: output.json)
        }
    }
}
