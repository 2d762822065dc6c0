import ArgumentParser
import Foundation
import TalentHTTP
import TalentServices

/// `talentd [--host 127.0.0.1] [--port 8080]`: opens the zone as talentctl does (the embedded cluster in
/// `./.talentzone`, or `DATABASE_URL` / `PG*`), serves it until SIGTERM or SIGINT, and finishes the
/// requests in flight before it exits.
@main
struct Talentd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "talentd",
        abstract: "Serve the TalentZone HTTP API.",
        discussion: """
            The database is chosen as for talentctl: DATABASE_URL or the PG* variables name an external \
            server (which must be migrated); otherwise the embedded cluster in TALENTZONE_HOME \
            (default ./.talentzone) is started and migrated. Stops gracefully on SIGTERM or SIGINT.
            """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one (printed when listening).")
    var port = 8080

    @Option(help: "How much to log: trace, debug, info, notice, warning, error or critical.")
    var logLevel: LogLevelOption = .info

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, not \(port)") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
    }

    func run() async throws {
        let configuration = ServerConfiguration(host: host, port: port, logLevel: logLevel.level)
        do {
            try await TalentZone.open { zone in
                try await TalentServer.run(zone: zone, configuration: configuration) { address in
                    // Unbuffered, so that a supervisor reading a pipe sees the line at once.
                    FileHandle.standardOutput.write(Data("talentd listening on \(address.url)\n".utf8))
                }
            }
        } catch {
            throw StartFailure.report(error)
        }
    }
}
