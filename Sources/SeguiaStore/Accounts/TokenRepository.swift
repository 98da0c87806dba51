import Crypto
import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// Creates, lists, revokes and checks API tokens. Tokens are stored as SHA-256 hashes only.
public struct TokenRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    public struct TokenInfo: Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var role: Role
        public var organisation: String?
        public var createdAt: Date
        public var lastUsedAt: Date?
        public var revokedAt: Date?
    }

    /// Creates a token and returns its secret, which is not kept and cannot be shown again.
    public func create(name: String, role: Role, organisation: String?, logger: Logger) async throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw AppError.invalid(field: "name", reason: "must not be empty") }
        let secret = Self.newSecret()
        return try await database.withConnection("tokens.create") { connection in
            if let organisation {
                let rows = try await connection.run("SELECT 1 FROM organisations WHERE code = \(organisation)", logger: logger)
                var exists = false
                for try await _ in rows { exists = true }
                guard exists else { throw AppError.invalid(field: "organisation", reason: "no organisation has the code '\(organisation)'") }
            }
            let taken = try await connection.run(
                "SELECT 1 FROM api_tokens WHERE name = \(trimmed) AND revoked_at IS NULL", logger: logger)
            for try await _ in taken { throw AppError.conflict("A token named '\(trimmed)' exists; revoke it first or choose another name.") }
            try await connection.run(
                """
                INSERT INTO api_tokens (name, role, organisation_id, token_hash)
                VALUES (\(trimmed), \(role.rawValue), (SELECT organisation_id FROM organisations WHERE code = \(organisation)), \(Self.hash(secret)))
                """, logger: logger)
            return secret
        }
    }

    public func list(logger: Logger) async throws -> [TokenInfo] {
        try await database.withConnection("tokens.list") { connection in
            let rows = try await connection.run(
                """
                SELECT t.token_id, t.name, t.role, o.code, t.created_at, t.last_used_at, t.revoked_at
                FROM api_tokens t LEFT JOIN organisations o ON o.organisation_id = t.organisation_id
                ORDER BY t.token_id
                """, logger: logger)
            var tokens: [TokenInfo] = []
            for try await (id, name, role, organisation, createdAt, lastUsedAt, revokedAt) in rows.decode(
                (Int64, String, String, String?, Date, Date?, Date?).self)
            {
                tokens.append(
                    TokenInfo(
                        id: id, name: name, role: try StoreError.decodeEnum(Role.self, role, column: "api_tokens.role"),
                        organisation: organisation, createdAt: createdAt, lastUsedAt: lastUsedAt, revokedAt: revokedAt))
            }
            return tokens
        }
    }

    /// Revokes the active token with this id or name; `false` when there is none.
    public func revoke(_ idOrName: String, logger: Logger) async throws -> Bool {
        try await database.withConnection("tokens.revoke") { connection in
            let rows = try await connection.run(
                """
                UPDATE api_tokens SET revoked_at = now()
                WHERE revoked_at IS NULL AND (token_id = \(Int64(idOrName) ?? -1) OR name = \(idOrName))
                RETURNING token_id
                """, logger: logger)
            var revoked = false
            for try await _ in rows { revoked = true }
            return revoked
        }
    }

    /// The identity a secret stands for, or `nil` when it is unknown or revoked.
    public func identity(forSecret secret: String, logger: Logger) async throws -> Identity? {
        try await database.withConnection("tokens.identify") { connection in
            let rows = try await connection.run(
                """
                WITH found AS (
                    SELECT token_id, name, role, organisation_id, last_used_at FROM api_tokens
                    WHERE token_hash = \(Self.hash(secret)) AND revoked_at IS NULL
                ), touched AS (
                    -- At most one write a minute per token, not one per request.
                    UPDATE api_tokens t SET last_used_at = now() FROM found
                    WHERE t.token_id = found.token_id AND (found.last_used_at IS NULL OR found.last_used_at < now() - interval '1 minute')
                )
                SELECT found.token_id, found.name, found.role, (SELECT code FROM organisations WHERE organisation_id = found.organisation_id)
                FROM found
                """, logger: logger)
            for try await (id, name, role, organisation) in rows.decode((Int64, String, String, String?).self) {
                return Identity(
                    tokenID: id, name: name, role: try StoreError.decodeEnum(Role.self, role, column: "api_tokens.role"), organisation: organisation)
            }
            return nil
        }
    }

    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "sgu_" + Base64URL.encode(bytes)
    }

    static func hash(_ secret: String) -> String {
        Digest.sha256Hex(secret)
    }
}
