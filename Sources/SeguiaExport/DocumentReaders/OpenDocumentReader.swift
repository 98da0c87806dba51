import Foundation
import SeguiaCore

/// Reads an OpenDocument text (.odt) into a `DocumentOutline`: `text:h` and heading or title
/// styles are headings, list items are items, table rows are rows, footnotes and annotations
/// are notes after their paragraph, `meta.xml` gives the metadata. Tracked deletions and tables
/// of contents are left out.
public enum OpenDocumentReader {
    static let kind = "OpenDocument text"
    static let mediaType = "application/vnd.oasis.opendocument.text"

    public static func outline(_ data: Data) throws -> DocumentOutline {
        try outline(OfficeArchive(data, kind: kind))
    }

    static func outline(_ archive: OfficeArchive) throws -> DocumentOutline {
        guard let content = try archive.part("content.xml", kind: kind) else {
            throw DocumentReadError.unreadable("the \(kind) has no content.xml")
        }
        let styles = OpenDocumentStyles()
        if let data = try archive.part("styles.xml", kind: kind) { try XMLEvents.read(data, into: styles, kind: kind) }
        // Automatic styles of content.xml come first in it: the same reader gathers them as it goes.
        let body = OpenDocumentBody(styles: styles)
        try XMLEvents.read(content, into: body, kind: kind)
        let metadata = try CoreProperties.fields(of: archive, at: "meta.xml", kind: kind)
        return DocumentOutline(blocks: body.blocks, metadata: metadata)
    }
}
