import Foundation
import Testing
@testable import TalentStore
import TestSupport

/// The embedded cluster itself: where it may live, who may connect, and what counts as running.
@Suite("The embedded cluster")
struct EmbeddedClusterTests {
    /// A new folder under /tmp whose name has a space in it.
    static func home(_ name: String) throws -> String {
        var template = Array("/tmp/talentzone-cluster-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw StoreError.unavailable("mkdtemp failed") }
        let parent = String(cString: made)
        chmod(parent, 0o755)
        return parent + "/" + name
    }

    @Test func aHomeWithASpaceStartsAndOnlyMappedUsersOverTheSocketGetIn() async throws {
        let home = try Self.home("talent zone")
        let cluster = try EmbeddedCluster(home: home, port: 5433, durable: false, environment: ProcessInfo.processInfo.environment)
        defer {
            try? cluster.stop(immediate: true)
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: home).deletingLastPathComponent().path)
        }
        #expect(try cluster.start())
        #expect(cluster.state() == .running)
        #expect(try cluster.start() == false)

        let hba = try String(contentsOfFile: cluster.dataDirectory + "/pg_hba.conf", encoding: .utf8)
        let rules = hba.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(rules.count == 1)
        #expect(rules.allSatisfy { $0.hasPrefix("local") && $0.contains("peer") && !$0.contains("trust") }, "\(rules)")

        let admin = cluster.connectionSettings(role: cluster.superuser, database: "postgres")
        try await DatabaseRoles.standard.prepareCluster(admin)
        try await Store.withStore(admin) { store in
            try await store.write { try await $0.execute(sql: "CREATE ROLE mallory LOGIN SUPERUSER") }
        }
        // A role that exists but is not in the peer map is refused, superuser or not.
        await #expect(throws: StoreError.self) {
            try await Store.withStore(cluster.connectionSettings(role: "mallory", database: "postgres")) { _ in }
        }
        try await Store.withStore(cluster.connectionSettings(role: DatabaseRoles.standard.application, database: "postgres")) { _ in }
    }

    @Test func aFolderTheStartCommandCannotCarryIsRefusedUpFront() throws {
        for name in ["talent,zone", "talent\"zone", "talent$zone", "talent'zone"] {
            let home = try Self.home(name)
            defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: home).deletingLastPathComponent().path) }
            let cluster = try EmbeddedCluster(home: home, port: 5433, durable: false, environment: ProcessInfo.processInfo.environment)
            #expect {
                try cluster.start()
            } throws: { error in
                guard case let StoreError.configuration(message) = error else { return false }
                return message.contains("TALENTZONE_HOME")
            }
            #expect(!FileManager.default.fileExists(atPath: home + "/data"))
        }
    }

    /// After `kill -9` of the postmaster its pid stays a zombie until reaped; `pg_ctl status` called that
    /// running. Here a zombie we make ourselves stands in postmaster.pid of a stopped cluster.
    @Test func aZombiePostmasterIsNotARunningServer() throws {
        let home = try Self.home("zombie")
        let cluster = try EmbeddedCluster(home: home, port: 5433, durable: false, environment: ProcessInfo.processInfo.environment)
        defer {
            try? cluster.stop(immediate: true)
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: home).deletingLastPathComponent().path)
        }
        try cluster.start()
        try cluster.stop(immediate: true)
        #expect(cluster.state() == .stopped)

        var pid: pid_t = 0
        var arguments: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
        defer { arguments.forEach { free($0) } }
        #expect(posix_spawn(&pid, "/bin/true", nil, nil, &arguments, environ) == 0)
        defer { var status: Int32 = 0; waitpid(pid, &status, 0) }
        usleep(200_000)  // it has exited; not reaped, it is a zombie
        #expect(kill(pid, 0) == 0, "a zombie still answers signal 0, as pg_ctl status checks")
        let pidFile = cluster.dataDirectory + "/postmaster.pid"
        try "\(pid)\n\(cluster.dataDirectory)\n".write(toFile: pidFile, atomically: false, encoding: .utf8)

        #expect(cluster.state() == .stopped)
        #expect(try cluster.start())
        #expect(cluster.state() == .running)
    }
}
