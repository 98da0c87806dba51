import Foundation

/// The kinds of document a sheet can be imported from.
public enum DocumentFormat: String, Sendable, Codable, CaseIterable {
    case text, markdown, docx, odt, pdf

    /// The media types that name each format in a request.
    public var mediaTypes: Set<String> {
        switch self {
        case .text: ["text/plain"]
        case .markdown: ["text/markdown", "text/x-markdown"]
        case .docx: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"]
        case .odt: ["application/vnd.oasis.opendocument.text"]
        case .pdf: ["application/pdf"]
        }
    }

    /// Media types that say nothing of the content: the bytes decide.
    public static let unspecifiedMediaTypes: Set<String> = ["application/octet-stream", "binary/octet-stream", "application/msword"]

    /// The format a media type names, if any.
    public static func named(byMediaType mediaType: String) -> DocumentFormat? {
        allCases.first { $0.mediaTypes.contains(mediaType) }
    }

    /// Every media type an import accepts.
    public static var acceptedMediaTypes: Set<String> {
        allCases.reduce(into: unspecifiedMediaTypes) { $0.formUnion($1.mediaTypes) }
    }

    /// A name for people, in messages.
    public var displayName: String {
        switch self {
        case .text: "plain text"
        case .markdown: "Markdown"
        case .docx: "Word (.docx) document"
        case .odt: "OpenDocument text (.odt)"
        case .pdf: "PDF document"
        }
    }
}
