import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// The activity as pages show it (an agreement's, a practice's), and the form that records a meeting.
struct ActivityPages: Sendable {
    let renderer: WebRenderer
    let activity: ActivityRepository

    /// The timeline's entries as the `activity` partial lists them, by month.
    static func values(_ entries: [ActivityEntry], language: Language, catalogue: Catalogue) -> [[String: Any]] {
        var months: [(String, [[String: Any]])] = []
        for entry in entries {
            let month = String(entry.day.prefix(7))
            var item: [String: Any] = [
                "day": entry.day, "title": entry.title,
                "what": catalogue.text("activity_\(entry.kind.rawValue)", language),
                "by": entry.by,
            ]
            switch entry.kind {
            case .document: item["detail"] = entry.detail.map { catalogue.text("document_kind_\($0)", language) } ?? false
            case .meeting: item["detail"] = entry.detail ?? false
            case .revision:
                // A revision's own summary is the machine's words; the page names it in the reader's.
                item["detail"] = entry.detail.map { catalogue.text("step_\($0)", language) } ?? false
                item["title"] = catalogue.text("activity_revision_title", language, ["revision": "\(entry.revision ?? 0)"])
            }
            if let id = entry.documentID {
                item["href"] = "/\(language.rawValue)/documents/\(id)/file"
                item["linkLabel"] = catalogue.text(entry.kind == .meeting ? "activity_minutes" : "activity_download", language)
            }
            if months.last?.0 == month { months[months.count - 1].1.append(item) } else { months.append((month, [item])) }
        }
        return months.map { ["month": $0.0, "entries": $0.1] }
    }

    /// The meeting form's values for a page about `subject`, for a contributor signed in; nil otherwise.
    static func form(for subject: ActivitySubject, minutes: [StoredDocument], language: Language, catalogue: Catalogue, identity: Identity?) -> [String: Any]? {
        guard let viewer = WebViewer.current, let identity, identity.role >= .contributor else { return nil }
        let (name, value): (String, String) =
            switch subject {
            case .agreement(let code): ("agreement", code)
            case .practice(let slug): ("practice", slug)
            }
        return [
            "action": "/\(language.rawValue)/meetings", "csrf": viewer.formToken, "subjectName": name, "subjectValue": value,
            "minutes": minutes.map { ["value": $0.id, "label": $0.metadata.title] }, "hasMinutes": !minutes.isEmpty,
            "confidentialities": Confidentiality.allCases.map {
                ["value": $0.rawValue, "label": catalogue.text("confidentiality_\($0.rawValue)", language), "selected": $0 == .partners]
            },
        ]
    }

    /// `POST /{lang}/meetings`: records the meeting and goes back to the page it is of.
    func add(_ language: Language, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        guard WebViewer.current != nil, let identity = context.identity else { return AccountPages.signIn(language, request: request) }
        var form = try await WebForm.read(request)
        let agreement = form.string("agreement")?.uppercased()
        let practice = form.string("practice")
        let heldOn = form.string("held_on") ?? ""
        let title = form.string("title") ?? ""
        let place = form.string("place")
        let minutes = form.integer("minutes", in: 1...Int(Int32.max)).map(Int64.init)
        let confidentiality = form.enumeration("confidentiality", as: Confidentiality.self) ?? .partners
        try form.validate()
        let subject: ActivitySubject
        let back: String
        if let agreement {
            subject = .agreement(code: agreement)
            back = "/\(language.rawValue)/agreements/\(agreement)"
        } else if let practice, Slug.isValid(practice) {
            subject = .practice(slug: practice)
            back = "/\(language.rawValue)/practices/\(practice)"
        } else {
            throw AppError.invalid(field: "agreement", reason: "name the agreement or the practice the meeting is of")
        }
        _ = try await activity.addMeeting(
            MeetingInput(subject: subject, heldOn: heldOn, title: title, place: place, minutes: minutes, confidentiality: confidentiality),
            by: identity, logger: context.logger)
        return AccountPages.seeOther(back + "#activity")
    }
}
