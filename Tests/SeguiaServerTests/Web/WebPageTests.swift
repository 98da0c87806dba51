import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SeguiaCore
@testable import SeguiaServer
import SeguiaTestSupport
import Testing

@Suite struct WebPageTests {
    @Test(arguments: [
        ("ar-MA,ar;q=0.9,fr;q=0.8", "/ar"), ("en-GB,en;q=0.9", "/en"), ("de-DE,de;q=0.9", "/fr"), ("fr;q=0.3,en;q=0.7", "/en"),
        ("ar;q=0", "/fr"), ("", "/fr"),
    ])
    func theRootSendsTheReaderToTheirLanguage(_ header: String, _ location: String) async throws {
        try await withTestApp { client in
            let response = try await getPage(client, "/", acceptLanguage: header.isEmpty ? nil : header)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == location)
            #expect(response.headers[.vary] == "Accept-Language")
        }
    }

    @Test func everyPageAnswersInEachLanguageWithItsDirectionAndASwitchThatKeepsThePage() async throws {
        try await withTestApp { client in
            for language in ["fr", "en", "ar"] {
                for path in ["", "/practices", "/practices?q=eau+Maroc&theme=governance", "/practices/cle-en-mediterranee"] {
                    let response = try await getPage(client, "/\(language)\(path)")
                    #expect(response.status == .ok, "\(language)\(path)")
                    let html = String(buffer: response.body)
                    #expect(html.contains("<html lang=\"\(language)\" dir=\"\(language == "ar" ? "rtl" : "ltr")\">"), "\(language)\(path)")
                    let kept = path.replacingOccurrences(of: "&", with: "&amp;")
                    for other in ["fr", "en", "ar"] {
                        #expect(html.contains("hreflang=\"\(other)\" href=\"/\(other)\(kept)\""), "\(language)\(path) → \(other)")
                    }
                    #expect(html.contains("<title>") && !html.contains("<title> — Seguia</title>"))
                    let policy = try #require(response.headers[.contentSecurityPolicy])
                    #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
                    #expect(response.headers[.contentLanguage] == language)
                }
            }
        }
    }

    @Test func errorsOnPagesArePagesInTheReadersLanguageAndTheAPIKeepsProblemDocuments() async throws {
        try await withTestApp { client in
            let missing = try await getPage(client, "/fr/practices/nulle-part")
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "text/html; charset=utf-8")
            #expect(String(buffer: missing.body).contains("Page introuvable"))
            let arabic = try await getPage(client, "/ar/nothing-here")
            #expect(arabic.status == .notFound)
            #expect(String(buffer: arabic.body).contains("الصفحة غير موجودة"))
            let invalid = try await getPage(client, "/en/practices?from=soon")
            #expect(invalid.status == .unprocessableContent)
            let body = String(buffer: invalid.body)
            #expect(body.contains("Request not understood") && body.contains("<code dir=\"ltr\">from</code>"))
            let api = try await getPage(client, "/api/v1/practices/nulle-part")
            #expect(api.status == .notFound)
            #expect(api.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func assetsAreCachedByTheirContentHash() async throws {
        try await withTestApp { client in
            let html = try await pageHTML(client, "/fr")
            let link = try #require(html.range(of: "/static/seguia\\.css\\?v=[0-9a-f]+", options: .regularExpression).map { String(html[$0]) })
            let first = try await getPage(client, link)
            #expect(first.status == .ok)
            #expect(first.headers[.contentType] == "text/css; charset=utf-8")
            let tag = try #require(first.headers[.eTag])
            var headers = HTTPFields()
            headers[.ifNoneMatch] = tag
            let again = try await client.execute(uri: link, method: .get, headers: headers)
            #expect(again.status == .notModified)
            #expect(try await getPage(client, "/static/other.css").status == .notFound)
        }
    }

    /// Every word a template asks for exists in the three catalogues.
    /// What a person wrote goes into a sentence as written, even when it holds a placeholder's name.
    @Test func placeholdersAreReplacedOnceAndNeverInsideTheValues() throws {
        let catalogue = try Catalogue.load()
        #expect(catalogue.text("step_said", .fr, ["step": "soumise", "message": "voir {step} et {message}"]) == "soumise : voir {step} et {message}")
        #expect(catalogue.text("step_said", .en, ["message": "{x}"]) == "{step}: {x}")
    }

    @Test func theCataloguesAreCompleteForEveryTemplate() throws {
        let catalogue = try Catalogue.load()
        let french = Set(catalogue.entries[.fr]?.keys ?? [:].keys)
        for language in [Language.en, .ar] {
            #expect(Set(catalogue.entries[language]?.keys ?? [:].keys) == french, "\(language)")
        }
        let renderer = try WebRenderer.load()
        for name in ["layout", "home", "practices", "practice", "error", "practice-card"] {
            #expect(renderer.library.getTemplate(named: name) != nil, "\(name)")
        }
        let directory = try #require(WebRenderer.templateDirectory)
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            let keys = text.matches(of: /\{\{t\.([a-z0-9_]+)\}\}/).map { String($0.1) }
            for key in keys { #expect(french.contains(key), "\(file): t.\(key)") }
        }
    }
}
