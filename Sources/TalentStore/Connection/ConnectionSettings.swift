import Foundation

/// Where and how to connect: parsed from `DATABASE_URL`, else from the libpq variables
/// (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`) as psql reads them.
public struct ConnectionSettings: Sendable, Equatable {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// The full socket file path, `DIR/.s.PGSQL.PORT`.
        case unixSocket(path: String)
    }

    public enum SSLMode: String, Sendable, Equatable {
        case disable, allow, prefer, require, verifyCA = "verify-ca", verifyFull = "verify-full"
    }

    public var endpoint: Endpoint
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode

    public init(endpoint: Endpoint, user: String, password: String? = nil, database: String, sslMode: SSLMode = .prefer) {
        self.endpoint = endpoint
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
    }

    /// A description safe to print: no password.
    public var redacted: String {
        switch endpoint {
        case let .tcp(host, port): "postgres://\(user)@\(host):\(port)/\(database)"
        case let .unixSocket(path): "postgres://\(user)@/\(database) (socket \(path))"
        }
    }

    /// The settings the environment asks for, or nil when it names no server (use the embedded cluster).
    public static func fromEnvironment(_ environment: [String: String]) throws(StoreError) -> ConnectionSettings? {
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            return try parse(url: url, environment: environment)
        }
        let libpqKeys = ["PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSSLMODE"]
        guard libpqKeys.contains(where: { !(environment[$0] ?? "").isEmpty }) else { return nil }
        return try fromLibpqVariables(environment)
    }

    /// `postgres://user:pass@host:port/db?sslmode=…`; a host that is a path (`%2Fvar%2Frun%2Fpostgresql`
    /// or `?host=/var/run/postgresql`) means a Unix socket folder, as libpq reads it.
    public static func parse(url text: String, environment: [String: String] = [:]) throws(StoreError) -> ConnectionSettings {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme)
        else {
            throw StoreError.configuration(
                "DATABASE_URL is not a postgres:// URL. Expected postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=prefer")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let host = query["host"] ?? components.percentEncodedHost.flatMap { $0.removingPercentEncoding } ?? ""
        var port = components.port ?? 5432
        if components.port == nil, let text = query["port"] { port = try parsePort(text) }
        let user = components.user.flatMap { $0.removingPercentEncoding }
            ?? query["user"] ?? environment["PGUSER"] ?? currentUserName()
        let password = components.password.flatMap { $0.removingPercentEncoding } ?? query["password"]
        var path = components.path
        if path.hasPrefix("/") { path.removeFirst() }
        let database = path.isEmpty ? (query["dbname"] ?? user) : (path.removingPercentEncoding ?? path)
        let sslMode = try parseSSLMode(query["sslmode"] ?? environment["PGSSLMODE"])
        return ConnectionSettings(
            endpoint: endpoint(host: host, port: port), user: user, password: password,
            database: database, sslMode: sslMode)
    }

    static func fromLibpqVariables(_ environment: [String: String]) throws(StoreError) -> ConnectionSettings {
        func value(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        var port = 5432
        if let text = value("PGPORT") { port = try parsePort(text) }
        let user = value("PGUSER") ?? currentUserName()
        return ConnectionSettings(
            endpoint: endpoint(host: value("PGHOST") ?? "/var/run/postgresql", port: port),
            user: user, password: value("PGPASSWORD"), database: value("PGDATABASE") ?? user,
            sslMode: try parseSSLMode(value("PGSSLMODE")))
    }

    private static func endpoint(host: String, port: Int) -> Endpoint {
        if host.isEmpty { return .unixSocket(path: "/var/run/postgresql/.s.PGSQL.\(port)") }
        if host.hasPrefix("/") {
            return .unixSocket(path: (host.hasSuffix("/") ? String(host.dropLast()) : host) + "/.s.PGSQL.\(port)")
        }
        return .tcp(host: host, port: port)
    }

    private static func parsePort(_ text: String) throws(StoreError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw StoreError.configuration("database port '\(text)' is not a number between 1 and 65535")
        }
        return port
    }

    private static func parseSSLMode(_ text: String?) throws(StoreError) -> SSLMode {
        guard let text, !text.isEmpty else { return .prefer }
        guard let mode = SSLMode(rawValue: text) else {
            throw StoreError.configuration(
                "sslmode '\(text)' is not one of disable, allow, prefer, require, verify-ca, verify-full")
        }
        return mode
    }

    private static func currentUserName() -> String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "postgres" }
        return String(cString: name)
    }
}
