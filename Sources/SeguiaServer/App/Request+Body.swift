import HTTPTypes
import Hummingbird

extension Request {
    /// The body, provided its media type is one of `mediaTypes` (415 otherwise) and it holds at
    /// most `limit` bytes (413 otherwise). Unless `anyCharset`, a declared charset other than
    /// UTF-8 is refused (415) rather than read as UTF-8 and mangled.
    func body(ofType mediaTypes: Set<String>, limit: Int, expected: String, anyCharset: Bool = false) async throws -> ByteBuffer {
        try requireMediaType(mediaTypes, expected: expected, anyCharset: anyCharset)
        let body = try await body.collect(upTo: limit + 1)
        guard body.readableBytes <= limit else {
            throw HTTPError(.contentTooLarge, message: "Bodies here are limited to \(limit) bytes.")
        }
        return body
    }

    /// The body as it arrives, for uploads read as a stream; past `limit` bytes reading it throws 413.
    func streamedBody(ofType mediaTypes: Set<String>, limit: Int, expected: String) throws -> LimitedBody<RequestBody> {
        try requireMediaType(mediaTypes, expected: expected, anyCharset: false)
        return LimitedBody(base: body, limit: limit)
    }

    private func requireMediaType(_ mediaTypes: Set<String>, expected: String, anyCharset: Bool) throws {
        guard let header = headers[.contentType] else { throw HTTPError(.unsupportedMediaType, message: "Send \(expected).") }
        let mediaType = MediaType(header)
        guard mediaTypes.contains(mediaType.type) else {
            throw HTTPError(.unsupportedMediaType, message: "Send \(expected).")
        }
        if !anyCharset, let charset = mediaType.parameters["charset"]?.lowercased(), !["utf-8", "utf8", "us-ascii"].contains(charset) {
            throw HTTPError(.unsupportedMediaType, message: "The body is declared \(charset.prefix(40)); send it as UTF-8.")
        }
    }
}

/// A body that refuses to go past a size, counted as it streams.
struct LimitedBody<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable where Base.Element == ByteBuffer {
    typealias Element = ByteBuffer
    let base: Base
    let limit: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let limit: Int
        var received = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await base.next() else { return nil }
            received += chunk.readableBytes
            guard received <= limit else { throw HTTPError(.contentTooLarge, message: "Bodies here are limited to \(limit) bytes.") }
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), limit: limit)
    }
}
