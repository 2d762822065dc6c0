import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a PostgreSQL server binary, as the `postgres` OS user when we are root
/// (initdb and postgres refuse to run as root).
///
/// It uses posix_spawn rather than Foundation's `Process`: `pg_ctl start` leaves a server running
/// that inherits every descriptor not marked close-on-exec, and `Process` then waits for its
/// monitoring socket, held by the server, until the server exits. Here the child gets only
/// /dev/null and two temporary files; every other descriptor is marked close-on-exec.
struct CommandRunner: Sendable {
    struct Output: Sendable {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The OS user the server binaries run as, or nil to run as ourselves.
    let runAs: String?

    static var isRoot: Bool { geteuid() == 0 }

    static func forCurrentUser() -> CommandRunner {
        CommandRunner(runAs: isRoot ? "postgres" : nil)
    }

    enum SpawnError: Error, CustomStringConvertible {
        case failed(String, Int32)
        var description: String {
            switch self {
            case let .failed(what, code): "\(what) failed: \(String(cString: strerror(code)))"
            }
        }
    }

    /// Runs `executable` and waits for it. `standardInput` is a file to read instead of /dev/null;
    /// `standardOutput` a new file (mode 0600) that receives the output instead of ``Output/standardOutput``.
    /// Both are opened before the program starts, by us, so they need not be reachable by the
    /// `postgres` OS user it runs as (pg_dump and pg_restore stream a backup this way).
    func run(_ executable: String, _ arguments: [String], standardInput: String? = nil,
             standardOutput: String? = nil) throws -> Output {
        let argv = runAs.map { ["/usr/sbin/runuser", "-u", $0, "--", executable] } ?? [executable]
        let outPath = Self.temporaryPath()
        let errPath = Self.temporaryPath()
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, standardInput ?? "/dev/null", O_RDONLY, 0)
        if let standardOutput {
            posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        Self.markDescriptorsCloseOnExec()

        let allArguments = argv + arguments
        var cArguments: [UnsafeMutablePointer<CChar>?] = allArguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, allArguments[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw SpawnError.failed("starting \(allArguments[0])", spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw SpawnError.failed("waiting for \(allArguments[0])", errno) }
        }
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Output(
            status: exitCode,
            standardOutput: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    /// Sets close-on-exec on every descriptor above 2 of this process, so no child (and no server it
    /// leaves running) inherits one.
    private static func markDescriptorsCloseOnExec() {
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for name in open {
            guard let fd = Int32(name), fd > 2 else { continue }
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0 && flags & FD_CLOEXEC == 0 {
                _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC)
            }
        }
    }

    private static func temporaryPath() -> String {
        NSTemporaryDirectory() + "/talentzone-\(getpid())-\(UUID().uuidString)"
    }
}
