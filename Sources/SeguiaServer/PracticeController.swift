import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/api/v1/practices`: capitalisation sheets, searched, read and imported.
struct PracticeController<Context: IdentifiedRequestContext> {
    let search: PracticeSearch
    let repository: PracticeRepository
    let vocabulary: VocabularyRepository
    let writer: PracticeWriter

    /// Largest document `import` accepts.
    static var maximumImportBytes: Int { 1_048_576 }

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get(use: list)
            .post("import", use: importDocument)
            .get("{identifier}", use: get)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> PracticePageDTO {
        var parameters = QueryParameters(request)
        var query = PracticeQuery()
        query.text = parameters.string("q")
        query.territory = parameters.territoryCode("territory")
        query.theme = parameters.string("theme")
        query.organisation = parameters.string("organisation").map { $0.uppercased() }
        query.status = parameters.enumeration("status", as: PracticeStatus.self)
        query.language = parameters.enumeration("lang", as: Language.self)
        query.fromYear = parameters.integer("from", in: 1800...2200)
        query.toYear = parameters.integer("to", in: 1800...2200)
        query.limit = parameters.integer("limit", in: 1...PracticeQuery.maximumLimit) ?? PracticeQuery.defaultLimit
        if let token = parameters.string("cursor") {
            query.cursor = PracticeCursor(token: token)
            if query.cursor == nil { parameters.reject("cursor", "is not a cursor this server gave") }
        }
        try parameters.validate()
        let page = try await search.search(query, audience: context.identity.audience, logger: context.logger)
        return PracticePageDTO(page, searching: query.text != nil)
    }

    @Sendable func get(_ request: Request, context: Context) async throws -> EditedResponse<PracticeDetailDTO> {
        let identifier = try context.parameters.require("identifier")
        let practice = try await repository.find(identifier, audience: context.identity.audience, logger: context.logger)
        return EditedResponse(headers: [.eTag: practice.entityTag], response: PracticeDetailDTO(practice))
    }

    /// Reads a document into a structured draft; stores it as a draft with `save=true` (editors).
    @Sendable func importDocument(_ request: Request, context: Context) async throws -> EditedResponse<ImportDraftDTO> {
        var parameters = QueryParameters(request)
        let save = parameters.boolean("save") ?? false
        try parameters.validate()
        if save {
            _ = try context.identity.require(.editor, to: "Saving an imported practice")
        }
        let body = try await request.body(
            ofType: ["text/plain", "text/markdown"], limit: Self.maximumImportBytes,
            expected: "the document as text/plain or text/markdown, in UTF-8")
        guard let document = String(validating: body.readableBytesView, as: UTF8.self) else {
            throw AppError.invalid(field: "body", reason: "the document is not valid UTF-8 text")
        }
        guard !document.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw AppError.invalid(field: "body", reason: "the document is empty")
        }
        let importer = PracticeImporter(vocabulary: vocabulary, repository: repository, writer: writer)
        let draft = try await importer.draft(document, savingAs: save ? context.identity : nil, logger: context.logger)
        guard let id = draft.id else { return EditedResponse(response: draft) }
        return EditedResponse(status: .created, headers: [.location: "/api/v1/practices/\(id)"], response: draft)
    }
}
