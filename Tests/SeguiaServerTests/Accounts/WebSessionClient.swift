import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Requests as a browser sends them to the pages: cookies, forms with their token.
struct WebSessionClient {
    let app: any TestClientProtocol

    static func cookie(_ name: String, in response: TestResponse) -> String? {
        for header in response.headers[values: .setCookie] where header.hasPrefix(name + "=") {
            return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    /// The first form token of a page.
    static func formToken(_ html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value="([^"]+)""#, options: .regularExpression) else { return nil }
        return String(html[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
    }

    func post(_ uri: String, _ fields: [(String, String)], cookies: [String: String], origin: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        if let origin { headers[HTTPField.Name("Origin")!] = origin }
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
        return try await app.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    func get(_ uri: String, cookies: [String: String]) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        return try await app.execute(uri: uri, method: .get, headers: headers)
    }

    /// The page's HTML as `session` sees it.
    func html(_ uri: String, session: String) async throws -> String {
        String(buffer: try await get(uri, cookies: ["seguia_session": session]).body)
    }

    /// Signs in through the form; returns the session cookie.
    func signIn(_ email: String, password: String) async throws -> String {
        let form = try await app.execute(uri: "/fr/sign-in", method: .get)
        let formCookie = try #require(Self.cookie("seguia_form", in: form))
        let token = try #require(Self.formToken(String(buffer: form.body)))
        let answer = try await post("/fr/sign-in", [("csrf", token), ("email", email), ("password", password)], cookies: ["seguia_form": formCookie])
        #expect(answer.status == .seeOther)
        return try #require(Self.cookie("seguia_session", in: answer))
    }
}
