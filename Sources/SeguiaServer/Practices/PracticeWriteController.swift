import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// Writing practices (`POST`, `PUT`, `PATCH`, `DELETE`).
///
/// Changes need a contributor's token and `If-Match` with the ETag last read: a missing one is 428,
/// a stale one 412, and nothing is written in either case. A change of a published sheet's
/// content goes to its pending draft, which the answer then is (`Content-Location` names it);
/// readers keep seeing the published text until the draft is published.
struct PracticeWriteController<Context: IdentifiedRequestContext> {
    let repository: PracticeRepository
    let writer: PracticeWriter

    /// Largest JSON body accepted.
    static var maximumBodyBytes: Int { 1_048_576 }

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .post(use: create)
            .put("{identifier}", use: replace)
            .patch("{identifier}", use: patch)
            .delete("{identifier}", use: archive)
            .delete("{identifier}/draft", use: discardDraft)
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> EditedResponse<PracticeDetailDTO> {
        let author = try context.identity.require(.contributor, to: "Creating a practice")
        let input = try await Self.input(request)
        var content = try input.applied(to: PracticeContent(slug: "", title: ""), replacingAll: true)
        let derivingSlug = input.slug == nil && !content.title.isEmpty
        if derivingSlug { content.slug = Slug.from(content.title) }
        let id = try await writer.create(content, derivingSlug: derivingSlug, by: author, logger: context.logger)
        let stored = try await repository.find(String(id), audience: .administrator, logger: context.logger)
        return EditedResponse(
            status: .created, headers: [.location: "/api/v1/practices/\(id)", .eTag: stored.entityTag], response: PracticeDetailDTO(stored))
    }

    @Sendable func replace(_ request: Request, context: Context) async throws -> EditedResponse<PracticeDetailDTO> {
        try await change(request, context: context, action: "Replacing a practice") { input, current in
            (try input.applied(to: current, replacingAll: true), "replaced")
        }
    }

    @Sendable func patch(_ request: Request, context: Context) async throws -> EditedResponse<PracticeDetailDTO> {
        try await change(request, context: context, action: "Changing a practice") { input, current in
            (try input.applied(to: current, replacingAll: false), "changed " + input.presentFields.sorted().joined(separator: ", "))
        }
    }

    /// Archives the practice: nothing is ever deleted.
    @Sendable func archive(_ request: Request, context: Context) async throws -> EditedResponse<PracticeDetailDTO> {
        try await change(request, context: context, action: "Archiving a practice", readsBody: false) { _, current in
            var archived = current
            archived.status = .archived
            return (archived, "archived")
        }
    }

    /// Drops the pending draft of a published sheet, which stays as it is.
    @Sendable func discardDraft(_ request: Request, context: Context) async throws -> EditedResponse<PracticeDetailDTO> {
        let author = try context.identity.require(.contributor, to: "Discarding a pending draft")
        let identifier = try context.parameters.require("identifier")
        let id = try await repository.resolve(identifier, audience: author.audience, logger: context.logger)
        let expected = try Self.expectedRevision(request, id: id)
        _ = try await writer.discardPendingDraft(id: id, expectedRevision: expected, by: author, logger: context.logger)
        let stored = try await repository.find(String(id), audience: author.audience, logger: context.logger)
        return EditedResponse(headers: [.eTag: stored.entityTag], response: PracticeDetailDTO(stored))
    }

    private func change(
        _ request: Request, context: Context, action: String, readsBody: Bool = true,
        _ transform: @escaping @Sendable (PracticeInput, PracticeContent) throws -> (PracticeContent, String)
    ) async throws -> EditedResponse<PracticeDetailDTO> {
        let author = try context.identity.require(.contributor, to: action)
        let identifier = try context.parameters.require("identifier")
        let id = try await repository.resolve(identifier, audience: author.audience, logger: context.logger)
        let expected = try Self.expectedRevision(request, id: id)
        let input = readsBody ? try await Self.input(request) : try PracticeInput.decode(ByteBuffer(string: "{}"))
        _ = try await writer.change(id: id, expectedRevision: expected, by: author, message: input.message, logger: context.logger) { current in
            try transform(input, current)
        }
        let stored = try await repository.find(String(id), audience: author.audience, logger: context.logger)
        if let draft = PracticeDetailDTO(pendingDraftOf: stored) {
            return EditedResponse(headers: [.eTag: stored.entityTag, .contentLocation: "/api/v1/practices/\(id)/draft"], response: draft)
        }
        return EditedResponse(headers: [.eTag: stored.entityTag], response: PracticeDetailDTO(stored))
    }

    /// The revision `If-Match` names: 428 without the header, 412 when it names another practice or is malformed.
    static func expectedRevision(_ request: Request, id: Int64) throws -> Int {
        Int(try EntityTag.version(in: request, prefix: "", id: id, resource: "practice"))
    }

    static func input(_ request: Request) async throws -> PracticeInput {
        let body = try await request.body(ofType: ["application/json"], limit: maximumBodyBytes, expected: "the practice as application/json")
        return try PracticeInput.decode(body)
    }
}
