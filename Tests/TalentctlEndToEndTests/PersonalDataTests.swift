import Foundation
import Testing
import TalentDomain
import TalentServices
import TalentStore
import TestSupport

/// Identity and mobile numbers are shown in full only with `--reveal-pii`, and each reveal is audited
/// per talent. (Every run in the end-to-end suite is also scanned for full numbers by `Talentctl.run`.)
@Suite("talentctl personal data")
struct PersonalDataTests {
    static let wang = "11010519491231002X"
    static let li = "360426199101010071"

    static func reveals(_ cli: CLISession, talent id: Int) throws -> [[String: Any]] {
        try cli.jsonArray(["audit", "list", "--entity", "talent:\(id)", "--action", "pii.reveal", "--json"])
    }

    @Test func showListAndHistoryMaskUnlessRevealedAndEachRevealIsAuditedPerTalent() async throws {
        let cli = try await CLISession.fresh()
        try cli.addEmployer()
        try cli.registerWang()
        try cli.ok(["talent", "register", "--name", "李娜", "--id-number", Self.li, "--mobile", "13900139000"])
        try cli.ok(["cert", "apply", Self.wang, "--class", "5"])
        let ids = try Dictionary(uniqueKeysWithValues: cli.talents().map { ($0["name"] as? String ?? "", $0["id"] as? Int ?? 0) })
        let wangID = try #require(ids["王小明"]), liID = try #require(ids["李娜"])

        let masked = try cli.ok(["talent", "show", Self.wang, "--json"])
        #expect(!masked.contains(Self.wang))
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(masked.utf8)) as? [String: Any])
        let certifications = try #require(shown["certifications"] as? [[String: Any]])
        #expect(certifications.map { $0["identity_key"] as? String } == ["1101**********002X"])
        #expect((shown["talent"] as? [String: Any])?["pii_masked"] as? Bool == true)
        try cli.ok(["talent", "list"])
        try cli.ok(["talent", "history", Self.wang])
        #expect(try cli.audit().filter { $0["action"] as? String == "pii.reveal" }.isEmpty)

        let revealed = try #require(try cli.json(["talent", "show", Self.wang, "--json", "--reveal-pii", "--actor", "auditor-chen"])
            as? [String: Any])
        #expect((revealed["certifications"] as? [[String: Any]])?.first?["identity_key"] as? String == Self.wang)
        let first = try Self.reveals(cli, talent: wangID)
        #expect(first.count == 1)
        #expect(first.first?["actor"] as? String == "cli:auditor-chen")
        #expect(first.first?["after"].flatMap { $0 as? String }?.contains("talent show") == true)
        #expect(try Self.reveals(cli, talent: liID).isEmpty)

        // A list reveal leaves one entry per talent shown, each found under its own talent.
        let listed = try cli.jsonArray(["talent", "list", "--json", "--reveal-pii", "--actor", "auditor-chen"])
        #expect(Set(listed.compactMap { $0["identity"] as? String }) == [Self.wang, Self.li])
        #expect(try Self.reveals(cli, talent: wangID).count == 2)
        let liReveals = try Self.reveals(cli, talent: liID)
        #expect(liReveals.count == 1)
        #expect(liReveals.first?["after"].flatMap { $0 as? String }?.contains("talent list") == true)

        try cli.ok(["talent", "history", Self.li, "--reveal-pii"])
        #expect(try Self.reveals(cli, talent: liID).count == 2)
        // Revealing nobody records nothing.
        try cli.ok(["talent", "list", "--name", "无此人", "--reveal-pii"])
        #expect(try cli.audit().filter { $0["action"] as? String == "pii.reveal" }.count == 4)
    }

    @Test func errorsNeverRepeatAFullNumber() async throws {
        let cli = try await CLISession.fresh()
        try cli.addEmployer()
        try cli.registerWang()
        let folder = try Workspace()
        let cases: [(arguments: [String], masked: String, full: String)] = [
            (["talent", "register", "--name", "王大明", "--id-number", Self.wang], "1101**********002X", Self.wang),
            (["talent", "register", "--name", "王小明", "--id-number", "110105194912310021"], "1101**********0021", "110105194912310021"),
            (["talent", "register", "--name", "王小明", "--id-number", "11010519491231002"], "1101*********1002", "11010519491231002"),
            (["talent", "register", "--name", "李娜", "--id-number", Self.li, "--mobile", "12800138000"], "128****8000", "12800138000"),
            (["talent", "register", "--name", "Anna", "--passport", "C01X-00T47", "--nationality", "DEU"], "C0******47", "C01X-00T47"),
            (["talent", "show", Self.li], "3604**********0071", Self.li),
            (["talent", "update", Self.li, "--mobile", "13900139000"], "3604**********0071", Self.li),
            (["cert", "apply", Self.li], "3604**********0071", Self.li),
        ]
        for (arguments, masked, full) in cases {
            let result = try cli.run(arguments, in: folder.path)
            #expect(result.status == 65, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(masked), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains(full), "\(arguments): \(result.stderr)")
            expectNoCrash(result)
        }

        try folder.write("talents.csv", """
            name,id_number,mobile
            坏校验,110105194912310021,
            李娜,\(Self.li),12800138000

            """)
        let imported = try cli.run(["talent", "import", "talents.csv", "--json"], in: folder.path)
        #expect(imported.status == 65)
        let report = try String(contentsOf: folder.folder.appendingPathComponent("talents.csv.errors.csv"), encoding: .utf8)
        #expect(report.contains("1101**********0021"))
        #expect(report.contains("128****8000"))
        #expect(!report.contains("110105194912310021") && !report.contains("12800138000"))
        #expect(imported.leaks.isEmpty)
    }

    /// What PostgreSQL says about a duplicate (`Key (identity_key)=(…) already exists`) reaches people masked.
    @Test func aDuplicateRefusedByTheDatabaseIsReportedMasked() async throws {
        let cli = try await CLISession.fresh()
        let draft = try TalentDraft(columns: ["name": "王小明", "id_number": Self.wang, "mobile": "13800138000"])
        try await Store.withStore(cli.settings) { store in
            _ = try await store.write { try await $0.insertTalent(draft, employerID: nil) }
            let inserted = await #expect(throws: StoreError.self) {
                _ = try await store.write { try await $0.insertTalent(draft, employerID: nil) }
            }
            let copied = await #expect(throws: StoreError.self) {
                try await store.write { session in
                    let batch = try await session.insertImportBatch(NewImportBatch(
                        kind: "talents", fileName: "talents.csv", fileSHA256: String(repeating: "0", count: 64), encoding: "utf-8",
                        rowsTotal: 1, rowsAdded: 1, rowsSkipped: 0, actor: "cli-tester"))
                    try await session.copyTalents([draft], employerIDs: [:], batchID: batch.id)
                }
            }
            for error in [inserted, copied] {
                let error = try #require(error)
                guard case let .duplicate(_, detail) = error else {
                    Issue.record("not a duplicate: \(error)")
                    continue
                }
                #expect(detail.contains(Self.wang), "PostgreSQL names the key: \(detail)")
                let message = ServiceError.store(error).description
                #expect(message.contains("1101**********002X"), "\(message)")
                #expect(PIIScan.leaks(in: message).isEmpty, "\(message)")
            }
        }
    }

    /// The server log of the test cluster holds no full identity or mobile number, after a duplicate
    /// registration and a duplicate COPY have been refused (PostgreSQL logs a refused row's key in its
    /// DETAIL line unless `log_error_verbosity` is `terse`).
    @Test func theServerLogHoldsNoFullNumber() async throws {
        let cli = try await CLISession.fresh()
        let identity = ResidentIdentityNumber.make(region: "520115", birthDate: CalendarDate("1990-07-15")!, sequence: 123).value
        let draft = try TalentDraft(columns: ["name": "张伟", "id_number": identity, "mobile": "13700137000"])
        try await Store.withStore(cli.settings) { store in
            _ = try await store.write { try await $0.insertTalent(draft, employerID: nil) }
            _ = try? await store.write { try await $0.insertTalent(draft, employerID: nil) }
            _ = try? await store.write { session in
                let batch = try await session.insertImportBatch(NewImportBatch(
                    kind: "talents", fileName: "talents.csv", fileSHA256: String(repeating: "0", count: 64), encoding: "utf-8",
                    rowsTotal: 1, rowsAdded: 1, rowsSkipped: 0, actor: "cli-tester"))
                try await session.copyTalents([draft], employerIDs: [:], batchID: batch.id)
            }
        }
        let log = try String(contentsOfFile: try await TestDatabase.cluster().logFile, encoding: .utf8)
        #expect(log.contains("talents_identity_unique"), "the refusals are logged")
        let leaks = PIIScan.leaks(in: log)
        #expect(leaks.isEmpty, "server.log holds full numbers: \(Set(leaks).sorted().prefix(20))")
    }
}
