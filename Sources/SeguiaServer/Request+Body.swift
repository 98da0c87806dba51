import HTTPTypes
import Hummingbird

extension Request {
    /// The body, provided its media type is one of `mediaTypes` (415 otherwise) and it holds at
    /// most `limit` bytes (413 otherwise).
    func body(ofType mediaTypes: Set<String>, limit: Int, expected: String) async throws -> ByteBuffer {
        let mediaType = headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let mediaType, mediaTypes.contains(mediaType) else {
            throw HTTPError(.unsupportedMediaType, message: "Send \(expected).")
        }
        let body = try await body.collect(upTo: limit + 1)
        guard body.readableBytes <= limit else {
            throw HTTPError(.contentTooLarge, message: "Bodies here are limited to \(limit) bytes.")
        }
        return body
    }
}
