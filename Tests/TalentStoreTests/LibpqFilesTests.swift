import Foundation
import Testing
@testable import TalentStore

/// A folder used as `HOME` for one test, removed afterwards.
final class TemporaryHome {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("talentzone-libpq-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: file).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        chmod(file, mode_t(mode))
        return file
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Collects the warnings a resolution prints.
final class Warnings: @unchecked Sendable {
    private(set) var messages: [String] = []
    func record(_ message: String) { messages.append(message) }
}

@Suite("libpq's password file (~/.pgpass, PGPASSFILE)")
struct PasswordFileTests {
    static let lines = """
        # host:port:database:username:password
        other.example.com:5432:*:alice:not-this-one
        db.example.com:5432:my\\:db:alice:s\\:e\\\\cret
        db.example.com:5432:talent:alice:first
        db.example.com:5432:talent:alice:second
        db.example.com:*:*:bob:bob-anywhere
        localhost:5432:talent:carol:carol-socket
        /tmp/sockets:5433:talent:carol:carol-tmp

        """

    func settings(_ environment: [String: String], home: TemporaryHome, warnings: Warnings = Warnings()) throws -> ConnectionSettings {
        var environment = environment
        environment["HOME"] = home.path
        return try #require(try ConnectionSettings.fromEnvironment(environment, warn: warnings.record))
    }

    @Test func theFirstMatchingLineGivesThePassword() throws {
        let home = try TemporaryHome()
        try home.write(".pgpass", Self.lines)
        let talent = try settings(["PGHOST": "db.example.com", "PGUSER": "alice", "PGDATABASE": "talent"], home: home)
        #expect(talent.password == "first")
        let escaped = try settings(["PGHOST": "db.example.com", "PGUSER": "alice", "PGDATABASE": "my:db"], home: home)
        #expect(escaped.password == "s:e\\cret")
        let wildcard = try settings(["PGHOST": "db.example.com", "PGPORT": "6432", "PGUSER": "bob"], home: home)
        #expect(wildcard.password == "bob-anywhere")
        let none = try settings(["PGHOST": "db.example.com", "PGUSER": "dave"], home: home)
        #expect(none.password == nil)
    }

    @Test func localhostMatchesTheDefaultSocketFolderOnly() throws {
        let home = try TemporaryHome()
        try home.write(".pgpass", Self.lines)
        let socket = try settings(["PGUSER": "carol", "PGDATABASE": "talent"], home: home)
        #expect(socket.endpoint == .unixSocket(path: "/var/run/postgresql/.s.PGSQL.5432"))
        #expect(socket.password == "carol-socket")
        let named = try settings(["PGHOST": "/var/run/postgresql", "PGUSER": "carol", "PGDATABASE": "talent"], home: home)
        #expect(named.password == "carol-socket")
        let tcp = try settings(["PGHOST": "localhost", "PGUSER": "carol", "PGDATABASE": "talent"], home: home)
        #expect(tcp.password == "carol-socket")
        let otherFolder = try settings(["PGHOST": "/tmp/sockets", "PGPORT": "5433", "PGUSER": "carol", "PGDATABASE": "talent"], home: home)
        #expect(otherFolder.password == "carol-tmp")
        let url = try ConnectionSettings.parse(url: "postgres://carol@/talent", environment: ["HOME": home.path])
        #expect(url.password == "carol-socket")
    }

    @Test func anExplicitPasswordWinsOverTheFile() throws {
        let home = try TemporaryHome()
        try home.write(".pgpass", Self.lines)
        let variable = try settings(["PGHOST": "db.example.com", "PGUSER": "alice", "PGDATABASE": "talent", "PGPASSWORD": "env"],
                                    home: home)
        #expect(variable.password == "env")
        let url = try ConnectionSettings.parse(
            url: "postgres://alice:url@db.example.com/talent", environment: ["HOME": home.path, "PGPASSWORD": "env"])
        #expect(url.password == "url")
        let fromURLNoPassword = try ConnectionSettings.parse(url: "postgres://alice@db.example.com/talent", environment: ["HOME": home.path])
        #expect(fromURLNoPassword.password == "first")
    }

    @Test func aFileOthersCanReadIsIgnoredWithAWarning() throws {
        let home = try TemporaryHome()
        let file = try home.write(".pgpass", Self.lines, mode: 0o644)
        let warnings = Warnings()
        let loose = try settings(["PGHOST": "db.example.com", "PGUSER": "alice", "PGDATABASE": "talent"], home: home, warnings: warnings)
        #expect(loose.password == nil)
        #expect(warnings.messages.count == 1)
        #expect(warnings.messages.first?.contains(file) == true)
        #expect(warnings.messages.first?.contains("chmod 0600") == true)

        chmod(file, 0o400)
        let strict = Warnings()
        #expect(try settings(["PGHOST": "db.example.com", "PGUSER": "alice", "PGDATABASE": "talent"], home: home, warnings: strict)
            .password == "first")
        #expect(strict.messages.isEmpty)
    }

    @Test func pgpassfileAndPassfileNameAnotherFile() throws {
        let home = try TemporaryHome()
        try home.write(".pgpass", Self.lines)
        let other = try home.write("secrets/pass", "db.example.com:5432:talent:alice:from-other-file\r\n")
        let variable = try settings(["PGHOST": "db.example.com", "PGUSER": "alice", "PGDATABASE": "talent", "PGPASSFILE": other],
                                    home: home)
        #expect(variable.password == "from-other-file")
        let url = try ConnectionSettings.parse(
            url: "postgres://alice@db.example.com/talent?passfile=\(other)", environment: ["HOME": home.path])
        #expect(url.password == "from-other-file")
    }

    @Test(arguments: [
        ("h:5432:d:u:pw", "pw"), ("*:*:*:*:pw:extra", "pw"), ("h\\:x:5432:d:u:pw", nil), ("h:5432:d:u:", ""),
        ("h:5432:d:u:a\\\\b\\:c", "a\\b:c"), ("h:5432:d:u", nil), ("#h:5432:d:u:pw", nil), ("h*:5432:d:u:pw", nil),
    ] as [(String, String?)])
    func fieldsAreMatchedAsLibpqDoes(_ line: String, _ expected: String?) {
        #expect(PasswordFile.password(in: Array(line.utf8), host: "h", port: "5432", database: "d", user: "u") == expected)
    }
}

@Suite("libpq's service file (PGSERVICE, pg_service.conf)")
struct ServiceFileTests {
    static let userFile = """
        # the user's services
        [main]
        host=db.service.example
        port=6543
        dbname=svc
        user=svcuser
        password=svcpass
        sslmode=require
        application_name=from-service
        connect_timeout=3

        [other]
        host=other.example
        """

    @Test func pgserviceFillsEverything() throws {
        let home = try TemporaryHome()
        try home.write(".pg_service.conf", Self.userFile)
        let settings = try #require(try ConnectionSettings.fromEnvironment(["PGSERVICE": "main", "HOME": home.path]))
        #expect(settings.endpoint == .tcp(host: "db.service.example", port: 6543))
        #expect(settings.database == "svc")
        #expect(settings.user == "svcuser")
        #expect(settings.password == "svcpass")
        #expect(settings.sslMode == .require)
        #expect(settings.applicationName == "from-service")
        #expect(settings.connectTimeoutSeconds == 3)
    }

    @Test func theURLWinsOverTheServiceWhichWinsOverTheVariables() throws {
        let home = try TemporaryHome()
        try home.write(".pg_service.conf", Self.userFile)
        let environment = ["HOME": home.path, "PGHOST": "env.example", "PGPORT": "7000", "PGAPPNAME": "env-app",
                           "PGPASSWORD": "envpass", "PGSSLMODE": "disable"]
        let url = try ConnectionSettings.parse(url: "postgres://urluser@url.example/?service=main&sslmode=verify-ca",
                                               environment: environment)
        #expect(url.endpoint == .tcp(host: "url.example", port: 6543))  // host from the URL, port from the service
        #expect(url.user == "urluser")
        #expect(url.database == "svc")
        #expect(url.sslMode == .verifyCA)
        #expect(url.password == "svcpass")  // libpq: the service's password before PGPASSWORD
        #expect(url.applicationName == "from-service")

        // libpq reads the service before the PG* variables, so PGHOST does not override the service's host.
        var variables = environment
        variables["PGSERVICE"] = "other"
        let service = try #require(try ConnectionSettings.fromEnvironment(variables))
        #expect(service.endpoint == .tcp(host: "other.example", port: 7000))
        #expect(service.applicationName == "env-app")
        #expect(service.password == "envpass")
        #expect(service.sslMode == .disable)
    }

    @Test func theUserFileThenTheSystemFile() throws {
        let home = try TemporaryHome()
        try home.write(".pg_service.conf", Self.userFile)
        try home.write("etc/pg_service.conf", "[main]\nhost=system.example\n[system-only]\nhost=system-only.example\nport=5555\n")
        let explicit = try home.write("elsewhere.conf", "[main]\nhost=explicit.example\n")
        let base = ["HOME": home.path, "PGSYSCONFDIR": home.path + "/etc"]

        func host(_ extra: [String: String]) throws -> ConnectionSettings.Endpoint? {
            try ConnectionSettings.fromEnvironment(base.merging(extra) { $1 })?.endpoint
        }
        #expect(try host(["PGSERVICE": "main"]) == .tcp(host: "db.service.example", port: 6543))
        #expect(try host(["PGSERVICE": "system-only"]) == .tcp(host: "system-only.example", port: 5555))
        #expect(try host(["PGSERVICE": "main", "PGSERVICEFILE": explicit]) == .tcp(host: "explicit.example", port: 5432))
        #expect(try host(["PGSERVICE": "main", "PGSERVICEFILE": home.path + "/missing.conf"])
            == .tcp(host: "system.example", port: 5432))
    }

    @Test func anUndefinedServiceSaysWhereItLooked() throws {
        let home = try TemporaryHome()
        try home.write(".pg_service.conf", Self.userFile)
        let environment = ["HOME": home.path, "PGSYSCONFDIR": home.path + "/etc"]
        do {
            _ = try ConnectionSettings.parse(url: "postgres:///?service=nope", environment: environment)
            Issue.record("an undefined service was accepted")
        } catch {
            guard case let .configuration(message) = error else { Issue.record("expected a configuration error: \(error)"); return }
            #expect(message.contains("'nope'"))
            #expect(message.contains(home.path + "/.pg_service.conf"))
            #expect(message.contains(home.path + "/etc/pg_service.conf"))
        }
    }

    @Test(arguments: [
        ("[main]\nhost db.example\n", "line 2"),
        ("[main]\nhost=a\nservice=other\n", "line 3"),
        ("[main]\n\n# comment\nsslcert=/x.pem\n", "line 4"),
        ("[main]\nport=abc\n", "line 2"),
    ])
    func badGroupsAreConfigurationErrorsNamingTheLine(_ text: String, _ line: String) throws {
        let home = try TemporaryHome()
        let file = try home.write(".pg_service.conf", text)
        do {
            let settings = try ConnectionSettings.fromEnvironment(["PGSERVICE": "main", "HOME": home.path])
            Issue.record("accepted: \(String(describing: settings))")
        } catch {
            guard case let .configuration(message) = error else { Issue.record("expected a configuration error: \(error)"); return }
            #expect(message.contains("\(file) \(line)"), "\(message)")
        }
    }

    @Test func anotherGroupsMistakesDoNotMatter() throws {
        let text = "[other]\nnot a setting\n[main]\nhost=fine.example\n[later]\nbogus\n"
        let entries = try #require(try ServiceFile.group("main", in: text, path: "f"))
        #expect(entries == [ServiceFile.Entry(keyword: "host", value: "fine.example", source: "f line 4")])
        #expect(try ServiceFile.group("missing", in: text, path: "f") == nil)
    }
}
