import Foundation

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
