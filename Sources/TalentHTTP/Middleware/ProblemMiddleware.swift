import Foundation
import Hummingbird
import Logging
import TalentServices

/// Turns every error a route throws into a problem document (`application/problem+json`), so that
/// the middleware outside it (logging, metrics) and the client see one status: a ``ServiceError`` by
/// the one mapping (`ServiceError+Problem.swift`), the router's own 404, a body over its limit, and
/// anything else as a 500 whose detail only points to the log, where the error is written.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = TalentRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Self.problem(for: error)
            // A problem a route made itself was meant (it logs what it needs); any other error that
            // ends as a server fault is written to the log, which is all the response points to.
            if problem.status.code >= 500 && !(error is Problem) {
                context.logger.error("request failed", metadata: [
                    "route": .string(RouteLabel.of(context)),
                    "error": .string(Self.logText(error)),
                ])
            }
            return try problem.response(from: request, context: context)
        }
    }

    static func problem(for error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as ServiceError:
            return error.httpProblem
        case let error as DecodingError:
            return Problem.malformedBody(error)
        case let error as ValidationError:
            return ServiceError.invalid(error).httpProblem
        case let error as any HTTPResponseError:
            return problem(status: error.status)
        default:
            return ServiceError.databaseFailure(error)?.httpProblem ?? Problem.internalError()
        }
    }

    /// Hummingbird's own errors (`HTTPError`) by their status, in our words.
    private static func problem(status: HTTPResponse.Status) -> Problem {
        switch status {
        case .notFound: Problem(status: .notFound, detail: "there is no such resource")
        case let status where status.code >= 500: Problem.internalError()
        case let status: Problem(status: status, detail: status.reasonPhrase.lowercased())
        }
    }

    /// The error for the server log, with any full identity or mobile number masked.
    static func logText(_ error: any Error) -> String {
        let text = (error as? ServiceError)?.description ?? String(reflecting: error)
        return PersonalDataMask.numbers(in: text)
    }
}
