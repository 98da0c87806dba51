import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

/// A translation is added or changed beside the original, never over it; what PATCH does not
/// name is kept.
@Suite struct TranslationEndpointTests {
    private func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test func translationsNeverReplaceTheOriginalAndPagesShowThem() async throws {
        try await withTestDatabase { endpoint in
            let token = try await withPostgresClient(endpoint, logger: testLogger) { client in
                try await TokenRepository(database: Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout))
                    .create(name: "ngo", role: .admin, organisation: nil, logger: testLogger)
            }
            try await withTestApp(endpoint: endpoint) { app in
                func headers(_ etag: String? = nil) -> HTTPFields {
                    var fields: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(token)"]
                    if let etag { fields[.ifMatch] = etag }
                    return fields
                }
                let sheet = #"""
                    {"title": "Réutilisation des eaux usées à Tubas", "summary": "Des eaux traitées pour les vergers.",
                     "sections": [{"key": "levers", "title": "Ce qui a aidé", "text": "Un comité d'usagers.", "items": ["Tarif voté"]}]}
                    """#
                let created = try await app.execute(uri: "/api/v1/practices", method: .post, headers: headers(), body: ByteBuffer(string: sheet))
                #expect(created.status == .created)
                let location = try #require(created.headers[.location])
                var etag = try #require(created.headers[.eTag])

                // The reported defect: an English section sent the obvious way replaced the French.
                let english = #"{"sections": [{"key": "levers", "language": "en", "title": "What helped", "text": "A users' committee."}]}"#
                let translated = try await app.execute(uri: location, method: .patch, headers: headers(etag), body: ByteBuffer(string: english))
                #expect(translated.status == .ok)
                etag = try #require(translated.headers[.eTag])
                let section = try #require((try json(translated)["sections"] as? [[String: Any]])?.first)
                #expect(section["title"] as? String == "Ce qui a aidé")
                #expect(section["text"] as? String == "Un comité d'usagers.")
                #expect(section["items"] as? [String] == ["Tarif voté"])
                let en = try #require((section["translations"] as? [String: Any])?["en"] as? [String: Any])
                #expect(en["text"] as? String == "A users' committee." && en["title"] as? String == "What helped")
                #expect(en["translation_status"] as? String == "machine")

                // The original's text changed without its heading: the heading stays.
                let retext = #"{"sections": [{"key": "levers", "text": "Un comité d'usagers élu."}]}"#
                let retexted = try await app.execute(uri: location, method: .patch, headers: headers(etag), body: ByteBuffer(string: retext))
                etag = try #require(retexted.headers[.eTag])
                let kept = try #require((try json(retexted)["sections"] as? [[String: Any]])?.first)
                #expect(kept["title"] as? String == "Ce qui a aidé" && kept["items"] as? [String] == ["Tarif voté"])
                #expect(((kept["translations"] as? [String: Any])?["en"] as? [String: Any])?["text"] as? String == "A users' committee.")

                // Title and summary: translated beside the original; the sheet's own language is refused.
                let own = #"{"translations": {"fr": {"title": "Autre titre"}}}"#
                #expect(try await app.execute(uri: location, method: .patch, headers: headers(etag), body: ByteBuffer(string: own)).status
                    == .unprocessableContent)
                let titles = #"{"translations": {"en": {"title": "Wastewater reuse in Tubas", "translation_status": "reviewed"}, "ar": {"title": "إعادة استخدام المياه في طوباس"}}}"#
                let titled = try await app.execute(uri: location, method: .patch, headers: headers(etag), body: ByteBuffer(string: titles))
                #expect(titled.status == .ok)
                etag = try #require(titled.headers[.eTag])
                let body = try json(titled)
                #expect(body["title"] as? String == "Réutilisation des eaux usées à Tubas")
                let translations = try #require(body["translations"] as? [String: [String: Any]])
                #expect(translations["en"]?["title"] as? String == "Wastewater reuse in Tubas")
                #expect(translations["en"]?["translation_status"] as? String == "reviewed")
                let slug = try #require(body["slug"] as? String)

                // Published, the pages give each reader the title in their language; the search finds the English words.
                for step in [#"{"status": "in_review", "message": "Traductions faites"}"#, #"{"status": "published"}"#] {
                    let moved = try await app.execute(uri: location, method: .patch, headers: headers(etag), body: ByteBuffer(string: step))
                    #expect(moved.status == .ok)
                    etag = try #require(moved.headers[.eTag])
                }
                let englishPage = try await pageHTML(app, "/en/practices/\(slug)")
                #expect(englishPage.contains(#"<h1 lang="en" dir="auto">Wastewater reuse in Tubas</h1>"#))
                #expect(englishPage.contains("What helped"))
                // The summary has no English yet: said so under it, not on the French page.
                #expect(englishPage.contains(#"<p class="notice">Translation not available — original text in French.</p>"#))
                #expect(!(try await pageHTML(app, "/fr/practices/\(slug)")).contains("Traduction non disponible"))
                #expect(try await pageHTML(app, "/fr/practices/\(slug)").contains(#"<h1 lang="fr" dir="auto">Réutilisation des eaux usées à Tubas</h1>"#))
                #expect(try await pageHTML(app, "/ar/practices?q=طوباس").contains("إعادة استخدام المياه في طوباس"))
                #expect(try await pageHTML(app, "/en/practices?q=committee").contains("Wastewater reuse in Tubas"))

                // null removes one language's translation and nothing else; on the published sheet, in its new draft.
                let removal = #"{"translations": {"ar": null}}"#
                let removed = try await app.execute(uri: location, method: .patch, headers: headers(etag), body: ByteBuffer(string: removal))
                #expect(try #require(try json(removed)["translations"] as? [String: Any]).keys.sorted() == ["en"])
                #expect(try json(removed)["is_pending_draft"] as? Bool == true)
                #expect(try await pageHTML(app, "/ar/practices/\(slug)").contains("إعادة استخدام المياه في طوباس"))
                let revisions = try await app.execute(uri: "\(location)/revisions", method: .get, headers: headers())
                let changed = try #require(try json(revisions)["items"] as? [[String: Any]]).compactMap { $0["changed_fields"] as? [String] }
                #expect(changed.filter { $0.contains("translations") }.count == 2)
            }
        }
    }
}
