import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/{lang}/work`: what awaits the person signed in: notifications, sheets waiting for their
/// review, their sheets not yet published.
struct WorkPage: Sendable {
    let renderer: WebRenderer
    let work: WorkRepository

    func show(_ language: Language, request: Request, context: some RequestContext) async throws -> Response {
        guard let viewer = WebViewer.current else { return AccountPages.signIn(language, request: request) }
        let account = viewer.account
        let catalogue = renderer.catalogue
        let base = "/\(language.rawValue)"
        let day = Date.ISO8601FormatStyle().year().month().day()
        func item(_ item: WorkRepository.Item) -> [String: Any] {
            var values: [String: Any] = [
                "title": item.title, "href": "\(base)/practices/\(item.slug)\(item.isPendingDraft ? "/draft" : "")",
                "status": catalogue.text("status_\(item.status.rawValue)", language),
                "step": catalogue.text("step_line_\(item.step.rawValue)", language, ["name": item.by, "date": item.at.formatted(day)]),
            ]
            if let message = item.message { values["message"] = message }
            return values
        }
        let reviews = try await work.awaitingReview(by: account, logger: context.logger).map(item)
        let drafts = try await work.drafts(of: account, logger: context.logger).map(item)
        let notifications = try await work.notifications(of: account, logger: context.logger).map { notification -> [String: Any] in
            var values: [String: Any] = [
                "text": catalogue.text("notification_\(notification.step.rawValue)", language, ["name": notification.actor]),
                "title": notification.title, "href": "\(base)/practices/\(notification.slug)\(notification.hasPendingDraft ? "/draft" : "")", "date": notification.at.formatted(day),
                "unread": !notification.read,
            ]
            if let message = notification.message { values["message"] = message }
            return values
        }
        var values: [String: Any] = [
            "notifications": notifications, "hasNotifications": !notifications.isEmpty,
            "hasUnread": viewer.unreadNotifications > 0, "readAction": "\(base)/work/read", "csrf": viewer.formToken,
            "drafts": drafts, "hasDrafts": !drafts.isEmpty,
        ]
        if account.role >= .contributor {
            values["newSheet"] = "\(base)/practices/new"
            values["importSheet"] = "\(base)/practices/import"
        }
        if account.role >= .reviewer { values["reviewer"] = ["reviews": reviews, "hasReviews": !reviews.isEmpty] }
        return renderer.privateResponse(WebPage(template: "work", title: catalogue.text("nav_work", language), values: values), language: language, request: request)
    }

    func markRead(_ language: Language, request: Request, context: some RequestContext) async throws -> Response {
        guard let viewer = WebViewer.current else { return AccountPages.signIn(language, request: request) }
        _ = try await WebForm.read(request)
        try await work.markRead(of: viewer.account, logger: context.logger)
        return AccountPages.seeOther("/\(language.rawValue)/work")
    }
}
