import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/{lang}/practices/new` and `/{lang}/practices/{slug}/edit`: the sheet's fields and its
/// sections (heading, text, items, quotes; added, removed, reordered) in its own language.
/// Saving sends the revision the form started from: when someone saved in between, the page
/// comes back with the person's text still in the form and, beside each field that differs,
/// what was saved meanwhile; nothing typed is thrown away. Translations have their own page.
struct PracticeEditorPage: Sendable {
    let renderer: WebRenderer
    let practices: PracticeRepository
    let writer: PracticeWriter
    let themes: ThemeRepository

    /// A sheet's form may be long: every section up to its limit.
    static let maximumBytes = 4 * 1024 * 1024

    func show(_ language: Language, slug: String?, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        guard WebViewer.current != nil, let identity = context.identity else { return AccountPages.signIn(language, request: request) }
        _ = try Optional(identity).require(.contributor, to: "Writing a sheet")
        guard let slug else {
            var form = PracticeEditorForm()
            // A new sheet is first its author's organisation's; they may name another.
            form.organisation = identity.organisation ?? ""
            form.addSection()
            return try await page(language, form: form, slug: nil, sheetLanguage: language, request: request, context: context)
        }
        let stored = try await practices.find(slug, audience: identity.audience, language: language, logger: context.logger)
        // Said before anything is typed, not after.
        try PracticeStewardship.checkWriting(stored.editable, by: identity)
        return try await page(
            language, form: PracticeEditorForm(content: stored.editable, revision: stored.revision), slug: stored.content.slug,
            sheetLanguage: stored.editable.language, makesNewVersion: stored.content.status == .published, request: request, context: context)
    }

    func save(_ language: Language, slug: String?, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        guard WebViewer.current != nil, let identity = context.identity else { return AccountPages.signIn(language, request: request) }
        _ = try Optional(identity).require(.contributor, to: "Writing a sheet")
        let posted = try await WebForm.read(request, limit: Self.maximumBytes, fieldLength: TextLimits.sectionText)
        var problems: [FieldIssue] = []
        var form = PracticeEditorForm(posted, problems: &problems)
        var stored: StoredPractice?
        if let slug { stored = try await practices.find(slug, audience: identity.audience, language: language, logger: context.logger) }
        let sheetLanguage = stored?.editable.language ?? posted.values["language"].flatMap(Language.init(rawValue:)) ?? language
        func again(
            _ status: HTTPResponse.Status, _ problems: [String], theirs: (PracticeEditorForm, StoredPractice)? = nil, base: PracticeEditorForm? = nil
        ) async throws -> Response {
            try await page(
                language, form: form, slug: stored?.content.slug, sheetLanguage: sheetLanguage, problems: problems, theirs: theirs, original: base,
                makesNewVersion: stored?.content.status == .published, status: status, request: request, context: context)
        }
        if posted.values["do"] == "add" {
            form.addSection()
            return try await again(.ok, [])
        }
        if !problems.isEmpty { return try await again(.unprocessableContent, problems.map { "\($0.field): \($0.reason)" }) }
        do {
            guard let stored else {
                var content = try form.applied(to: PracticeContent(slug: "", title: "", language: sheetLanguage))
                content.slug = Slug.from(content.title)
                let id = try await writer.create(content, derivingSlug: true, by: identity, logger: context.logger)
                let created = try await practices.find(String(id), audience: identity.audience, logger: context.logger)
                return AccountPages.seeOther("/\(language.rawValue)/practices/\(created.content.slug)?saved=1")
            }
            guard let revision = form.revision else { throw AppError.preconditionFailed("The form does not say which version it started from.") }
            let written = form
            _ = try await writer.change(id: stored.id, expectedRevision: revision, by: identity, logger: context.logger) { current in
                (try written.applied(to: current), "edited")
            }
            // A published sheet's change is its pending draft: the person sees what they wrote.
            let saved = try await practices.find(String(stored.id), audience: identity.audience, language: language, logger: context.logger)
            return AccountPages.seeOther("/\(language.rawValue)/practices/\(saved.content.slug)\(saved.pendingDraft != nil ? "/draft" : "")?saved=1")
        } catch AppError.preconditionFailed {
            // Someone saved in between: their version beside this person's text, which stays in
            // the form; saving again from here writes over theirs knowingly.
            guard let slug else { throw AppError.preconditionFailed("The sheet changed.") }
            let found = try await practices.find(slug, audience: identity.audience, language: language, logger: context.logger)
            let current = found.draftView ?? found
            let theirs = PracticeEditorForm(content: current.content, revision: current.revision)
            // What the form started from tells what the others changed, as against what this person did.
            var base: PracticeEditorForm?
            if let started = form.revision,
                let content = try? await practices.content(of: current, atRevision: started, audience: identity.audience, logger: context.logger)
            {
                base = PracticeEditorForm(content: content, revision: started)
            }
            form.revision = current.revision
            return try await again(.preconditionFailed, [renderer.catalogue.text("editor_conflict", language)], theirs: (theirs, current), base: base)
        } catch AppError.invalid(let issues) {
            return try await again(.unprocessableContent, issues.map { "\($0.field): \($0.reason)" })
        } catch AppError.forbidden(let reason) {
            return try await again(.forbidden, [reason])
        }
    }

    func page(
        _ language: Language, form: PracticeEditorForm, slug: String?, sheetLanguage: Language, problems: [String] = [], warnings: [String] = [],
        theirs: (form: PracticeEditorForm, stored: StoredPractice)? = nil, original: PracticeEditorForm? = nil, makesNewVersion: Bool = false,
        status: HTTPResponse.Status = .ok,
        request: Request,
        context: some IdentifiedRequestContext
    ) async throws -> Response {
        let catalogue = renderer.catalogue
        let base = "/\(language.rawValue)/practices"
        let action = slug.map { "\(base)/\($0)/edit" } ?? "\(base)/new"
        let themeList = try await themes.list(logger: context.logger)
        let other = theirs?.form
        /// What was saved meanwhile, when it is not what this person has and the others changed
        /// it (against the version the form started from, when known).
        func differs(_ mine: String, _ theirs: String?, _ started: String?) -> String? {
            func same(_ a: String, _ b: String) -> Bool { a.trimmingCharacters(in: .whitespacesAndNewlines) == b.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard let theirs, !same(theirs, mine) else { return nil }
            if let started, same(started, theirs) { return nil }
            return theirs.isEmpty ? catalogue.text("editor_theirs_empty", language) : theirs
        }
        var field: [String: Any] = [:]
        let fieldPaths: [(String, KeyPath<PracticeEditorForm, String>)] = [
            ("title", \.title), ("summary", \.summary), ("periodStart", \.periodStart), ("periodEnd", \.periodEnd),
            ("organisation", \.organisation), ("territories", \.territories), ("organisations", \.organisations),
        ]
        for (name, path) in fieldPaths {
            let (mine, saved, started) = (form[keyPath: path], other?[keyPath: path], original?[keyPath: path])
            var entry: [String: Any] = ["value": mine]
            if theirs != nil, let saved = differs(mine, saved, started) { entry["theirs"] = saved }
            field[name] = entry
        }
        let sections: [[String: Any]] = form.sections.enumerated().map { index, section in
            let counterpart = section.origin.flatMap { origin in other?.sections.first { $0.origin == origin } }
            let startedFrom = section.origin.flatMap { origin in original?.sections.first { $0.origin == origin } }
            var values: [String: Any] = [
                "index": index, "origin": section.origin.map(String.init) ?? "", "title": section.title, "text": section.text,
                "items": section.items, "quotes": section.quotes, "position": section.position, "remove": section.remove,
                "number": index + 1,
                "keys": SectionKey.allCases.map { key in
                    ["value": key.rawValue, "label": catalogue.text("section_\(key.rawValue)", language), "selected": key == section.key]
                },
            ]
            if theirs != nil {
                if let saved = counterpart {
                    let sectionPaths: [(String, KeyPath<PracticeEditorForm.SectionField, String>)] = [
                        ("title", \.title), ("text", \.text), ("items", \.items), ("quotes", \.quotes),
                    ]
                    for (name, path) in sectionPaths {
                        if let text = differs(section[keyPath: path], saved[keyPath: path], startedFrom?[keyPath: path]) { values["theirs_\(name)"] = text }
                    }
                } else if section.origin != nil {
                    values["theirs_gone"] = catalogue.text("editor_theirs_removed", language)
                }
            }
            return values
        }
        var values: [String: Any] = [
            "action": action, "csrf": WebViewer.current?.formToken ?? "", "revision": form.revision.map(String.init) ?? "",
            "field": field, "sections": sections, "sectionCount": form.sections.count,
            "isNew": slug == nil, "sheetLanguage": sheetLanguage.rawValue,
            "languages": Language.allCases.map { ["value": $0.rawValue, "label": catalogue.text("language_\($0.rawValue)", language), "selected": $0 == sheetLanguage] },
            "confidentialities": Confidentiality.allCases.map { value in
                ["value": value.rawValue, "label": catalogue.text("confidentiality_\(value.rawValue)", language), "selected": value == form.confidentiality]
            },
            "themes": themeList.map { theme in
                ["key": theme.key, "name": theme.names.preferred(language), "checked": form.themes.contains(theme.key), "id": "theme-\(theme.key)"]
            },
            "problems": problems, "hasProblems": !problems.isEmpty, "draftKey": action,
            "warnings": warnings, "hasWarnings": !warnings.isEmpty,
            "proposals": ["territory", "organisation"].compactMap { kind -> [String: Any]? in
                let offered = form.proposals.filter { $0.kind == kind }
                guard !offered.isEmpty else { return nil }
                return [
                    "legend": catalogue.text("import_proposed_\(kind)", language),
                    "items": offered.map { proposal -> [String: Any] in
                        [
                            "offered": proposal.offered, "choice": proposal.choice, "checked": proposal.chosen, "id": "proposal-\(kind)-\(proposal.code)",
                            "label": "\(proposal.code) · \(proposal.name)",
                            "mentions": catalogue.text("import_mentions", language, ["count": "\(proposal.mentions)"]),
                        ]
                    },
                ]
            },
        ]
        if let slug {
            values["sheet"] = "\(base)/\(slug)"
            values["documentsHref"] = "/\(language.rawValue)/documents/new?practice=\(slug)"
        }
        if makesNewVersion { values["newVersion"] = catalogue.text("editor_pending_draft", language) }
        if let theirs {
            values["conflict"] = catalogue.text("editor_theirs_heading", language, [
                "revision": "\(theirs.stored.revision)", "name": theirs.stored.updatedBy,
            ])
        }
        let title = slug == nil ? catalogue.text("editor_new_title", language) : catalogue.text("editor_title", language, ["title": form.title])
        return renderer.privateResponse(WebPage(template: "editor", title: title, values: values, status: status), language: language, request: request)
    }
}
