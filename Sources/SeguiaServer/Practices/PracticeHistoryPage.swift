import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/{lang}/practices/{slug}/history`: every revision with who, when and the workflow's step;
/// the words that changed between any two (`?from=2&to=5`, the latest two by default); and,
/// for those who may write, restoring an earlier revision as a new one (nothing is undone:
/// the restoring is a revision too).
struct PracticeHistoryPage: Sendable {
    let renderer: WebRenderer
    let practices: PracticeRepository
    let writer: PracticeWriter

    func show(_ language: Language, slug: String, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        let audience = context.identity.audience
        let stored = try await practices.find(slug, audience: audience, language: language, logger: context.logger)
        let revisions = try await practices.revisions(of: stored, audience: audience, logger: context.logger)
        var parameters = QueryParameters(request)
        let latest = stored.revision
        // By default the last two versions this reader may see.
        let shown = revisions.map(\.number)
        let to = parameters.integer("to", in: 1...max(1, latest)) ?? shown.last ?? latest
        let from = parameters.integer("from", in: 1...max(1, latest)) ?? shown.last { $0 < to } ?? to
        try parameters.validate()
        let catalogue = renderer.catalogue
        let base = "/\(language.rawValue)/practices/\(stored.content.slug)"
        let day = Date.ISO8601FormatStyle().year().month().day().time(includingFractionalSeconds: false)
        let canRestore = WebViewer.current != nil && context.identity.map { PracticeStewardship.mayWrite(stored.editable, by: $0) } == true

        let rows: [[String: Any]] = revisions.reversed().map { revision in
            var row: [String: Any] = [
                "number": revision.number, "date": revision.createdAt.formatted(day), "author": revision.author,
                "step": catalogue.text("step_\(revision.step.rawValue)", language)
                    + (revision.ofPendingDraft ? " · " + catalogue.text("revision_of_pending_draft", language) : ""),
                "summary": revision.step == .edited ? revision.summary : "", "fromChecked": revision.number == from, "toChecked": revision.number == to,
                "fromID": "from-\(revision.number)", "toID": "to-\(revision.number)",
            ]
            if WebViewer.current != nil, let message = revision.message { row["message"] = message }
            if canRestore, revision.number != latest { row["restore"] = true }
            return row
        }
        var values: [String: Any] = [
            "title": stored.content.title, "sheet": base, "action": "\(base)/history", "rows": rows,
            "restoreAction": "\(base)/restore", "current": latest, "csrf": WebViewer.current?.formToken ?? "",
            "heading": catalogue.text("history_compare_heading", language, ["from": "\(from)", "to": "\(to)"]),
        ]
        if from != to {
            let old = try await practices.content(of: stored, atRevision: from, audience: audience, logger: context.logger)
            let new = try await practices.content(of: stored, atRevision: to, audience: audience, logger: context.logger)
            let changes: [[String: Any]] = PracticeDiff.changes(from: old, to: new).map { change in
                [
                    "label": Self.label(change, language: language, catalogue: catalogue),
                    "segments": change.segments.map { ["text": $0.text, $0.kind.rawValue: true] as [String: Any] },
                    "language": change.language ?? new.language.rawValue,
                ]
            }
            values["changes"] = changes
            values["hasChanges"] = !changes.isEmpty
            values["compared"] = true
        }
        var page = WebPage(template: "history", title: catalogue.text("history_title", language, ["title": stored.content.title]), values: values)
        page.status = .ok
        return WebViewer.current == nil
            ? renderer.response(page, language: language, request: request) : renderer.privateResponse(page, language: language, request: request)
    }

    /// `POST …/restore`: the content of revision `number` becomes a new revision, from the one
    /// the page showed; the status, owner and readership stay as they are now.
    func restore(_ language: Language, slug: String, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        guard WebViewer.current != nil, let identity = context.identity else { return AccountPages.signIn(language, request: request) }
        var form = try await WebForm.read(request)
        let number = form.integer("number", in: 1...Int(Int32.max))
        let current = form.integer("current", in: 1...Int(Int32.max))
        try form.validate()
        guard let number, let current else { throw AppError.invalid(field: "number", reason: "say which revision to restore") }
        let stored = try await practices.find(slug, audience: identity.audience, language: language, logger: context.logger)
        let old = try await practices.content(of: stored, atRevision: number, audience: identity.audience, logger: context.logger)
        _ = try await writer.change(id: stored.id, expectedRevision: current, by: identity, logger: context.logger) { now in
            var restored = old
            restored.slug = now.slug
            restored.status = now.status
            restored.organisation = now.organisation
            restored.confidentiality = now.confidentiality
            return (restored, "restored revision \(number)")
        }
        return AccountPages.seeOther("/\(language.rawValue)/practices/\(slug)/history")
    }

    /// What a change is about, in the reader's language: "Summary", "Levers — English", "Title (Arabic)".
    static func label(_ change: PracticeDiff.Change, language: Language, catalogue: Catalogue) -> String {
        let parts = change.field.split(separator: ".").map(String.init)
        let languageName = change.language.map { catalogue.text("language_called_\($0)", language) }
        switch parts.first {
        case "sections":
            let section = change.section.map { catalogue.text("section_\($0.rawValue)", language) } ?? parts.dropFirst().first ?? ""
            let heading = parts.last == "title" ? " · " + catalogue.text("history_heading", language) : ""
            return section + heading + (languageName.map { " — " + $0 } ?? "")
        case "translations":
            return catalogue.text("history_field_\(parts.last ?? "")", language) + (languageName.map { " — " + $0 } ?? "")
        default:
            return catalogue.text("history_field_\(change.field)", language)
        }
    }
}
