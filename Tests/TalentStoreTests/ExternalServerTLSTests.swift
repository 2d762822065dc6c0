import Foundation
import Testing
@testable import TalentStore

/// A real PostgreSQL server on localhost TCP with TLS on, its certificate (for `localhost` only) issued by
/// a certificate authority made for the test, so `sslrootcert` is what decides whether talentctl trusts it.
@Suite("TLS to an external server with sslrootcert")
struct ExternalServerTLSTests {
    @Test func verifyFullTrustsTheGivenRootAndNothingElse() async throws {
        let server = try TLSServer.start()
        defer { server.stop() }
        func url(host: String = "localhost", _ query: String) -> String {
            "postgres://postgres@\(host):\(server.port)/postgres?\(query)"
        }

        let trusted = try ConnectionSettings.parse(
            url: url("sslmode=verify-full&sslrootcert=\(server.authority)"), applicationName: "tls-test")
        let session = try await Self.sessionFacts(trusted)
        #expect(session.ssl)
        #expect(session.applicationName == "tls-test")

        // The same through PGSSLROOTCERT, and verify-ca, which does not check the host name.
        let variable = try ConnectionSettings.parse(
            url: url("sslmode=verify-full"), environment: ["PGSSLROOTCERT": server.authority])
        #expect(try await Self.sessionFacts(variable).ssl)
        let byAddress = try ConnectionSettings.parse(
            url: url(host: "127.0.0.1", "sslmode=verify-ca&sslrootcert=\(server.authority)"))
        #expect(try await Self.sessionFacts(byAddress).ssl)

        // Refused: the system store does not know the test's authority; another authority; the wrong host name.
        for refused in [
            url("sslmode=verify-full"),
            url("sslmode=verify-full&sslrootcert=\(server.otherAuthority)"),
            url("sslmode=require&sslrootcert=\(server.otherAuthority)"),
            url(host: "127.0.0.1", "sslmode=verify-full&sslrootcert=\(server.authority)"),
        ] {
            let settings = try ConnectionSettings.parse(url: refused)
            await #expect(throws: StoreError.self, "\(refused) connected") { _ = try await Self.sessionFacts(settings) }
        }
        // `require` without a root certificate encrypts without checking, as libpq does.
        #expect(try await Self.sessionFacts(try ConnectionSettings.parse(url: url("sslmode=require"))).ssl)
    }

    struct SessionFacts: Sendable {
        var ssl: Bool
        var applicationName: String
    }

    static func sessionFacts(_ settings: ConnectionSettings) async throws -> SessionFacts {
        try await Store.withStore(settings) { store in
            try await store.read { session in
                try #require(try await session.firstRow("""
                    SELECT s.ssl, a.application_name FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
                    WHERE s.pid = pg_backend_pid()
                    """) { row in
                    SessionFacts(ssl: try row.value("ssl"), applicationName: try row.value("application_name"))
                })
            }
        }
    }
}

/// A throwaway server started with the same programs and runner as the embedded cluster.
struct TLSServer {
    let folder: String
    let port: Int
    let authority: String
    let otherAuthority: String
    private let binaries: PostgresBinaries
    private let runner: CommandRunner

    static func start() throws -> TLSServer {
        var template = Array("/tmp/talentzone-tls-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw StoreError.unavailable("mkdtemp failed") }
        let folder = String(cString: made)
        chmod(folder, 0o755)
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=TalentZone test CA",
                     "-keyout", folder + "/ca.key", "-out", folder + "/ca.pem"])
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Another CA",
                     "-keyout", folder + "/other.key", "-out", folder + "/other.pem"])
        try openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                     "-keyout", folder + "/server.key", "-out", folder + "/server.csr"])
        try "subjectAltName=DNS:localhost\n".write(toFile: folder + "/san.cnf", atomically: true, encoding: .utf8)
        try openssl(["x509", "-req", "-in", folder + "/server.csr", "-CA", folder + "/ca.pem", "-CAkey", folder + "/ca.key",
                     "-CAcreateserial", "-days", "2", "-extfile", folder + "/san.cnf", "-out", folder + "/server.crt"])

        let runner = CommandRunner.forCurrentUser()
        let binaries = try PostgresBinaries.locate(environment: ProcessInfo.processInfo.environment)
        // The server's OS user writes the data, the socket and the log in folders of its own.
        let data = folder + "/data"
        let run = folder + "/run"
        for path in [data, run] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            chmod(path, 0o700)
        }
        chmod(folder + "/server.key", 0o600)
        if let user = runner.runAs, let account = getpwnam(user) {
            for path in [data, run, folder + "/server.key", folder + "/server.crt"] {
                chown(path, account.pointee.pw_uid, account.pointee.pw_gid)
            }
        }
        let initdb = try runner.run(binaries.initdb, ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                                                      "--locale=C.UTF-8", "--no-sync"])
        guard initdb.status == 0 else { throw StoreError.unavailable("initdb failed: \(initdb.standardError)") }
        var failure = ""
        for _ in 0..<5 {
            let port = Int.random(in: 20_000..<60_000)
            let options = "-p \(port) -k \(run) -c listen_addresses=localhost -c fsync=off -c ssl=on "
                + "-c ssl_cert_file=\(folder)/server.crt -c ssl_key_file=\(folder)/server.key"
            let started = try runner.run(binaries.pgCtl, ["-D", data, "-l", run + "/server.log", "-w", "-t", "30",
                                                          "-o", options, "start"])
            if started.status == 0 {
                return TLSServer(folder: folder, port: port, authority: folder + "/ca.pem", otherAuthority: folder + "/other.pem",
                                 binaries: binaries, runner: runner)
            }
            failure = started.standardError + started.standardOutput
        }
        let log = (try? String(contentsOfFile: run + "/server.log", encoding: .utf8)) ?? ""
        throw StoreError.unavailable("the TLS test server did not start: \(failure) \(log)")
    }

    func stop() {
        _ = try? runner.run(binaries.pgCtl, ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw StoreError.unavailable("openssl \(arguments.first ?? "") failed: \(String(decoding: message, as: UTF8.self))")
        }
    }
}
