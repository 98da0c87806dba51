import Foundation
import Hummingbird
import SeguiaStore

/// A `multipart/form-data` body spooled to disk, cut into its parts without reading it into
/// memory: the text fields are read (they are small), the files are slices of the spool that
/// are then streamed where they go. What a 50 MiB upload takes in memory is one window.
struct SpooledMultipart {
    struct Part {
        var name: String
        var filename: String?
        var contentType: String?
        var body: FileSlice
    }

    var fields: [(name: String, value: String)] = []
    var files: [Part] = []

    /// Longest text field kept.
    static let maximumFieldBytes = 64 * 1024
    private static let window = 1 << 20

    /// Spools the request's body (at most `limit` bytes) and cuts it; a body that is not
    /// well-formed multipart is a 400, one over the limit a 413. The spool is the caller's to remove.
    static func read(_ request: Request, limit: Int) async throws -> (SpooledMultipart, UploadSpool) {
        guard let header = request.headers[.contentType], MediaType(header).type == "multipart/form-data",
            let boundary = MediaType(header).parameters["boundary"], !boundary.isEmpty, boundary.count <= 70
        else { throw HTTPError(.unsupportedMediaType, message: "Send the document as multipart/form-data, the file in a part named 'file'.") }
        let spool = try await UploadSpool.spool(LimitedBody(base: request.body, limit: limit))
        do {
            return (try parse(spool.url, byteCount: spool.byteCount, boundary: boundary), spool)
        } catch {
            spool.remove()
            throw error
        }
    }

    static func parse(_ url: URL, byteCount: Int, boundary: String) throws -> SpooledMultipart {
        let delimiters = try delimiterOffsets(url, byteCount: byteCount, delimiter: Array("--\(boundary)".utf8))
        guard delimiters.count >= 2 else { throw HTTPError(.badRequest, message: "The form's body holds no part.") }
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var form = SpooledMultipart()
        let delimiterLength = boundary.utf8.count + 2
        for (start, next) in zip(delimiters, delimiters.dropFirst()) {
            // A part runs from after its delimiter's line to the CRLF before the next delimiter.
            let partStart = start + delimiterLength + 2
            let partEnd = next - 2
            guard partEnd >= partStart else { throw HTTPError(.badRequest, message: "A part of the form is cut short.") }
            try handle.seek(toOffset: UInt64(partStart))
            let head = [UInt8](try handle.read(upToCount: min(16 * 1024, partEnd - partStart)) ?? Data())
            guard let split = MultipartForm.firstIndex(of: Array("\r\n\r\n".utf8), in: head) else {
                throw HTTPError(.badRequest, message: "A part of the form has no headers, or headers over 16 kB.")
            }
            let (name, filename, contentType) = MultipartForm.partHeaders(String(decoding: head[..<split], as: UTF8.self))
            guard let name else { continue }
            let bodyStart = partStart + split + 4
            let body = FileSlice(url: url, offset: bodyStart, length: partEnd - bodyStart)
            if let filename {
                form.files.append(Part(name: name, filename: filename, contentType: contentType, body: body))
            } else {
                guard body.length <= maximumFieldBytes else {
                    throw HTTPError(.contentTooLarge, message: "The field '\(name.prefix(40))' is over \(maximumFieldBytes) bytes.")
                }
                try handle.seek(toOffset: UInt64(bodyStart))
                let bytes = try handle.read(upToCount: body.length) ?? Data()
                form.fields.append((name, String(decoding: bytes, as: UTF8.self)))
            }
        }
        return form
    }

    /// The offsets of every delimiter line up to the closing one (included), found window by
    /// window with an overlap, so that one cut between two windows is still seen.
    private static func delimiterOffsets(_ url: URL, byteCount: Int, delimiter: [UInt8]) throws -> [Int] {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var offsets: [Int] = []
        var carry: [UInt8] = []
        var position = 0
        while position < byteCount {
            guard let data = try handle.read(upToCount: window), !data.isEmpty else { break }
            let buffer = carry + [UInt8](data)
            let base = position - carry.count
            var from = 0
            while let found = MultipartForm.firstIndex(of: delimiter, in: buffer, from: from) {
                let offset = base + found
                // Too near the window's end to see what follows it: the next window, which
                // starts with this one's tail, sees it whole.
                if found + delimiter.count + 2 > buffer.count, position + data.count < byteCount { break }
                // A delimiter starts the body or follows a CRLF; anything else is content.
                let atLineStart = offset == 0 || (found >= 2 && buffer[found - 2] == 13 && buffer[found - 1] == 10)
                if atLineStart, offsets.last != offset {
                    offsets.append(offset)
                    let after = found + delimiter.count
                    if after + 1 < buffer.count, buffer[after] == UInt8(ascii: "-"), buffer[after + 1] == UInt8(ascii: "-") { return offsets }
                }
                from = found + 1
            }
            position += data.count
            carry = Array(buffer.suffix(delimiter.count + 3))
        }
        throw HTTPError(.badRequest, message: "The form's body does not end with its closing boundary.")
    }
}
