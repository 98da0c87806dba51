import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import SeguiaCore
import SeguiaServer
import SeguiaStore

struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage API tokens (only their hashes are stored).",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it, alone, on stdout: it is shown only once.")

        @OptionGroup var common: CommonOptions
        @Option(help: "A name saying who or what uses the token.") var name: String
        @Option(help: "reader, contributor, reviewer, publisher or admin.") var role: Role
        @Option(help: "Code of the organisation the token acts for.") var organisation: String?

        func run() async throws {
            let config = try common.resolve()
            let logger = Logger(label: "seguia")
            try await withTokens(config: config, logger: logger) { tokens in
                let secret = try await tokens.create(name: name, role: role, organisation: organisation?.uppercased(), logger: logger)
                print(secret)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")

        @OptionGroup var common: CommonOptions

        func run() async throws {
            let config = try common.resolve()
            let logger = Logger(label: "seguia")
            try await withTokens(config: config, logger: logger) { tokens in
                let formatter = ISO8601DateFormatter()
                print(["id", "name", "role", "organisation", "created", "last used", "revoked"].joined(separator: "\t"))
                for token in try await tokens.list(logger: logger) {
                    let cells = [
                        String(token.id), token.name, token.role.rawValue, token.organisation ?? "-", formatter.string(from: token.createdAt),
                        token.lastUsedAt.map(formatter.string) ?? "-", token.revokedAt.map(formatter.string) ?? "-",
                    ]
                    print(cells.joined(separator: "\t"))
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by id or name.")

        @OptionGroup var common: CommonOptions
        @Argument(help: "The token's id or name.") var token: String

        func run() async throws {
            let config = try common.resolve()
            let logger = Logger(label: "seguia")
            try await withTokens(config: config, logger: logger) { tokens in
                guard try await tokens.revoke(token, logger: logger) else {
                    throw AppError.notFound(resource: "active token", identifier: token)
                }
                print("revoked \(token)")
            }
        }
    }
}

extension Role: ExpressibleByArgument {}

/// Runs `body` with the token repository of the configured database.
private func withTokens(config: AppConfig, logger: Logger, _ body: (TokenRepository) async throws -> Void) async throws {
    try requireExistingData(config)
    try await runReportingErrors {
        try await withProvisionedDatabase(config: config, logger: logger) { (database: ProvisionedDatabase) in
            // The embedded database is brought up to date as `serve` would; an external one must already be.
            try await DatabaseProvisioner.prepareSchema(database, config: config, logger: logger)
            try await withPostgresClient(database.endpoint, logger: logger) { client in
                try await body(TokenRepository(database: Database(client: client, maximumConnections: 4)))
            }
        }
    }
}
