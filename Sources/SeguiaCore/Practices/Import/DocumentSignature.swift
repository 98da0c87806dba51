import Foundation

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
