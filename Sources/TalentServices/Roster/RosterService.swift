import Foundation
import TalentDomain
import TalentStore

/// Produces trainee rosters. Reading is one query; a roster with full identity and mobile numbers
/// is produced in one transaction with its `pii.reveal` audit entry, so no reveal goes unrecorded.
public struct RosterService: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// The roster of a cohort, sorted by university, then name, in pinyin order. A filter that names
    /// nothing registered is refused (not an empty roster), so a typo does not pass for "nobody".
    public func roster(_ request: RosterRequest, actor: Principal, now: Date = Date()) async throws(ServiceError) -> Roster {
        let access = try AccessTable.authorize(.rosterRead, actor)
        if request.revealPII { try access.requireReveal() }
        let university = Self.reference(request.university)
        let enterprise = Self.reference(request.enterprise)
        let mentor = Self.reference(request.mentor)
        let filter = RosterFilter(cohortYear: request.cohortYear, university: university, enterprise: enterprise, mentor: mentor)
        let body: @Sendable (StoreSession) async throws -> Roster = { session in
            guard let cohort = try await session.cohort(year: request.cohortYear) else {
                throw ServiceError.notFound(
                    "no cohort has intake year \(request.cohortYear)", next: .listCohorts)
            }
            var terms: [Roster.FilterTerm] = []
            var scopedFilter = filter
            if !access.reachesEverything {
                // A university's coordinator sees its own trainees only: the university filter is its own,
                // and naming another reads as naming none.
                var own: [RosterReferent] = []
                for id in access.universities.sorted() {
                    if let org = try await session.organisation(id: id) { own.append(RosterReferent(code: org.creditCode, name: org.name)) }
                }
                var chosen = own
                if let university {
                    let named = try await session.rosterOrganisations(reference: university, kind: .university)
                    chosen = named.filter { found in own.contains { $0.code == found.code } }
                }
                let term = try Self.term("培养高校", university ?? "", chosen, what: "university")
                scopedFilter.university = chosen.count == 1 ? chosen[0].code : nil
                guard scopedFilter.university != nil else {
                    throw ServiceError.refused("name one university of this account (--university)")
                }
                terms.append(term)
            } else if let university {
                terms.append(try Self.term("培养高校", university, try await session.rosterOrganisations(
                    reference: university, kind: .university), what: "university"))
            }
            if let enterprise {
                terms.append(try Self.term("实践单位", enterprise, try await session.rosterOrganisations(
                    reference: enterprise, kind: .enterprise), what: "enterprise"))
            }
            if let mentor {
                let found = try await session.rosterMentors(reference: mentor)
                guard !found.isEmpty else {
                    let named = mentor.contains(where: \.isNumber) ? PersonalDataMask.identity(mentor) : mentor
                    throw ServiceError.notFound(
                        "no registered talent has the identity number or name \(named); give the enterprise mentor's "
                            + "identity number or exact name")
                }
                // A mentor's identity number is personal data: the filter names the mentor only.
                terms.append(Roster.FilterTerm(label: "企业导师", value: Set(found.map(\.name)).sorted().joined(separator: "、")))
            }
            let rows = try await session.roster(scopedFilter)
            if request.revealPII && !rows.isEmpty {
                try await session.appendAudit(AuditRecord(
                    actor: actor.auditName, action: "pii.reveal", entityType: "roster", entityID: cohort.name,
                    before: Optional<[String: String]>.none,
                    after: ["scope": "practice roster", "filter": ([Roster.FilterTerm(label: "年级", value: cohort.name)] + terms)
                                .map { "\($0.label): \($0.value)" }.joined(separator: "；"),
                            "trainees": rows.map { String($0.traineeID) }.joined(separator: ",")],
                    reason: "full identity and mobile numbers shown on a roster of \(rows.count) trainees"))
            }
            return Roster(
                cohortYear: cohort.intakeYear, cohortName: cohort.name, filter: terms, generatedAt: now,
                piiMasked: !request.revealPII, rows: request.revealPII ? rows.map { $0.revealed() } : rows)
        }
        return try await run {
            request.revealPII ? try await store.write(body) : try await store.read(body)
        }
    }

    static func reference(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    static func term(_ label: String, _ reference: String, _ found: [RosterReferent], what: String) throws -> Roster.FilterTerm {
        guard !found.isEmpty else {
            throw ServiceError.notFound(
                "no \(what) has the credit code or name \(reference)", next: .listOrganisations(kind: OrganisationKind(rawValue: what)))
        }
        return Roster.FilterTerm(label: label, value: found.map { "\($0.name) (\($0.code))" }.joined(separator: "、"))
    }
}
