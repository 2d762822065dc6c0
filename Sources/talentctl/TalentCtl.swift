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
                      HousingCommand.self]
    )

    static func main() async {
        Terminal.ignoreBrokenPipeSignal()
        await main(nil)
    }
}
