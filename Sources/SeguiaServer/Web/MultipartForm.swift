import Foundation
import Hummingbird
import SeguiaCore

/// A `multipart/form-data` body, as a form with a file sends it (RFC 7578): its text fields, and
/// its files with their names and media types.
struct MultipartForm {
    struct File {
        var name: String
        var filename: String
        var contentType: String?
        var bytes: [UInt8]
    }

    var fields: [(name: String, value: String)] = []
    var files: [File] = []

    /// The text fields as a form's parameters, with the same rules as any other form.
    var parameters: QueryParameters {
        QueryParameters(query: fields.map { FormEncoding.encoded($0.name) + "=" + FormEncoding.encoded($0.value) }.joined(separator: "&"),
                        maximumLength: TextLimits.sectionText)
    }

    /// Reads the request's body, at most `limit` bytes; a body that is not well-formed multipart is a 400.
    static func read(_ request: Request, limit: Int) async throws -> MultipartForm {
        guard let header = request.headers[.contentType], MediaType(header).type == "multipart/form-data",
            let boundary = MediaType(header).parameters["boundary"], !boundary.isEmpty, boundary.count <= 200
        else { throw HTTPError(.unsupportedMediaType, message: "Send the form as multipart/form-data.") }
        let body = try await request.body.collect(upTo: limit + 1)
        guard body.readableBytes <= limit else { throw HTTPError(.contentTooLarge, message: "Bodies here are limited to \(limit) bytes.") }
        return try parse(Array(body.readableBytesView), boundary: boundary)
    }

    static func parse(_ bytes: [UInt8], boundary: String) throws -> MultipartForm {
        let delimiter = Array("--\(boundary)".utf8)
        var form = MultipartForm()
        var parts: [ArraySlice<UInt8>] = []
        var start: Int?
        var index = 0
        while let found = firstIndex(of: delimiter, in: bytes, from: index) {
            if let start { parts.append(bytes[start..<max(start, found - 2)]) }  // the CRLF before a delimiter is the delimiter's
            index = found + delimiter.count
            if bytes.count >= index + 2, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: "-") { break }
            index += 2  // CRLF after the delimiter
            start = index
        }
        for slice in parts {
            let part = Array(slice)
            guard let split = firstIndex(of: Array("\r\n\r\n".utf8), in: part, from: 0) else {
                throw HTTPError(.badRequest, message: "A part of the form has no headers.")
            }
            let content = Array(part[(split + 4)...])
            let (name, filename, contentType) = partHeaders(String(decoding: part[..<split], as: UTF8.self))
            guard let name else { continue }
            if let filename {
                form.files.append(File(name: name, filename: filename, contentType: contentType, bytes: content))
            } else {
                form.fields.append((name, String(decoding: content, as: UTF8.self)))
            }
        }
        return form
    }

    /// A part's field name, file name and media type, from its header lines.
    static func partHeaders(_ text: String) -> (name: String?, filename: String?, contentType: String?) {
        var name: String?
        var filename: String?
        var contentType: String?
        for line in text.components(separatedBy: "\r\n") {
            let pieces = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2 else { continue }
            switch pieces[0].lowercased() {
            case "content-disposition":
                let disposition = MediaType(pieces[1])
                name = disposition.parameters["name"]
                filename = disposition.parameters["filename"]
            case "content-type":
                contentType = pieces[1]
            default:
                continue
            }
        }
        return (name, filename, contentType)
    }

    /// Where `needle` first starts in `haystack` at or after `start`.
    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        let last = haystack.count - needle.count
        return haystack.withUnsafeBufferPointer { bytes in
            var index = start
            while index <= last {
                if bytes[index] == first {
                    var matched = true
                    for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                        matched = false
                        break
                    }
                    if matched { return index }
                }
                index += 1
            }
            return nil
        }
    }
}
