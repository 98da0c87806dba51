import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET uri`, as a browser asking for `acceptLanguage` would send it.
public func getPage(_ client: any TestClientProtocol, _ uri: String, acceptLanguage: String? = nil) async throws -> TestResponse {
    var headers = HTTPFields()
    if let acceptLanguage { headers[.acceptLanguage] = acceptLanguage }
    return try await client.execute(uri: uri, method: .get, headers: headers)
}

/// The HTML of a page that must answer 200.
public func pageHTML(_ client: any TestClientProtocol, _ uri: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
    let response = try await getPage(client, uri)
    #expect(response.status == .ok, "\(uri)", sourceLocation: sourceLocation)
    #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)", sourceLocation: sourceLocation)
    return String(buffer: response.body)
}

/// One part of a `multipart/form-data` body: a field (no file name) or a file.
public struct MultipartPart: Sendable {
    public var name: String
    public var filename: String?
    public var type: String?
    public var bytes: [UInt8]

    public init(_ name: String, filename: String? = nil, type: String? = nil, bytes: [UInt8]) {
        self.name = name
        self.filename = filename
        self.type = type
        self.bytes = bytes
    }

    public init(_ name: String, _ value: String) {
        self.init(name, bytes: Array(value.utf8))
    }
}

/// A `multipart/form-data` body, as a browser writes it.
public func multipartBody(_ parts: [MultipartPart], boundary: String) -> ByteBuffer {
    var body: [UInt8] = []
    for part in parts {
        var header = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
        if let filename = part.filename { header += "; filename=\"\(filename)\"" }
        header += "\r\n"
        if let type = part.type { header += "Content-Type: \(type)\r\n" }
        body += Array((header + "\r\n").utf8) + part.bytes + Array("\r\n".utf8)
    }
    body += Array("--\(boundary)--\r\n".utf8)
    return ByteBuffer(bytes: body)
}

/// The headers of an API request: JSON, with a bearer token and `If-Match` when given.
public func apiHeaders(_ token: String?, ifMatch: String? = nil) -> HTTPFields {
    var fields: HTTPFields = [.contentType: "application/json"]
    if let token { fields[.authorization] = "Bearer \(token)" }
    if let ifMatch { fields[.ifMatch] = ifMatch }
    return fields
}

/// An answer's body as a JSON object; fails the test when it is not one.
public func jsonObject(_ response: TestResponse) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
}
