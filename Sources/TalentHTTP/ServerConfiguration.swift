import Foundation
import Logging

/// Everything talentd is told at start, as one value (built from flags and the environment, replaced in
/// tests): where to listen, how large a body may be, how much to log, and the environment that finds
/// the migration files.
public struct ServerConfiguration: Sendable {
    /// The address to bind; `127.0.0.1` keeps the server on this machine.
    public var host: String
    /// The port to bind; 0 lets the system choose a free one (the `onListening` callback tells which).
    public var port: Int
    /// The largest request body a route takes unless it says otherwise (JSON bodies).
    public var bodyLimit: Int
    /// The largest body of a route that takes a file upload (a CSV import).
    public var uploadLimit: Int
    /// How much the server logs (requests are logged at `info`).
    public var logLevel: Logger.Level
    /// The process environment: `TALENTZONE_SCHEMA_DIR` finds the migrations `/readyz` compares with.
    public var environment: [String: String]

    /// Whether the server listens on this machine only (127.0.0.0/8, ::1, localhost): the one case in which
    /// the session cookie goes without `Secure`, since plain HTTP then never leaves the machine.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// swift-log's levels, named here so that talentd need not import Logging.
    public typealias LogLevel = Logger.Level

    public static let defaultBodyLimit = 1 << 20
    public static let defaultUploadLimit = 64 << 20

    public init(host: String = "127.0.0.1", port: Int = 8080, bodyLimit: Int = Self.defaultBodyLimit,
                uploadLimit: Int = Self.defaultUploadLimit, logLevel: Logger.Level = .info,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.host = host
        self.port = port
        self.bodyLimit = bodyLimit
        self.uploadLimit = uploadLimit
        self.logLevel = logLevel
        self.environment = environment
    }
}

/// Where a running server listens: the port is the one bound, also when 0 was asked for.
public struct ListeningAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    /// `http://127.0.0.1:8080`; an IPv6 host in brackets.
    public var url: String {
        "http://" + (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
    }

    public var description: String { url }
}
