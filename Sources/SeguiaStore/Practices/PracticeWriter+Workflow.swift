import Foundation
import Logging
import PostgresNIO
import SeguiaCore

extension PracticeWriter {
    /// Who submitted the sheet for review the last time, as its history says.
    static func submitter(of id: Int64, connection: PostgresConnection, logger: Logger) async throws -> PracticeWorkflow.Submitter? {
        let rows = try await connection.run(
            """
            SELECT author_user_id, author FROM practice_revisions
            WHERE practice_id = \(id) AND workflow_step = 'submitted' ORDER BY revision DESC LIMIT 1
            """, logger: logger)
        for try await (userID, name) in rows.decode((Int64?, String).self) {
            return PracticeWorkflow.Submitter(userID: userID, name: name)
        }
        return nil
    }

    /// Tells the people a step concerns, in the same transaction as the step: a submitted sheet
    /// its organisation's reviewers and publishers (administrators when it has no owner or
    /// nobody there reviews); a returned or published one whoever submitted it.
    static func notify(
        _ step: WorkflowStep, practice id: Int64, revision: Int, owner: String?, submitter: PracticeWorkflow.Submitter?, author: Identity,
        message: String?, connection: PostgresConnection, logger: Logger
    ) async throws {
        switch step {
        case .submitted:
            try await connection.run(
                """
                WITH reviewers AS (
                    SELECT u.user_id FROM users u JOIN organisations o ON o.organisation_id = u.organisation_id
                    WHERE o.code = \(owner) AND u.role IN ('reviewer', 'publisher') AND u.disabled_at IS NULL
                ), recipients AS (
                    SELECT user_id FROM reviewers
                    UNION
                    SELECT user_id FROM users WHERE role = 'admin' AND disabled_at IS NULL AND NOT EXISTS (SELECT 1 FROM reviewers)
                )
                INSERT INTO notifications (user_id, practice_id, revision, workflow_step, actor, message)
                SELECT user_id, \(id), \(revision), \(step.rawValue), \(author.name), \(message) FROM recipients
                WHERE user_id IS DISTINCT FROM \(author.userID)
                """, logger: logger)
        case .returned, .published:
            guard let recipient = submitter?.userID, recipient != author.userID else { return }
            try await connection.run(
                """
                INSERT INTO notifications (user_id, practice_id, revision, workflow_step, actor, message)
                VALUES (\(recipient), \(id), \(revision), \(step.rawValue), \(author.name), \(message))
                """, logger: logger)
        case .created, .edited, .withdrawn, .archived, .restored, .discarded:
            return
        }
    }
}
