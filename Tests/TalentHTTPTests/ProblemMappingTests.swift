import Foundation
@testable import TalentHTTP
import TalentServices
import Testing

/// The one mapping from ServiceError to HTTP (`ServiceError+Problem.swift`), case by case.
@Suite("talentd: ServiceError → problem")
struct ProblemMappingTests {
    static let identity = "11010519491231002X"

    @Test(arguments: [
        (ServiceError.invalid(ValidationError(field: "credit_code", value: "x", reason: "too short")), 422),
        (.notFound("no such talent"), 404),
        (.duplicate("already registered"), 409),
        (.illegalTransition(.init(from: .applied, event: .approve), subject: "certification #1"), 409),
        (.refused("the round is committed"), 409),
        (.notPermitted("an auditor may not change data"), 403),
        (.notSignedIn("no valid sign-in"), 401),
        (.unreadableFile("cannot read talents.csv"), 400),
        (.unknownUnitCategory(unit: "B-101", category: "penthouse"), 422),
        (.store(.unavailable("cannot connect to postgres://app@db:5432/talentzone")), 503),
        (.store(.configuration("bad DATABASE_URL")), 500),
        (.store(.internal("XX000 something broke")), 500),
        (.store(.duplicate(constraint: "talents_identity_key", detail: "Key (identity_key)=(\(identity)) already exists")), 409),
        (.store(.rejected(constraint: "units_rent_check", message: "rent must be positive")), 422),
        (.store(.missingReference(constraint: "talents_employer_fk", detail: "no employer")), 422),
    ] as [(ServiceError, Int)])
    func eachCaseHasItsStatus(error: ServiceError, status: Int) {
        let problem = error.httpProblem
        #expect(Int(problem.status.code) == status)
        #expect(problem.type.hasPrefix("urn:talentzone:problem:"))
        #expect(!problem.detail.contains(Self.identity), "a full identity number in \(problem.detail)")
        if status >= 500 {
            #expect(!problem.detail.contains("postgres"))
            #expect(!problem.detail.contains("XX000"))
            #expect(!problem.detail.contains("DATABASE_URL"))
        } else {
            #expect(problem.detail == error.description)
        }
    }

    @Test func notSignedInAsksForABearerToken() {
        #expect(ServiceError.notSignedIn("no valid sign-in").httpProblem.headers[.wwwAuthenticate] == "Bearer")
        #expect(ServiceError.notPermitted("no").httpProblem.headers[.wwwAuthenticate] == nil)
    }

    @Test func aValidationErrorNamesItsFieldByPointer() throws {
        let error = ServiceError.invalid(ValidationError(field: "id_number", value: Self.identity,
                                                         reason: "check character should be X", hint: "retype it"),
                                         next: .findTalent)
        let problem = error.httpProblem
        let field = try #require(problem.errors?.first)
        #expect(field == .init(field: "id_number", pointer: "/id_number", detail: "check character should be X. retype it"))
        #expect(problem.next?.action == "talent.list")
        let json = String(decoding: try Wire.encoder().encode(problem), as: UTF8.self)
        #expect(json.contains(#""next":{"action":"talent.list","arguments":{}}"#), "\(json)")
        #expect(json.contains(#""status":422"#))
        #expect(!json.contains(Self.identity))
    }

    @Test func aDatabaseNotMigratedSaysWhatToDo() {
        let problem = ServiceError.store(.migration("the database at postgres://x is not fully migrated", remedy: .migrate)).httpProblem
        #expect(problem.status == .serviceUnavailable)
        #expect(problem.next?.action == "database.migrate")
        #expect(!problem.detail.contains("postgres://"))
    }

    @Test func pointersEscapeAndKeysReturnToSnakeCase() {
        #expect(JSONPointer.snakeCase("birthDate") == "birth_date")
        #expect(JSONPointer.snakeCase("id_number") == "id_number")
        #expect(JSONPointer.escape("a/b~c") == "a~1b~0c")
    }
}
