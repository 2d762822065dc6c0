import ArgumentParser
import Foundation
import TalentServices

/// Options every command that changes data takes.
struct ActorOptions: ParsableArguments {
    @Option(help: "Who is making the change, for the audit log (default: the OS user).")
    var actor: String?

    var resolved: String {
        if let actor, !actor.trimmingCharacters(in: .whitespaces).isEmpty { return actor }
        return ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"]
            ?? NSUserName()
    }
}

/// `--json` for lists and reports.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of a table.")
    var json = false
}

/// Runs a command body against the services, turning every failure into a message and an exit code.
enum Command {
    static func run(_ body: (TalentZone) async throws -> Void) async throws {
        do {
            try await TalentZone.open { zone in try await body(zone) }
        } catch {
            throw Failure.report(error)
        }
    }

    /// Runs a body that does not need the database, with the same error handling.
    static func local(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            throw Failure.report(error)
        }
    }
}
