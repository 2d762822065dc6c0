import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Who may connect to the embedded cluster: only over its Unix socket (no `host` lines, and the
/// server listens on no TCP address), with peer authentication, and only the OS user that runs
/// talentctl (with root, also the `postgres` user the server runs as), mapped to the superuser, the
/// owner role and the application role. Written into the data folder before every start, so a
/// cluster created by an older talentctl (with `trust`) is tightened the next time it starts.
struct ClusterAccess {
    static let mapName = "talentzone"

    let runner: CommandRunner

    /// The OS users allowed in.
    var osUsers: [String] {
        guard let server = runner.runAs else { return [ConnectionSettings.currentUserName()] }
        return ["root", server]
    }

    /// The database roles those users may connect as.
    var databaseRoles: [String] {
        ["postgres", DatabaseRoles.standard.owner, DatabaseRoles.standard.application]
    }

    var hba: String {
        """
        # Written by talentctl before every start of the embedded cluster; edits here are overwritten.
        # Local Unix-socket connections only, peer authentication through the map in pg_ident.conf.
        # TYPE  DATABASE  USER  METHOD
        local   all       all   peer map=\(Self.mapName)

        """
    }

    var ident: String {
        var lines = [
            "# Written by talentctl before every start of the embedded cluster; edits here are overwritten.",
            "# MAPNAME  SYSTEM-USERNAME  PG-USERNAME",
        ]
        for user in osUsers {
            for role in databaseRoles { lines.append("\(Self.mapName)  \(user)  \(role)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func write(into dataDirectory: String) throws(StoreError) {
        try write(hba, to: dataDirectory + "/pg_hba.conf")
        try write(ident, to: dataDirectory + "/pg_ident.conf")
    }

    private func write(_ text: String, to path: String) throws(StoreError) {
        if (try? String(contentsOfFile: path, encoding: .utf8)) == text { return }
        do {
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        } catch {
            throw StoreError.unavailable("cannot write \(path): \(error.localizedDescription)")
        }
        chmod(path, 0o600)
        if let user = runner.runAs, let account = getpwnam(user) {
            guard chown(path, account.pointee.pw_uid, account.pointee.pw_gid) == 0 else {
                throw StoreError.unavailable("cannot hand \(path) to the \(user) user (chown failed)")
            }
        }
    }
}
