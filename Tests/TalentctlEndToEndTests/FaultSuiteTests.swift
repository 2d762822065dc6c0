import Foundation
import Testing
@testable import TalentStore
import TestSupport

/// The fault suite (Docs/operations.md, "Faults it survives"): kill -9 of talentctl and of the
/// PostgreSQL server at several moments, concurrent cluster starts, and races on one unit, each
/// followed by SQL checks of what must hold. Each scenario prints its number of trials.
@Suite("Fault suite", .serialized)
struct FaultSuiteTests {
    typealias K = FaultKit

    // MARK: kill -9 of talentctl

    @Test func killingAnImportLeavesAllOrNothingAndTheRerunCompletes() async throws {
        let file = try K.importFile(talents: 20_000)
        defer { unlink(file) }
        let delays = [0.15, 0.4, 0.7, 1.0, 1.3, 1.7, 2.2]
        var killed = 0
        for delay in delays {
            let cli = try await CLISession.fresh("fault_import")
            try cli.addEmployer()
            let running = try K.Running(["talent", "import", file], environment: cli.environment)
            usleep(useconds_t(delay * 1_000_000))
            if running.exit(within: 0) == nil { killed += 1 }
            running.kill9()
            _ = running.exit(within: 10)
            let talents = try await K.count(cli.settings, "SELECT count(*)::int AS n FROM talents")
            let batches = try await K.count(cli.settings, "SELECT count(*)::int AS n FROM import_batches")
            #expect([0, 20_000].contains(talents), "after a kill at \(delay) s: \(talents) talents")
            #expect(batches == (talents == 0 ? 0 : 1), "after a kill at \(delay) s: \(batches) batches for \(talents) talents")
            let rerun = try cli.run(["talent", "import", file])
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(try await K.count(cli.settings, "SELECT count(*)::int AS n FROM talents") == 20_000)
        }
        #expect(killed >= delays.count / 2, "most kills should land while the import runs; only \(killed) did")
        K.report("kill -9 of talentctl during talent import of 20,000 rows", trials: delays.count, detail: "\(killed) killed mid-run")
    }

    @Test func killingARoundCommitLeavesItDraftOrCommittedAndTheRerunCompletes() async throws {
        let delays = [0.02, 0.05, 0.08, 0.11, 0.14, 0.18, 0.22, 0.27, 0.33, 0.4]
        var killed = 0
        for delay in delays {
            let cli = try await HousingRoundCommandTests.seeded("fault_commit")
            try cli.ok(["housing", "round", "create", "R1", "--name", "第一轮", "--as-of", "2026-11-20"])
            let running = try K.Running(["housing", "round", "commit", "R1", "--seed", HousingRoundCommandTests.seed],
                                        environment: cli.environment)
            usleep(useconds_t(delay * 1_000_000))
            if running.exit(within: 0) == nil { killed += 1 }
            running.kill9()
            _ = running.exit(within: 10)
            #expect(try await K.count(cli.settings, K.allocationInvariantViolations) == 0, "after a kill at \(delay) s")
            let committed = try await K.count(cli.settings, "SELECT count(*)::int AS n FROM housing_rounds WHERE status = 'committed'")
            let offers = try await K.count(cli.settings, "SELECT count(*)::int AS n FROM housing_offers")
            #expect(offers == (committed == 1 ? 2 : 0), "after a kill at \(delay) s: \(offers) offers, \(committed) committed")
            if committed == 0 {
                try cli.ok(["housing", "round", "commit", "R1", "--seed", HousingRoundCommandTests.seed])
            }
            #expect(try cli.ok(["housing", "round", "verify", "R1"]).contains("confirmed"))
        }
        K.report("kill -9 of talentctl during housing round commit", trials: delays.count, detail: "\(killed) killed mid-run")
    }

    // MARK: kill -9 of the PostgreSQL server

    /// The postmaster dies while talentctl waits on a lock another session holds: talentctl exits 69
    /// within 10 s with the reason (it used to wait forever), and nothing of its change is kept.
    @Test func aServerKilledDuringALockWaitEndsTheCommandWith69() async throws {
        let home = try K.Home()
        defer { home.close() }
        #expect(try home.run(["db", "up"]).status == 0)
        let trials = 3
        for trial in 0..<trials {
            let holder = Task {
                try await Store.withStore(home.admin) { store in
                    try await store.write { session in
                        try await session.execute(sql: "LOCK TABLE audit_log IN EXCLUSIVE MODE")
                        try await session.execute(sql: "SELECT pg_sleep(30)")
                    }
                }
            }
            usleep(500_000)
            let running = try home.start(["org", "add", "--name", "锁等待\(trial)", "--credit-code", CLISession.employerCode,
                                          "--kind", "enterprise", "--in-zone"])
            usleep(700_000)
            #expect(running.exit(within: 0) == nil, "org add should be waiting on the lock")
            try home.killPostmaster()
            let status = running.exit(within: 10)
            #expect(status == 69, "exit \(status.map(String.init) ?? "none within 10 s"): \(running.stderr)")
            #expect(running.stderr.contains("database unavailable"), "\(running.stderr)")
            _ = await holder.result
            #expect(try home.run(["db", "up"]).status == 0)
            #expect(try await K.count(home.admin, "SELECT count(*)::int AS n FROM organisations") == 0)
        }
        K.report("kill -9 of the postmaster during a lock wait", trials: trials)
    }

    /// The postmaster dies during an import (its COPY, and the lookups and validation around it):
    /// talentctl exits 69 within 10 s (or 0 if it had finished), the restarted server holds all the
    /// rows or none, and a second run completes the import.
    @Test func aServerKilledDuringAnImportLeavesAllOrNothing() async throws {
        let home = try K.Home()
        defer { home.close() }
        #expect(try home.run(["org", "add", "--name", CLISession.employerName, "--credit-code", CLISession.employerCode,
                              "--kind", "enterprise", "--in-zone"]).status == 0)
        let file = try K.importFile(talents: 20_000)
        defer { unlink(file) }
        let delays = [0.3, 0.5, 0.8, 1.2, 1.8, 2.4]
        var midRun = 0
        for delay in delays {
            let running = try home.start(["talent", "import", file])
            usleep(useconds_t(delay * 1_000_000))
            if running.exit(within: 0) == nil { midRun += 1 }
            try home.killPostmaster()
            let status = running.exit(within: 10)
            #expect(status == 69 || status == 0, "exit \(status.map(String.init) ?? "none within 10 s"): \(running.stderr)")
            #expect(try home.run(["db", "up"]).status == 0)
            let talents = try await K.count(home.admin, "SELECT count(*)::int AS n FROM talents")
            #expect([0, 20_000].contains(talents), "after a kill at \(delay) s: \(talents) talents")
            if talents == 20_000 { break }
        }
        let rerun = try home.run(["talent", "import", file])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try await K.count(home.admin, "SELECT count(*)::int AS n FROM talents") == 20_000)
        K.report("kill -9 of the postmaster during talent import", trials: delays.count, detail: "\(midRun) mid-run")
    }

    /// Right after kill -9 of the postmaster (between two commands), the next command starts the server
    /// again instead of taking the dead postmaster's pid for a live server.
    @Test func theCommandAfterAServerKillRestartsIt() async throws {
        let home = try K.Home()
        defer { home.close() }
        #expect(try home.run(["db", "up"]).status == 0)
        let trials = 4
        for _ in 0..<trials {
            try home.killPostmaster()
            let listed = try home.run(["org", "list", "--json"])
            #expect(listed.status == 0, "\(listed.stderr)")
        }
        K.report("a command right after kill -9 of the postmaster", trials: trials)
    }

    // MARK: concurrent starts

    @Test func concurrentStartsOfTheClusterAllSucceed() async throws {
        let home = try K.Home()
        defer { home.close() }
        let ups = try (0..<4).map { _ in try home.start(["db", "up"]) }
        for up in ups { #expect(up.exit(within: 120) == 0, "db up: \(up.stderr)") }
        #expect(try home.run(["db", "down"]).status == 0)
        let lists = try (0..<4).map { _ in try home.start(["org", "list"]) }
        for list in lists { #expect(list.exit(within: 120) == 0, "org list: \(list.stderr)") }
        K.report("concurrent db up on a new home, then concurrent org list on a stopped cluster", trials: 8)
    }

    // MARK: races on one unit

    @Test func racingAcceptsAndDeclinesOfOneOfferDecideItOnce() async throws {
        let cli = try await HousingRoundCommandTests.seeded()
        try cli.ok(["housing", "round", "create", "R1", "--name", "第一轮", "--as-of", "2026-11-20"])
        try cli.ok(["housing", "round", "commit", "R1", "--seed", HousingRoundCommandTests.seed])
        let offer = try #require(try cli.jsonArray(["housing", "offers", "list", "--json"]).first?["id"] as? Int)
        let racers = try (0..<8).map { index in
            try K.Running(index % 2 == 0 ? ["housing", "offer", "accept", String(offer)]
                                         : ["housing", "offer", "decline", String(offer), "--reason", "location"],
                          environment: cli.environment)
        }
        let statuses = racers.map { $0.exit(within: 60) }
        #expect(statuses.filter { $0 == 0 }.count == 1, "\(statuses)")
        #expect(statuses.allSatisfy { $0 == 0 || $0 == 65 }, "\(statuses) \(racers.map(\.stderr))")
        #expect(try await K.count(cli.settings, K.allocationInvariantViolations) == 0)
        K.report("concurrent accept/decline of one offer by 8 processes", trials: 8)
    }

    @Test func racingCommitsOfRoundsSharingUnitsAllocateEachUnitOnce() async throws {
        let cli = try await HousingRoundCommandTests.seeded()
        for code in ["R1", "R2", "R3"] {
            try cli.ok(["housing", "round", "create", code, "--name", "轮次\(code)", "--as-of", "2026-11-20"])
        }
        let racers = try ["R1", "R2", "R3", "R1", "R2", "R3"].map { code in
            try K.Running(["housing", "round", "commit", code, "--seed", HousingRoundCommandTests.seed], environment: cli.environment)
        }
        let statuses = racers.map { $0.exit(within: 60) }
        #expect(statuses.allSatisfy { $0 == 0 || $0 == 65 }, "\(statuses) \(racers.map(\.stderr))")
        #expect(try await K.count(cli.settings, K.allocationInvariantViolations) == 0)
        #expect(try await K.count(cli.settings, "SELECT count(DISTINCT unit_id)::int AS n FROM housing_offers") ==
                    K.count(cli.settings, "SELECT count(*)::int AS n FROM housing_offers"), "a unit was offered twice")
        K.report("concurrent commits of three rounds over the same units by 6 processes", trials: 6)
    }
}
