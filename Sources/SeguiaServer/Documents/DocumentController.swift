import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SeguiaCore
import SeguiaStore

/// `/api/v1/documents`: project documents, uploaded as multipart forms, found by their words,
/// downloaded as attachments.
struct DocumentController<Context: IdentifiedRequestContext> {
    let repository: DocumentRepository
    let writer: DocumentWriter
    let upload: DocumentUpload

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get(use: list)
            .post(use: add)
            .get("{id}", use: get)
            .get("{id}/content", use: content)
            .patch("{id}", use: change)
            .delete("{id}", use: remove)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> DocumentPageDTO {
        var parameters = QueryParameters(request)
        let query = DocumentQuery(&parameters)
        try parameters.validate()
        let page = try await repository.search(query, audience: context.identity.audience, logger: context.logger)
        return DocumentPageDTO(
            total: page.total, items: page.items.map { DocumentDTO($0, snippet: page.snippets[$0.id]) },
            kinds: Dictionary(uniqueKeysWithValues: page.kindCounts.map { ($0.key.rawValue, $0.value) }))
    }

    @Sendable func get(_ request: Request, context: Context) async throws -> EditedResponse<DocumentDTO> {
        let id = try context.parameters.require("id", as: Int64.self)
        let document = try await repository.find(id, audience: context.identity.audience, logger: context.logger)
        return EditedResponse(headers: [.eTag: document.entityTag], response: DocumentDTO(document))
    }

    /// The bytes, streamed a chunk at a time, always as an attachment: never shown by the
    /// browser as a page, whatever they hold.
    @Sendable func content(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let file = try await repository.file(of: id, audience: context.identity.audience, logger: context.logger)
        let headers = Self.downloadHeaders(file)
        if request.headers[.ifNoneMatch] == headers[.eTag] { return Response(status: .notModified, headers: headers) }
        return Self.download(file, headers: headers, repository: repository, logger: context.logger)
    }

    /// The file's bytes as a response, a chunk at a time.
    static func download(_ file: DocumentRepository.File, headers: HTTPFields, repository: DocumentRepository, logger: Logger) -> Response {
        var headers = headers
        headers[.contentLength] = String(file.byteCount)
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody(contentLength: Int(file.byteCount)) { body in
                try await repository.streamBlob(file.blobID, logger: logger) { try await body.write($0) }
                try await body.finish(nil)
            })
    }

    static func downloadHeaders(_ file: DocumentRepository.File) -> HTTPFields {
        let type = file.mediaType.hasPrefix("text/") ? file.mediaType + "; charset=utf-8" : file.mediaType
        return [
            .contentType: type,
            .contentDisposition: ContentDisposition.attachment(file.fileName),
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            .contentSecurityPolicy: "sandbox; default-src 'none'",
            .cacheControl: file.confidentiality == .public ? "public, max-age=3600" : "private, no-store",
            .eTag: "\"\(file.sha256)\"",
        ]
    }

    /// `multipart/form-data`: the file in a part named `file`, the metadata in the other fields.
    @Sendable func add(_ request: Request, context: Context) async throws -> EditedResponse<AddedDocumentDTO> {
        let author = try context.identity.require(.contributor, to: "Adding a document")
        let (form, spool) = try await SpooledMultipart.read(request, limit: DocumentFileType.maximumBytes + 1_048_576)
        defer { spool.remove() }
        guard let file = form.files.first(where: { $0.name == "file" }), let fileName = file.filename, !fileName.isEmpty else {
            throw AppError.invalid(field: "file", reason: "send the document in a part named 'file', with its file name")
        }
        var parameters = QueryParameters(
            query: form.fields.map { FormEncoding.encoded($0.name) + "=" + FormEncoding.encoded($0.value) }.joined(separator: "&"),
            maximumLength: SpooledMultipart.maximumFieldBytes)
        let metadata = DocumentInput.metadata(&parameters, fileName: fileName)
        // Every problem of the form at once: the fields' own, then the metadata's rules.
        let issues = parameters.issues + metadata.issues()
        if !issues.isEmpty { throw AppError.invalid(issues) }
        let prepared: DocumentUpload.Prepared
        do {
            prepared = try await upload.prepare(file.body, fileName: fileName, logger: context.logger)
        } catch DocumentUpload.Refusal.tooLarge {
            throw HTTPError(.contentTooLarge, message: "A document is at most \(DocumentFileType.maximumBytes / 1_048_576) MiB.")
        } catch DocumentUpload.Refusal.unsupported(let reason) {
            throw HTTPError(.unsupportedMediaType, message: reason + ".")
        }
        let added = try await writer.add(
            metadata, file: file.body, sha256: prepared.sha256, fileName: fileName, type: prepared.type, text: prepared.text, by: author,
            logger: context.logger)
        let stored = try await repository.find(added.id, audience: author.audience, logger: context.logger)
        return EditedResponse(
            status: .created, headers: [.location: "/api/v1/documents/\(added.id)", .eTag: stored.entityTag],
            response: AddedDocumentDTO(document: DocumentDTO(stored), fileStoredAlready: added.fileExisted))
    }

    @Sendable func change(_ request: Request, context: Context) async throws -> EditedResponse<DocumentDTO> {
        let author = try context.identity.require(.contributor, to: "Changing a document")
        let id = try context.parameters.require("id", as: Int64.self)
        _ = try await repository.find(id, audience: author.audience, logger: context.logger)
        let expected = Int(try EntityTag.version(in: request, prefix: "d", id: id, resource: "document"))
        let body = try await request.body(ofType: ["application/json"], limit: 65_536, expected: "the changes as application/json")
        _ = try await writer.change(id: id, expectedVersion: expected, by: author, logger: context.logger) { current in
            try DocumentInput.patched(current, body: body)
        }
        let stored = try await repository.find(id, audience: author.audience, logger: context.logger)
        return EditedResponse(headers: [.eTag: stored.entityTag], response: DocumentDTO(stored))
    }

    @Sendable func remove(_ request: Request, context: Context) async throws -> Response {
        let author = try context.identity.require(.contributor, to: "Removing a document")
        let id = try context.parameters.require("id", as: Int64.self)
        _ = try await repository.find(id, audience: author.audience, logger: context.logger)
        let expected = Int(try EntityTag.version(in: request, prefix: "d", id: id, resource: "document"))
        try await writer.remove(id: id, expectedVersion: expected, by: author, logger: context.logger)
        return Response(status: .noContent)
    }
}

extension DocumentQuery {
    init(_ parameters: inout QueryParameters) {
        self.init()
        text = parameters.string("q", limit: 300)
        kinds = parameters.facet("kind") { DocumentKind(rawValue: $0)?.rawValue }.compactMap(DocumentKind.init(rawValue:))
        language = parameters.enumeration("language", as: Language.self)
        practice = parameters.string("practice", limit: 120)
        agreement = parameters.string("agreement", limit: 64)?.uppercased()
        organisation = parameters.string("organisation", limit: 64)?.uppercased()
        territory = parameters.territoryCode("territory")
        limit = parameters.integer("limit", in: 1...DocumentQuery.maximumLimit) ?? 20
        offset = parameters.integer("offset", in: 0...100_000) ?? 0
    }
}

/// `Content-Disposition: attachment` with the file's name, in ASCII and in UTF-8 (RFC 6266).
enum ContentDisposition {
    static func attachment(_ fileName: String) -> String {
        let ascii = String(fileName.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
