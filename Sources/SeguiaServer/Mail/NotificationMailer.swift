import Foundation
import Logging
import SeguiaCore
import SeguiaStore
import ServiceLifecycle

/// Mails the notifications of the workflow when the server has an SMTP relay: every few seconds
/// it claims what is due in the outbox, writes each mail in its recipient's language and sends
/// it; a failure is recorded and tried again later (`NotificationMailQueue`). The application's
/// own page of notifications stays the record: a mail is a copy of it.
struct NotificationMailer: Service {
    let queue: NotificationMailQueue
    let client: SMTPClient
    let catalogue: Catalogue
    var interval: Duration = .seconds(10)
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    _ = try await deliverDue()
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("notification mails not sent this round", metadata: ["reason": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Sends what is due now; returns how many mails went out.
    func deliverDue() async throws -> Int {
        var sent = 0
        for mail in try await queue.claim(logger: logger) {
            do {
                try await client.send(message(for: mail))
                try await queue.markSent(mail.notificationID, logger: logger)
                sent += 1
            } catch {
                logger.warning(
                    "notification mail failed", metadata: ["notification": "\(mail.notificationID)", "attempt": "\(mail.attempts)", "reason": "\(error)"])
                try await queue.markFailed(mail.notificationID, attempts: mail.attempts, reason: "\(error)", logger: logger)
            }
        }
        return sent
    }

    /// The mail of a notification: what happened, what was said, and the link to the sheet.
    func message(for mail: NotificationMailQueue.Mail) -> MailMessage {
        let language = mail.language
        let settings = client.settings
        let happened = catalogue.text("notification_\(mail.step.rawValue)", language, ["name": mail.actor])
        var lines = [
            catalogue.text("mail_greeting", language, ["name": mail.name]), "",
            "« \(mail.title) » — \(happened).",
        ]
        if let message = mail.message { lines += ["", message] }
        lines += [
            "", "\(settings.publicURL)/\(language.rawValue)/practices/\(mail.slug)", "",
            catalogue.text("mail_footer", language, ["work": "\(settings.publicURL)/\(language.rawValue)/work"]),
        ]
        return MailMessage(
            from: settings.from, fromName: "Seguia", to: mail.email, toName: mail.name,
            subject: catalogue.text("mail_subject", language, ["title": mail.title, "what": happened]), body: lines.joined(separator: "\n"))
    }
}
