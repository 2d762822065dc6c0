import Foundation
import TalentDomain
import TalentServices
@testable import TalentStore
import TestSupport

/// Shared set-up for the service tests: a fresh database per test, an employer, drafts and counters.
enum RegistryFixture {
    static let actor: Principal = "officer-li"
    static let employerCode = "91110000600037341L"
    static let employerName = "示例科技有限公司"
    /// A valid code (hutool's test vector) that is never registered in these tests unless a test adds it.
    static let unregisteredCode = "91310115591693856A"

    /// Runs `body` against a fresh, migrated database of its own.
    static func withStore<T: Sendable>(_ label: String = #function, _ body: (Store) async throws -> T) async throws -> T {
        let settings = try await TestDatabase.make(label)
        return try await Store.withStore(settings, body)
    }

    @discardableResult
    static func addEmployer(_ store: Store, code: String = employerCode, name: String = employerName) async throws -> OrganisationRecord {
        try await RegistryService(store: store).addOrganisation(
            OrganisationInput(name: name, creditCode: code, kind: .enterprise, industryChain: .microelectronics, inZone: true),
            actor: actor)
    }

    /// A draft built the way the CLI builds one: from import-column values.
    static func draft(_ columns: [String: String]) throws -> TalentDraft {
        try TalentDraft(columns: columns)
    }

    static func resident(name: String, id: String, employer: String? = nil, mobile: String? = nil,
                         degree: String? = nil) throws -> TalentDraft {
        var columns = ["name": name, "id_number": id]
        columns["employer_credit_code"] = employer
        columns["mobile"] = mobile
        columns["degree"] = degree
        return try draft(columns)
    }

    /// A valid resident identity number, distinct for each `n` in 0..<10_000.
    static func residentID(_ n: Int) -> String {
        let birth = CalendarDate(year: 1980, month: 1, day: 1)!.adding(days: n / 1000)
        return ResidentIdentityNumber.make(region: "520115", birthDate: birth, sequence: n % 1000).value
    }

    static func talentCount(_ store: Store) async throws -> Int {
        try await store.read { try await $0.registryFigures() }.talents
    }

    static func auditCount(_ store: Store, action: String? = nil) async throws -> Int {
        try await store.read { try await $0.auditEntries(AuditFilter(action: action, limit: 1_000_000)) }.count
    }

    static func audit(_ store: Store, entityType: String? = nil, entityID: String? = nil,
                      action: String? = nil) async throws -> [AuditEntry] {
        try await store.read {
            try await $0.auditEntries(AuditFilter(entityType: entityType, entityID: entityID, action: action, limit: 1_000_000))
        }
    }

    /// Parses an audit entry's JSON text.
    static func object(_ json: String?) throws -> [String: Any] {
        guard let json, let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw FixtureError("not a JSON object: \(json ?? "nil")")
        }
        return object
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The error `body` throws, or nil when it succeeds.
func caught<T>(_ body: () async throws -> T) async -> (any Error)? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}

extension ServiceError {
    var validation: ValidationError? {
        if case let .invalid(error, _) = self { return error }
        return nil
    }

    var duplicateMessage: String? {
        if case let .duplicate(message, _) = self { return message }
        return nil
    }

    var importReport: TalentImportReport? {
        if case let .importRejected(report) = self { return report }
        return nil
    }

    var unreadableMessage: String? {
        if case let .unreadableFile(message) = self { return message }
        return nil
    }

    var notFoundMessage: String? {
        if case let .notFound(message, _) = self { return message }
        return nil
    }

    var refusedMessage: String? {
        if case let .refused(message, _) = self { return message }
        return nil
    }

    var illegalTransition: IllegalTransition? {
        if case let .illegalTransition(error, _) = self { return error }
        return nil
    }

    var storeError: StoreError? {
        if case let .store(error) = self { return error }
        return nil
    }
}
