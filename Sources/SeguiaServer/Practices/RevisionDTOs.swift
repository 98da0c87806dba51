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
    /// A revision of the pending draft of a published sheet, not of what readers see.
    var ofPendingDraft: Bool

    init(_ revision: PracticeRevision) {
        self.revision = revision.number
        createdAt = ISO8601DateFormatter().string(from: revision.createdAt)
        author = revision.author
        summary = revision.summary
        changedFields = revision.changedFields
        changedSections = revision.changedSections
        step = revision.step.rawValue
        message = revision.message
        ofPendingDraft = revision.ofPendingDraft
    }

    enum CodingKeys: String, CodingKey {
        case revision, author, summary, step, message
        case createdAt = "created_at"
        case changedFields = "changed_fields"
        case changedSections = "changed_sections"
        case ofPendingDraft = "of_pending_draft"
    }
}

struct RevisionListDTO: ResponseEncodable {
    var practice: Int64
    var items: [RevisionDTO]
}

extension PracticeContent: ResponseEncodable {}

/// What changed between two revisions, word by word, only where they differ: each section
/// matched by key, each language on its own (`PracticeDiff`).
struct RevisionDiffDTO: ResponseEncodable {
    struct Change: Encodable {
        var field: String
        var section: String?
        var language: String?
        var segments: [WordDiff.Segment]
    }

    var from: Int
    var to: Int
    var changes: [Change]

    init(from: Int, to: Int, old: PracticeContent, new: PracticeContent) {
        self.from = from
        self.to = to
        changes = PracticeDiff.changes(from: old, to: new).map {
            Change(field: $0.field, section: $0.section?.rawValue, language: $0.language, segments: $0.segments)
        }
    }
}
