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
