import ArgumentParser
import Foundation
import TalentServices

/// `talentctl user …`: the accounts people sign in to talentd with.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Accounts for talentd: roles, passwords, the second factor.",
        discussion: """
            Roles: office-admin, office-reviewer, housing-officer, auditor (the office, every record), employer
            (--org CODE: its staff), university (--university CODE: its trainees), talent (--talent ID: their own).

            Example:
              echo 'a long passphrase 2026' | talentctl user add --login hr-demo --role employer --org 91520100MA6DGX3X2K --password-stdin
              talentctl user list
            """,
        subcommands: [Add.self, List.self, Show.self, Disable.self, Enable.self, Grant.self, Revoke.self, ResetPassword.self,
                      OTP.self])

    /// The role and the record it is limited to.
    struct RoleOptions: ParsableArguments {
        @Option(help: "office-admin | office-reviewer | housing-officer | employer | university | talent | auditor.")
        var role: String
        @Option(help: "The employer's credit code (role employer).") var org: String?
        @Option(help: "The university's credit code (role university).") var university: String?
        @Option(help: "The talent's record number, as `talent show --json` prints it (role talent).") var talent: Int64?

        func grant() throws -> GrantInput {
            let parsed = try Role.parse(role)
            if org != nil && university != nil {
                throw ValidationError("give --org or --university, not both")
            }
            return GrantInput(role: parsed, organisationCode: org ?? university, talentID: talent)
        }
    }

    /// What `user grant` and `user revoke` change: a role (with its record) and/or reveal-pii.
    struct GrantChange: ParsableArguments {
        @Option(help: "The role.") var role: String?
        @Option(help: "The employer's credit code (role employer).") var org: String?
        @Option(help: "The university's credit code (role university).") var university: String?
        @Option(help: "The talent's record number (role talent).") var talent: Int64?
        @Flag(help: "The reveal-pii entitlement.") var revealPii = false

        /// The role grant named, nil when only reveal-pii changes.
        func grant() throws -> GrantInput? {
            guard let role else {
                guard revealPii else { throw ValidationError("give --role ROLE or --reveal-pii") }
                return nil
            }
            if org != nil && university != nil { throw ValidationError("give --org or --university, not both") }
            return GrantInput(role: try Role.parse(role), organisationCode: org ?? university, talentID: talent)
        }
    }

    /// Reads the password from standard input (one line), so it never appears in the shell history or `ps`.
    static func readPassword() throws -> String {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("--password-stdin: standard input gave no password (one line, e.g. from a password manager)")
        }
        return line
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account with one role.",
            discussion: """
                Example:
                  printf '%s\\n' 'correct horse battery 2026' | talentctl user add --login li.na --role office-reviewer --password-stdin
                  printf '%s\\n' "$PW" | talentctl user add --login wang.fang --role talent --talent 42 --password-stdin
                The password: at least 12 characters, not containing the login or the identity number.
                """)

        @Option(help: "3–64 of a-z, 0-9, '.', '_', '-'.") var login: String
        @Option(help: "The person's name, for lists.") var name: String?
        @OptionGroup var role: RoleOptions
        @Flag(help: "Read the password from standard input (required: passwords are never arguments).")
        var passwordStdin = false
        @Flag(help: "May ask to see full identity and mobile numbers (reveal-pii).") var revealPii = false
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            guard passwordStdin else { throw ValidationError("give --password-stdin and the password on standard input") }
            let grant = try role.grant()
            let password = try UserCommand.readPassword()
            try await Command.run { zone in
                let record = try await zone.accounts.add(
                    AccountInput(login: login, displayName: name, grants: [grant], revealPII: revealPii),
                    password: password, actor: actor.resolved)
                if output.json { return Output.json(record) }
                Output.line("added account \(record.login) (\(record.grants.map(\.description).joined(separator: ", ")))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List accounts.", discussion: "Example:\n  talentctl user list --json")
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let records = try await zone.accounts.accounts(actor: LocalOperator.principal)
                if output.json { return Output.json(records) }
                Output.table(["login", "name", "roles", "reveal-pii", "otp", "state"], records.map(UserCommand.row))
                Output.note(Output.count(records.count, "account"))
            }
        }
    }

    /// Runs one change of an account and prints the account (`--json`) or `said(account)`.
    static func change(_ output: OutputOptions, _ body: @escaping (TalentZone) async throws -> AccountRecord,
                       said: @escaping (AccountRecord) -> String) async throws {
        try await Command.run { zone in
            let record = try await body(zone)
            if output.json { return Output.json(record) }
            Output.line(said(record))
        }
    }

    static func row(_ record: AccountRecord) -> [String] {
        [record.login, record.displayName ?? "", record.grants.map(\.description).joined(separator: ", "),
         record.revealPII ? "yes" : "", record.requireOTP ? "required" : (record.otpEnabled ? "enabled" : ""), state(record)]
    }

    static func state(_ record: AccountRecord) -> String {
        if record.disabledAt != nil { return "disabled" }
        if let until = record.lockedUntil, until > Date() { return "locked until \(ISO8601DateFormatter().string(from: until))" }
        return "active"
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one account.", discussion: "Example:\n  talentctl user show li.na --json")
        @Argument(help: "The login.") var login: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await Command.run { zone in
                let record = try await zone.accounts.account(login: login, actor: LocalOperator.principal)
                if output.json { return Output.json(record) }
                let row = UserCommand.row(record)
                Output.fields([("login", row[0]), ("name", row[1]), ("roles", row[2]), ("reveal-pii", row[3].isEmpty ? "no" : "yes"),
                               ("second factor", row[4].isEmpty ? "none" : row[4]), ("state", row[5]),
                               ("failed sign-ins", String(record.failedLogins))])
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an account; its sessions end at once.", discussion: "Example:\n  talentctl user disable li.na")
        @Argument(help: "The login.") var login: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await UserCommand.change(output, { try await $0.accounts.setDisabled(login: login, true, actor: actor.resolved) }) {
                "disabled \($0.login); its sessions were revoked"
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enable a disabled account.", discussion: "Example:\n  talentctl user enable li.na")
        @Argument(help: "The login.") var login: String
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await UserCommand.change(output, { try await $0.accounts.setDisabled(login: login, false, actor: actor.resolved) }) {
                "enabled \($0.login)"
            }
        }
    }

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Grant a role (or, with --reveal-pii alone, the reveal-pii entitlement).",
            discussion: "Example:\n  talentctl user grant li.na --role auditor\n  talentctl user grant li.na --reveal-pii")
        @Argument(help: "The login.") var login: String
        @OptionGroup var change: GrantChange
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let grant = try change.grant()
            try await Command.run { zone in
                var record: AccountRecord?
                if let grant { record = try await zone.accounts.grant(login: login, grant, actor: actor.resolved) }
                if change.revealPii { record = try await zone.accounts.setRevealPII(login: login, true, actor: actor.resolved) }
                guard let record else { return }
                if output.json { return Output.json(record) }
                Output.line("\(record.login) now holds " + record.grants.map(\.description).joined(separator: ", ")
                            + (record.revealPII ? " and reveal-pii" : ""))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a role (or, with --reveal-pii alone, the reveal-pii entitlement).",
            discussion: "Example:\n  talentctl user revoke li.na --role auditor\n  talentctl user revoke li.na --reveal-pii")
        @Argument(help: "The login.") var login: String
        @OptionGroup var change: GrantChange
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let grant = try change.grant()
            try await Command.run { zone in
                var record: AccountRecord?
                if let grant { record = try await zone.accounts.revoke(login: login, grant, actor: actor.resolved) }
                if change.revealPii { record = try await zone.accounts.setRevealPII(login: login, false, actor: actor.resolved) }
                guard let record else { return }
                if output.json { return Output.json(record) }
                Output.line("\(record.login) now holds " + (record.grants.isEmpty ? "no role" : record.grants.map(\.description).joined(separator: ", ")))
            }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "Set a new password; the account's sessions end and its lock is lifted.",
            discussion: "Example:\n  printf '%s\\n' \"$NEW\" | talentctl user reset-password li.na --password-stdin")
        @Argument(help: "The login.") var login: String
        @Flag(help: "Read the new password from standard input (required).") var passwordStdin = false
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            guard passwordStdin else { throw ValidationError("give --password-stdin and the password on standard input") }
            let password = try UserCommand.readPassword()
            try await Command.run { zone in
                let record = try await zone.accounts.resetPassword(login: login, password: password, actor: actor.resolved)
                if output.json { return Output.json(record) }
                Output.line("new password set for \(record.login); its sessions were revoked")
            }
        }
    }

    struct OTP: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "otp", abstract: "The TOTP second factor (RFC 6238).", subcommands: [Enable.self])

        struct Enable: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Make a new TOTP secret and print it once, for the person's authenticator app.",
                discussion: "Example:\n  talentctl user otp enable li.na --require-otp")
            @Argument(help: "The login.") var login: String
            @Flag(help: "Sign-in then needs a code (staff accounts).") var requireOtp = false
            @OptionGroup var actor: ActorOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await Command.run { zone in
                    let enrolment = try await zone.accounts.enableOTP(login: login, require: requireOtp, actor: actor.resolved)
                    if output.json { return Output.json(enrolment) }
                    Output.line("secret for \(enrolment.account.login): \(enrolment.secret)")
                    Output.line(enrolment.provisioningURI)
                    Output.note(requireOtp ? "sign-in now needs a code" : "sign-in asks for a code once --require-otp is set")
                }
            }
        }
    }
}
