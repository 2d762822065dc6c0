import Foundation
import Testing
import TestSupport

@Suite("talentctl conventions: help, exit codes, JSON")
struct CommandContractTests {
    static let leafCommands: [[String]] = [
        ["db", "up"], ["db", "down"], ["db", "status"], ["db", "migrate"], ["db", "backup"], ["db", "restore"],
        ["org", "add"], ["org", "list"], ["org", "show"],
        ["talent", "register"], ["talent", "update"], ["talent", "show"], ["talent", "list"], ["talent", "import"],
        ["talent", "history"],
        ["cert", "apply"], ["cert", "recommend"], ["cert", "review"], ["cert", "publish"], ["cert", "approve"],
        ["cert", "reject"], ["cert", "revoke"], ["cert", "renew"], ["cert", "expire"], ["cert", "list"], ["cert", "classes"],
        ["audit", "list"], ["demo"],
        ["rules", "load"], ["rules", "list"], ["rules", "show"], ["rules", "diff"], ["rules", "current"],
    ]

    @Test(arguments: [[]] + leafCommands + [["cert"], ["db"], ["org"], ["talent"], ["audit"], ["rules"]])
    func helpExitsZeroWithAnExample(_ command: [String]) throws {
        let result = try Talentctl.run(command + ["--help"], environment: [:])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Example"), "talentctl \(command.joined(separator: " ")) --help has no example")
        #expect(result.stdout.contains("USAGE"))
    }

    @Test(arguments: [["db"], ["org"], ["talent"], ["audit"], ["rules"]])
    func groupHelpExitsZeroAndListsSubcommands(_ command: [String]) throws {
        let result = try Talentctl.run(command + ["--help"], environment: [:])
        #expect(result.status == 0)
        #expect(result.stdout.contains("SUBCOMMANDS"))
    }

    @Test(arguments: [
        ["--bogus"], ["org", "list", "--bogus"], ["talent", "register", "--nam", "王小明"], ["org", "add", "--name", "x"],
        ["cert", "apply"], ["talent", "list", "--limit", "0"], ["org", "add", "--name", "x", "--credit-code",
                                                                "91110000600037341L", "--kind", "bank"],
        ["nosuchcommand"],
    ])
    func badUsageExits64(_ arguments: [String]) throws {
        let result = try Talentctl.run(arguments, environment: ["DATABASE_URL": "postgres://postgres@/nodb?host=/nonexistent"])
        #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
        #expect(!result.stderr.isEmpty)
        expectNoCrash(result)
    }

    @Test(arguments: [["org", "list"], ["talent", "list", "--json"], ["db", "status"], ["audit", "list"]])
    func anUnreachableDatabaseExits69WithAClearMessage(_ arguments: [String]) throws {
        let result = try Talentctl.run(arguments, environment: ["DATABASE_URL": "postgres://postgres@/nodb?host=/nonexistent"])
        #expect(result.status == 69)
        #expect(result.stderr.hasPrefix("talentctl: "))
        #expect(result.stderr.contains("database unavailable"))
        #expect(result.stderr.contains("/nonexistent"))
        #expect(result.stderr.split(separator: "\n").count <= 2)
        #expect(result.stdout.isEmpty)
        expectNoCrash(result)
    }

    @Test func aMalformedDatabaseURLIsAUsageError() throws {
        let result = try Talentctl.run(["org", "list"], environment: ["DATABASE_URL": "postgres://u@h/d?sslmode=sometimes"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("sslmode"))
        expectNoCrash(result)
    }

    @Test func listsOnAnEmptyDatabaseAreEmptyJSONArrays() async throws {
        let cli = try await CLISession.fresh()
        for command in [["org", "list"], ["talent", "list"], ["cert", "list"], ["audit", "list"], ["rules", "list"]] {
            #expect(try cli.jsonArray(command + ["--json"]).isEmpty, "\(command)")
        }
    }

    @Test func dbStatusShowsTheMigrationsApplied() async throws {
        let cli = try await CLISession.fresh()
        let status = try #require(try cli.json(["db", "status", "--json"]) as? [String: Any])
        #expect(status["embedded"] as? Bool == false)
        #expect(status["running"] as? Bool == true)
        let migrations = try #require(status["migrations"] as? [[String: Any]])
        #expect(!migrations.isEmpty)
        #expect(migrations.first?["version"] as? Int == 1)
        #expect(migrations.allSatisfy { $0["state"] as? String == "applied" && $0["applied_at"] is String })
        #expect((status["database"] as? String)?.contains("/nodb") == false)

        let table = try cli.ok(["db", "status"])
        #expect(table.contains("applied"))
        let migrate = try cli.ok(["db", "migrate"])
        #expect(migrate.contains("schema up to date"))
    }
}
