import ArgumentParser

@main
struct TalentCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "talentctl",
        abstract: "Administer TalentZone: talents and their certification, the graduate practice base, talent housing, the policy and the database.",
        discussion: """
            Without DATABASE_URL or PG* variables, talentctl uses its own PostgreSQL cluster in ./.talentzone
            (or TALENTZONE_HOME), starting and migrating it when needed.

            Example:
              talentctl org add --name "示例科技有限公司" --credit-code 91110000600037341L --kind enterprise --chain microelectronics --in-zone
            """,
        version: "0.1.0",
        subcommands: [DatabaseCommand.self, OrganisationCommand.self, TalentCommand.self, CertificationCommand.self,
                      AuditCommand.self, DemoCommand.self, ReportCommand.self, PracticeCommand.self, RulesCommand.self,
                      HousingCommand.self, UserCommand.self]
    )

    static func main() async {
        Terminal.ignoreBrokenPipeSignal()
        if let problem = RawArguments.encodingProblem(RawArguments.ofProcess) {
            Terminal.err("talentctl: \(problem)\n")
            exit(withError: ExitCode(65))
        }
        let command: any ParsableCommand
        do {
            command = try parseAsRoot(nil)
        } catch {
            exit(withError: error)
        }
        do {
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                var synchronous = command
                try synchronous.run()
            }
        } catch let error as ValidationError {
            // A usage error found while running (a value the parser cannot check): the usage shown is the
            // command's own, as for errors found while parsing, not the top level's.
            Terminal.err(usageMessage(error.message, for: type(of: command)))
            exit(withError: ExitCode.validationFailure)
        } catch {
            exit(withError: error)
        }
    }

    /// `Error: …`, the usage line of `command` and where to read more, as ArgumentParser prints them.
    static func usageMessage(_ message: String, for command: any ParsableCommand.Type) -> String {
        let usage = usageString(for: command)
        let path = usage.split(separator: " ").prefix { !$0.hasPrefix("[") && !$0.hasPrefix("<") && !$0.hasPrefix("-") }
        return "Error: \(message)\nUsage: \(usage)\n  See '\(path.joined(separator: " ")) --help' for more information.\n"
    }
}
