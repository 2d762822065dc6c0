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

    @Test func applicationNameAndConnectTimeout() throws {
        let defaults = try ConnectionSettings.parse(url: "postgres://u@h/d")
        #expect(defaults.applicationName == "talentctl")
        #expect(defaults.connectTimeoutSeconds == 10)
        let server = try #require(try ConnectionSettings.fromEnvironment(["PGHOST": "h"], applicationName: "talentd"))
        #expect(server.applicationName == "talentd")

        let variables = try #require(try ConnectionSettings.fromEnvironment(
            ["PGHOST": "h", "PGAPPNAME": "nightly-expire", "PGCONNECT_TIMEOUT": "3"], applicationName: "talentd"))
        #expect(variables.applicationName == "nightly-expire")
        #expect(variables.connectTimeoutSeconds == 3)
        let url = try ConnectionSettings.parse(
            url: "postgres://u@h/d?application_name=report&connect_timeout=25",
            environment: ["PGAPPNAME": "ignored", "PGCONNECT_TIMEOUT": "3"])
        #expect(url.applicationName == "report")
        #expect(url.connectTimeoutSeconds == 25)
        // libpq: 0 or less waits indefinitely, and 1 second is raised to its minimum of 2.
        #expect(try ConnectionSettings.parse(url: "postgres://u@h/d?connect_timeout=0").connectTimeoutSeconds == nil)
        #expect(try ConnectionSettings.parse(url: "postgres://u@h/d?connect_timeout=1").connectTimeoutSeconds == 2)
        #expect(throws: StoreError.self) { try ConnectionSettings.parse(url: "postgres://u@h/d?connect_timeout=soon") }
    }

    @Test func theConfigurationsCarryTheApplicationNameAndTimeout() throws {
        for endpoint in [ConnectionSettings.Endpoint.tcp(host: "db.example.com", port: 5432), .unixSocket(path: "/tmp/.s.PGSQL.5432")] {
            let settings = ConnectionSettings(endpoint: endpoint, user: "u", database: "d", sslMode: .disable,
                                              applicationName: "nightly-expire", connectTimeoutSeconds: 3)
            let connection = try Store.connectionConfiguration(settings)
            #expect(connection.options.connectTimeout == .seconds(3))
            #expect(connection.options.additionalStartupParameters.map { "\($0.0)=\($0.1)" } == ["application_name=nightly-expire"])
            let client = Store.clientConfiguration(settings)
            #expect(client.options.connectTimeout == .seconds(3))
            #expect(client.options.additionalStartupParameters.map { "\($0.0)=\($0.1)" } == ["application_name=nightly-expire"])
        }
        var forever = ConnectionSettings(endpoint: .tcp(host: "h", port: 5432), user: "u", database: "d")
        forever.connectTimeoutSeconds = nil
        #expect(try Store.connectionConfiguration(forever).options.connectTimeout >= .hours(24 * 365))
    }

    @Test func aRootCertificateForTheVerifyingModes() throws {
        let home = try TemporaryHome()
        let ca = try home.write("ca.pem", "not checked here", mode: 0o644)
        let variable = try #require(try ConnectionSettings.fromEnvironment(["PGHOST": "h", "PGSSLMODE": "verify-full", "PGSSLROOTCERT": ca]))
        #expect(variable.sslRootCertificate == ca)
        let url = try ConnectionSettings.parse(url: "postgres://u@h/d?sslmode=verify-ca&sslrootcert=\(ca)")
        #expect(url.sslRootCertificate == ca)
        #expect(try ConnectionSettings.parse(url: "postgres://u@h/d?sslmode=require&sslrootcert=\(ca)").sslRootCertificate == ca)
        // prefer never checks; `system` is the system store; require with a missing file encrypts without checking.
        #expect(try ConnectionSettings.parse(url: "postgres://u@h/d?sslrootcert=\(ca)").sslRootCertificate == nil)
        #expect(try ConnectionSettings.parse(url: "postgres://u@h/d?sslmode=verify-full&sslrootcert=system").sslRootCertificate == nil)
        #expect(try ConnectionSettings.parse(url: "postgres://u@h/d?sslmode=require&sslrootcert=/nonexistent.pem").sslRootCertificate == nil)
        do {
            _ = try ConnectionSettings.parse(url: "postgres://u@h/d?sslmode=verify-full", environment: ["PGSSLROOTCERT": "/nonexistent.pem"])
            Issue.record("a missing root certificate was accepted for verify-full")
        } catch {
            guard case let .configuration(message) = error else { Issue.record("expected a configuration error: \(error)"); return }
            #expect(message.contains("/nonexistent.pem"))
            #expect(message.contains("PGSSLROOTCERT"))
            #expect(message.contains("does not exist"))
        }
    }

    @Test func anUnusableRootCertificateIsRefusedNotIgnored() throws {
        let home = try TemporaryHome()
        let garbage = try home.write("ca.pem", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")
        let settings = try ConnectionSettings.parse(url: "postgres://u@db.example.com/d?sslmode=verify-full&sslrootcert=\(garbage)")
        do {
            _ = try Store.connectionConfiguration(settings)
            Issue.record("TLS with an unreadable root certificate was set up")
        } catch {
            guard case let .configuration(message) = error else { Issue.record("expected a configuration error: \(error)"); return }
            #expect(message.contains(garbage))
        }
    }
}
