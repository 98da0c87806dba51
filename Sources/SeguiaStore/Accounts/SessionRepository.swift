import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// Signed-in sessions. The browser holds a random secret; only its SHA-256 is stored. A session
/// ends after `idle` without use, after `lifetime` in any case, at sign-out, when its account's
/// password changes or the account is disabled.
public struct SessionRepository: Sendable {
    public let database: Database
    public let idle: Duration
    public let lifetime: Duration

    public init(database: Database, idle: Duration = .seconds(7 * 86_400), lifetime: Duration = .seconds(30 * 86_400)) {
        self.database = database
        self.idle = idle
        self.lifetime = lifetime
    }

    /// A session of an account, as the pages need it.
    public struct Session: Sendable, Equatable {
        public var id: Int64
        public var account: Account
        public var expiresAt: Date
        /// Notifications not read yet: every page shows the count.
        public var unreadNotifications: Int
    }

    /// Starts a session for an account and returns its secret, to be sent once in a cookie.
    public func start(accountID: Int64, userAgent: String?, logger: Logger) async throws -> String {
        let secret = TokenRepository.newSecret(prefix: "sgs_")
        _ = try await database.withConnection("sessions.start") { connection in
            try await connection.run(
                """
                INSERT INTO user_sessions (user_id, secret_hash, idle_until, expires_at, user_agent)
                VALUES (\(accountID), \(Digest.sha256Hex(secret)), now() + make_interval(secs => \(Self.seconds(idle))),
                        now() + make_interval(secs => \(Self.seconds(lifetime))), \(userAgent.map { String($0.prefix(300)) }))
                """, logger: logger)
        }
        return secret
    }

    /// The live session a secret stands for, its idle deadline moved on (at most once a minute:
    /// one write a minute per person, not one per page).
    public func session(forSecret secret: String, logger: Logger) async throws -> Session? {
        try await database.withConnection("sessions.find") { connection in
            var sql = SQLBuilder()
            sql.append(
                """
                WITH found AS (
                    SELECT session_id, user_id, last_seen_at, expires_at FROM user_sessions
                    WHERE secret_hash = ? AND idle_until > now() AND expires_at > now()
                ), touched AS (
                    UPDATE user_sessions s SET last_seen_at = now(), idle_until = least(s.expires_at, now() + make_interval(secs => ?))
                    FROM found WHERE s.session_id = found.session_id AND found.last_seen_at < now() - interval '1 minute'
                )
                SELECT found.session_id, found.expires_at, 
                """, Digest.sha256Hex(secret), Self.seconds(idle))
            sql.append(AccountRepository.columns)
            sql.append(", (SELECT count(*)::int FROM notifications n WHERE n.user_id = u.user_id AND n.read_at IS NULL)")
            sql.append(AccountRepository.from)
            sql.append(" JOIN found ON found.user_id = u.user_id WHERE u.disabled_at IS NULL")
            let rows = try await connection.run(sql.query, logger: logger)
            for try await row in rows {
                let cells = row.makeRandomAccess()
                let (id, expiresAt) = (try cells[0].decode(Int64.self), try cells[1].decode(Date.self))
                let account = try AccountRepository.account(cells, at: 2)
                return Session(id: id, account: account, expiresAt: expiresAt, unreadNotifications: try cells[10].decode(Int.self))
            }
            return nil
        }
    }

    /// Ends the session of this secret (signing out here).
    public func end(secret: String, logger: Logger) async throws {
        _ = try await database.withConnection("sessions.end") { connection in
            try await connection.run("DELETE FROM user_sessions WHERE secret_hash = \(Digest.sha256Hex(secret))", logger: logger)
        }
    }

    /// Ends every session of an account (signing out everywhere); returns how many there were.
    @discardableResult
    public func endAll(accountID: Int64, logger: Logger) async throws -> Int {
        try await database.withConnection("sessions.end-all") { connection in
            let rows = try await connection.run("DELETE FROM user_sessions WHERE user_id = \(accountID) RETURNING session_id", logger: logger)
            var count = 0
            for try await _ in rows { count += 1 }
            return count
        }
    }

    /// How many live sessions an account has (browsers signed in).
    public func count(accountID: Int64, logger: Logger) async throws -> Int {
        try await database.withConnection("sessions.count") { connection in
            let rows = try await connection.run(
                "SELECT count(*)::int FROM user_sessions WHERE user_id = \(accountID) AND idle_until > now() AND expires_at > now()", logger: logger)
            for try await count in rows.decode(Int.self) { return count }
            return 0
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
