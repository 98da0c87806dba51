import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// Writing practices (`POST`, `PUT`, `PATCH`, `DELETE`) and reading their revisions.
///
/// Changes need an editor's token and `If-Match` with the ETag last read: a missing one is 428,
/// a stale one 412, and nothing is written in either case.
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
            .get("{identifier}/revisions", use: revisions)
            .get("{identifier}/revisions/{number}", use: revision)
            .get("{identifier}/revisions/{number}/diff", use: diff)
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> EditedResponse<PracticeDetailDTO> {
        let author = try context.identity.require(.editor, to: "Creating a practice")
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

    @Sendable func revisions(_ request: Request, context: Context) async throws -> RevisionListDTO {
        let identifier = try context.parameters.require("identifier")
        let (id, revisions) = try await repository.revisions(of: identifier, audience: context.identity.audience, logger: context.logger)
        return RevisionListDTO(practice: id, items: revisions.map(RevisionDTO.init))
    }

    @Sendable func revision(_ request: Request, context: Context) async throws -> PracticeContent {
        let identifier = try context.parameters.require("identifier")
        let number = try context.parameters.require("number", as: Int.self)
        return try await repository.content(of: identifier, atRevision: number, audience: context.identity.audience, logger: context.logger)
    }

    /// What changed between revision `against` (default: the one before) and revision `number`.
    @Sendable func diff(_ request: Request, context: Context) async throws -> RevisionDiffDTO {
        let identifier = try context.parameters.require("identifier")
        let number = try context.parameters.require("number", as: Int.self)
        var parameters = QueryParameters(request)
        let against = parameters.integer("against", in: 1...Int(Int32.max)) ?? (number - 1)
        try parameters.validate()
        let audience = context.identity.audience
        let old = try await repository.content(of: identifier, atRevision: against, audience: audience, logger: context.logger)
        let new = try await repository.content(of: identifier, atRevision: number, audience: audience, logger: context.logger)
        return try RevisionDiffDTO(from: against, to: number, old: old, new: new)
    }

    private func change(
        _ request: Request, context: Context, action: String, readsBody: Bool = true,
        _ transform: @escaping @Sendable (PracticeInput, PracticeContent) throws -> (PracticeContent, String)
    ) async throws -> EditedResponse<PracticeDetailDTO> {
        let author = try context.identity.require(.editor, to: action)
        let identifier = try context.parameters.require("identifier")
        let id = try await repository.resolve(identifier, audience: author.audience, logger: context.logger)
        let expected = try Self.expectedRevision(request, id: id)
        let input = readsBody ? try await Self.input(request) : try PracticeInput.decode(ByteBuffer(string: "{}"))
        _ = try await writer.change(id: id, expectedRevision: expected, by: author, logger: context.logger) { current in
            try transform(input, current)
        }
        let stored = try await repository.find(String(id), audience: author.audience, logger: context.logger)
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

struct RevisionDTO: Codable, Sendable {
    var revision: Int
    var createdAt: String
    var author: String
    var summary: String
    var changedFields: [String]
    var changedSections: [String]

    init(_ revision: PracticeRevision) {
        self.revision = revision.number
        createdAt = ISO8601DateFormatter().string(from: revision.createdAt)
        author = revision.author
        summary = revision.summary
        changedFields = revision.changedFields
        changedSections = revision.changedSections
    }

    enum CodingKeys: String, CodingKey {
        case revision, author, summary
        case createdAt = "created_at"
        case changedFields = "changed_fields"
        case changedSections = "changed_sections"
    }
}

struct RevisionListDTO: ResponseEncodable {
    var practice: Int64
    var items: [RevisionDTO]
}

extension PracticeContent: ResponseEncodable {}

/// Field by field, the values of two revisions where they differ; sections compared by position.
struct RevisionDiffDTO: ResponseEncodable {
    struct Change: Encodable {
        var from: JSONValue
        var to: JSONValue
    }

    var from: Int
    var to: Int
    var fields: [String: Change]

    init(from: Int, to: Int, old: PracticeContent, new: PracticeContent) throws {
        self.from = from
        self.to = to
        let before = try JSONValue.object(of: old)
        let after = try JSONValue.object(of: new)
        var fields: [String: Change] = [:]
        for key in Set(before.keys).union(after.keys) where before[key] != after[key] {
            fields[key] = Change(from: before[key] ?? .null, to: after[key] ?? .null)
        }
        self.fields = fields
    }
}

/// A JSON value, to compare and echo parts of documents.
enum JSONValue: Codable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The top-level fields of an encodable value.
    static func object(of value: some Encodable) throws -> [String: JSONValue] {
        let data = try JSONEncoder().encode(value)
        guard case .object(let fields) = try JSONDecoder().decode(JSONValue.self, from: data) else { return [:] }
        return fields
    }
}
