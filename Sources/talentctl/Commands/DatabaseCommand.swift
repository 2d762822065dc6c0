import ArgumentParser
import Foundation
import TalentServices

struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the database: the embedded cluster, the schema migrations, backups.",
        discussion: """
            Example:
              talentctl db up
              talentctl db status --json
              DATABASE_URL=postgres://talentzone@db/talentzone talentctl db migrate
              talentctl db backup /srv/backup/talentzone-2026-11-26.dump
              talentctl db restore /srv/backup/talentzone-2026-11-26.dump
            """,
        subcommands: [Up.self, Down.self, Status.self, Migrate.self, Backup.self, Restore.self]
    )

    struct Up: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create (if needed) and start the embedded PostgreSQL cluster, then apply migrations.",
            discussion: "Example:\n  talentctl db up\n  TALENTZONE_HOME=/srv/talentzone talentctl db up")

        func run() async throws {
            try await Command.local {
                guard let report = try await DatabaseService().up() else {
                    Output.note("DATABASE_URL or PG* variables are set: talentctl uses that server and has no cluster to start.")
                    return
                }
                Output.line("embedded PostgreSQL \(report.wasRunning ? "already running" : "started") in \(report.cluster.folder)")
                Output.line("socket \(report.cluster.socket), database \(report.cluster.database)")
                Output.line(report.appliedMigrations == 0 ? "schema up to date" : "applied \(report.appliedMigrations) migration(s)")
            }
        }
    }

    struct Down: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop the embedded PostgreSQL cluster (its data stays).",
            discussion: "Example:\n  talentctl db down")

        func run() async throws {
            try await Command.local {
                guard let report = try DatabaseService().down() else {
                    Output.note("DATABASE_URL or PG* variables are set: there is no embedded cluster to stop.")
                    return
                }
                Output.line(report.wasRunning ? "embedded PostgreSQL stopped (\(report.folder))" : "embedded PostgreSQL was not running")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show which database is used, whether it runs, and the state of every migration.",
            discussion: "Example:\n  talentctl db status\n  talentctl db status --json")

        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.local {
                let report = try await DatabaseService().status()
                if output.json { return Output.json(report) }
                Output.fields([
                    ("database", report.database),
                    ("folder", report.clusterFolder ?? "-"),
                    ("server", report.server),
                ])
                guard !report.migrations.isEmpty else { return }
                Output.line("")
                Output.table(["version", "name", "state", "applied at"], report.migrations.map {
                    [String(format: "%04d", $0.version), $0.name, $0.state.rawValue,
                     $0.appliedAt.map { ISO8601DateFormatter().string(from: $0) } ?? "-"]
                })
            }
        }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending migrations from Schema/, each in its own transaction.",
            discussion: """
                Refuses to run if an applied migration file was changed. Then grants the application role
                (TALENTZONE_APP_ROLE, default talentzone_app) its privileges and reports what it finds: who it
                is connected as, and whether the application role owns nothing and may not create, truncate
                or change the audit log (Docs/operations.md, "Database roles").

                Example:
                  DATABASE_URL=postgres://talentzone_owner@db:5432/talentzone talentctl db migrate
                  talentctl db migrate --json
                """)

        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.local {
                let report = try await DatabaseService().migrate()
                if output.json { return Output.json(report) }
                if report.applied.isEmpty {
                    Output.line("schema up to date (\(report.migrations) migrations)")
                }
                for name in report.applied { Output.line("applied \(name)") }
                if let roles = report.roles { RolesView.print(roles) }
            }
        }
    }

    /// The roles part of `db migrate` (Docs/operations.md, "Database roles").
    enum RolesView {
        static func print(_ report: PrivilegeReport) {
            Output.line("connected as \(report.connectedAs)\(report.connectedIsSuperuser ? " (superuser)" : "")")
            for finding in report.findings {
                Output.line("\(finding.level == .ok ? "ok" : finding.level.rawValue): \(finding.message)")
            }
        }
    }

    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the embedded cluster's database to FILE (pg_dump's custom format).",
            discussion: """
                A consistent snapshot, taken while other commands keep working, with the cluster's own pg_dump. FILE is written as the user running talentctl, mode 0600 (it holds personal data in full); an existing FILE is replaced only once the new backup is complete. For an external server use pg_dump "$DATABASE_URL" -Fc -f FILE.

                Example:
                  talentctl db backup talentzone-$(date +%F).dump
                  talentctl db backup /srv/backup/talentzone.dump --json
                """)

        @Argument(help: "The backup file to write.") var file: String
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if file.trimmingCharacters(in: .whitespaces).isEmpty {
                throw UsageError("give the backup file, e.g. talentctl db backup talentzone.dump")
            }
        }

        func run() async throws {
            try await Command.local {
                let report = try await DatabaseBackupService().backup(to: file)
                if output.json { return Output.json(report) }
                Output.line("backed up database \(report.database) of the embedded cluster in \(report.clusterFolder) "
                            + "to \(report.file) (\(report.bytes) bytes)")
            }
        }
    }

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the embedded cluster's database with a backup from `db backup` (or pg_dump -Fc).",
            discussion: """
                Restores into an empty database: one that does not exist yet, or holds no rows but those the migrations write (as after `db up`). A database with data is replaced only with --force. The backup is restored into a new database first and swapped in only when that succeeded, so a broken backup leaves the current data alone. Then the migrations run, as `db migrate` does.

                Example:
                  talentctl db restore talentzone-2026-11-26.dump
                  talentctl db backup before.dump && talentctl db restore talentzone-2026-11-26.dump --force
                """)

        @Argument(help: "The backup file to restore.") var file: String
        @Flag(help: "Replace a database that holds data.") var force = false
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.local {
                // Checked here so that a directory or a missing file is named as such (exit 66).
                if let problem = FileAccess.readProblem(file, what: "backup file") {
                    throw ServiceError.unreadableFile(problem)
                }
                let report = try await DatabaseBackupService().restore(from: file, force: force)
                if output.json { return Output.json(report) }
                if report.replaced.exists && !report.replaced.isEmpty {
                    Output.note("replaced \(Output.count(report.replaced.rows, "row")) in \(report.database) (--force)")
                }
                Output.line("restored \(report.file) into database \(report.database) of the embedded cluster in \(report.clusterFolder): "
                            + "\(Output.count(report.restored.rows, "row")) in \(Output.count(report.restored.tables, "table"))")
                Output.line(report.appliedMigrations.isEmpty
                            ? "schema up to date" : "applied \(report.appliedMigrations.joined(separator: ", "))")
            }
        }
    }
}
