import ArgumentParser
import Foundation
import TalentServices

/// Options every command that changes data takes.
struct ActorOptions: ParsableArguments {
    @Option(help: "Who is making the change, for the audit log, which records it as cli:NAME (default: the OS user).")
    var actor: String?

    /// The local operator (an office administrator) named by `--actor` or the OS user.
    var resolved: Principal {
        if let actor, !actor.trimmingCharacters(in: .whitespaces).isEmpty { return .localOperator(actor) }
        return LocalOperator.principal
    }
}

/// The CLI acts as a local operator: an office administrator named by the OS user. Someone with a shell on
/// the database server can already do anything; the audit log records `cli:NAME` (Docs/access.md).
enum LocalOperator {
    static var principal: Principal {
        let environment = ProcessInfo.processInfo.environment
        return .localOperator(environment["SUDO_USER"] ?? environment["USER"] ?? NSUserName())
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
