import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/{lang}/practices/{slug}/translate?to=en`: the original and its translation side by side,
/// section by section, each translation with its status (machine, reviewed). Saving changes the
/// translation only, never the original, from the version the page showed; when someone saved
/// in between, the page comes back with the translator's text kept.
struct PracticeTranslationPage: Sendable {
    let renderer: WebRenderer
    let practices: PracticeRepository
    let writer: PracticeWriter

    static let maximumBytes = 4 * 1024 * 1024

    /// A translation as the form carries it.
    struct Field: Sendable {
        var title = ""
        var text = ""
        var items = ""
        var quotes = ""
        var status: TranslationStatus = .machine

        var isEmpty: Bool { [title, text, items, quotes].allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } }
    }

    func show(_ language: Language, slug: String, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        guard WebViewer.current != nil, let identity = context.identity else { return AccountPages.signIn(language, request: request) }
        _ = try Optional(identity).require(.contributor, to: "Translating a sheet")
        let found = try await practices.find(slug, audience: identity.audience, language: language, logger: context.logger)
        // A published sheet is translated in its pending draft, started by the first change.
        let stored = found.draftView ?? found
        try PracticeStewardship.checkWriting(stored.content, by: identity)
        var parameters = QueryParameters(request)
        let target = try Self.target(parameters.enumeration("to", as: Language.self), reader: language, sheet: stored.content.language)
        try parameters.validate()
        let content = stored.content
        let header = Field(
            title: content.translations[target.rawValue]?.title ?? "", text: content.translations[target.rawValue]?.summary ?? "",
            status: content.translations[target.rawValue]?.translationStatus ?? .machine)
        let sections = content.sections.map { section -> Field in
            guard let text = section.texts[target.rawValue] else { return Field() }
            return Field(
                title: text.title ?? "", text: text.text, items: text.items.joined(separator: "\n"),
                quotes: text.quotes.map(PracticeEditorForm.quoteLine).joined(separator: "\n"), status: text.translationStatus)
        }
        return page(
            language, stored: stored, slug: found.content.slug, target: target, header: header, sections: sections, revision: stored.revision,
            request: request)
    }

    func save(_ language: Language, slug: String, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        guard WebViewer.current != nil, let identity = context.identity else { return AccountPages.signIn(language, request: request) }
        _ = try Optional(identity).require(.contributor, to: "Translating a sheet")
        let form = try await WebForm.read(request, limit: Self.maximumBytes, fieldLength: TextLimits.sectionText)
        let found = try await practices.find(slug, audience: identity.audience, language: language, logger: context.logger)
        let stored = found.draftView ?? found
        let target = try Self.target(form.values["to"].flatMap(Language.init(rawValue:)), reader: language, sheet: stored.content.language)
        func text(_ name: String) -> String { form.values[name]?.replacingOccurrences(of: "\r\n", with: "\n") ?? "" }
        func status(_ name: String) -> TranslationStatus { TranslationStatus(rawValue: text(name)) ?? .machine }
        let header = Field(title: text("title"), text: text("summary"), status: status("status"))
        let sections = stored.content.sections.indices.map { index in
            Field(title: text("s\(index)_title"), text: text("s\(index)_text"), items: text("s\(index)_items"), quotes: text("s\(index)_quotes"),
                  status: status("s\(index)_status"))
        }
        let revision = Int(text("revision")) ?? 0
        do {
            _ = try await writer.change(id: stored.id, expectedRevision: revision, by: identity, logger: context.logger) { current in
                (Self.applied(header, sections, to: current, language: target), "translated into \(target.rawValue)")
            }
        } catch AppError.preconditionFailed {
            let latest = try await practices.find(slug, audience: identity.audience, language: language, logger: context.logger)
            let current = latest.draftView ?? latest
            return page(
                language, stored: current, slug: latest.content.slug, target: target, header: header, sections: sections, revision: current.revision,
                problem: renderer.catalogue.text("translate_conflict", language), status: .preconditionFailed, request: request)
        } catch AppError.invalid(let issues) {
            return page(
                language, stored: stored, slug: found.content.slug, target: target, header: header, sections: sections, revision: revision,
                problem: issues.map { "\($0.field): \($0.reason)" }.joined(separator: "; "), status: .unprocessableContent, request: request)
        } catch AppError.forbidden(let reason) {
            // Refused: the translation typed stays in the form.
            return page(
                language, stored: stored, slug: found.content.slug, target: target, header: header, sections: sections, revision: revision,
                problem: reason, status: .forbidden, request: request)
        }
        let saved = try await practices.find(String(found.id), audience: identity.audience, language: language, logger: context.logger)
        return AccountPages.seeOther("/\(target.rawValue)/practices/\(saved.content.slug)\(saved.pendingDraft != nil ? "/draft" : "")")
    }

    /// The translations written into `content`, in `language` only; an emptied one is removed.
    static func applied(_ header: Field, _ sections: [Field], to content: PracticeContent, language: Language) -> PracticeContent {
        var result = content
        let code = language.rawValue
        let title = header.title.trimmingCharacters(in: .whitespacesAndNewlines)
        let summary = header.text.trimmingCharacters(in: .whitespacesAndNewlines)
        result.translations[code] = title.isEmpty && summary.isEmpty
            ? nil : PracticeContent.Translation(title: title.isEmpty ? nil : title, summary: summary.isEmpty ? nil : summary, translationStatus: header.status)
        for (index, field) in sections.enumerated() where result.sections.indices.contains(index) {
            if field.isEmpty {
                result.sections[index].texts[code] = nil
                continue
            }
            let heading = field.title.trimmingCharacters(in: .whitespacesAndNewlines)
            result.sections[index].texts[code] = PracticeContent.SectionText(
                text: field.text.trimmingCharacters(in: .whitespacesAndNewlines), items: PracticeEditorForm.lines(field.items),
                quotes: PracticeEditorForm.lines(field.quotes).map(PracticeEditorForm.quote), translationStatus: field.status,
                title: heading.isEmpty ? nil : heading)
        }
        return result
    }

    /// The language translated into: the one asked, else the reader's, else the first other
    /// than the sheet's; never the sheet's own (its text is the original).
    static func target(_ asked: Language?, reader: Language, sheet: Language) throws -> Language {
        if let asked {
            guard asked != sheet else { throw AppError.invalid(field: "to", reason: "is the sheet's own language: its text is the original") }
            return asked
        }
        return reader != sheet ? reader : Language.allCases.first { $0 != sheet } ?? .en
    }

    private func page(
        _ language: Language, stored: StoredPractice, slug: String, target: Language, header: Field, sections: [Field], revision: Int, problem: String? = nil,
        status: HTTPResponse.Status = .ok, request: Request
    ) -> Response {
        let catalogue = renderer.catalogue
        let content = stored.content
        let sheetLanguage = content.language
        func statuses(_ chosen: TranslationStatus) -> [[String: Any]] {
            [TranslationStatus.machine, .reviewed].map { ["value": $0.rawValue, "label": catalogue.text("translation_status_\($0.rawValue)", language), "selected": $0 == chosen] }
        }
        let rows: [[String: Any]] = content.sections.enumerated().map { index, section in
            let original = section.texts[sheetLanguage.rawValue] ?? PracticeContent.SectionText()
            let field = sections.indices.contains(index) ? sections[index] : Field()
            return [
                "index": index, "name": catalogue.text("section_\(section.key.rawValue)", language),
                "originalTitle": section.title ?? "", "originalText": original.text, "originalItems": original.items,
                "originalQuotes": original.quotes.map(PracticeEditorForm.quoteLine),
                "title": field.title, "text": field.text, "items": field.items, "quotes": field.quotes, "statuses": statuses(field.status),
            ]
        }
        var values: [String: Any] = [
            "action": "/\(language.rawValue)/practices/\(slug)/translate", "csrf": WebViewer.current?.formToken ?? "",
            "revision": revision, "to": target.rawValue, "from": sheetLanguage.rawValue, "sheet": "/\(language.rawValue)/practices/\(slug)",
            "originalTitle": content.title, "originalSummary": content.summary ?? "", "title": header.title, "summary": header.text,
            "headerStatuses": statuses(header.status), "sections": rows,
            "heading": catalogue.text("translate_heading", language, [
                "from": catalogue.text("language_called_\(sheetLanguage.rawValue)", language), "to": catalogue.text("language_called_\(target.rawValue)", language),
            ]),
            "targets": Language.allCases.filter { $0 != sheetLanguage }.map { other in
                ["href": "?to=\(other.rawValue)", "label": catalogue.text("language_called_\(other.rawValue)", language), "current": other == target]
            },
        ]
        if let problem { values["problem"] = problem }
        return renderer.privateResponse(
            WebPage(template: "translate", title: catalogue.text("translate_title", language, ["title": content.title]), values: values, status: status),
            language: language, request: request)
    }
}
