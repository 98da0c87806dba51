import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore

/// An RFC 9457 problem document, the body of every error answer.
public struct ProblemDetails: Codable, Sendable, Equatable {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String?
    public var instance: String?
    /// Field-level issues for invalid input.
    public var errors: [ProblemError]?
    /// The request's id, to find it in the server's log.
    public var requestId: String?

    public init(
        type: String = "about:blank", title: String, status: Int, detail: String? = nil, instance: String? = nil,
        errors: [ProblemError]? = nil, requestId: String? = nil
    ) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.instance = instance
        self.errors = errors
        self.requestId = requestId
    }

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, instance, errors
        case requestId = "request_id"
    }
}

/// One precise problem: a field, or a line and column of an uploaded file.
public struct ProblemError: Codable, Sendable, Equatable {
    public var field: String?
    public var line: Int?
    public var column: String?
    public var message: String

    public init(field: String? = nil, line: Int? = nil, column: String? = nil, message: String) {
        self.field = field
        self.line = line
        self.column = column
        self.message = message
    }
}

extension ProblemDetails {
    static let mediaType = "application/problem+json"

    func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{\"title\":\"Internal Server Error\",\"status\":500}".utf8)
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: Self.mediaType],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
