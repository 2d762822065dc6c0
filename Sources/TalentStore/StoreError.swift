import PostgresNIO

/// What went wrong at the database boundary, in terms a caller can act on.
/// PostgreSQL SQLSTATEs are mapped here and nowhere else.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The connection settings are malformed (a bad `DATABASE_URL`, say).
    case configuration(String)
    /// No database could be reached or started.
    case unavailable(String)
    /// 23505: a unique constraint refused the row.
    case duplicate(constraint: String, detail: String)
    /// 23503: a referenced row does not exist (or a row is still referenced).
    case missingReference(constraint: String, detail: String)
    /// 23P01: an exclusion constraint refused overlapping rows.
    case overlap(constraint: String, detail: String)
    /// 23514 / 23502 / 22xxx: a check the database enforces refused the data.
    case rejected(constraint: String?, message: String)
    /// 42501 and friends: the database refused the operation itself (e.g. changing the audit log).
    case refused(String)
    /// A migration could not be applied, or an applied one was changed; `remedy` when a step helps.
    case migration(String, remedy: Remedy? = nil)
    /// A row that should exist does not.
    case notFound(String)
    /// Anything else: a bug or an unexpected server state.
    case `internal`(String)

    public var description: String {
        switch self {
        case let .configuration(message): "configuration: \(message)"
        case let .unavailable(message): "database unavailable: \(message)"
        case let .duplicate(constraint, detail): "already exists (\(constraint)): \(detail)"
        case let .missingReference(constraint, detail): "missing reference (\(constraint)): \(detail)"
        case let .overlap(constraint, detail): "overlaps an existing record (\(constraint)): \(detail)"
        case let .rejected(constraint, message):
            constraint.map { "the database refused the data (\($0)): \(message)" } ?? "the database refused the data: \(message)"
        case let .refused(message): "the database refused: \(message)"
        case let .migration(message, _): "migration: \(message)"
        case let .notFound(message): "not found: \(message)"
        case let .internal(message): "internal database error: \(message)"
        }
    }

    /// SQLSTATE 40001/40P01: the transaction may be retried.
    var isRetryable: Bool {
        if case let .internal(message) = self { return message.hasPrefix("40001") || message.hasPrefix("40P01") }
        return false
    }

    /// Maps any error thrown while talking to PostgreSQL (including transaction wrappers).
    public static func from(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? PostgresTransactionError {
            if let inner = error.closureError { return from(inner) }
            if let inner = error.beginError ?? error.commitError { return from(inner) }
            return .internal(String(reflecting: error))
        }
        if let error = error as? PostgresError, case .connectionClosed = error {
            // The older error type, still thrown by COPY when the server goes away mid-stream.
            return .unavailable("the connection to the database server closed (did the server stop?)")
        }
        guard let error = error as? PSQLError else {
            return .internal(String(describing: error))
        }
        guard let info = error.serverInfo, let state = info[.sqlState] else {
            switch error.code {
            case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
                return .unavailable("the connection to the database server closed (did the server stop?)")
            case .connectionError, .poolClosed,
                 .sslUnsupported, .failedToAddSSLHandler:
                return .unavailable("\(error.code): \(error.underlying.map { String(describing: $0) } ?? "connection failed")")
            default:
                return .internal("\(error.code)")
            }
        }
        let message = info[.message] ?? "no message"
        let detail = info[.detail] ?? message
        let constraint = info[.constraintName] ?? "?"
        switch state {
        case "23505": return .duplicate(constraint: constraint, detail: detail)
        case "23503": return .missingReference(constraint: constraint, detail: detail)
        case "23P01": return .overlap(constraint: constraint, detail: detail)
        case "23514", "23502": return .rejected(constraint: info[.constraintName], message: message)
        case "42501", "P0001": return .refused(message)
        case "3D000", "28000", "28P01", "57P01", "57P02", "57P03", "08006", "08001", "08003", "08004", "53300":
            return .unavailable("\(state) \(message)")
        case "55P03":
            return .unavailable("\(state) \(message): another session held the lock longer than TALENTZONE_LOCK_TIMEOUT "
                                + "allows; try again later, or raise the limit")
        case "57014":
            return .unavailable("\(state) \(message) (TALENTZONE_STATEMENT_TIMEOUT, or an administrator cancelled it)")
        case "25P03":
            return .unavailable("\(state) \(message) (TALENTZONE_IDLE_IN_TRANSACTION_TIMEOUT)")
        default:
            if state.hasPrefix("22") { return .rejected(constraint: nil, message: "\(state) \(message)") }
            return .internal("\(state) \(message)")
        }
    }
}
