import Foundation
import Hummingbird
import Logging
import SeguiaCore
import SeguiaStore

/// Turns a file (an upload's part, a file of a folder) into what the writer stores: its type
/// found from its bytes, its hash, and the text the importer's readers find in it.
public struct DocumentUpload: Sendable {
    let reader: PracticeDocumentReader

    public init(reader: PracticeDocumentReader) {
        self.reader = reader
    }

    /// Largest file whose text is read for the search; a larger one is found by its title and tags.
    public static let maximumIndexedBytes = 16 * 1024 * 1024

    public struct Prepared: Sendable {
        public var type: DocumentFileType
        public var sha256: [UInt8]
        public var text: String?
    }

    public enum Refusal: Error {
        case tooLarge
        case unsupported(String)
    }

    public func prepare(_ file: FileSlice, fileName: String, logger: Logger) async throws -> Prepared {
        let type = try identify(file, fileName: fileName)
        let sha256 = try await file.sha256()
        return Prepared(type: type, sha256: sha256, text: try await text(of: file, type: type, logger: logger))
    }

    /// What the file is, or why it is not kept.
    public func identify(_ file: FileSlice, fileName: String) throws -> DocumentFileType {
        guard file.length <= DocumentFileType.maximumBytes else { throw Refusal.tooLarge }
        guard let type = DocumentFileType.identify(prefix: try file.prefix(64), fileName: fileName) else {
            throw Refusal.unsupported(
                "'\(fileName.prefix(120))' is not one of the files kept here (\(DocumentFileType.acceptedExtensions.joined(separator: ", "))), or its bytes are not what its name says")
        }
        return type
    }

    /// The words of Word, OpenDocument, PDF and text files; nil for the others or when unreadable
    /// (the document is kept all the same).
    public func text(of file: FileSlice, type: DocumentFileType, logger: Logger) async throws -> String? {
        guard file.length <= Self.maximumIndexedBytes, ["docx", "odt", "pdf", "txt", "md", "csv"].contains(type.fileExtension) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(file.length)
        try await file.forEachChunk(size: 1 << 20) { bytes += $0 }
        let mediaType = type.fileExtension == "csv" || type.fileExtension == "md" ? "text/plain" : type.mediaType
        do {
            let (_, outline) = try await reader.read(bytes, mediaType: mediaType, charset: nil)
            let text = PracticeImporter.plainText(of: outline)
            return text.isEmpty ? nil : String(text.replacingOccurrences(of: "\u{0}", with: "").prefix(2_000_000))
        } catch {
            logger.info("document text not read", metadata: ["type": "\(type.fileExtension)", "reason": "\(error)"])
            return nil
        }
    }
}
