import Foundation
import Hummingbird
import TalentServices

/// An error as it crosses the wire: an RFC 9457 problem document, `application/problem+json`. Every
/// failure a handler throws becomes one (``ProblemMiddleware``): a ``ServiceError`` through the one
/// mapping in `ServiceError+Problem.swift`, anything else by its status or as a 500 with a generic detail.
struct Problem: Error, Sendable, Encodable, HTTPResponseError {
    /// A field that failed, for a validation problem.
    struct FieldProblem: Sendable, Encodable, Equatable {
        /// The field's name in the API and the CLI (`id_number`), or its dotted path in a body (`members.0.name`).
        var field: String
        /// The field's JSON pointer in the request body (RFC 6901), e.g. `/members/0/name`.
        var pointer: String
        var detail: String
    }

    /// What kind of problem, as a URI: `about:blank` when the status says it all, otherwise
    /// `urn:talentzone:problem:NAME` (the names are listed in Docs/openapi.yaml, `Problem`).
    var type: String
    /// The kind's short summary, the same for every occurrence.
    var title: String
    var status: HTTPResponse.Status
    /// This occurrence, in the words the CLI prints (identity and mobile numbers masked).
    var detail: String
    var errors: [FieldProblem]?
    /// What to do next, as data: `{"action": "housing.round.preview", "arguments": {"round": "R1"}}`.
    var next: NextStep?
    /// The refused rows of an import (line, column, masked value, reason), as `FILE.errors.csv` lists them.
    var issues: [ImportIssue]?
    /// Headers the problem adds (`WWW-Authenticate`, `Allow`).
    var headers: HTTPFields = [:]

    static let contentType = "application/problem+json"

    /// A problem whose status says what it is (`type` is `about:blank` and `title` the reason phrase).
    init(status: HTTPResponse.Status, detail: String, headers: HTTPFields = [:]) {
        self.init(type: "about:blank", title: status.reasonPhrase, status: status, detail: detail, headers: headers)
    }

    init(type: String, title: String, status: HTTPResponse.Status, detail: String, errors: [FieldProblem]? = nil,
         next: NextStep? = nil, issues: [ImportIssue]? = nil, headers: HTTPFields = [:]) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.errors = errors
        self.next = next
        self.issues = issues
        self.headers = headers
    }

    /// `urn:talentzone:problem:NAME`.
    static func type(_ name: String) -> String { "urn:talentzone:problem:" + name }

    /// The detail of every 500: what went wrong is in the server log, never in the response.
    static let internalDetail = "internal error; see the server log"

    static func internalError() -> Problem {
        Problem(type: type("internal"), title: "Internal error", status: .internalServerError, detail: internalDetail)
    }

    private enum CodingKeys: String, CodingKey { case type, title, status, detail, errors, next, issues }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(title, forKey: .title)
        try container.encode(status.code, forKey: .status)
        try container.encode(detail, forKey: .detail)
        try container.encodeIfPresent(errors, forKey: .errors)
        try container.encodeIfPresent(next, forKey: .next)
        try container.encodeIfPresent(issues, forKey: .issues)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try Wire.json(self, status: status, contentType: Self.contentType)
        response.headers.append(contentsOf: headers)
        return response
    }
}
