import Foundation

/// Where the PostgreSQL server programs (initdb, pg_ctl, and pg_dump/pg_restore beside them) live on this machine.
struct PostgresBinaries: Sendable {
    let directory: String

    var initdb: String { directory + "/initdb" }
    var pgCtl: String { directory + "/pg_ctl" }
    /// The backup programs of the same version as the server (Debian ships them in the same folder).
    var pgDump: String { directory + "/pg_dump" }
    var pgRestore: String { directory + "/pg_restore" }

    /// Looks in `TALENTZONE_PG_BINDIR`, then Debian's `/usr/lib/postgresql/<major>/bin` (newest first),
    /// then the `PATH`.
    static func locate(environment: [String: String]) throws(StoreError) -> PostgresBinaries {
        var candidates: [String] = []
        if let explicit = environment["TALENTZONE_PG_BINDIR"], !explicit.isEmpty {
            candidates.append(explicit)
        }
        let debianRoot = "/usr/lib/postgresql"
        let majors = ((try? FileManager.default.contentsOfDirectory(atPath: debianRoot)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        candidates += majors.map { "\(debianRoot)/\($0)/bin" }
        candidates += (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for directory in candidates
        where FileManager.default.isExecutableFile(atPath: directory + "/initdb")
            && FileManager.default.isExecutableFile(atPath: directory + "/pg_ctl") {
            return PostgresBinaries(directory: directory)
        }
        throw StoreError.unavailable(
            "the PostgreSQL server programs (initdb, pg_ctl) were not found. Install them with "
                + "`apt-get install -y postgresql` (Debian/Ubuntu), or set TALENTZONE_PG_BINDIR to their folder, "
                + "or point DATABASE_URL at an existing server.")
    }
}
