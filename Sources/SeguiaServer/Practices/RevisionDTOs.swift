import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

struct RevisionDTO: Codable, Sendable {
    var revision: Int
    var createdAt: String
    var author: String
    var summary: String
    var changedFields: [String]
    var changedSections: [String]
    var step: String
    var message: String?

    init(_ revision: PracticeRevision) {
        self.revision = revision.number
        createdAt = ISO8601DateFormatter().string(from: revision.createdAt)
        author = revision.author
        summary = revision.summary
        changedFields = revision.changedFields
        changedSections = revision.changedSections
        step = revision.step.rawValue
        message = revision.message
    }

    enum CodingKeys: String, CodingKey {
        case revision, author, summary, step, message
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
