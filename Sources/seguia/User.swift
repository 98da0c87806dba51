import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import SeguiaCore
import SeguiaServer
import SeguiaStore

struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage people's accounts (passwords are read from standard input, never from the command line).",
        subcommands: [Create.self, List.self, Disable.self, Enable.self, ResetPassword.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account.")

        @OptionGroup var common: CommonOptions
        @Option(help: "The person's e-mail address, with which they sign in.") var email: String
        @Option(help: "The person's name, as shown on what they write.") var name: String
        @Option(help: "reader, contributor, reviewer, publisher or admin.") var role: Role
        @Option(help: "Code of the organisation the person acts for (required but for admins).") var organisation: String?
        @Option(help: "Languages the person reads and writes, comma-separated (fr,en,ar).") var languages: String?
        @Flag(help: "Read the password from standard input (its first line).") var passwordStdin = false

        func run() async throws {
            let password = try readPassword(required: passwordStdin)
            let chosen = try (languages ?? "").split(separator: ",").map { code -> Language in
                guard let language = Language(rawValue: code.trimmingCharacters(in: .whitespaces).lowercased()) else {
                    throw ValidationError("'\(code)' is not one of fr, en, ar")
                }
                return language
            }
            let input = AccountInput(email: email, name: name, organisation: organisation, role: role, languages: chosen)
            try await withAccounts(common) { accounts, logger in
                let account = try await accounts.create(input, password: password, logger: logger)
                print("created \(account.email) (\(account.role.rawValue)\(account.organisation.map { ", \($0)" } ?? ""))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")

        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withAccounts(common) { accounts, logger in
                let formatter = ISO8601DateFormatter()
                print(["email", "name", "role", "organisation", "languages", "created", "disabled"].joined(separator: "\t"))
                for account in try await accounts.list(logger: logger) {
                    let cells = [
                        account.email, account.name, account.role.rawValue, account.organisation ?? "-",
                        account.languages.map(\.rawValue).joined(separator: ","), formatter.string(from: account.createdAt),
                        account.disabledAt.map(formatter.string) ?? "-",
                    ]
                    print(cells.joined(separator: "\t"))
                }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: its sessions end and its tokens stop working.")

        @OptionGroup var common: CommonOptions
        @Argument(help: "The account's e-mail address.") var email: String

        func run() async throws { try await setDisabled(true, email: email, common) }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")

        @OptionGroup var common: CommonOptions
        @Argument(help: "The account's e-mail address.") var email: String

        func run() async throws { try await setDisabled(false, email: email, common) }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a new password for an account; its sessions end.")

        @OptionGroup var common: CommonOptions
        @Argument(help: "The account's e-mail address.") var email: String
        @Flag(help: "Read the password from standard input (its first line).") var passwordStdin = false

        func run() async throws {
            let password = try readPassword(required: passwordStdin)
            try await withAccounts(common) { accounts, logger in
                let account = try await accounts.find(email: email, logger: logger)
                try await accounts.setPassword(password, accountID: account.id, logger: logger)
                print("password set for \(account.email)")
            }
        }
    }
}

private func setDisabled(_ disabled: Bool, email: String, _ common: CommonOptions) async throws {
    try await withAccounts(common) { accounts, logger in
        let account = try await accounts.setDisabled(disabled, email: email, logger: logger)
        print("\(disabled ? "disabled" : "enabled") \(account.email)")
    }
}

/// The first line of standard input. A password is never an argument: arguments are seen by
/// every user of the machine (`ps`) and kept in shell histories.
private func readPassword(required: Bool) throws -> String {
    guard required else { throw ValidationError("pass --password-stdin and write the password on standard input") }
    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw ValidationError("no password on standard input")
    }
    return line
}

/// Runs `body` with the accounts of the configured database, which must exist already.
private func withAccounts(_ common: CommonOptions, _ body: (AccountRepository, Logger) async throws -> Void) async throws {
    let config = try common.resolve()
    let logger = Logger(label: "seguia")
    try requireExistingData(config)
    try await runReportingErrors {
        try await withProvisionedDatabase(config: config, logger: logger) { (database: ProvisionedDatabase) in
            try await DatabaseProvisioner.prepareSchema(database, config: config, logger: logger)
            try await withPostgresClient(database.endpoint, logger: logger) { client in
                try await body(AccountRepository(database: Database(client: client, maximumConnections: 2)), logger)
            }
        }
    }
}

/// Refuses to make a new, empty embedded database for a command that manages what a running
/// server uses (tokens, accounts): run from the wrong folder, it would make one silently, and
/// the server would then refuse what it made.
func requireExistingData(_ config: AppConfig) throws {
    guard config.database == nil else { return }
    let directory = config.dataDirectory
    guard !FileManager.default.fileExists(atPath: directory.appendingPathComponent("postgres/PG_VERSION").path) else { return }
    var message = "no Seguia data in \(directory.path)"
    if let found = nearbyDataDirectory(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        message += ": did you mean --data-dir \(found.path)?"
    } else {
        message += ": pass --data-dir with the server's folder (or set DATABASE_URL), or start `seguia serve` once to create it."
    }
    printError(message)
    throw ExitCode.failure
}

/// A `.seguia` folder holding a database in this folder or one above it.
private func nearbyDataDirectory(from start: URL) -> URL? {
    var folder = start.standardizedFileURL
    for _ in 0..<20 {
        let candidate = folder.appendingPathComponent(".seguia")
        if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("postgres/PG_VERSION").path) { return candidate }
        let parent = folder.deletingLastPathComponent()
        if parent.path == folder.path { break }
        folder = parent
    }
    return nil
}
