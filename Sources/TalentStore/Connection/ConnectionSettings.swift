import Foundation

/// Where and how to connect: parsed from `DATABASE_URL`, else from the libpq variables, as psql reads them.
///
/// libpq's conventions apply in libpq's order: a value in the URL wins over the service's group in
/// `pg_service.conf` (`service=` / `PGSERVICE`), which wins over the `PG*` variables (`PGHOST`, `PGPORT`,
/// `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`, `PGSSLROOTCERT`, `PGAPPNAME`, `PGCONNECT_TIMEOUT`);
/// without any password, the password file (`PGPASSFILE`, else `~/.pgpass`) is searched.
public struct ConnectionSettings: Sendable, Equatable {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// The full socket file path, `DIR/.s.PGSQL.PORT`.
        case unixSocket(path: String)
    }

    public enum SSLMode: String, Sendable, Equatable {
        case disable, allow, prefer, require, verifyCA = "verify-ca", verifyFull = "verify-full"
    }

    /// The `application_name` talentctl reports to the server unless told otherwise.
    public static let defaultApplicationName = "talentctl"
    /// Seconds to wait for a connection unless `connect_timeout` says otherwise.
    public static let defaultConnectTimeout = 10

    public var endpoint: Endpoint
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode
    /// A PEM file of the certificate authorities to trust instead of the system store (`sslrootcert`);
    /// only kept for `require`, `verify-ca` and `verify-full`.
    public var sslRootCertificate: String?
    /// Shown in `pg_stat_activity` and the server log (`application_name`).
    public var applicationName: String
    /// Seconds to wait for the server to accept a connection; nil waits indefinitely (libpq's `0`).
    public var connectTimeoutSeconds: Int?

    public init(endpoint: Endpoint, user: String, password: String? = nil, database: String, sslMode: SSLMode = .prefer,
                sslRootCertificate: String? = nil, applicationName: String = defaultApplicationName,
                connectTimeoutSeconds: Int? = defaultConnectTimeout) {
        self.endpoint = endpoint
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
        self.sslRootCertificate = sslRootCertificate
        self.applicationName = applicationName
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }

    /// A description safe to print: no password.
    public var redacted: String {
        switch endpoint {
        case let .tcp(host, port): "postgres://\(user)@\(host):\(port)/\(database)"
        case let .unixSocket(path): "postgres://\(user)@/\(database) (socket \(path))"
        }
    }

    /// The settings the environment asks for, or nil when it names no server (use the embedded cluster).
    /// `applicationName` is the program's own default (`talentctl`, `talentd`); `warn` receives what libpq
    /// would print as a warning (a password file others can read, say).
    public static func fromEnvironment(
        _ environment: [String: String], applicationName: String = defaultApplicationName,
        warn: (String) -> Void = printWarning
    ) throws(StoreError) -> ConnectionSettings? {
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            return try parse(url: url, environment: environment, applicationName: applicationName, warn: warn)
        }
        let serverKeys = ["PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSSLMODE", "PGSERVICE"]
        guard serverKeys.contains(where: { !(environment[$0] ?? "").isEmpty }) else { return nil }
        return try resolve(ConnectionParameters(), environment: environment, applicationName: applicationName, warn: warn)
    }

    /// `postgres://user:pass@host:port/db?sslmode=…`; a host that is a path (`%2Fvar%2Frun%2Fpostgresql`
    /// or `?host=/var/run/postgresql`) means a Unix socket folder, as libpq reads it. What the URL leaves
    /// out comes from its service (`?service=`), then from the environment.
    public static func parse(
        url text: String, environment: [String: String] = [:], applicationName: String = defaultApplicationName,
        warn: (String) -> Void = printWarning
    ) throws(StoreError) -> ConnectionSettings {
        try resolve(try ConnectionParameters(url: text), environment: environment, applicationName: applicationName, warn: warn)
    }

    /// Writes a warning to standard error, as libpq does.
    public static func printWarning(_ message: String) {
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    static func resolve(
        _ given: ConnectionParameters, environment: [String: String], applicationName: String, warn: (String) -> Void
    ) throws(StoreError) -> ConnectionSettings {
        var parameters = given
        let home = homeFolder(environment)
        try parameters.addServiceAndEnvironment(environment, home: home)
        func value(_ keyword: String) -> String? { parameters[keyword].flatMap { $0.isEmpty ? nil : $0 } }

        let host = parameters["host"] ?? ""
        var port = 5432
        if let text = value("port") { port = try parsePort(text, source: parameters.source(of: "port")) }
        let user = value("user") ?? currentUserName()
        let database = value("dbname") ?? user
        let sslMode = try parseSSLMode(value("sslmode"), source: parameters.source(of: "sslmode"))
        var password = parameters["password"]
        if (password ?? "").isEmpty, let file = value("passfile") ?? home.map({ $0 + "/.pgpass" }) {
            password = PasswordFile(path: file).password(host: host, port: port, database: database, user: user, warn: warn) ?? password
        }
        return ConnectionSettings(
            endpoint: endpoint(host: host.isEmpty ? PasswordFile.defaultSocketFolder : host, port: port),
            user: user, password: password, database: database, sslMode: sslMode,
            sslRootCertificate: try rootCertificate(value("sslrootcert"), mode: sslMode, source: parameters.source(of: "sslrootcert")),
            applicationName: parameters["application_name"] ?? applicationName,
            connectTimeoutSeconds: try parseConnectTimeout(value("connect_timeout"), source: parameters.source(of: "connect_timeout")))
    }

    private static func endpoint(host: String, port: Int) -> Endpoint {
        if host.isEmpty { return .unixSocket(path: "/var/run/postgresql/.s.PGSQL.\(port)") }
        if host.hasPrefix("/") {
            return .unixSocket(path: (host.hasSuffix("/") ? String(host.dropLast()) : host) + "/.s.PGSQL.\(port)")
        }
        return .tcp(host: host, port: port)
    }

    private static func parsePort(_ text: String, source: String) throws(StoreError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw StoreError.configuration("database port '\(text)' (from \(source)) is not a number between 1 and 65535")
        }
        return port
    }

    private static func parseSSLMode(_ text: String?, source: String) throws(StoreError) -> SSLMode {
        guard let text, !text.isEmpty else { return .prefer }
        guard let mode = SSLMode(rawValue: text) else {
            throw StoreError.configuration(
                "sslmode '\(text)' (from \(source)) is not one of disable, allow, prefer, require, verify-ca, verify-full")
        }
        return mode
    }

    /// libpq's `connect_timeout`: whole seconds; 0 or less waits indefinitely; 1 counts as 2, libpq's minimum.
    private static func parseConnectTimeout(_ text: String?, source: String) throws(StoreError) -> Int? {
        guard let text else { return defaultConnectTimeout }
        guard let seconds = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw StoreError.configuration(
                "connect_timeout '\(text)' (from \(source)) is not a whole number of seconds, e.g. 10 (0 waits indefinitely)")
        }
        return seconds <= 0 ? nil : max(seconds, 2)
    }

    /// The trust root for the modes that check the server's certificate. As libpq: `system` means the
    /// system store; a missing file is an error for `verify-ca`/`verify-full` and ignored for `require`
    /// (which then encrypts without checking, as before); `prefer` and `allow` never check.
    private static func rootCertificate(_ path: String?, mode: SSLMode, source: String) throws(StoreError) -> String? {
        guard let path, path != "system", [.require, .verifyCA, .verifyFull].contains(mode) else { return nil }
        if FileManager.default.isReadableFile(atPath: path) { return path }
        guard mode != .require else { return nil }
        let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
        throw StoreError.configuration(
            "the root certificate file \(path) (sslrootcert, from \(source)) \(reason); sslmode=\(mode.rawValue) needs it "
                + "to check the server. Give the CA's PEM file, sslrootcert=system for the system store, or sslmode=require")
    }

    /// `HOME`, else the account's home folder, as libpq finds `~/.pgpass` and `~/.pg_service.conf`.
    private static func homeFolder(_ environment: [String: String]) -> String? {
        if let home = environment["HOME"], !home.isEmpty { return home }
        guard let entry = getpwuid(geteuid()), let folder = entry.pointee.pw_dir else { return nil }
        return String(cString: folder)
    }

    /// The OS user this process runs as (libpq's default user name).
    static func currentUserName() -> String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "postgres" }
        return String(cString: name)
    }
}
