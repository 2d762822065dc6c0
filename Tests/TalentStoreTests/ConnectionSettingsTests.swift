import Foundation
import Testing
@testable import TalentStore

@Suite("Connection settings from DATABASE_URL and PG* variables")
struct ConnectionSettingsTests {
    @Test func aTCPURLWithEverything() throws {
        let settings = try ConnectionSettings.parse(
            url: "postgres://alice:s%40cret%2Fpw@db.example.com:6543/talent_zone?sslmode=require")
        #expect(settings.endpoint == .tcp(host: "db.example.com", port: 6543))
        #expect(settings.user == "alice")
        #expect(settings.password == "s@cret/pw")
        #expect(settings.database == "talent_zone")
        #expect(settings.sslMode == .require)
        #expect(!settings.redacted.contains("s@cret"))
        #expect(settings.redacted == "postgres://alice@db.example.com:6543/talent_zone")
    }

    @Test func defaultsForPortSSLModeAndDatabase() throws {
        let settings = try ConnectionSettings.parse(url: "postgresql://bob@localhost")
        #expect(settings.endpoint == .tcp(host: "localhost", port: 5432))
        #expect(settings.user == "bob")
        #expect(settings.password == nil)
        #expect(settings.database == "bob")  // libpq: the database defaults to the user name
        #expect(settings.sslMode == .prefer)
    }

    @Test(arguments: [
        ("disable", ConnectionSettings.SSLMode.disable), ("allow", .allow), ("prefer", .prefer), ("require", .require),
        ("verify-ca", .verifyCA), ("verify-full", .verifyFull),
    ])
    func everySSLMode(_ text: String, _ mode: ConnectionSettings.SSLMode) throws {
        #expect(try ConnectionSettings.parse(url: "postgres://u@h/d?sslmode=\(text)").sslMode == mode)
    }

    @Test func aSocketFolderGivenAsTheHostParameter() throws {
        let settings = try ConnectionSettings.parse(url: "postgres://postgres@/nodb?host=/var/run/postgresql&sslmode=disable")
        #expect(settings.endpoint == .unixSocket(path: "/var/run/postgresql/.s.PGSQL.5432"))
        #expect(settings.user == "postgres")
        #expect(settings.database == "nodb")
        #expect(settings.sslMode == .disable)

        let withPort = try ConnectionSettings.parse(url: "postgres://postgres@/app?host=/tmp/pg/&port=5433")
        #expect(withPort.endpoint == .unixSocket(path: "/tmp/pg/.s.PGSQL.5433"))
    }

    @Test func aPercentEncodedSocketFolderAsTheHost() throws {
        let settings = try ConnectionSettings.parse(url: "postgres://talent@%2Fvar%2Frun%2Fpostgresql:5433/talentzone")
        #expect(settings.endpoint == .unixSocket(path: "/var/run/postgresql/.s.PGSQL.5433"))
        #expect(settings.user == "talent")
        #expect(settings.database == "talentzone")
    }

    @Test func noHostMeansTheDefaultSocketFolder() throws {
        let settings = try ConnectionSettings.parse(url: "postgres://postgres@/talentzone")
        #expect(settings.endpoint == .unixSocket(path: "/var/run/postgresql/.s.PGSQL.5432"))
    }

    @Test func theEnvironmentFillsWhatTheURLLeavesOut() throws {
        let settings = try ConnectionSettings.parse(
            url: "postgres://db.example.com/app", environment: ["PGUSER": "carol", "PGSSLMODE": "verify-full"])
        #expect(settings.user == "carol")
        #expect(settings.sslMode == .verifyFull)
        // …but what the URL says wins.
        let explicit = try ConnectionSettings.parse(
            url: "postgres://dave@db.example.com/app?sslmode=disable", environment: ["PGUSER": "carol", "PGSSLMODE": "require"])
        #expect(explicit.user == "dave")
        #expect(explicit.sslMode == .disable)
    }

    @Test(arguments: [
        "postgres://u@h/d?sslmode=sometimes",
        "postgres://u@h/d?sslmode=REQUIRE",
        "mysql://u@h/d",
        "not a url at all",
        "postgres://u@/d?host=/tmp&port=70000",
        "postgres://u@/d?host=/tmp&port=abc",
    ])
    func malformedURLsAreConfigurationErrors(_ url: String) {
        do {
            let settings = try ConnectionSettings.parse(url: url)
            Issue.record("\(url) parsed as \(settings)")
        } catch {
            guard case let .configuration(message) = error else {
                Issue.record("\(url): expected a configuration error, got \(error)")
                return
            }
            #expect(!message.isEmpty)
        }
    }

    @Test func theLibpqVariables() throws {
        let settings = try #require(try ConnectionSettings.fromEnvironment([
            "PGHOST": "db.internal", "PGPORT": "6432", "PGUSER": "talent", "PGPASSWORD": "secret",
            "PGDATABASE": "registry", "PGSSLMODE": "require", "HOME": "/root",
        ]))
        #expect(settings.endpoint == .tcp(host: "db.internal", port: 6432))
        #expect(settings.user == "talent")
        #expect(settings.password == "secret")
        #expect(settings.database == "registry")
        #expect(settings.sslMode == .require)
    }

    @Test func aSocketFolderInPGHOSTAndDefaults() throws {
        let settings = try #require(try ConnectionSettings.fromEnvironment(["PGHOST": "/tmp/sockets", "PGUSER": "talent"]))
        #expect(settings.endpoint == .unixSocket(path: "/tmp/sockets/.s.PGSQL.5432"))
        #expect(settings.database == "talent")
        #expect(settings.password == nil)
        #expect(settings.sslMode == .prefer)

        let portOnly = try #require(try ConnectionSettings.fromEnvironment(["PGPORT": "5433"]))
        #expect(portOnly.endpoint == .unixSocket(path: "/var/run/postgresql/.s.PGSQL.5433"))
    }

    @Test func databaseURLWinsOverThePGVariables() throws {
        let settings = try #require(try ConnectionSettings.fromEnvironment([
            "DATABASE_URL": "postgres://alice@db.example.com:6543/talent", "PGHOST": "other", "PGDATABASE": "other",
        ]))
        #expect(settings.endpoint == .tcp(host: "db.example.com", port: 6543))
        #expect(settings.database == "talent")
    }

    @Test func nothingSetMeansNoServer() throws {
        #expect(try ConnectionSettings.fromEnvironment([:]) == nil)
        #expect(try ConnectionSettings.fromEnvironment(["DATABASE_URL": "", "PGHOST": "", "HOME": "/root", "USER": "x"]) == nil)
    }

    @Test func badPGVariablesAreConfigurationErrors() {
        for environment in [["PGPORT": "0"], ["PGPORT": "five"], ["PGHOST": "h", "PGSSLMODE": "maybe"]] {
            #expect(throws: StoreError.self) { try ConnectionSettings.fromEnvironment(environment) }
        }
    }
}
