import Foundation
import HummingbirdBcrypt
import TalentServices
import TalentStore

/// Result day: the 50,000-application round is committed and applicants check where they stand.
/// A release `talentd` serves the benchmark database; `wrk` on loopback sends authenticated
/// `GET /api/v1/me/housing` with a random applicant's session for each request, over 64 and then 256
/// connections. The limit, in the same run: pgbench running the very SQL that one such request runs
/// (read back from the server's log for a sample of applicants, parameters written in; one script per
/// applicant, chosen at random per transaction), over 64 connections.
///
/// Setup (not timed): ``HousingRoundFixture``, the round committed, and `--sessions` talent accounts
/// (random applicants) signed in over HTTP. Accounts are inserted with one precomputed bcrypt hash, as
/// hashing 50,000 passwords at cost 12 would take hours; each sign-in still checks its password
/// (about a quarter of a second of bcrypt), which bounds the number of sessions, not the talents'
/// variety: the applicants sampled are spread over the whole round (offers and waiting list).
struct ResultDayBenchmark: BenchSection {
    let name = "result-day"
    let title = "Result day: applicants check GET /api/v1/me/housing"
    let needsDatabase = true
    static let path = "/api/v1/me/housing"
    static let password = "result-day: a bench password"
    static let connections = [64, 256]
    /// Applicants whose request SQL the pgbench scripts are made of.
    static let captured = 16

    func run(_ context: BenchContext) async throws -> BenchResult {
        let cluster = try context.requireCluster()
        let (wrk, pgbench, psql) = (try Wrk.locate(), try Pgbench.locate(), try Psql.locate())
        let database = "bench_result_day"
        let settings = try await cluster.freshDatabase(database)
        let scratch = cluster.folder + "-result-day"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let seconds = context.options.seconds

        let clock = ContinuousClock()
        let setup = clock.now
        let applicants = try await Store.withStore(settings) { store in
            try await HousingRoundFixture.load(store, cluster: cluster, database: database)
            let rounds = HousingRoundService(store: store)
            let bench = Principal.localOperator("bench")
            _ = try await rounds.commit(code: HousingRoundFixture.round, seed: HousingRoundFixture.seed,
                                        on: HousingRoundFixture.asOf, today: HousingRoundFixture.asOf, actor: bench)
            let talents = try await RegistryService(store: store).talents(TalentFilter(limit: 100_000), actor: bench)
            var random = SystemRandomNumberGenerator()
            let sample = Array(talents.map(\.id).shuffled(using: &random).prefix(context.options.sessions))
            try await Self.addAccounts(for: sample, store)
            return sample
        }
        try psql.run(cluster: cluster, database: database, command: "ANALYZE")

        // Sessions, through talentd's own sign-in.
        let tokens = try await withServer(cluster, database) { server in
            try await Self.signIn(applicants, server)
        }
        let tokenFile = scratch + "/tokens"
        try tokens.joined(separator: "\n").appending("\n").write(toFile: tokenFile, atomically: true, encoding: .utf8)
        context.note(String(format: "setup: round committed, %d sessions, in %.1f s", tokens.count, (clock.now - setup).seconds))

        // The SQL of one request, per applicant, from the server's log.
        let scripts = try await captureScripts(tokens.prefix(Self.captured), cluster: cluster, database: database,
                                               psql: psql, scratch: scratch)
        let statements = try String(contentsOfFile: scripts[0], encoding: .utf8).components(separatedBy: ";\n").count - 1
        context.note("pgbench: \(scripts.count) scripts of \(statements) statements each, \(seconds) s over 64 clients")
        let limit = try pgbench.run(cluster: cluster, database: database, scripts: scripts, clients: 64, seconds: seconds)
        guard limit.failures == 0 else { throw BenchFailure("pgbench: \(limit.failures) transactions failed") }

        var runs: [(Int, LoadFigures)] = []
        try await withServer(cluster, database) { server in
            // Warm up: every session once (the first use in a minute updates its last use).
            for token in tokens { _ = try await server.send("GET", Self.path, token: token) }
            for connections in Self.connections {
                context.note("wrk: \(connections) connections for \(seconds) s")
                let figures = try wrk.run(base: server.base, target: Self.path, tokens: tokenFile, connections: connections,
                                          seconds: seconds, scratch: scratch)
                guard figures.failures == 0 else {
                    throw BenchFailure("wrk at \(connections) connections: \(figures.failures) failed requests")
                }
                runs.append((connections, figures))
            }
        }
        try await DatabaseTarget.dropDatabaseIfExists(database, on: cluster.admin)
        return Self.report(runs, limit: limit, sessions: tokens.count, statements: statements, seconds: seconds)
    }

    static func report(_ runs: [(Int, LoadFigures)], limit: LoadFigures, sessions: Int, statements: Int, seconds: Int) -> BenchResult {
        func ms(_ value: Double?) -> String { value.map { String(format: "%.1f ms", $0) } ?? "" }
        func rate(_ value: Double) -> String { String(format: "%.0f/s", value) }
        var result = BenchResult()
        var rows = runs.map { connections, figures in
            ["talentd, \(connections) connections", rate(figures.perSecond), ms(figures.p50), ms(figures.p99), ms(figures.p999),
             String(format: "%.2f×", figures.perSecond / max(limit.perSecond, 1))]
        }
        rows.append(["pgbench, the same SQL, 64 clients (the limit)", rate(limit.perSecond), "", "", "", "1.00×"])
        result.table(["load (\(seconds) s)", "requests/s", "p50", "p99", "p99.9", "of the limit"], rows, rightAligned: [1, 2, 3, 4, 5])
        result.line("")
        let at64 = runs.first { $0.0 == 64 }?.1
        if let at64 {
            let ratio = at64.perSecond / max(limit.perSecond, 1)
            result.line(String(format: "goals at 64 connections: ≥ 2,000 requests/s (%@), p99 < 50 ms (%@), ≥ 0.5× pgbench (%@)",
                               at64.perSecond >= 2000 ? "met" : "not met", (at64.p99 ?? .infinity) < 50 ? "met" : "not met",
                               ratio >= 0.5 ? "met" : "not met"))
        }
        result.line("\(sessions) applicants' sessions, a random one per request; one request = \(statements) statements; "
                    + "no request failed")
        return result
    }

    // MARK: Setup

    /// A `talent` account per applicant (`rd-<id>`), all with the same bcrypt hash of ``password``.
    static func addAccounts(for talents: [Int64], _ store: Store) async throws {
        let hash = Bcrypt.hash(password, cost: 12)
        try await store.write { session in
            for talent in talents {
                let id = try await session.insertAccount(NewAccount(
                    login: "rd-\(talent)", displayName: nil, passwordHash: hash, revealPII: false, requireOTP: false))
                try await session.insertAccountRole(accountID: id, try RoleGrant(.talent, scopeID: talent))
            }
        }
    }

    /// Signs each applicant in (`POST /api/v1/session`), a few at a time; their tokens.
    static func signIn(_ talents: [Int64], _ server: TalentdProcess) async throws -> [String] {
        try await withThrowingTaskGroup(of: String.self) { group in
            var tokens: [String] = []
            var pending = talents[...]
            func next() {
                guard let talent = pending.popFirst() else { return }
                group.addTask {
                    let (status, body) = try await server.send("POST", "/api/v1/session",
                                                               json: ["login": "rd-\(talent)", "password": password])
                    guard status == 201, let object = try JSONSerialization.jsonObject(with: body) as? [String: Any],
                          let token = object["token"] as? String else {
                        throw BenchFailure("sign-in of rd-\(talent) answered \(status): \(String(decoding: body, as: UTF8.self))")
                    }
                    return token
                }
            }
            for _ in 0..<4 { next() }
            while let token = try await group.next() {
                tokens.append(token)
                next()
            }
            return tokens
        }
    }

    /// One pgbench script per token: the statements its `GET` ran, read from the server's log while the
    /// database logs every statement (with its parameters: `log_error_verbosity` back to `default`).
    func captureScripts(_ tokens: ArraySlice<String>, cluster: BenchCluster, database: String, psql: Psql,
                        scratch: String) async throws -> [String] {
        try psql.run(cluster: cluster, database: database, command: """
            ALTER DATABASE \(database) SET log_statement = 'all';
            ALTER DATABASE \(database) SET log_error_verbosity = 'default';
            """)
        defer {
            try? psql.run(cluster: cluster, database: database, command: """
                ALTER DATABASE \(database) RESET log_statement;
                ALTER DATABASE \(database) RESET log_error_verbosity;
                """)
        }
        let log = cluster.cluster.logFile
        return try await withServer(cluster, database) { server in
            var scripts: [String] = []
            for (index, token) in tokens.enumerated() {
                let before = Self.size(of: log)
                let (status, _) = try await server.send("GET", Self.path, token: token)
                guard status == 200 else { throw BenchFailure("GET \(Self.path) answered \(status) while capturing its SQL") }
                try await Task.sleep(for: .milliseconds(300))  // the server writes its log a moment later
                let text = try Self.read(log, from: before)
                // The session's last-use update runs once a minute per session, not per request.
                let statements = StatementCapture.statements(in: text) { $0.hasPrefix("UPDATE account_sessions") }
                guard !statements.isEmpty else { throw BenchFailure("no statement was logged for a request") }
                let file = scratch + "/request-\(index).sql"
                try StatementCapture.script(statements).write(toFile: file, atomically: true, encoding: .utf8)
                scripts.append(file)
            }
            return scripts
        }
    }

    private static func size(of file: String) -> UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.uint64Value ?? 0
    }

    private static func read(_ file: String, from offset: UInt64) throws -> String {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
        defer { try? handle.close() }
        try handle.seek(toOffset: offset)
        return String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
    }

    /// Runs `body` with a talentd on `database`, stopped afterwards, logging as it does by default (`info`,
    /// one line per request, to a standard error that goes nowhere).
    private func withServer<T>(_ cluster: BenchCluster, _ database: String,
                               _ body: (TalentdProcess) async throws -> T) async throws -> T {
        let server = try TalentdProcess(cluster: cluster, database: database, logLevel: "info")
        defer { server.stop() }
        return try await body(server)
    }
}
