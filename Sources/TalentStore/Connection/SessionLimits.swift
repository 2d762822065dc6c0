import Foundation

/// How long one database session may wait, so that no command (least of all a cron job) hangs on a
/// lock or a runaway statement. Sent as startup parameters on every connection; PostgreSQL then
/// cancels the statement and talentctl exits with 69 and the reason.
///
/// `TALENTZONE_LOCK_TIMEOUT` (default 60s), `TALENTZONE_STATEMENT_TIMEOUT` (default 30min) and
/// `TALENTZONE_IDLE_IN_TRANSACTION_TIMEOUT` (default 10min) take PostgreSQL's duration syntax
/// (`500ms`, `30s`, `5min`, `1h`; a bare number is milliseconds; `0` turns the limit off).
public struct SessionLimits: Sendable, Equatable {
    public var lockTimeout: String
    public var statementTimeout: String
    public var idleInTransactionTimeout: String

    public static let standard = SessionLimits(lockTimeout: "60s", statementTimeout: "30min", idleInTransactionTimeout: "10min")

    public init(lockTimeout: String, statementTimeout: String, idleInTransactionTimeout: String) {
        self.lockTimeout = lockTimeout
        self.statementTimeout = statementTimeout
        self.idleInTransactionTimeout = idleInTransactionTimeout
    }

    public static func fromEnvironment(_ environment: [String: String]) throws(StoreError) -> SessionLimits {
        func value(_ key: String, _ fallback: String) throws(StoreError) -> String {
            guard let text = environment[key]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return fallback }
            guard isDuration(text) else {
                throw StoreError.configuration(
                    "\(key)='\(text)' is not a duration; write it as PostgreSQL does, e.g. 500ms, 30s, 5min, 1h (0 turns it off)")
            }
            return text
        }
        return SessionLimits(
            lockTimeout: try value("TALENTZONE_LOCK_TIMEOUT", standard.lockTimeout),
            statementTimeout: try value("TALENTZONE_STATEMENT_TIMEOUT", standard.statementTimeout),
            idleInTransactionTimeout: try value("TALENTZONE_IDLE_IN_TRANSACTION_TIMEOUT", standard.idleInTransactionTimeout))
    }

    /// The process's own limits; a malformed variable is reported when the store opens.
    static var ofProcess: Result<SessionLimits, StoreError> {
        Result { () throws(StoreError) in try fromEnvironment(ProcessInfo.processInfo.environment) }
    }

    var startupParameters: [(String, String)] {
        [("lock_timeout", lockTimeout), ("statement_timeout", statementTimeout),
         ("idle_in_transaction_session_timeout", idleInTransactionTimeout)]
    }

    static func isDuration(_ text: String) -> Bool {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return false }
        return ["", "ms", "s", "min", "h", "d"].contains(String(text.dropFirst(digits.count)))
    }
}
