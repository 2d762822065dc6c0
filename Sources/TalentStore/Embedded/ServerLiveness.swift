import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Whether a PostgreSQL server really runs: a process that exists is not enough. After `kill -9` of
/// the postmaster its pid lingers as a zombie until someone reaps it, and `pg_ctl status` (which only
/// sends signal 0) calls that "running". Here a server runs when its postmaster is alive and not a
/// zombie, and its socket accepts a connection.
enum ServerLiveness {
    /// The postmaster's pid from the first line of `data/postmaster.pid`, if the file exists.
    static func postmasterPID(dataDirectory: String) -> pid_t? {
        guard let text = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8),
              let first = text.split(separator: "\n", omittingEmptySubsequences: false).first,
              let pid = pid_t(first.trimmingCharacters(in: .whitespaces)), pid > 0
        else { return nil }
        return pid
    }

    /// True when `pid` names a process that has not exited (a zombie has exited).
    static func isAlive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        // /proc/PID/stat: "PID (COMM) STATE …"; COMM may hold spaces and parentheses, so read after the last ')'.
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return true }  // no /proc (not Linux): signal 0 is all we have
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z" && state != "X"
    }

    /// True when something accepts connections on the Unix socket at `path`. The connection is closed
    /// before a startup packet is sent, which PostgreSQL (12 and later) does not log.
    static func answers(socketPath path: String) -> Bool {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: bytes)
            buffer[bytes.count] = 0
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return connected == 0
    }
}

/// An exclusive advisory lock on a file (flock), held while the embedded cluster is created, started
/// or stopped, so that several talentctl processes starting at once wait for each other instead of
/// racing initdb and pg_ctl.
struct ClusterStartLock {
    let path: String

    func withLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError.unavailable("cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }  // closing the descriptor releases the lock
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw StoreError.unavailable("cannot lock \(path): \(String(cString: strerror(errno)))")
            }
        }
        return try body()
    }
}
