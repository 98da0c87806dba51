import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// People's accounts: created, listed, disabled, their passwords checked and changed.
///
/// Passwords are hashed in PostgreSQL by pgcrypto's bcrypt at `bcryptCost`; what bcrypt reads is
/// the password's SHA-256 in hex, so that nothing past bcrypt's 72 bytes is ignored. Failed
/// sign-ins are counted per address, known or not; past `freeFailures`, the next attempt waits
/// `firstWait` seconds, each further one twice as long as the one before, up to `longestWait`.
public struct AccountRepository: Sendable {
    public let database: Database
    public let bcryptCost: Int
    public let freeFailures: Int
    public let firstWait: Int
    public let longestWait: Int

    public init(database: Database, bcryptCost: Int = 12, freeFailures: Int = 3, firstWait: Int = 1, longestWait: Int = 900) {
        self.database = database
        self.bcryptCost = bcryptCost
        self.freeFailures = freeFailures
        self.firstWait = firstWait
        self.longestWait = longestWait
    }

    /// What a sign-in attempt came to.
    public enum SignIn: Sendable, Equatable {
        case signedIn(Account)
        /// The address or the password is wrong: which one is not said.
        case refused
        /// Too many failures for this address just now: try again in this many seconds.
        case tooSoon(seconds: Int)
        /// The password was right, but the account is disabled.
        case disabled
    }

    static let columns = """
        u.user_id, u.email, u.name, o.code, u.role, u.languages, u.created_at, u.disabled_at
        """
    static let from = " FROM users u LEFT JOIN organisations o ON o.organisation_id = u.organisation_id"

    /// Creates an account; 422 for bad input or password, 409 when the address has one already.
    public func create(_ input: AccountInput, password: String, logger: Logger) async throws -> Account {
        var problems = input.problems()
        if let problem = PasswordRules.problem(password) { problems.append(FieldIssue(field: "password", reason: problem)) }
        guard problems.isEmpty else { throw AppError.invalid(problems) }
        return try await database.withTransaction("accounts.create", logger: logger) { connection in
            if let organisation = input.organisation {
                try await Self.requireOrganisation(organisation, connection: connection, logger: logger)
            }
            let taken = try await connection.run("SELECT 1 FROM users WHERE lower(email) = lower(\(input.email))", logger: logger)
            for try await _ in taken { throw AppError.conflict("An account with the address \(input.email) exists already.") }
            let rows = try await connection.run(
                """
                INSERT INTO users (email, name, organisation_id, role, languages, password_hash)
                VALUES (\(input.email), \(input.name), (SELECT organisation_id FROM organisations WHERE code = \(input.organisation)),
                        \(input.role.rawValue), \(input.languages.map(\.rawValue)), crypt(\(Self.prepared(password)), gen_salt('bf', \(bcryptCost)::int)))
                RETURNING user_id
                """, logger: logger)
            for try await id in rows.decode(Int64.self) {
                return Account(
                    id: id, email: input.email, name: input.name, organisation: input.organisation, role: input.role, languages: input.languages,
                    createdAt: Date())
            }
            throw StoreError(description: "the new account was not returned")
        }
    }

    public func list(logger: Logger) async throws -> [Account] {
        try await database.withConnection("accounts.list") { connection in
            try await Self.accounts(
                try await connection.run(PostgresQuery(unsafeSQL: "SELECT \(Self.columns)\(Self.from) ORDER BY lower(u.email)"), logger: logger))
        }
    }

    /// The account of an address, whatever its case.
    public func find(email: String, logger: Logger) async throws -> Account {
        try await database.withConnection("accounts.find") { connection in
            var sql = SQLBuilder("SELECT \(Self.columns)\(Self.from)")
            sql.append(" WHERE lower(u.email) = lower(?)", email.trimmingCharacters(in: .whitespaces))
            guard let account = try await Self.accounts(try await connection.run(sql.query, logger: logger)).first else {
                throw AppError.notFound(resource: "account", identifier: email)
            }
            return account
        }
    }

    public func find(id: Int64, logger: Logger) async throws -> Account {
        try await database.withConnection("accounts.find") { connection in
            guard let account = try await Self.account(id, connection: connection, logger: logger) else {
                throw AppError.notFound(resource: "account", identifier: String(id))
            }
            return account
        }
    }

    /// Disables (or enables again) an account; disabling ends its sessions and stops its tokens.
    public func setDisabled(_ disabled: Bool, email: String, logger: Logger) async throws -> Account {
        let account = try await find(email: email, logger: logger)
        try await database.withTransaction("accounts.disable", logger: logger) { connection in
            try await connection.run(
                "UPDATE users SET disabled_at = CASE WHEN \(disabled) THEN coalesce(disabled_at, now()) END WHERE user_id = \(account.id)",
                logger: logger)
            if disabled { try await connection.run("DELETE FROM user_sessions WHERE user_id = \(account.id)", logger: logger) }
        }
        return try await find(id: account.id, logger: logger)
    }

    /// Sets a new password and ends every session of the account: whoever knew the old one is out.
    public func setPassword(_ password: String, accountID: Int64, logger: Logger) async throws {
        if let problem = PasswordRules.problem(password) { throw AppError.invalid(field: "password", reason: problem) }
        try await database.withTransaction("accounts.password", logger: logger) { connection in
            try await connection.run(
                """
                UPDATE users SET password_hash = crypt(\(Self.prepared(password)), gen_salt('bf', \(bcryptCost)::int)), password_changed_at = now()
                WHERE user_id = \(accountID)
                """, logger: logger)
            try await connection.run("DELETE FROM user_sessions WHERE user_id = \(accountID)", logger: logger)
            try await connection.run(
                "DELETE FROM sign_in_failures WHERE email_key = (SELECT lower(email) FROM users WHERE user_id = \(accountID))", logger: logger)
        }
    }

    /// Whether `password` is this account's: to confirm a change asked by someone already signed in.
    public func checkPassword(_ password: String, accountID: Int64, logger: Logger) async throws -> Bool {
        try await database.withConnection("accounts.check") { connection in
            let rows = try await connection.run(
                "SELECT password_hash = crypt(\(Self.prepared(password)), password_hash) FROM users WHERE user_id = \(accountID)", logger: logger)
            for try await matches in rows.decode(Bool.self) { return matches }
            return false
        }
    }

    /// Checks an address and a password, counting failures per address in one transaction, so
    /// that attempts made at once cannot each pass the count.
    public func signIn(email: String, password: String, logger: Logger) async throws -> SignIn {
        let key = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !key.isEmpty, key.count <= 254, password.count <= PasswordRules.maximumLength else { return .refused }
        return try await database.withTransaction("accounts.sign-in", logger: logger) { connection in
            try await connection.run(
                "INSERT INTO sign_in_failures (email_key, next_attempt_at) VALUES (\(key), now()) ON CONFLICT (email_key) DO NOTHING",
                logger: logger)
            let waits = try await connection.run(
                """
                SELECT ceil(extract(epoch FROM next_attempt_at - now()))::int FROM sign_in_failures WHERE email_key = \(key) FOR UPDATE
                """, logger: logger)
            for try await wait in waits.decode(Int.self) where wait > 0 { return .tooSoon(seconds: wait) }
            // An unknown address costs a hash too, so that the time taken does not tell it apart.
            let rows = try await connection.run(
                """
                SELECT u.user_id, coalesce(u.password_hash, \(Self.unknownAccountHash))
                       = crypt(\(Self.prepared(password)), coalesce(u.password_hash, \(Self.unknownAccountHash))), u.disabled_at IS NOT NULL
                FROM (SELECT 1) one LEFT JOIN users u ON lower(u.email) = \(key)
                """, logger: logger)
            var outcome: (id: Int64?, matches: Bool, disabled: Bool) = (nil, false, false)
            for try await (id, matches, disabled) in rows.decode((Int64?, Bool, Bool?).self) { outcome = (id, matches, disabled ?? false) }
            guard let id = outcome.id, outcome.matches else {
                try await connection.run(
                    """
                    UPDATE sign_in_failures
                    SET failures = CASE WHEN last_failed_at < now() - interval '1 hour' THEN 1 ELSE failures + 1 END, last_failed_at = now(),
                        next_attempt_at = now() + make_interval(secs => CASE
                            WHEN (CASE WHEN last_failed_at < now() - interval '1 hour' THEN 1 ELSE failures + 1 END) <= \(freeFailures) THEN 0
                            ELSE least(\(longestWait), \(firstWait) * power(2, (CASE WHEN last_failed_at < now() - interval '1 hour' THEN 1 ELSE failures + 1 END)
                                                                 - \(freeFailures) - 1)) END)
                    WHERE email_key = \(key)
                    """, logger: logger)
                return .refused
            }
            try await connection.run("DELETE FROM sign_in_failures WHERE email_key = \(key)", logger: logger)
            if outcome.disabled { return .disabled }
            guard let account = try await Self.account(id, connection: connection, logger: logger) else { return .refused }
            return .signedIn(account)
        }
    }

    /// What bcrypt is given: the password's SHA-256, so that every character counts.
    static func prepared(_ password: String) -> String {
        Digest.sha256Hex(password)
    }

    /// A bcrypt hash of no one's password, compared against when the address has no account.
    static let unknownAccountHash = "$2a$12$GFcbVZdZMpcfxXXU.XnLSu3pK4w1kFRlq8xyRpm1IgQRv/VhbEYwa"

    static func requireOrganisation(_ code: String, connection: PostgresConnection, logger: Logger) async throws {
        let rows = try await connection.run("SELECT 1 FROM organisations WHERE code = \(code)", logger: logger)
        for try await _ in rows { return }
        throw AppError.invalid(field: "organisation", reason: "no organisation has the code '\(code)'")
    }

    static func account(_ id: Int64, connection: PostgresConnection, logger: Logger) async throws -> Account? {
        var sql = SQLBuilder("SELECT \(columns)\(from)")
        sql.append(" WHERE u.user_id = ?", id)
        return try await accounts(try await connection.run(sql.query, logger: logger)).first
    }

    static func accounts(_ rows: PostgresRowSequence) async throws -> [Account] {
        var accounts: [Account] = []
        for try await row in rows { accounts.append(try account(row.makeRandomAccess(), at: 0)) }
        return accounts
    }

    /// The account in `columns`' order, from cell `offset` on (a session's query reads its own first).
    static func account(_ cells: PostgresRandomAccessRow, at offset: Int) throws -> Account {
        Account(
            id: try cells[offset].decode(Int64.self), email: try cells[offset + 1].decode(String.self), name: try cells[offset + 2].decode(String.self),
            organisation: try cells[offset + 3].decode(String?.self),
            role: try StoreError.decodeEnum(Role.self, try cells[offset + 4].decode(String.self), column: "users.role"),
            languages: try cells[offset + 5].decode([String].self).map { try StoreError.decodeEnum(Language.self, $0, column: "users.languages") },
            createdAt: try cells[offset + 6].decode(Date.self), disabledAt: try cells[offset + 7].decode(Date?.self))
    }
}
