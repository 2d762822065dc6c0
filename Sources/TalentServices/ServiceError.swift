import TalentDomain
import TalentRules
import TalentStore

/// Why a use case refused, with what to do about it: the message says what went wrong, and `next`, where
/// there is one, the step to take as data (``NextStep``), which each front door renders in its own terms.
/// The CLI maps each case to an exit code.
public enum ServiceError: Error, Sendable, CustomStringConvertible {
    /// A field failed validation.
    case invalid(ValidationError, next: NextStep? = nil)
    /// A bulk import was refused (or partly refused); the report lists every bad row.
    case importRejected(TalentImportReport)
    /// A file could not be read or decoded.
    case unreadableFile(String)
    /// The thing named does not exist.
    case notFound(String, next: NextStep? = nil)
    /// The thing already exists.
    case duplicate(String, next: NextStep? = nil)
    /// A certification step that is not allowed from the current state.
    case illegalTransition(IllegalTransition, subject: String)
    /// A business rule refused the request (with the rule and what to do).
    case refused(String, next: NextStep? = nil)
    /// A policy file was refused; every problem has its key path and line:column.
    case invalidPolicy(PolicyError)
    /// A stored unit has a category this program does not know (none of ``UnitCategory``): its rent,
    /// offers and draws cannot be worked out, and no category is assumed in its place.
    case unknownUnitCategory(unit: String, category: String)
    /// The database layer failed.
    case store(StoreError)
    /// The principal is known but none of its roles allows the use case (an auditor changing data, a
    /// talent running a round). Something outside the principal's scope is reported as ``notFound(_:next:)``
    /// instead, so that its existence does not leak.
    case notPermitted(String)
    /// No valid sign-in: a wrong login or password, a locked or disabled account, a missing, expired or
    /// revoked session. The words never say which, so they do not tell whether a login exists.
    case notSignedIn(String)

    /// The message and the next step in words that name no command, with any full identity or mobile
    /// number in it masked: database messages (a unique violation's `Key (identity_key)=(…)`) and typed
    /// input can carry them.
    public var description: String {
        nextStep.map { Self.message(problem, then: $0.description) } ?? problem
    }

    /// What went wrong, without the next step; identity and mobile numbers masked.
    public var problem: String { PersonalDataMask.numbers(in: message) }

    /// The step that helps, if there is one.
    public var nextStep: NextStep? {
        switch self {
        case let .invalid(_, next), let .notFound(_, next), let .duplicate(_, next), let .refused(_, next): next
        case let .store(error): error.remedy.map(NextStep.init)
        case .importRejected, .unreadableFile, .illegalTransition, .invalidPolicy, .unknownUnitCategory, .notPermitted,
             .notSignedIn: nil
        }
    }

    /// `message` followed by `step` (one front door's wording of the next step): after a full stop or a
    /// line break as a sentence of its own, otherwise after a semicolon.
    public static func message(_ message: String, then step: String) -> String {
        guard message.hasSuffix(".") || message.hasSuffix("\n") else { return message + "; " + step }
        return message + (message.hasSuffix("\n") ? "" : " ") + step.prefix(1).uppercased() + step.dropFirst()
    }

    private var message: String {
        switch self {
        case let .invalid(error, _): "invalid \(error)"
        case let .importRejected(report): report.summary
        case let .unreadableFile(message): message
        case let .notFound(message, _): message
        case let .duplicate(message, _): message
        case let .illegalTransition(error, subject): "\(subject): \(error)"
        case let .refused(message, _): message
        case let .invalidPolicy(error): error.description
        case let .unknownUnitCategory(unit, category):
            "unit \(unit) is stored with the category '\(category)', which is none of "
                + UnitCategory.allCases.map(\.rawValue).joined(separator: ", ")
                + "; nothing was changed. Correct the unit's category in the database (or run the version of the program "
                + "that wrote it) before its offers, leases and rounds can be worked out."
        case let .store(error): error.description
        case let .notPermitted(message): message
        case let .notSignedIn(message): message
        }
    }

    /// What kind of failure this is, for a front door that must choose an exit code or a status: a usage
    /// or configuration mistake, bad data or a refused request, a file that cannot be read, the database
    /// not reachable, or a fault of the program itself.
    public enum Category: Sendable, Equatable {
        case usage, badData, noInput, unavailable, internalFailure
        /// Not signed in, or signed in without a role that allows it.
        case notPermitted
    }

    public var category: Category {
        switch self {
        case .importRejected, .invalid, .duplicate, .illegalTransition, .refused, .invalidPolicy, .notFound,
             .unknownUnitCategory: .badData
        case .unreadableFile: .noInput
        case .notPermitted, .notSignedIn: .notPermitted
        case let .store(error):
            switch error {
            case .configuration: .usage
            case .unavailable: .unavailable
            case .duplicate, .missingReference, .overlap, .rejected, .refused, .notFound, .migration: .badData
            case .internal: .internalFailure
            }
        }
    }

    /// A database-layer error that reached a front door without passing through a service, as a
    /// ServiceError; nil for any other error (which the front door reports as internal).
    public static func databaseFailure(_ error: any Error) -> ServiceError? {
        (error as? StoreError).map { .store($0) }
    }

    /// Wraps any error as a ServiceError.
    static func wrap(_ error: any Error) -> ServiceError {
        if let error = error as? ServiceError { return error }
        if let error = error as? ValidationError { return .invalid(error) }
        return .store(StoreError.from(error))
    }
}
