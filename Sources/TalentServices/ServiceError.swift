import TalentDomain
import TalentRules
import TalentStore

/// Why a use case refused, with what to do about it. The CLI maps each case to an exit code.
public enum ServiceError: Error, Sendable, CustomStringConvertible {
    /// A field failed validation.
    case invalid(ValidationError)
    /// A bulk import was refused (or partly refused); the report lists every bad row.
    case importRejected(TalentImportReport)
    /// A file could not be read or decoded.
    case unreadableFile(String)
    /// The thing named does not exist.
    case notFound(String)
    /// The thing already exists.
    case duplicate(String)
    /// A certification step that is not allowed from the current state.
    case illegalTransition(IllegalTransition, subject: String)
    /// A business rule refused the request (with the rule and what to do).
    case refused(String)
    /// A policy file was refused; every problem has its key path and line:column.
    case invalidPolicy(PolicyError)
    /// The database layer failed.
    case store(StoreError)

    /// The message, with any full identity or mobile number in it masked: database messages (a unique
    /// violation's `Key (identity_key)=(…)`) and typed input can carry them.
    public var description: String { PersonalDataMask.numbers(in: message) }

    private var message: String {
        switch self {
        case let .invalid(error): "invalid \(error)"
        case let .importRejected(report): report.summary
        case let .unreadableFile(message): message
        case let .notFound(message): message
        case let .duplicate(message): message
        case let .illegalTransition(error, subject): "\(subject): \(error)"
        case let .refused(message): message
        case let .invalidPolicy(error): error.description
        case let .store(error): error.description
        }
    }

    /// Wraps any error as a ServiceError.
    static func wrap(_ error: any Error) -> ServiceError {
        if let error = error as? ServiceError { return error }
        if let error = error as? ValidationError { return .invalid(error) }
        return .store(StoreError.from(error))
    }
}
