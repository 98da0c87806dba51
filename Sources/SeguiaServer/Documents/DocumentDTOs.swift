import Foundation
import Hummingbird
import SeguiaCore

struct DocumentDTO: ResponseEncodable {
    struct Link: Codable, Sendable {
        var code: String
        var name: String?
    }

    struct Links: Codable, Sendable {
        var practices: [Link]
        var agreements: [Link]
        var organisations: [Link]
        var territories: [Link]
    }

    struct Translation: Codable, Sendable {
        var id: Int64
        var title: String
        var language: String?
        var href: String
    }

    struct File: Codable, Sendable {
        var name: String
        var mediaType: String
        var bytes: Int64
        var sha256: String
        var href: String

        enum CodingKeys: String, CodingKey {
            case name, bytes, sha256, href
            case mediaType = "media_type"
        }
    }

    var id: Int64
    var title: String
    var kind: String
    var language: String?
    var date: String?
    var confidentiality: String
    var organisation: Link?
    var translationOf: Int64?
    var translations: [Translation]
    var tags: [String]
    var links: Links
    var file: File
    var version: Int
    var createdAt: String
    var createdBy: String
    var updatedAt: String
    var updatedBy: String
    /// In a search: the words found in the file's text, `<mark>`ed, the rest escaped.
    var snippet: String?

    enum CodingKeys: String, CodingKey {
        case id, title, kind, language, date, confidentiality, organisation, translations, tags, links, file, version, snippet
        case translationOf = "translation_of"
        case createdAt = "created_at"
        case createdBy = "created_by"
        case updatedAt = "updated_at"
        case updatedBy = "updated_by"
    }

    init(_ document: StoredDocument, snippet: String? = nil) {
        let metadata = document.metadata
        let names = document.names
        id = document.id
        title = metadata.title
        kind = metadata.kind.rawValue
        language = metadata.language?.rawValue
        date = metadata.date
        confidentiality = metadata.confidentiality.rawValue
        organisation = metadata.organisation.map { Link(code: $0, name: names[$0]) }
        translationOf = metadata.translationOf
        translations = document.translations.map {
            Translation(id: $0.id, title: $0.title, language: $0.language?.rawValue, href: "/api/v1/documents/\($0.id)")
        }
        tags = metadata.tags
        links = Links(
            practices: metadata.links.practices.map { Link(code: $0, name: names["practice:\($0)"]) },
            agreements: metadata.links.agreements.map { Link(code: $0, name: names["agreement:\($0)"]) },
            organisations: metadata.links.organisations.map { Link(code: $0, name: names[$0]) },
            territories: metadata.links.territories.map { Link(code: $0, name: names[$0]) })
        file = File(
            name: document.fileName, mediaType: document.mediaType, bytes: document.byteCount, sha256: document.sha256,
            href: "/api/v1/documents/\(document.id)/content")
        version = document.version
        let formatter = ISO8601DateFormatter()
        createdAt = formatter.string(from: document.createdAt)
        createdBy = document.createdBy
        updatedAt = formatter.string(from: document.updatedAt)
        updatedBy = document.updatedBy
        self.snippet = snippet
    }
}

struct DocumentPageDTO: ResponseEncodable {
    var total: Int
    var items: [DocumentDTO]
    /// How many documents of each kind the search holds, whatever kinds are chosen.
    var kinds: [String: Int]
}

/// What an upload answers: the document, and whether its file was stored already.
struct AddedDocumentDTO: ResponseEncodable {
    var document: DocumentDTO
    var fileStoredAlready: Bool

    enum CodingKeys: String, CodingKey {
        case document
        case fileStoredAlready = "file_stored_already"
    }
}
