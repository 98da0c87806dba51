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
        public var expiresAt: Date?
        /// The account the token acts as, if it was made on an account page.
        public var accountID: Int64?
    }

    /// Creates a token and returns its secret, which is not kept and cannot be shown again.
    /// A token of an account acts as that account, with its role and organisation at the time
    /// of each request; `expiresAt` ends it without a revocation.
    public func create(
        name: String, role: Role, organisation: String?, accountID: Int64? = nil, expiresAt: Date? = nil, logger: Logger
    ) async throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw AppError.invalid(field: "name", reason: "must not be empty") }
        guard trimmed.count <= 100 else { throw AppError.invalid(field: "name", reason: "must be at most 100 characters") }
        if let expiresAt, expiresAt <= Date() { throw AppError.invalid(field: "expires", reason: "must be in the future") }
        let secret = Self.newSecret()
        return try await database.withConnection("tokens.create") { connection in
            if let organisation {
                try await AccountRepository.requireOrganisation(organisation, connection: connection, logger: logger)
            }
            let taken = try await connection.run(
                "SELECT 1 FROM api_tokens WHERE name = \(trimmed) AND coalesce(user_id, 0) = \(accountID ?? 0) AND revoked_at IS NULL",
                logger: logger)
            for try await _ in taken { throw AppError.conflict("A token named '\(trimmed)' exists; revoke it first or choose another name.") }
            try await connection.run(
                """
                INSERT INTO api_tokens (name, role, organisation_id, token_hash, user_id, expires_at)
                VALUES (\(trimmed), \(role.rawValue), (SELECT organisation_id FROM organisations WHERE code = \(organisation)), \(Self.hash(secret)),
                        \(accountID), \(expiresAt))
                """, logger: logger)
            return secret
        }
    }

    /// Every token, or those of one account.
    public func list(accountID: Int64? = nil, logger: Logger) async throws -> [TokenInfo] {
        try await database.withConnection("tokens.list") { connection in
            var sql = SQLBuilder(
                """
                SELECT t.token_id, t.name, t.role, o.code, t.created_at, t.last_used_at, t.revoked_at, t.expires_at, t.user_id
                FROM api_tokens t LEFT JOIN organisations o ON o.organisation_id = t.organisation_id
                """)
            if let accountID { sql.append(" WHERE t.user_id = ?", accountID) }
            sql.append(" ORDER BY t.token_id")
            let rows = try await connection.run(sql.query, logger: logger)
            var tokens: [TokenInfo] = []
            for try await (id, name, role, organisation, createdAt, lastUsedAt, revokedAt, expiresAt, account) in rows.decode(
                (Int64, String, String, String?, Date, Date?, Date?, Date?, Int64?).self)
            {
                tokens.append(
                    TokenInfo(
                        id: id, name: name, role: try StoreError.decodeEnum(Role.self, role, column: "api_tokens.role"),
                        organisation: organisation, createdAt: createdAt, lastUsedAt: lastUsedAt, revokedAt: revokedAt, expiresAt: expiresAt,
                        accountID: account))
            }
            return tokens
        }
    }

    /// Revokes an active token of an account; `false` when it has none with this id.
    public func revoke(id: Int64, accountID: Int64, logger: Logger) async throws -> Bool {
        try await database.withConnection("tokens.revoke") { connection in
            let rows = try await connection.run(
                "UPDATE api_tokens SET revoked_at = now() WHERE revoked_at IS NULL AND token_id = \(id) AND user_id = \(accountID) RETURNING token_id",
                logger: logger)
            var revoked = false
            for try await _ in rows { revoked = true }
            return revoked
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

    /// The identity a secret stands for, or `nil` when it is unknown, revoked, expired, or its
    /// account is disabled. A token of an account acts with the account's current role and
    /// organisation: a person whose role is lowered cannot keep the old one through a token.
    public func identity(forSecret secret: String, logger: Logger) async throws -> Identity? {
        try await database.withConnection("tokens.identify") { connection in
            let rows = try await connection.run(
                """
                WITH found AS (
                    SELECT t.token_id, t.name, t.role, t.organisation_id, t.last_used_at, t.user_id FROM api_tokens t
                    WHERE t.token_hash = \(Self.hash(secret)) AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
                ), touched AS (
                    -- At most one write a minute per token, not one per request.
                    UPDATE api_tokens t SET last_used_at = now() FROM found
                    WHERE t.token_id = found.token_id AND (found.last_used_at IS NULL OR found.last_used_at < now() - interval '1 minute')
                )
                SELECT found.token_id, found.user_id, coalesce(u.name, found.name), coalesce(u.role, found.role),
                       (SELECT code FROM organisations WHERE organisation_id = CASE WHEN u.user_id IS NULL THEN found.organisation_id ELSE u.organisation_id END)
                FROM found LEFT JOIN users u ON u.user_id = found.user_id
                WHERE found.user_id IS NULL OR u.disabled_at IS NULL
                """, logger: logger)
            for try await (id, account, name, role, organisation) in rows.decode((Int64, Int64?, String, String, String?).self) {
                return Identity(
                    tokenID: id, userID: account, name: name, role: try StoreError.decodeEnum(Role.self, role, column: "api_tokens.role"),
                    organisation: organisation)
            }
            return nil
        }
    }

    /// 256 random bits, with a prefix that tells what the secret is when one is found lying about.
    public static func newSecret(prefix: String = "sgu_") -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return prefix + Base64URL.encode(bytes)
    }

    static func hash(_ secret: String) -> String {
        Digest.sha256Hex(secret)
    }
}
