import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// The documents in the pages: a search with kinds to choose (`/{lang}/documents`), downloads
/// for the person signed in (`/{lang}/documents/{id}/file`), and the upload form
/// (`/{lang}/documents/new?practice=…`), which sends the person back to what the document is about.
struct DocumentPages: Sendable {
    let renderer: WebRenderer
    let repository: DocumentRepository
    let writer: DocumentWriter
    let upload: DocumentUpload

    /// The documents of a page (a practice's, an agreement's…) as its template lists them.
    static func listing(_ documents: [StoredDocument], snippets: [Int64: String] = [:], language: Language, catalogue: Catalogue) -> [[String: Any]] {
        documents.map { document in
            let metadata = document.metadata
            var item: [String: Any] = [
                "title": metadata.title, "href": "/\(language.rawValue)/documents/\(document.id)/file",
                "kind": catalogue.text("document_kind_\(metadata.kind.rawValue)", language),
                "facts": [
                    metadata.language.map { catalogue.languageName($0, in: language) }, metadata.date,
                    Self.size(document.byteCount, language: language, catalogue: catalogue), (document.fileName as NSString).pathExtension.uppercased(),
                    metadata.confidentiality == .public ? nil : catalogue.text("confidentiality_\(metadata.confidentiality.rawValue)", language),
                ].compactMap { $0 }.joined(separator: " · "),
                "translations": document.translations.map { translation -> [String: Any] in
                    [
                        "href": "/\(language.rawValue)/documents/\(translation.id)/file", "title": translation.title,
                        "language": translation.language.map { catalogue.languageName($0, in: language) } ?? "",
                    ]
                },
            ]
            item["hasTranslations"] = !document.translations.isEmpty
            if let code = metadata.language?.rawValue { item["titleLanguage"] = code }
            if let snippet = snippets[document.id] { item["snippet"] = snippet }
            return item
        }
    }

    static func size(_ bytes: Int64, language: Language, catalogue: Catalogue) -> String {
        if bytes < 1024 { return catalogue.text("size_bytes", language, ["count": "\(bytes)"]) }
        if bytes < 1024 * 1024 { return catalogue.text("size_kib", language, ["count": "\(bytes / 1024)"]) }
        return catalogue.text("size_mib", language, ["count": String(format: "%.1f", Double(bytes) / 1_048_576)])
    }

    /// `/{lang}/documents?q=&kind=…`: the documents the reader may see, with the kinds to choose.
    func search(_ language: Language, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        var parameters = QueryParameters(request)
        var query = DocumentQuery(&parameters)
        try parameters.validate()
        query.limit = 50
        let page = try await repository.search(query, audience: context.identity.audience, language: language, logger: context.logger)
        let catalogue = renderer.catalogue
        let base = "/\(language.rawValue)/documents"
        func href(kinds: [DocumentKind]) -> String {
            var pairs: [String] = []
            if let text = query.text { pairs.append("q=" + FormEncoding.encoded(text)) }
            if !kinds.isEmpty { pairs.append("kind=" + kinds.map(\.rawValue).joined(separator: ",")) }
            if let agreement = query.agreement { pairs.append("agreement=" + FormEncoding.encoded(agreement)) }
            if let practice = query.practice { pairs.append("practice=" + FormEncoding.encoded(practice)) }
            if let organisation = query.organisation { pairs.append("organisation=" + FormEncoding.encoded(organisation)) }
            if let territory = query.territory { pairs.append("territory=" + FormEncoding.encoded(territory)) }
            return pairs.isEmpty ? base : base + "?" + pairs.joined(separator: "&")
        }
        let kinds: [[String: Any]] = DocumentKind.allCases.compactMap { kind in
            guard let count = page.kindCounts[kind], count > 0 else { return nil }
            let chosen = query.kinds.contains(kind)
            let next = chosen ? query.kinds.filter { $0 != kind } : query.kinds + [kind]
            return ["label": catalogue.text("document_kind_\(kind.rawValue)", language), "count": count, "href": href(kinds: next), "chosen": chosen]
        }
        var values: [String: Any] = [
            "q": query.text ?? "", "action": base, "kinds": kinds, "hasKinds": !kinds.isEmpty,
            "documents": Self.listing(page.items, snippets: page.snippets, language: language, catalogue: catalogue),
            "found": catalogue.text("documents_found", language, ["count": "\(page.total)"]),
        ]
        if let identity = context.identity, identity.role >= .contributor, WebViewer.current != nil {
            values["uploadHref"] = "/\(language.rawValue)/documents/new"
        }
        var response = renderer.response(
            WebPage(template: "documents", title: catalogue.text("documents_title", language), values: values), language: language, request: request)
        if WebViewer.current != nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    /// The file, for whoever the page's session (or lack of one) may let read it.
    func file(_ language: Language, id: Int64, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        let file = try await repository.file(of: id, audience: context.identity.audience, logger: context.logger)
        var headers = DocumentController<AppRequestContext>.downloadHeaders(file)
        if WebViewer.current != nil { headers[.cacheControl] = "private, no-store" }
        return DocumentController<AppRequestContext>.download(file, headers: headers, repository: repository, logger: context.logger)
    }

    /// What a new document is about, from the form's query (`practice=slug`, `agreement=CODE`…).
    struct Target {
        var links = DocumentLinks()
        var back: String
    }

    static func target(_ parameters: inout QueryParameters, language: Language) -> Target {
        let base = "/\(language.rawValue)"
        var target = Target(back: "\(base)/documents")
        if let slug = parameters.string("practice", limit: 120), Slug.isValid(slug) {
            target.links.practices = [slug]
            target.back = "\(base)/practices/\(slug)"
        }
        if let code = parameters.string("agreement", limit: 64)?.uppercased(), code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
            target.links.agreements = [code]
            target.back = "\(base)/agreements/\(code)"
        }
        if let code = parameters.string("territory", limit: 64).map(TerritoryCode.normalise), TerritoryCode.isValid(code) {
            target.links.territories = [code]
            target.back = "\(base)/territories/\(code)"
        }
        return target
    }

    func form(_ language: Language, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        guard WebViewer.current != nil, let identity = context.identity else { return AccountPages.signIn(language, request: request) }
        try DocumentStewardship.checkAdding(by: identity)
        var parameters = QueryParameters(request)
        let target = Self.target(&parameters, language: language)
        let originals = try await originals(of: target, identity: identity, language: language, context: context)
        return page(language, target: target, originals: originals, problem: nil, title: "", status: .ok, request: request)
    }

    /// The documents already linked to what the new one is about: those it may translate.
    private func originals(of target: Target, identity: Identity, language: Language, context: some IdentifiedRequestContext) async throws -> [StoredDocument] {
        let links = target.links
        guard !links.isEmpty else { return [] }
        let query = DocumentQuery(
            practice: links.practices.first, agreement: links.agreements.first, territory: links.territories.first, limit: DocumentQuery.maximumLimit)
        return try await repository.search(query, audience: identity.audience, language: language, logger: context.logger).items
            .filter { $0.metadata.translationOf == nil }
    }

    /// `POST /{lang}/documents`: the upload, with the form's token; refused uploads come back with the reason.
    func add(_ language: Language, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        guard WebViewer.current != nil, let identity = context.identity else { return AccountPages.signIn(language, request: request) }
        try DocumentStewardship.checkAdding(by: identity)
        let (form, spool) = try await SpooledMultipart.read(request, limit: DocumentFileType.maximumBytes + 1_048_576)
        defer { spool.remove() }
        var fields = QueryParameters(
            query: form.fields.map { FormEncoding.encoded($0.name) + "=" + FormEncoding.encoded($0.value) }.joined(separator: "&"),
            maximumLength: SpooledMultipart.maximumFieldBytes)
        try FormToken.check(fields, request: request)
        let target = Self.target(&fields, language: language)
        let catalogue = renderer.catalogue
        let title = fields.values["title"] ?? ""
        guard let file = form.files.first(where: { $0.name == "file" && $0.body.length > 0 }), let fileName = file.filename, !fileName.isEmpty else {
            return page(language, target: target, problem: catalogue.text("document_no_file", language), title: title, status: .unprocessableContent, request: request)
        }
        var metadata = DocumentInput.metadata(&fields, fileName: fileName)
        metadata.links = target.links
        let issues = fields.issues + metadata.issues()
        if !issues.isEmpty {
            return page(language, target: target, problem: AccountPage.message(AppError.invalid(issues)), title: title, status: .unprocessableContent, request: request)
        }
        do {
            let prepared = try await upload.prepare(file.body, fileName: fileName, logger: context.logger)
            _ = try await writer.add(
                metadata, file: file.body, sha256: prepared.sha256, fileName: fileName, type: prepared.type, text: prepared.text, by: identity,
                logger: context.logger)
        } catch DocumentUpload.Refusal.tooLarge {
            return page(language, target: target, problem: catalogue.text("document_too_large", language), title: title, status: .contentTooLarge, request: request)
        } catch DocumentUpload.Refusal.unsupported {
            return page(
                language, target: target,
                problem: catalogue.text("document_unsupported", language, ["kinds": DocumentFileType.acceptedExtensions.joined(separator: ", ")]),
                title: title, status: .unsupportedMediaType, request: request)
        } catch let error as AppError {
            switch error {
            case .invalid, .forbidden:
                return page(language, target: target, problem: AccountPage.message(error), title: title, status: .unprocessableContent, request: request)
            default: throw error
            }
        }
        return AccountPages.seeOther(target.back + (target.back.contains("?") ? "&" : "?") + "added=1#documents")
    }

    private func page(
        _ language: Language, target: Target, originals: [StoredDocument] = [], problem: String?, title: String, status: HTTPResponse.Status,
        request: Request
    ) -> Response {
        let catalogue = renderer.catalogue
        var values: [String: Any] = [
            "action": "/\(language.rawValue)/documents", "csrf": WebViewer.current?.formToken ?? "", "back": target.back, "title": title,
            "kinds": DocumentKind.allCases.map { ["value": $0.rawValue, "label": catalogue.text("document_kind_\($0.rawValue)", language)] },
            "languages": Language.allCases.map { ["value": $0.rawValue, "label": catalogue.languageName($0, in: language), "selected": $0 == language] },
            "confidentialities": Confidentiality.allCases.map {
                ["value": $0.rawValue, "label": catalogue.text("confidentiality_\($0.rawValue)", language), "selected": $0 == .partners]
            },
            "accept": DocumentFileType.acceptedExtensions.map { "." + $0 }.joined(separator: ","),
            "links": target.links.practices.map { ["name": "practice", "value": $0] } + target.links.agreements.map { ["name": "agreement", "value": $0] }
                + target.links.territories.map { ["name": "territory", "value": $0] },
        ]
        if !originals.isEmpty {
            values["hasOriginals"] = true
            values["originals"] = originals.map { document -> [String: Any] in
                let language = document.metadata.language.map { " (" + catalogue.languageName($0, in: language) + ")" } ?? ""
                return ["value": document.id, "label": document.metadata.title + language]
            }
        }
        if let problem { values["problem"] = problem }
        return renderer.privateResponse(
            WebPage(template: "document-upload", title: catalogue.text("document_upload_title", language), values: values, status: status),
            language: language, request: request)
    }
}
