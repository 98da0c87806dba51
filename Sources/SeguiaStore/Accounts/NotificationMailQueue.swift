import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// The notifications still to be sent by e-mail, as an outbox in the database: what a step
/// notified is in the same transaction as the step, so no mail is promised that did not happen,
/// and a mail that failed is tried again later rather than lost.
public struct NotificationMailQueue: Sendable {
    public let database: Database

    /// Attempts before a notification is left unmailed (it stays on the person's page).
    public static let maximumAttempts = 6
    /// A notification older than this is not mailed any more: switching a relay on does not send
    /// a backlog of old news.
    public static let freshness: TimeInterval = 3 * 24 * 3600
    /// How long a claimed notification is kept from other senders.
    public static let claimSeconds = 300

    public init(database: Database) {
        self.database = database
    }

    /// A notification to mail, with what the message says and whom it is for.
    public struct Mail: Sendable, Equatable {
        public var notificationID: Int64
        public var email: String
        public var name: String
        /// The recipient's first language, the mail's.
        public var language: Language
        public var step: WorkflowStep
        public var slug: String
        public var title: String
        public var actor: String
        public var message: String?
        public var attempts: Int
    }

    /// Claims up to `limit` notifications due for mailing (unsent, fresh, of an enabled account,
    /// not claimed by another sender), counting the attempt.
    public func claim(limit: Int = 20, logger: Logger) async throws -> [Mail] {
        try await database.withConnection("notifications.mail_claim") { connection in
            let rows = try await connection.run(
                """
                WITH due AS (
                    SELECT n.notification_id FROM notifications n JOIN users u ON u.user_id = n.user_id
                    WHERE n.mailed_at IS NULL AND n.mail_attempts < \(Self.maximumAttempts) AND u.disabled_at IS NULL
                      AND n.created_at > now() - make_interval(secs => \(Self.freshness))
                      AND (n.mail_not_before IS NULL OR n.mail_not_before <= now())
                    ORDER BY n.created_at LIMIT \(limit)
                    FOR UPDATE OF n SKIP LOCKED
                )
                UPDATE notifications n
                SET mail_attempts = n.mail_attempts + 1, mail_not_before = now() + make_interval(secs => \(Self.claimSeconds))
                FROM due, users u, practices p
                WHERE n.notification_id = due.notification_id AND u.user_id = n.user_id AND p.practice_id = n.practice_id
                RETURNING n.notification_id, u.email, u.name, u.languages, n.workflow_step, p.slug,
                          coalesce((SELECT d.content ->> 'title' FROM practice_drafts d WHERE d.practice_id = p.practice_id), p.title),
                          n.actor, n.message, n.mail_attempts
                """, logger: logger)
            var mails: [Mail] = []
            for try await (id, email, name, languages, step, slug, title, actor, message, attempts) in rows.decode(
                (Int64, String, String, [String], String, String, String, String, String?, Int).self)
            {
                mails.append(
                    Mail(
                        notificationID: id, email: email, name: name, language: languages.lazy.compactMap(Language.init(rawValue:)).first ?? .fr,
                        step: try StoreError.decodeEnum(WorkflowStep.self, step, column: "notifications.workflow_step"), slug: slug, title: title,
                        actor: actor, message: message, attempts: attempts))
            }
            return mails.sorted { $0.notificationID < $1.notificationID }
        }
    }

    public func markSent(_ notificationID: Int64, logger: Logger) async throws {
        _ = try await database.withConnection("notifications.mail_sent") { connection in
            try await connection.run(
                "UPDATE notifications SET mailed_at = now(), mail_not_before = NULL, mail_error = NULL WHERE notification_id = \(notificationID)",
                logger: logger)
        }
    }

    /// Records why the mail failed; it is tried again after a wait that doubles with each
    /// attempt (1, 2, 4 … minutes).
    public func markFailed(_ notificationID: Int64, attempts: Int, reason: String, logger: Logger) async throws {
        let wait = 60 * (1 << min(max(attempts - 1, 0), 10))
        _ = try await database.withConnection("notifications.mail_failed") { connection in
            try await connection.run(
                """
                UPDATE notifications SET mail_error = \(String(reason.prefix(500))), mail_not_before = now() + make_interval(secs => \(wait))
                WHERE notification_id = \(notificationID)
                """, logger: logger)
        }
    }
}
