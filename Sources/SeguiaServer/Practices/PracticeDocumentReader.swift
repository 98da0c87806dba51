import Foundation
import SeguiaCore
import SeguiaExport

/// Reads an uploaded document of any format the importer knows into a `DocumentOutline`.
/// The format is found from the bytes; a declared media type that says otherwise is refused.
public struct PracticeDocumentReader: Sendable {
    /// Largest document read, in bytes.
    public static let maximumBytes = 20 << 20
    private let pdf: PDFTextExtractor

    /// `programSearchPath`: a `PATH`-style list where `pdftotext` and `pdfinfo` are looked for.
    public init(programSearchPath: String? = nil) {
        pdf = PDFTextExtractor(searchPath: programSearchPath ?? "/usr/local/bin:/usr/bin:/bin:/opt/homebrew/bin")
    }

    /// The document's format and outline. `mediaType` is the declared type (without parameters), if any.
    public func read(_ bytes: [UInt8], mediaType: String?, charset: String?) async throws -> (DocumentFormat, DocumentOutline) {
        guard !bytes.isEmpty else { throw DocumentReadError.unreadable("the document is empty") }
        guard bytes.count <= Self.maximumBytes else {
            throw DocumentReadError.unreadable("the document is larger than \(Self.maximumBytes >> 20) MiB")
        }
        let declared = mediaType.flatMap(DocumentFormat.named(byMediaType:))
        let signature = DocumentSignature(bytes)
        let format: DocumentFormat
        let outline: DocumentOutline
        switch signature {
        case .pdf:
            try expect(.pdf, declared: declared)
            format = .pdf
            outline = try await pdf.outline(bytes)
        case .zip:
            (format, outline) = try OfficeDocumentReader.outline(Data(bytes))
            try expect(format, declared: declared)
        case .compoundFile:
            throw DocumentReadError.unsupported(
                "the file is a Word 97–2003 (.doc) or other older Office file: save it as .docx or .odt and send it again")
        case .rtf:
            throw DocumentReadError.unsupported("the file is in RTF: save it as .docx, .odt or plain text and send it again")
        case .html:
            throw DocumentReadError.unsupported("the file is an HTML page: save it as .docx, .odt or PDF, or paste its text")
        case .image(let kind):
            throw DocumentReadError.unsupported("the file is a \(kind) image: Seguia reads the text of documents, not pictures")
        case .utf16, .text:
            if let declared, declared != .text, declared != .markdown { try expect(.text, declared: declared) }
            let text = try TextDecoding.decode(bytes, charset: charset)
            guard text.contains(where: { !$0.isWhitespace }) else { throw DocumentReadError.unreadable("the document is empty") }
            format = declared == .markdown || Self.looksLikeMarkdown(text) ? .markdown : .text
            outline = PlainTextReader.outline(text)
        }
        guard !outline.blocks.isEmpty else { throw DocumentReadError.unreadable("the \(format.displayName) holds no text") }
        return (format, outline)
    }

    private func expect(_ actual: DocumentFormat, declared: DocumentFormat?) throws {
        guard let declared, declared != actual, !(actual == .text && declared == .markdown) else { return }
        let sent = declared.mediaTypes.sorted().first ?? ""
        let right = actual.mediaTypes.sorted().first ?? ""
        throw DocumentReadError.unsupported("the body is a \(actual.displayName), but its Content-Type says \(sent): send it as \(right)")
    }

    private static func looksLikeMarkdown(_ text: String) -> Bool {
        text.split(separator: "\n").prefix(200).contains { $0.hasPrefix("# ") || $0.hasPrefix("## ") }
    }
}
