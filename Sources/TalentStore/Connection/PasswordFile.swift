import Foundation

/// libpq's password file (`PGPASSFILE`, else `~/.pgpass`): lines `host:port:database:username:password`,
/// where a field `*` matches anything, `\:` and `\\` stand for `:` and `\`, and `#` starts a comment line.
/// The first matching line wins. As libpq does, a file that the group or others may access is ignored
/// with a warning, so a password never comes from a file someone else could have read or planted.
struct PasswordFile: Sendable {
    let path: String

    /// The folder libpq means by "the default socket directory" on Debian; a socket connection there
    /// matches a `localhost` line, as does a connection with no host at all.
    static let defaultSocketFolder = "/var/run/postgresql"

    /// The password of the first line matching the connection, or nil (no such file, no matching line,
    /// or a file ignored with a warning).
    func password(host: String, port: Int, database: String, user: String, warn: (String) -> Void) -> String? {
        guard !database.isEmpty, !user.isEmpty else { return nil }
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        guard info.st_mode & S_IFMT == S_IFREG else {
            warn("password file \(path) is not a plain file; it is ignored")
            return nil
        }
        guard info.st_mode & (S_IRWXG | S_IRWXO) == 0 else {
            warn("password file \(path) has group or world access (mode \(String(info.st_mode & 0o777, radix: 8))); "
                 + "it is ignored. Make it private with `chmod 0600 \(path)`")
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return Self.password(in: Array(data), host: Self.matchedHost(host), port: String(port), database: database, user: user)
    }

    /// The host name a line's first field is compared with: `localhost` for no host or the default socket folder.
    static func matchedHost(_ host: String) -> String {
        host.isEmpty || host == defaultSocketFolder ? "localhost" : host
    }

    /// Searches the file's bytes line by line, as libpq's `passwordFromFile` does.
    static func password(in bytes: [UInt8], host: String, port: String, database: String, user: String) -> String? {
        let tokens = [host, port, database, user].map { Array($0.utf8) }
        for rawLine in bytes.split(separator: newline, omittingEmptySubsequences: true) {
            var line = Array(rawLine)
            while let last = line.last, last == newline || last == carriageReturn { line.removeLast() }
            guard !line.isEmpty, line[0] != hash else { continue }
            var position: Int? = 0
            for token in tokens {
                guard let start = position else { break }
                position = field(line, from: start, matches: token)
            }
            if let start = position { return unescapedPassword(line, from: start) }
        }
        return nil
    }

    /// Where the next field starts when the field at `start` matches `token` (`*`, or the token with
    /// backslash escapes), else nil.
    static func field(_ line: [UInt8], from start: Int, matches token: [UInt8]) -> Int? {
        if start + 1 < line.count, line[start] == asterisk, line[start + 1] == colon { return start + 2 }
        var index = start
        var matched = 0
        var escaped = false
        while index < line.count {
            if line[index] == backslash && !escaped {
                index += 1
                escaped = true
                guard index < line.count else { return nil }
            }
            if line[index] == colon && !escaped && matched == token.count { return index + 1 }
            escaped = false
            guard matched < token.count, line[index] == token[matched] else { return nil }
            index += 1
            matched += 1
        }
        return nil
    }

    /// The rest of the line up to an unescaped `:`, with the escapes removed.
    static func unescapedPassword(_ line: [UInt8], from start: Int) -> String {
        var result: [UInt8] = []
        var index = start
        while index < line.count, line[index] != colon {
            if line[index] == backslash, index + 1 < line.count { index += 1 }
            result.append(line[index])
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let hash = UInt8(ascii: "#")
    private static let colon = UInt8(ascii: ":")
    private static let asterisk = UInt8(ascii: "*")
    private static let backslash = UInt8(ascii: "\\")
}
