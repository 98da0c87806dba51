import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SeguiaCore
@testable import SeguiaServer
import SeguiaTestSupport
import Testing

@Suite struct HomePageTests {
    private func get(_ client: any TestClientProtocol, _ uri: String, language: String? = nil) async throws -> TestResponse {
        var headers = HTTPFields()
        if let language { headers[.acceptLanguage] = language }
        return try await client.execute(uri: uri, method: .get, headers: headers)
    }

    private func page(_ client: any TestClientProtocol, _ uri: String) async throws -> String {
        let response = try await get(client, uri)
        #expect(response.status == .ok, "\(uri)")
        #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
        return String(buffer: response.body)
    }

    @Test func pagesSpeakTheReadersLanguage() async throws {
        try await withTestApp { client in
            #expect(try await page(client, "/fr").contains("Derniers chiffres de l&#39;ODD 6 par pays"))
            #expect(try await page(client, "/en").contains("Latest SDG 6 figures by country"))
            let arabic = try await page(client, "/ar")
            #expect(arabic.contains("آخر أرقام الهدف السادس حسب البلد"))
            // Names of territories and themes in the page's language.
            #expect(arabic.contains("المغرب") && arabic.contains("حوكمة المياه"))
            let english = try await page(client, "/en/practices")
            #expect(english.contains("Morocco") && english.contains("Water governance"))
        }
    }
}
