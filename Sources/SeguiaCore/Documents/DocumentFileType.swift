import Foundation

/// The kinds of files Seguia keeps, told by their first bytes rather than by what the client
/// says: PDF, Word, OpenDocument, spreadsheets, presentations, images, plain text and CSV. A
/// file whose bytes belie its name (a "PDF" that is HTML) is refused; text is kept as text, and
/// every file is served as a download, never shown inline.
public struct DocumentFileType: Sendable, Equatable {
    public var mediaType: String
    public var fileExtension: String

    public static let maximumBytes = 50 * 1024 * 1024

    /// The names a file may end with, and what each is.
    static let byExtension: [String: String] = [
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt": "application/vnd.oasis.opendocument.text",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "odp": "application/vnd.oasis.opendocument.presentation",
        "doc": "application/msword",
        "xls": "application/vnd.ms-excel",
        "ppt": "application/vnd.ms-powerpoint",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "tif": "image/tiff",
        "tiff": "image/tiff",
        "txt": "text/plain",
        "md": "text/plain",
        "csv": "text/csv",
    ]

    public static var acceptedExtensions: [String] { byExtension.keys.sorted() }

    /// What the file is, from its first bytes (at least 16 when it has them) and its name; nil
    /// when it is none of the accepted kinds, or its bytes say another kind than its name.
    public static func identify(prefix: [UInt8], fileName: String) -> DocumentFileType? {
        let ext = (fileName as NSString).pathExtension.lowercased()
        func starts(_ signature: [UInt8], at offset: Int = 0) -> Bool {
            prefix.count >= offset + signature.count && Array(prefix[offset..<(offset + signature.count)]) == signature
        }
        let sniffed: [String]
        if starts(Array("%PDF-".utf8)) {
            sniffed = ["pdf"]
        } else if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            sniffed = ["png"]
        } else if starts([0xFF, 0xD8, 0xFF]) {
            sniffed = ["jpg", "jpeg"]
        } else if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) {
            sniffed = ["gif"]
        } else if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) {
            sniffed = ["webp"]
        } else if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) {
            sniffed = ["tif", "tiff"]
        } else if starts([0x50, 0x4B, 0x03, 0x04]) {
            sniffed = ["docx", "xlsx", "pptx", "odt", "ods", "odp"]
        } else if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            sniffed = ["doc", "xls", "ppt"]
        } else if !prefix.contains(0) {
            // Text: kept as text whatever it holds (HTML included), for it is never shown inline.
            sniffed = ["txt", "md", "csv"]
        } else {
            sniffed = []
        }
        guard sniffed.contains(ext), let mediaType = byExtension[ext] else { return nil }
        return DocumentFileType(mediaType: mediaType, fileExtension: ext)
    }
}
