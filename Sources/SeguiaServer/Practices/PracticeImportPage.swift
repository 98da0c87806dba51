import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/{lang}/practices/import`: a document uploaded (every format the importer reads) or text
/// pasted becomes the editor's form, filled with the structure found: sections with their keys,
/// the period, and the territories and organisations it names as boxes to tick; themes ticked.
/// Nothing is stored until the person saves the draft from the editor.
struct PracticeImportPage: Sendable {
    let renderer: WebRenderer
    let importer: PracticeImporter
    let editor: PracticeEditorPage

    func show(_ language: Language, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        guard WebViewer.current != nil, let identity = context.identity else { return AccountPages.signIn(language, request: request) }
        _ = try Optional(identity).require(.contributor, to: "Importing a sheet")
        return page(language, problem: nil, pasted: "", status: .ok, request: request)
    }

    func read(_ language: Language, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        guard WebViewer.current != nil, let identity = context.identity else { return AccountPages.signIn(language, request: request) }
        _ = try Optional(identity).require(.contributor, to: "Importing a sheet")
        let multipart = try await MultipartForm.read(request, limit: PracticeDocumentReader.maximumBytes + 1_048_576)
        let fields = multipart.parameters
        try FormToken.check(fields, request: request)
        let pasted = fields.values["text"] ?? ""
        let file = multipart.files.first { $0.name == "document" && !$0.bytes.isEmpty }
        let catalogue = renderer.catalogue
        guard file != nil || !pasted.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return page(language, problem: catalogue.text("import_nothing", language), pasted: pasted, status: .unprocessableContent, request: request)
        }
        let prepared: PracticeImporter.Prepared
        do {
            if let file {
                let type = file.contentType.map(MediaType.init)
                // A browser names a file's type after its extension, or not at all: the bytes decide.
                let declared = type.flatMap { DocumentFormat.acceptedMediaTypes.contains($0.type) && $0.type != "application/octet-stream" ? $0.type : nil }
                prepared = try await importer.prepare(file.bytes, mediaType: declared, charset: type?.parameters["charset"], logger: context.logger)
            } else {
                prepared = try await importer.prepare(Array(pasted.utf8), mediaType: "text/plain", charset: "utf-8", logger: context.logger)
            }
        } catch let error as DocumentReadError {
            let reason: String
            switch error {
            case .unsupported(let message), .unreadable(let message): reason = message
            }
            return page(language, problem: catalogue.text("import_unreadable", language, ["reason": reason]), pasted: pasted,
                        status: .unprocessableContent, request: request)
        }
        var content = PracticeImporter.naming(identity, in: prepared.draft.content)
        var form = PracticeEditorForm(content: content, revision: nil)
        // The links found are offered, ticked, rather than written in the lists.
        form.proposals = content.territories.map { link in
            PracticeEditorForm.Proposal(
                kind: "territory", code: link.code, name: prepared.names[link.code] ?? link.code,
                mentions: prepared.proposals.territories.first { $0.code == link.code }?.mentions ?? 0, chosen: true)
        } + content.organisations.map { link in
            PracticeEditorForm.Proposal(
                kind: "organisation", code: link.code, name: prepared.names[link.code] ?? link.code,
                mentions: prepared.proposals.organisations.first { $0.code == link.code }?.mentions ?? 0, chosen: true)
        }
        content.territories = []
        content.organisations = []
        form.territories = ""
        form.organisations = ""
        let warnings = prepared.draft.warnings.map { "\($0.field): \($0.reason)" }
        return try await editor.page(
            language, form: form, slug: nil, sheetLanguage: content.language, warnings: warnings, request: request, context: context)
    }

    private func page(_ language: Language, problem: String?, pasted: String, status: HTTPResponse.Status, request: Request) -> Response {
        var values: [String: Any] = [
            "action": "/\(language.rawValue)/practices/import", "csrf": WebViewer.current?.formToken ?? "", "pasted": pasted,
            "accept": ".txt,.md,.markdown,.docx,.odt,.pdf,text/plain,text/markdown,application/pdf,"
                + "application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text",
        ]
        if let problem { values["problem"] = problem }
        return renderer.privateResponse(
            WebPage(template: "import", title: renderer.catalogue.text("import_title", language), values: values, status: status),
            language: language, request: request)
    }
}
