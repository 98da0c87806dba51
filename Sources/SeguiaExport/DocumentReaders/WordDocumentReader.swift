import Foundation
import SeguiaCore

/// Reads a Word (.docx, WordprocessingML) document into a `DocumentOutline`.
///
/// Paragraph styles decide headings (Title, Heading 1–9 and their translations, or the outline
/// level a style or paragraph sets), numbered and list paragraphs become items, table rows
/// become rows, footnotes, endnotes and comments are kept as notes after the paragraph that
/// refers to them, the core properties become metadata. Deleted tracked changes, field codes,
/// tables of contents and the fallback copies of drawings are left out.
public enum WordDocumentReader {
    static let kind = "Word document"

    public static func outline(_ data: Data) throws -> DocumentOutline {
        let archive = try OfficeArchive(data, kind: kind)
        return try outline(archive)
    }

    static func outline(_ archive: OfficeArchive) throws -> DocumentOutline {
        let mainPath = try mainDocumentPath(archive)
        guard let document = try archive.part(mainPath, kind: kind) else {
            throw DocumentReadError.unreadable("the \(kind) has no main part (\(mainPath))")
        }
        let folder = mainPath.split(separator: "/").dropLast().joined(separator: "/")
        func sibling(_ name: String) -> String { folder.isEmpty ? name : folder + "/" + name }

        let styles = WordStyles()
        if let data = try archive.part(sibling("styles.xml"), kind: kind) { try XMLEvents.read(data, into: styles, kind: kind) }
        let notes = WordNotes()
        for name in ["footnotes.xml", "endnotes.xml", "comments.xml"] {
            if let data = try archive.part(sibling(name), kind: kind) { try XMLEvents.read(data, into: notes, kind: kind) }
        }
        let body = WordBody(styles: styles.resolved(), notes: notes)
        try XMLEvents.read(document, into: body, kind: kind)
        let metadata = try CoreProperties.fields(of: archive, at: "docProps/core.xml", kind: kind)
        return DocumentOutline(blocks: body.blocks, metadata: metadata)
    }

    /// The main part named by the package relationships (usually `word/document.xml`).
    private static func mainDocumentPath(_ archive: OfficeArchive) throws -> String {
        if let relationships = try archive.part("_rels/.rels", kind: kind) {
            let reader = PackageRelationships()
            try XMLEvents.read(relationships, into: reader, kind: kind)
            if let target = reader.officeDocument {
                return target.hasPrefix("/") ? String(target.dropFirst()) : target
            }
        }
        return "word/document.xml"
    }
}

/// `_rels/.rels`: the target of the officeDocument relationship.
final class PackageRelationships: XMLEventHandler {
    var officeDocument: String?

    func start(_ name: String, namespace: String?, attributes: [String: String]) {
        if name == "Relationship", attributes["Type"]?.hasSuffix("/officeDocument") == true, officeDocument == nil {
            officeDocument = attributes["Target"]
        }
    }

    func end(_ name: String, namespace: String?) {}
    func text(_ text: String) {}
}
