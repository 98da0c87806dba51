import Foundation
import Hummingbird
import SeguiaCore
import SeguiaExport
import SeguiaStore

/// `/{lang}/practices/{slug}`: the sheet, every section in order in the reader's language where
/// translated (said plainly where not), its links, period and source; the indicators of its
/// territories beside it; downloads and revisions.
struct PracticeSheetPage: Sendable {
    let renderer: WebRenderer
    let practices: PracticeRepository
    let reports: ReportRepository
    let writer: PracticeWriter
    let documents: DocumentRepository
    let activity: ActivityRepository
    let people: PersonRepository

    /// The sheet as its reader may see it: the public sees published public sheets; a person
    /// signed in also sees drafts and sheets for partners, with the workflow's panel. With
    /// `pendingDraft`, the next version of a published sheet instead (`…/{slug}/draft`).
    func response(
        _ language: Language, slug: String, request: Request, context: some IdentifiedRequestContext, workflow: WorkflowForm? = nil,
        pendingDraft: Bool = false
    ) async throws -> Response {
        let logger = context.logger
        let found = try await practices.find(slug, audience: context.identity.audience, language: language, logger: logger)
        let stored: StoredPractice
        if pendingDraft {
            guard WebViewer.current != nil, let draft = found.draftView else {
                throw AppError.notFound(resource: "pending draft of practice", identifier: slug)
            }
            stored = draft
        } else {
            stored = found
        }
        let evidence = try await reports.evidence(of: stored, indicatorCodes: [], language: language, logger: logger)
        let revisions = try await practices.revisions(of: stored, audience: context.identity.audience, logger: logger)
        let catalogue = renderer.catalogue
        let content = stored.content
        let base = "/\(language.rawValue)"
        // Evidence may show an enclosing territory's figures: it names every territory it shows.
        let names = stored.names.merging(evidence.territoryNames) { own, _ in own }

        let sheet = Self.sheet(content, names: names, language: language, catalogue: catalogue)
        let sections = sheet.sections.enumerated().map { Self.values($0.element, index: $0.offset, language: language, catalogue: catalogue) }
        // The facts with their links: territories to their pages, organisations and themes to their searches.
        let links: [String: [String]] = [
            "practice_territories": content.territories.map { "\(base)/territories/\($0.code)" },
            "practice_organisations": content.organisations.map { "\(base)/organisations/\($0.code)" },
            "practice_themes": content.themes.map { "\(base)/practices?theme=\($0)" },
            "practice_deployed_by": content.organisation.map { ["\(base)/organisations/\($0)"] } ?? [],
        ]
        let facts: [[String: Any]] = sheet.facts.map { fact in
            let hrefs = links[fact.key] ?? []
            return [
                "label": fact.label,
                "items": fact.values.enumerated().map { index, text -> [String: Any] in
                    hrefs.indices.contains(index) ? ["text": text, "href": hrefs[index]] : ["text": text]
                },
            ]
        }

        let charts = EvidenceCharts.charts(evidence, language: language, names: names).enumerated().map { index, item in
            [
                "svg": SVGChart(chart: item.chart, identifier: "evidence-\(index + 1)", noValue: "").svg, "code": item.code, "name": item.name,
                "notes": item.notes, "sources": item.sources.joined(separator: " · "), "href": "\(base)/indicators/\(item.code)",
            ] as [String: Any]
        }
        let dateFormat = Date.ISO8601FormatStyle().year().month().day()
        let api = "/api/v1/practices/\(content.slug)"
        let values: [String: Any] = [
            "title": sheet.title, "summary": sheet.summary ?? "", "hasSummary": sheet.summary != nil,
            "titleLanguage": sheet.title == content.title ? content.language.rawValue : language.rawValue,
            "summaryLanguage": sheet.summary == content.summary ? content.language.rawValue : language.rawValue,
            "historyHref": "\(base)/practices/\(content.slug)/history", "facts": facts, "sections": sections, "hasSections": !sections.isEmpty, "charts": charts, "hasCharts": !charts.isEmpty,
            "downloads": [
                ["label": catalogue.text("practice_download_markdown", language), "href": "\(base)/practices/\(content.slug)/sheet.md"],
                ["label": catalogue.text("practice_download_html", language), "href": "\(api)/evidence?format=html&lang=\(language.rawValue)"],
                ["label": "CSV", "href": "\(api)/evidence?format=csv&lang=\(language.rawValue)"],
                ["label": "XLSX", "href": "\(api)/evidence?format=xlsx&lang=\(language.rawValue)"],
                ["label": catalogue.text("practice_download_json", language), "href": api],
            ],
            "revisions": revisions.reversed().map { revision in
                var line: [String: Any] = [
                    "text": catalogue.text(
                        "practice_revision_line", language,
                        ["revision": "\(revision.number)", "date": revision.createdAt.formatted(dateFormat), "author": revision.author]),
                    // The step in the reader's language, and whether it was of a new version in preparation.
                    "summary": catalogue.text("step_\(revision.step.rawValue)", language)
                        + (revision.ofPendingDraft ? " · " + catalogue.text("revision_of_pending_draft", language) : ""),
                ]
                // What was said along the workflow is for the people who work on the sheet.
                if WebViewer.current != nil, let message = revision.message {
                    line["message"] = catalogue.text("step_said", language, ["step": catalogue.text("step_\(revision.step.rawValue)", language), "message": message])
                }
                return line
            },
        ]
        var page = WebPage(template: "practice", title: sheet.title, values: values)
        // Its documents (reports, minutes, photos), as the reader may see them.
        let attached = try await documents.search(
            DocumentQuery(practice: found.content.slug, limit: DocumentQuery.maximumLimit), audience: context.identity.audience, language: language,
            logger: logger)
        page.values["documents"] = DocumentPages.listing(attached.items, language: language, catalogue: catalogue)
        page.values["hasDocuments"] = !attached.items.isEmpty
        if WebViewer.current != nil, let identity = context.identity, PracticeStewardship.mayWrite(found.editable, by: identity) {
            page.values["documentsUpload"] = "\(base)/documents/new?practice=\(found.content.slug)"
        }
        // The people who carry it (focal points, translators…), with their contact details: for the people signed in.
        if WebViewer.current != nil, context.identity != nil {
            let actors = try await people.list(.init(practice: found.content.slug), language: language, logger: logger)
            if !actors.isEmpty { page.values["actors"] = ["people": PeopleListing.values(actors, language: language, catalogue: catalogue)] }
        }
        let entries = try await activity.timeline(.practice(slug: found.content.slug), audience: context.identity.audience, logger: logger)
        page.values["activity"] = ActivityPages.values(entries, language: language, catalogue: catalogue)
        if let form = ActivityPages.form(
            for: .practice(slug: found.content.slug), minutes: attached.items, language: language, catalogue: catalogue, identity: context.identity)
        {
            page.values["meetingForm"] = form
        }
        // The summary, like a section, says when it is not in the reader's language, or is a machine's.
        if language != content.language, let summary = content.summary, !summary.isEmpty {
            let translation = content.translations[language.rawValue]
            if translation?.summary == nil {
                page.values["summaryNotice"] = catalogue.text(
                    "translation_missing", language, ["language": catalogue.languageName(content.language, in: language)])
            } else if translation?.translationStatus == .machine {
                page.values["summaryNotice"] = catalogue.text("translation_machine", language)
            }
        }
        if let viewer = WebViewer.current, let identity = context.identity {
            page.values["workflow"] = workflowPanel(
                found, showingDraft: pendingDraft, revisions: revisions, viewer: viewer, identity: identity, language: language, form: workflow,
                justSaved: QueryParameters(request).values["saved"] == "1")
            page.status = workflow?.status ?? .ok
        }
        var response = renderer.response(page, language: language, request: request)
        if WebViewer.current != nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    /// A section in the reader's language where it has it; else its original text, said so.
    static func section(
        _ section: PracticeContent.Section, practiceLanguage: Language, language: Language, catalogue: Catalogue
    ) -> PracticeSheet.Section {
        let shownLanguage = ([language, practiceLanguage] + Language.allCases).first { section.texts[$0.rawValue] != nil } ?? practiceLanguage
        let text = section.texts[shownLanguage.rawValue] ?? PracticeContent.SectionText()
        // The heading in the language shown: the original's, a translation's own, else the
        // interface's name for this part of the sheet.
        let written = shownLanguage == practiceLanguage ? section.title : text.title
        let heading = written ?? catalogue.text("section_\(section.key.rawValue)", language)
        let ownHeading = written != nil
        var notice: String?
        if shownLanguage != language {
            notice = catalogue.text("translation_missing", language, ["language": catalogue.languageName(shownLanguage, in: language)])
        } else if shownLanguage != practiceLanguage {
            switch text.translationStatus {
            case .machine: notice = catalogue.text("translation_machine", language)
            case .reviewed: notice = catalogue.text("translation_reviewed", language)
            case .original: notice = nil
            }
        }
        return PracticeSheet.Section(
            key: section.key, heading: heading, headingLanguage: ownHeading ? shownLanguage : language,
            language: shownLanguage, notice: notice,
            paragraphs: text.text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty },
            items: text.items, quotes: text.quotes)
    }

    static func values(_ section: PracticeSheet.Section, index: Int, language: Language, catalogue: Catalogue) -> [String: Any] {
        var values: [String: Any] = [
            "anchor": "section-\(index + 1)-\(section.key.rawValue)", "heading": section.heading, "headingLanguage": section.headingLanguage.rawValue,
            "language": section.language.rawValue, "paragraphs": section.paragraphs, "items": section.items, "hasItems": !section.items.isEmpty,
            "quotes": section.quotes.map { quote -> [String: Any] in
                var values: [String: Any] = ["text": quote.text]
                if let speaker = quote.speaker { values["by"] = catalogue.text("quote_by", language, ["speaker": speaker]) }
                return values
            },
        ]
        if let notice = section.notice { values["notice"] = notice }
        return values
    }

    /// The sheet in `language`, with the names of what it links to.
    static func sheet(_ content: PracticeContent, names: [String: String], language: Language, catalogue: Catalogue) -> PracticeSheet {
        var facts: [PracticeSheet.Fact] = []
        func fact(_ key: String, _ values: [String]) {
            if !values.isEmpty { facts.append(PracticeSheet.Fact(key: key, label: catalogue.text(key, language), values: values)) }
        }
        fact("practice_period", [content.period.spanText ?? catalogue.text("practice_period_unknown", language)])
        fact("practice_deployed_by", content.organisation.map { [names[$0] ?? $0] } ?? [])
        fact("practice_territories", content.territories.map { names[$0.code] ?? $0.code })
        fact("practice_organisations", content.organisations.map { names[$0.code] ?? $0.code })
        fact("practice_themes", content.themes.map { names["theme:\($0)"] ?? $0 })
        fact("practice_source", content.source.map { [$0] } ?? [])
        // Title and summary in the reader's language where translated.
        let translation = language == content.language ? nil : content.translations[language.rawValue]
        return PracticeSheet(
            title: translation?.title ?? content.title, summary: translation?.summary ?? content.summary, language: content.language, facts: facts,
            sections: content.sections.map { section($0, practiceLanguage: content.language, language: language, catalogue: catalogue) })
    }

    /// `/{lang}/practices/{slug}/sheet.md`.
    func markdown(_ language: Language, slug: String, context: some IdentifiedRequestContext) async throws -> Response {
        let stored = try await practices.find(slug, audience: context.identity.audience, language: language, logger: context.logger)
        let catalogue = renderer.catalogue
        let sheet = Self.sheet(stored.content, names: stored.names, language: language, catalogue: catalogue)
        let text = PracticeMarkdownWriter().write(sheet) { catalogue.text("quote_by", language, ["speaker": $0]) }
        var headers = HTTPFields()
        headers[.contentType] = "text/markdown; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(stored.content.slug)-\(language.rawValue).md\""
        headers[.contentLanguage] = language.rawValue
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
