import Foundation
import SeguiaCore

/// Opens a ZIP-based office document and reads it with the reader of its kind, found from
/// its parts rather than from its name or declared type.
public enum OfficeDocumentReader {
    public static func outline(_ data: Data) throws -> (DocumentFormat, DocumentOutline) {
        let archive = try OfficeArchive(data, kind: "document")
        if let mimetype = try archive.part("mimetype", kind: "document").map({ String(decoding: $0, as: UTF8.self) }) {
            let type = mimetype.trimmingCharacters(in: .whitespacesAndNewlines)
            guard type == OpenDocumentReader.mediaType || type == "application/vnd.oasis.opendocument.text-template" else {
                throw DocumentReadError.unsupported(
                    "the file is an OpenDocument file of type \(type), not a text: save it as .odt, .docx or plain text")
            }
            return (.odt, try OpenDocumentReader.outline(archive))
        }
        let paths = archive.paths
        if paths.contains("word/document.xml") || paths.contains("[Content_Types].xml") && paths.contains(where: { $0.hasPrefix("word/") }) {
            return (.docx, try WordDocumentReader.outline(archive))
        }
        if paths.contains(where: { $0.hasPrefix("xl/") }) {
            throw DocumentReadError.unsupported("the file is an Excel workbook, not a text document: send the sheet as .docx, .odt, PDF or text")
        }
        if paths.contains(where: { $0.hasPrefix("ppt/") }) {
            throw DocumentReadError.unsupported("the file is a PowerPoint presentation, not a text document: send the sheet as .docx, .odt, PDF or text")
        }
        throw DocumentReadError.unsupported("the file is a ZIP archive that is neither a Word (.docx) nor an OpenDocument (.odt) text")
    }
}
