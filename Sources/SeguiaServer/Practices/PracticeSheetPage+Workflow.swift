import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// What was sent in the workflow's form, shown again when it could not be taken: nothing
/// typed is lost.
struct WorkflowForm {
    var message: String
    var problem: String
    var status: HTTPResponse.Status
}

extension PracticeSheetPage {
    /// The moves the page offers, each to the status it leads to.
    static let moves: [PracticeStatus: [(action: String, to: PracticeStatus)]] = [
        .draft: [("submit", .inReview)],
        .inReview: [("publish", .published), ("return", .draft)],
        .published: [("withdraw", .inReview)],
    ]

    /// The panel of a sheet for someone signed in: its status, the last thing said along the
    /// workflow, and a form for each move this person may make, as the rules decide them. A
    /// published sheet with a pending draft says so and links to it: the moves are the draft's,
    /// on the draft's page.
    func workflowPanel(
        _ stored: StoredPractice, showingDraft: Bool, revisions: [PracticeRevision], viewer: WebViewer, identity: Identity, language: Language,
        form: WorkflowForm?, justSaved: Bool
    ) -> [String: Any] {
        let catalogue = renderer.catalogue
        let content = stored.editable
        let base = "/\(language.rawValue)/practices/\(stored.content.slug)"
        let dateFormat = Date.ISO8601FormatStyle().year().month().day()
        let submitter = Self.submitter(revisions, status: content.status)
        var moves = stored.pendingDraft != nil && !showingDraft ? [] : (Self.moves[content.status] ?? [])
        if showingDraft, PracticeStewardship.mayWrite(content, by: identity) { moves.append(("discard", .draft)) }
        let forms: [[String: Any]] = moves.compactMap { move in
            guard move.action == "discard" || Self.allows(move.to, content: content, submitter: submitter, by: identity) else { return nil }
            return [
                "action": move.action, "label": catalogue.text("workflow_\(move.action)", language),
                "messageLabel": catalogue.text("workflow_\(move.action)_message", language),
                "id": "workflow-\(move.action)", "message": form?.message ?? "",
            ]
        }
        var panel: [String: Any] = [
            "status": catalogue.text("workflow_status", language, ["status": catalogue.text("status_\(content.status.rawValue)", language)]),
            "action": "\(base)/workflow", "csrf": viewer.formToken, "revision": stored.revision,
            "forms": forms, "hasForms": !forms.isEmpty,
        ]
        if let draft = stored.pendingDraft {
            let said = [
                "status": catalogue.text("status_\(draft.content.status.rawValue)", language), "name": draft.updatedBy,
                "date": draft.updatedAt.formatted(dateFormat),
            ]
            if showingDraft {
                panel["draftNotice"] = catalogue.text("pending_draft_shown", language, said)
                panel["otherVersion"] = ["href": base, "label": catalogue.text("pending_draft_see_published", language)]
            } else {
                panel["draftNotice"] = catalogue.text("pending_draft_exists", language, said)
                panel["otherVersion"] = ["href": "\(base)/draft", "label": catalogue.text("pending_draft_see", language)]
            }
        }
        if let last = revisions.last(where: { $0.message != nil && [.submitted, .returned, .withdrawn].contains($0.step) }) {
            panel["last"] = catalogue.text("step_line_\(last.step.rawValue)", language, [
                "name": last.author, "date": last.createdAt.formatted(dateFormat),
            ])
            panel["lastMessage"] = last.message
        }
        if let form { panel["problem"] = form.problem }
        if PracticeStewardship.mayWrite(content, by: identity) {
            let edit = "\(base)/edit"
            panel["editHref"] = edit
            panel["translateHref"] = "\(base)/translate"
            // Right after a save (the editor sends the person here with `saved=1`), the browser's
            // unsaved copies of this sheet's form can go; on any other visit they stay, since
            // the sheet may be open in another tab while the form is being typed.
            if justSaved { panel["saved"] = edit }
        }
        return panel
    }

    /// `POST /{lang}/practices/{slug}/workflow`: takes the step asked from the revision the page
    /// showed; when it cannot be taken, the sheet comes back with the reason and the message kept.
    /// The steps are those of what is being edited: the pending draft when there is one.
    func move(_ language: Language, slug: String, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        guard WebViewer.current != nil, let identity = context.identity else { return AccountPages.signIn(language, request: request) }
        var form = try await WebForm.read(request)
        let action = form.string("action") ?? ""
        let revision = form.integer("revision", in: 1...Int(Int32.max))
        let message = form.values["message"] ?? ""
        try form.validate()
        let stored = try await practices.find(slug, audience: identity.audience, language: language, logger: context.logger)
        let catalogue = renderer.catalogue
        let onDraft = stored.pendingDraft != nil
        func again(_ problem: String, _ status: HTTPResponse.Status) async throws -> Response {
            try await response(
                language, slug: slug, request: request, context: context, workflow: WorkflowForm(message: message, problem: problem, status: status),
                pendingDraft: onDraft)
        }
        let move = (Self.moves[stored.editable.status] ?? []).first(where: { $0.action == action })
        guard let revision, move != nil || (action == "discard" && onDraft) else {
            return try await again(catalogue.text("workflow_stale", language), .preconditionFailed)
        }
        do {
            if let move {
                _ = try await writer.change(id: stored.id, expectedRevision: revision, by: identity, message: message, logger: context.logger) { current in
                    var next = current
                    next.status = move.to
                    return (next, PracticeWorkflow.step(from: current.status, to: move.to).rawValue)
                }
            } else {
                _ = try await writer.discardPendingDraft(id: stored.id, expectedRevision: revision, by: identity, message: message, logger: context.logger)
            }
        } catch let error as AppError {
            switch error {
            case .preconditionFailed: return try await again(catalogue.text("workflow_stale", language), .preconditionFailed)
            case .forbidden(let reason): return try await again(reason, .forbidden)
            case .conflict(let reason): return try await again(reason, .conflict)
            case .invalid: return try await again(AccountPage.message(error), .unprocessableContent)
            default: throw error
            }
        }
        let after = try await practices.find(String(stored.id), audience: identity.audience, language: language, logger: context.logger)
        return AccountPages.seeOther("/\(language.rawValue)/practices/\(after.content.slug)\(after.pendingDraft != nil ? "/draft" : "")")
    }

    /// Whoever submitted the sheet now in review, as its history says.
    static func submitter(_ revisions: [PracticeRevision], status: PracticeStatus) -> PracticeWorkflow.Submitter? {
        guard status == .inReview, let submitted = revisions.last(where: { $0.step == .submitted }) else { return nil }
        return PracticeWorkflow.Submitter(userID: submitted.authorUserID, name: submitted.author)
    }

    /// Whether the rules would let `identity` move the sheet to `status` (with a message where one is needed).
    static func allows(_ status: PracticeStatus, content: PracticeContent, submitter: PracticeWorkflow.Submitter?, by identity: Identity) -> Bool {
        guard identity.role >= .contributor else { return false }
        var next = content
        next.status = status
        let step = PracticeWorkflow.step(from: content.status, to: status)
        if step == .submitted, !PracticeStewardship.mayWrite(content, by: identity) { return false }
        return (try? PracticeStewardship.check(from: content, to: next, by: identity)) != nil
            && (try? PracticeWorkflow.check(step, message: "…", owner: content.organisation, submitter: submitter, by: identity)) != nil
    }
}
