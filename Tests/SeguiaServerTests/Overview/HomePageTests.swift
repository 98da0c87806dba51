import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SeguiaCore
@testable import SeguiaServer
import SeguiaTestSupport
import Testing

@Suite struct HomePageTests {
    @Test func pagesSpeakTheReadersLanguage() async throws {
        try await withTestApp { client in
            #expect(try await pageHTML(client, "/fr").contains("Derniers chiffres de l&#39;ODD 6 par pays"))
            #expect(try await pageHTML(client, "/en").contains("Latest SDG 6 figures by country"))
            let arabic = try await pageHTML(client, "/ar")
            #expect(arabic.contains("آخر أرقام الهدف السادس حسب البلد"))
            // Names of territories and themes in the page's language.
            #expect(arabic.contains("المغرب") && arabic.contains("حوكمة المياه"))
            let english = try await pageHTML(client, "/en/practices")
            #expect(english.contains("Morocco") && english.contains("Water governance"))
        }
    }
}
