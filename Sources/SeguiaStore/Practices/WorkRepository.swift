import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// What awaits a person: sheets waiting for their review, their own sheets not yet published,
/// and their notifications.
public struct WorkRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A sheet in a list of work, with its last step.
    public struct Item: Sendable, Equatable {
        public var slug: String
        public var title: String
        public var status: PracticeStatus
        public var organisation: String?
        public var step: WorkflowStep
        public var by: String
        public var at: Date
        public var message: String?
        /// The item is the pending draft of a published sheet.
        public var isPendingDraft: Bool
    }

    public struct Notification: Sendable, Equatable {
        public var id: Int64
        public var slug: String
        public var title: String
        public var step: WorkflowStep
        public var actor: String
        public var message: String?
        public var at: Date
        public var read: Bool
        /// The sheet has a pending draft now, which is what the notification is most likely about.
        public var hasPendingDraft: Bool
    }

    /// Submitted sheets this account reviews: its organisation's for its reviewers and
    /// publishers, every one for administrators; the oldest submission first.
    public func awaitingReview(by account: Account, logger: Logger) async throws -> [Item] {
        guard account.role >= .reviewer else { return [] }
        var sql = SQLBuilder(Self.itemSelect)
        sql.append(" WHERE coalesce(d.content ->> 'status', p.status) = 'in_review'")
        if account.role != .admin {
            sql.append(" AND o.code = ?", account.organisation ?? "")
        }
        sql.append(" ORDER BY last.created_at, p.practice_id")
        return try await items(sql, logger: logger)
    }

    /// Sheets not yet published (drafts and submitted) that this account wrote a revision of, and
    /// new versions of published sheets it wrote since they were started; the latest change first.
    public func drafts(of account: Account, logger: Logger) async throws -> [Item] {
        var sql = SQLBuilder(Self.itemSelect)
        sql.append(
            """
             WHERE coalesce(d.content ->> 'status', p.status) IN ('draft', 'in_review')
               AND EXISTS (SELECT 1 FROM practice_revisions r WHERE r.practice_id = p.practice_id AND r.author_user_id = ?
                           AND (d.practice_id IS NULL OR r.revision > d.started_from))
            """,
            account.id)
        sql.append(" ORDER BY last.created_at DESC, p.practice_id DESC")
        return try await items(sql, logger: logger)
    }

    /// The account's notifications, newest first.
    public func notifications(of account: Account, limit: Int = 50, logger: Logger) async throws -> [Notification] {
        try await database.withConnection("work.notifications") { connection in
            let rows = try await connection.run(
                """
                SELECT n.notification_id, p.slug, p.title, n.workflow_step, n.actor, n.message, n.created_at, n.read_at IS NOT NULL,
                       EXISTS (SELECT 1 FROM practice_drafts d WHERE d.practice_id = p.practice_id)
                FROM notifications n JOIN practices p ON p.practice_id = n.practice_id
                WHERE n.user_id = \(account.id) ORDER BY n.created_at DESC, n.notification_id DESC LIMIT \(limit)
                """, logger: logger)
            var found: [Notification] = []
            for try await (id, slug, title, step, actor, message, at, read, hasPendingDraft) in rows.decode(
                (Int64, String, String, String, String, String?, Date, Bool, Bool).self)
            {
                found.append(
                    Notification(
                        id: id, slug: slug, title: title,
                        step: try StoreError.decodeEnum(WorkflowStep.self, step, column: "notifications.workflow_step"), actor: actor,
                        message: message, at: at, read: read, hasPendingDraft: hasPendingDraft))
            }
            return found
        }
    }

    /// Marks every notification of the account read.
    public func markRead(of account: Account, logger: Logger) async throws {
        _ = try await database.withConnection("work.read") { connection in
            try await connection.run("UPDATE notifications SET read_at = now() WHERE user_id = \(account.id) AND read_at IS NULL", logger: logger)
        }
    }

    /// The sheet (or its pending draft) and its latest revision's step, author, date and message.
    private static let itemSelect = """
        SELECT p.slug, coalesce(d.content ->> 'title', p.title), coalesce(d.content ->> 'status', p.status), o.code,
               last.workflow_step, last.author, last.created_at, last.message, d.practice_id IS NOT NULL
        FROM practices p
        LEFT JOIN practice_drafts d ON d.practice_id = p.practice_id
        LEFT JOIN organisations o ON o.organisation_id = p.organisation_id
        CROSS JOIN LATERAL (SELECT workflow_step, author, created_at, message FROM practice_revisions r
                            WHERE r.practice_id = p.practice_id ORDER BY r.revision DESC LIMIT 1) last
        """

    private func items(_ sql: SQLBuilder, logger: Logger) async throws -> [Item] {
        try await database.withConnection("work.items") { connection in
            let rows = try await connection.run(sql.query, logger: logger)
            var found: [Item] = []
            for try await (slug, title, status, organisation, step, by, at, message, isPendingDraft) in rows.decode(
                (String, String, String, String?, String, String, Date, String?, Bool).self)
            {
                found.append(
                    Item(
                        slug: slug, title: title, status: try StoreError.decodeEnum(PracticeStatus.self, status, column: "practices.status"),
                        organisation: organisation,
                        step: try StoreError.decodeEnum(WorkflowStep.self, step, column: "practice_revisions.workflow_step"), by: by, at: at,
                        message: message, isPendingDraft: isPendingDraft))
            }
            return found
        }
    }
}
