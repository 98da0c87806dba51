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

/// Why a document could not be read: `unsupported` is a kind Seguia does not read (415),
/// `unreadable` a document of a known kind that is damaged, empty or refused (422).
public enum DocumentReadError: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupported(String)
    case unreadable(String)

    public var description: String {
        switch self {
        case .unsupported(let message), .unreadable(let message): message
        }
    }
}

/// What the first bytes of a file say it is.
public enum DocumentSignature: Sendable, Equatable {
    case pdf, zip, compoundFile, rtf, html, image(String), utf16, text

    public init(_ bytes: some Collection<UInt8>) {
        let head = Array(bytes.prefix(16))
        func starts(_ prefix: [UInt8]) -> Bool { head.starts(with: prefix) }
        if starts(Array("%PDF-".utf8)) {
            self = .pdf
        } else if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) {
            self = .zip
        } else if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            self = .compoundFile
        } else if starts(Array("{\\rtf".utf8)) {
            self = .rtf
        } else if starts([0xFF, 0xFE]) || starts([0xFE, 0xFF]) {
            self = .utf16
        } else if starts([0x89, 0x50, 0x4E, 0x47]) {
            self = .image("PNG")
        } else if starts([0xFF, 0xD8, 0xFF]) {
            self = .image("JPEG")
        } else if starts(Array("GIF8".utf8)) {
            self = .image("GIF")
        } else {
            let opening = String(decoding: bytes.prefix(512), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            self = opening.hasPrefix("<!doctype html") || opening.hasPrefix("<html") ? .html : .text
        }
    }
}

/// Text documents decoded from their bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or a declared charset.
public enum TextDecoding {
    public static func decode(_ bytes: [UInt8], charset: String?) throws -> String {
        let declared = charset?.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || declared?.hasPrefix("utf-16") == true {
            let encoding: String.Encoding =
                bytes.starts(with: [0xFE, 0xFF]) || declared == "utf-16be" ? .utf16BigEndian
                : bytes.starts(with: [0xFF, 0xFE]) || declared == "utf-16le" ? .utf16LittleEndian : .utf16
            let body = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) ? Array(bytes.dropFirst(2)) : bytes
            guard body.count % 2 == 0, let text = String(data: Data(body), encoding: encoding) else {
                throw DocumentReadError.unreadable("the document is not valid UTF-16 text")
            }
            return try refusingNUL(text)
        }
        switch declared {
        case nil, "utf-8", "utf8", "us-ascii", "ascii":
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw DocumentReadError.unreadable("the document is not valid UTF-8 text (save it as UTF-8, or send it with its charset)")
            }
            return try refusingNUL(text)
        case "iso-8859-1", "latin1", "latin-1", "iso-8859-15":
            return try refusingNUL(String(bytes.map { Character(Unicode.Scalar($0)) }))
        case "windows-1252", "cp1252":
            guard let text = String(data: Data(bytes), encoding: .windowsCP1252) else {
                throw DocumentReadError.unreadable("the document is not valid windows-1252 text")
            }
            return try refusingNUL(text)
        default:
            throw DocumentReadError.unsupported("the charset « \(declared ?? "") » is not one Seguia reads: send UTF-8, UTF-16, ISO-8859-1 or windows-1252")
        }
    }

    private static func refusingNUL(_ text: String) throws -> String {
        guard !text.unicodeScalars.contains("\u{0}") else {
            throw DocumentReadError.unreadable("the document holds NUL characters: it is binary data, not text")
        }
        return text
    }
}
