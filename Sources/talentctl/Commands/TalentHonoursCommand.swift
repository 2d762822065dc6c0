import ArgumentParser
import Foundation
import TalentServices

/// `talentctl talent honours ID [--set a,b]`: the honours the classification reads (academician, …).
struct TalentHonoursCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "honours",
        abstract: "Show or replace a talent's honours (the classification's vocabulary: academician, …).",
        discussion: """
            Codes must be honours of the policy in force (see `talentctl rules show default`, `classification.honours`).
            `--set ""` clears them. The change is audited.

            Example:
              talentctl talent honours 11010519491231002X
              talentctl talent honours 11010519491231002X --set academician,changjiang-scholar
            """)

    @Argument(help: "Resident identity number, or NAT:PASSPORT.") var identity: String
    @Option(help: "Replace the honours with these codes, comma-separated.") var set: String?
    @Option(help: "The day whose policy vocabulary applies, YYYY-MM-DD (default today).") var on: Day?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await Command.run { zone in
            let key = try identityKey(identity)
            let honours: [String]
            if let set {
                honours = try await zone.ruleExplanations.setHonours(
                    identityKey: key, set.split(separator: ",").map(String.init), on: on?.date ?? .today(), actor: actor.resolved)
            } else {
                honours = try await zone.ruleExplanations.honours(identityKey: key)
            }
            if output.json { return Output.json(honours) }
            Output.line(honours.isEmpty ? "no honours" : honours.joined(separator: ", "))
        }
    }
}
