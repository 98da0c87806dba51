import Foundation
import Hummingbird
import SeguiaCore

/// The metadata of a document as a client sends it: form fields with an upload, a JSON object
/// with a `PATCH` (where only the fields named change).
enum DocumentInput {
    static let linkFields = ["practice", "agreement", "organisation", "territory"]

    /// The fields of an upload's form; links are repeated (`practice=a&practice=b`) or comma-separated.
    static func metadata(_ parameters: inout QueryParameters, fileName: String) -> DocumentMetadata {
        let stem = (fileName as NSString).deletingPathExtension
        let title = parameters.string("title", limit: 300) ?? (stem.isEmpty ? fileName : stem)
        let kind = parameters.enumeration("kind", as: DocumentKind.self) ?? .other
        let language = parameters.enumeration("language", as: Language.self)
        let date = parameters.string("date", limit: 10)
        let confidentiality = parameters.enumeration("confidentiality", as: Confidentiality.self) ?? .partners
        let translationOf = parameters.integer("translation_of", in: 1...Int(Int32.max)).map(Int64.init)
        let tags = parameters.list("tags").flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
        func codes(_ name: String, _ transform: (String) -> String) -> [String] {
            parameters.list(name).flatMap { $0.split(separator: ",").map { transform($0.trimmingCharacters(in: .whitespaces)) } }.filter { !$0.isEmpty }
        }
        let links = DocumentLinks(
            practices: codes("practice") { $0.lowercased() }, agreements: codes("agreement") { $0.uppercased() },
            organisations: codes("organisation") { $0.uppercased() }, territories: codes("territory") { TerritoryCode.normalise($0) })
        return DocumentMetadata(
            title: title, kind: kind, language: language, date: date, confidentiality: confidentiality, translationOf: translationOf, tags: tags,
            links: links)
    }

    static let patchFields: Set<String> = ["title", "kind", "language", "date", "confidentiality", "organisation", "translation_of", "tags", "links"]

    /// `current` with the fields of a `PATCH` body applied; `null` empties an optional field.
    static func patched(_ current: DocumentMetadata, body: ByteBuffer) throws -> DocumentMetadata {
        let data = try TextRules.checkedJSON(body)
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw AppError.invalid(field: "body", reason: "must be a JSON object")
        }
        var issues = Set(object.keys).subtracting(patchFields).sorted().map { FieldIssue(field: $0, reason: "is not a field of a document that can be changed") }
        var next = current
        func text(_ key: String) -> String?? {
            guard let value = object[key] else { return .none }
            if value is NSNull { return .some(nil) }
            guard let string = value as? String else {
                issues.append(FieldIssue(field: key, reason: "must be a string"))
                return .none
            }
            return .some(string)
        }
        func strings(_ value: Any?, field: String) -> [String]? {
            guard let value else { return nil }
            guard let list = value as? [String] else {
                issues.append(FieldIssue(field: field, reason: "must be a list of strings"))
                return nil
            }
            return list
        }
        if case .some(let title) = text("title") { next.title = title ?? "" }
        if case .some(let kind) = text("kind") {
            if let kind, let value = DocumentKind(rawValue: kind) { next.kind = value } else {
                issues.append(FieldIssue(field: "kind", reason: "is one of \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        if case .some(let language) = text("language") {
            if let language {
                if let value = Language(rawValue: language) { next.language = value } else { issues.append(FieldIssue(field: "language", reason: "is fr, en or ar")) }
            } else {
                next.language = nil
            }
        }
        if case .some(let date) = text("date") { next.date = date }
        if case .some(let confidentiality) = text("confidentiality") {
            if let confidentiality, let value = Confidentiality(rawValue: confidentiality) { next.confidentiality = value } else {
                issues.append(FieldIssue(field: "confidentiality", reason: "is public, partners or private"))
            }
        }
        if case .some(let organisation) = text("organisation") { next.organisation = organisation }
        if let original = object["translation_of"] {
            if original is NSNull {
                next.translationOf = nil
            } else if let number = original as? Int {
                next.translationOf = Int64(number)
            } else {
                issues.append(FieldIssue(field: "translation_of", reason: "must be a document's id, or null"))
            }
        }
        if let tags = strings(object["tags"], field: "tags") { next.tags = tags }
        if let links = object["links"] {
            guard let links = links as? [String: Any] else {
                issues.append(FieldIssue(field: "links", reason: "must be an object of practices, agreements, organisations and territories"))
                throw AppError.invalid(issues)
            }
            for key in Set(links.keys).subtracting(["practices", "agreements", "organisations", "territories"]).sorted() {
                issues.append(FieldIssue(field: "links.\(key)", reason: "is not a kind of link"))
            }
            if let values = strings(links["practices"], field: "links.practices") { next.links.practices = values.map { $0.lowercased() } }
            if let values = strings(links["agreements"], field: "links.agreements") { next.links.agreements = values.map { $0.uppercased() } }
            if let values = strings(links["organisations"], field: "links.organisations") { next.links.organisations = values.map { $0.uppercased() } }
            if let values = strings(links["territories"], field: "links.territories") { next.links.territories = values.map(TerritoryCode.normalise) }
        }
        if !issues.isEmpty { throw AppError.invalid(issues) }
        return next
    }
}
