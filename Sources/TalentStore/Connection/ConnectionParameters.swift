import Foundation

/// The libpq connection keywords talentctl understands, gathered in libpq's order of precedence:
/// what the connection URL says, then the service file's group (`service=` / `PGSERVICE`), then the
/// `PG*` environment variables. A layer only fills what the layers before it left unset.
struct ConnectionParameters: Sendable, Equatable {
    static let keywords = [
        "host", "port", "dbname", "user", "password", "sslmode", "sslrootcert", "application_name",
        "connect_timeout", "passfile", "service",
    ]

    /// The environment variable behind each keyword, as libpq reads them.
    static let environmentVariables: [(variable: String, keyword: String)] = [
        ("PGHOST", "host"), ("PGPORT", "port"), ("PGDATABASE", "dbname"), ("PGUSER", "user"),
        ("PGPASSWORD", "password"), ("PGSSLMODE", "sslmode"), ("PGSSLROOTCERT", "sslrootcert"),
        ("PGAPPNAME", "application_name"), ("PGCONNECT_TIMEOUT", "connect_timeout"), ("PGPASSFILE", "passfile"),
        ("PGSERVICE", "service"),
    ]

    private(set) var values: [String: String] = [:]
    /// Where each value came from (`DATABASE_URL`, `PGPORT`, `FILE line N`), for messages.
    private(set) var sources: [String: String] = [:]

    subscript(keyword: String) -> String? { values[keyword] }

    func source(of keyword: String) -> String { sources[keyword] ?? "the default" }

    /// Sets `keyword` unless an earlier layer set it.
    mutating func fill(_ keyword: String, _ value: String, source: String) {
        guard values[keyword] == nil else { return }
        values[keyword] = value
        sources[keyword] = source
    }

    /// The keywords a `postgres://` URL sets: user, password, host, port and database from its parts,
    /// and any understood query item, which (as in libpq) overrides the part.
    init(url text: String) throws(StoreError) {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme)
        else {
            throw StoreError.configuration(
                "DATABASE_URL is not a postgres:// URL. Expected postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=prefer")
        }
        let source = "DATABASE_URL"
        for item in components.queryItems ?? [] where Self.keywords.contains(item.name) {
            fill(item.name, item.value ?? "", source: source)
        }
        if let user = components.user.flatMap({ $0.removingPercentEncoding }) { fill("user", user, source: source) }
        if let password = components.password.flatMap({ $0.removingPercentEncoding }) {
            fill("password", password, source: source)
        }
        if let host = components.percentEncodedHost.flatMap({ $0.removingPercentEncoding }), !host.isEmpty {
            fill("host", host, source: source)
        }
        if let port = components.port { fill("port", String(port), source: source) }
        var path = components.path
        if path.hasPrefix("/") { path.removeFirst() }
        if !path.isEmpty { fill("dbname", path.removingPercentEncoding ?? path, source: source) }
    }

    init() {}

    /// Adds the service's group (if a service is named) and then the environment variables.
    mutating func addServiceAndEnvironment(_ environment: [String: String], home: String?) throws(StoreError) {
        let serviceVariable = environment["PGSERVICE"].flatMap { $0.isEmpty ? nil : $0 }
        if let service = self["service"] ?? serviceVariable {
            let origin = self["service"] == nil ? "PGSERVICE" : source(of: "service")
            for entry in try ServiceFile.entries(of: service, named: origin, environment: environment, home: home) {
                fill(entry.keyword, entry.value, source: entry.source)
            }
        }
        for (variable, keyword) in Self.environmentVariables {
            if let value = environment[variable], !value.isEmpty { fill(keyword, value, source: variable) }
        }
    }
}
