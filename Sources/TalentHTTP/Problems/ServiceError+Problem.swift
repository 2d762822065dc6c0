import Hummingbird
import TalentServices

/// The one mapping from the services' typed errors to HTTP (Docs/architecture.md, "Errors mapped once"):
/// a status, a problem type and title, and the detail in the words the CLI prints (`ServiceError.description`,
/// identity and mobile numbers masked), with the next step as data. The CLI's counterpart is
/// `Sources/talentctl/Support/Failure.swift` (exit codes).
extension ServiceError {
    /// The problem document of this error (`problem` is already the error's message without its next step).
    var httpProblem: Problem {
        let kind = self.kind
        var problem = Problem(type: Problem.type(kind.name), title: kind.title, status: kind.status,
                              detail: kind.genericDetail ?? description, next: nextStep)
        switch self {
        case let .invalid(error, _): problem.errors = [.init(error)]
        case let .importRejected(report): problem.issues = report.issues
        case .notSignedIn: problem.headers[.wwwAuthenticate] = "Bearer"
        default: break
        }
        return problem
    }

    /// The problem type's name and title and the status of each case. The server's own state (the
    /// database unreachable or not migrated, misconfigured, a fault) is told in generic words, the
    /// store's message going to the log only: it names the database's host, user and name, which are no
    /// business of an API client. What the database refused about the request's data keeps its words.
    private var kind: (name: String, title: String, status: HTTPResponse.Status, genericDetail: String?) {
        switch self {
        case .invalid: ("validation", "Invalid input", .unprocessableContent, nil)
        case .importRejected: ("import-rejected", "Import refused", .unprocessableContent, nil)
        case .invalidPolicy: ("invalid-policy", "Invalid policy file", .unprocessableContent, nil)
        case .unknownUnitCategory: ("unknown-unit-category", "Unknown unit category", .unprocessableContent, nil)
        case .notFound, .store(.notFound): ("not-found", "Not found", .notFound, nil)
        case .duplicate, .store(.duplicate), .store(.overlap): ("duplicate", "Already exists", .conflict, nil)
        case .illegalTransition: ("illegal-transition", "Step not allowed now", .conflict, nil)
        case .refused: ("refused", "Refused by a rule", .conflict, nil)
        case .store(.refused): ("refused", "Refused by the database", .conflict, nil)
        case .store(.missingReference), .store(.rejected): ("rejected", "Refused by the database", .unprocessableContent, nil)
        case .notPermitted: ("not-permitted", "Not permitted", .forbidden, nil)
        case .notSignedIn: ("not-signed-in", "Not signed in", .unauthorized, nil)
        case .unreadableFile: ("unreadable-file", "Unreadable file", .badRequest, nil)
        case .store(.unavailable):
            ("database-unavailable", "Database unavailable", .serviceUnavailable, "the database is unavailable; try again later")
        case .store(.migration):
            ("database-not-migrated", "Database not migrated", .serviceUnavailable, "the database is not fully migrated")
        case .store(.configuration), .store(.internal):
            ("internal", "Internal error", .internalServerError, Problem.internalDetail)
        }
    }
}

extension Problem.FieldProblem {
    /// A field of the API, named as in the CLI and in CSV headers (`id_number`), which are also its JSON keys.
    init(_ error: ValidationError) {
        let detail = error.reason + (error.hint.map { ". " + $0 } ?? "")
        self.init(field: error.field, pointer: "/" + JSONPointer.escape(error.field), detail: detail)
    }
}
