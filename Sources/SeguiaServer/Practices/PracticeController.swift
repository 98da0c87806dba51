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
    let reader: PracticeDocumentReader

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get(use: list)
            .post("import", use: importDocument)
            .get("{identifier}", use: get)
            .get("{identifier}/draft", use: pendingDraft)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> PracticePageDTO {
        var parameters = QueryParameters(request)
        let query = PracticeQuery(&parameters)
        try parameters.validate()
        let page = try await search.search(query, audience: context.identity.audience, logger: context.logger)
        return PracticePageDTO(page, searching: query.text != nil)
    }

    @Sendable func get(_ request: Request, context: Context) async throws -> EditedResponse<PracticeDetailDTO> {
        let identifier = try context.parameters.require("identifier")
        let practice = try await repository.find(identifier, audience: context.identity.audience, logger: context.logger)
        return EditedResponse(headers: [.eTag: practice.entityTag], response: PracticeDetailDTO(practice))
    }

    /// The next version of a published sheet, being written or reviewed: for the people who work on sheets.
    @Sendable func pendingDraft(_ request: Request, context: Context) async throws -> EditedResponse<PracticeDetailDTO> {
        let identifier = try context.parameters.require("identifier")
        let practice = try await repository.find(identifier, audience: context.identity.audience, logger: context.logger)
        guard let draft = PracticeDetailDTO(pendingDraftOf: practice) else {
            throw AppError.notFound(resource: "pending draft of practice", identifier: identifier)
        }
        return EditedResponse(headers: [.eTag: practice.entityTag], response: draft)
    }

    /// Reads a document (text, Markdown, Word, OpenDocument, PDF) into a structured draft; stores it as a draft with `save=true` (contributors).
    @Sendable func importDocument(_ request: Request, context: Context) async throws -> EditedResponse<ImportDraftDTO> {
        var parameters = QueryParameters(request)
        let save = parameters.boolean("save") ?? false
        try parameters.validate()
        if save {
            _ = try context.identity.require(.contributor, to: "Saving an imported practice")
        }
        let contentType = request.headers[.contentType].map(MediaType.init)
        let body = try await request.body(
            ofType: DocumentFormat.acceptedMediaTypes, limit: PracticeDocumentReader.maximumBytes,
            expected: "the document as text/plain, text/markdown, a Word (.docx), OpenDocument (.odt) or PDF file, with its media type",
            anyCharset: true)
        let importer = PracticeImporter(vocabulary: vocabulary, repository: repository, writer: writer, reader: reader)
        let draft: ImportDraftDTO
        do {
            draft = try await importer.draft(
                Array(body.readableBytesView), mediaType: contentType?.type, charset: contentType?.parameters["charset"],
                savingAs: save ? context.identity : nil, logger: context.logger)
        } catch let error as DocumentReadError {
            switch error {
            case .unsupported(let message): throw HTTPError(.unsupportedMediaType, message: message.prefix(1).uppercased() + message.dropFirst() + ".")
            case .unreadable(let message): throw AppError.invalid(field: "body", reason: message)
            }
        }
        guard let id = draft.id else { return EditedResponse(response: draft) }
        return EditedResponse(status: .created, headers: [.location: "/api/v1/practices/\(id)"], response: draft)
    }
}

/// A `Content-Type` value: the media type in lower case and its parameters.
struct MediaType {
    var type: String
    var parameters: [String: String]

    init(_ header: String) {
        let parts = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        type = parts.first?.lowercased() ?? ""
        var parameters: [String: String] = [:]
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2 { parameters[pair[0].lowercased()] = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        self.parameters = parameters
    }
}
