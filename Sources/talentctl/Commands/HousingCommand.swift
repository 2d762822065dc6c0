import ArgumentParser

struct HousingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "housing",
        abstract: "Talent rental housing: inventory, applications, allocation rounds, offers and leases (Docs/housing.md).",
        discussion: """
            Example:
              talentctl housing unit import units.csv
              talentctl housing application submit --talent 520102199003071234 --prefer 1BR,studio
              talentctl housing round create R1 --name "2026 first round"
              talentctl housing round commit R1 --seed 20261126
              talentctl housing round verify R1
            """,
        subcommands: [HousingProjectCommand.self, HousingBuildingCommand.self, HousingUnitCommand.self,
                      HousingApplicationCommand.self, HousingRoundCommand.self, HousingOfferCommand.self,
                      HousingOffersCommand.self, HousingLeaseCommand.self, HousingStatusCommand.self,
                      HousingReportCommand.self]
    )
}
