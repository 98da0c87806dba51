import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import SeguiaCore
@testable import SeguiaServer
import SeguiaStore
import SeguiaTestSupport
import Testing

@Suite struct WebPageTests {
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

    @Test(arguments: [
        ("ar-MA,ar;q=0.9,fr;q=0.8", "/ar"), ("en-GB,en;q=0.9", "/en"), ("de-DE,de;q=0.9", "/fr"), ("fr;q=0.3,en;q=0.7", "/en"),
        ("ar;q=0", "/fr"), ("", "/fr"),
    ])
    func theRootSendsTheReaderToTheirLanguage(_ header: String, _ location: String) async throws {
        try await withTestApp { client in
            let response = try await get(client, "/", language: header.isEmpty ? nil : header)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == location)
            #expect(response.headers[.vary] == "Accept-Language")
        }
    }

    @Test func everyPageAnswersInEachLanguageWithItsDirectionAndASwitchThatKeepsThePage() async throws {
        try await withTestApp { client in
            for language in ["fr", "en", "ar"] {
                for path in ["", "/practices", "/practices?q=eau+Maroc&theme=governance", "/practices/cle-en-mediterranee"] {
                    let response = try await get(client, "/\(language)\(path)")
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

    /// `+` and `%20` are both spaces; theme names in English and Arabic find French sheets.
    @Test func searchReadsSpacesAsFormsWriteThemAndMatchesThemeNamesInEveryLanguage() async throws {
        try await withTestApp { client in
            for query in ["eau+Maroc", "eau%20Maroc", "wastewater+reuse", "%D8%A5%D8%B9%D8%A7%D8%AF%D8%A9+%D8%A7%D8%B3%D8%AA%D8%AE%D8%AF%D8%A7%D9%85+%D8%A7%D9%84%D9%85%D9%8A%D8%A7%D9%87"] {
                let html = try await page(client, "/fr/practices?q=\(query)")
                #expect(html.contains("Pratiques trouvées : 1"), "\(query)")
                #expect(html.contains("href=\"/fr/practices/cle-en-mediterranee\""), "\(query)")
            }
            let none = try await page(client, "/fr/practices?q=zorglub&theme=governance")
            #expect(none.contains("Pratiques trouvées : 0"))
            // An empty result offers to drop each filter and the text.
            #expect(none.contains("href=\"/fr/practices?theme=governance\""))
            #expect(none.contains("href=\"/fr/practices?q=zorglub\""))
        }
    }

    @Test func facetsCombineAndEachLinkRemovesWhatItAdded() async throws {
        try await withTestApp { client in
            let html = try await page(client, "/fr/practices?q=eau")
            // The territory tree with counts that include what a territory contains.
            #expect(html.contains("href=\"/fr/practices?q=eau&amp;territory=MA\""))
            #expect(html.contains("href=\"/fr/practices?q=eau&amp;territory=MA-TAR\""))
            let filtered = try await page(client, "/fr/practices?q=eau&territory=MA&theme=wastewater_reuse")
            #expect(filtered.contains("Pratiques trouvées : 1"))
            #expect(filtered.contains("href=\"/fr/practices?q=eau&amp;theme=wastewater_reuse\""))
            #expect(filtered.contains("href=\"/fr/practices?q=eau&amp;territory=MA\""))
        }
    }

    /// What an author wrote never runs: titles, summaries, sections and quotes are escaped on
    /// every page and in the Markdown download.
    @Test func whatAuthorsWroteIsEscapedEverywhere() async throws {
        try await withTestDatabase { endpoint in
            try await withPostgresClient(endpoint, logger: testLogger) { postgres in
                let rows = try await postgres.query(
                    """
                    INSERT INTO practices (slug, title, summary, language, status, confidentiality, created_by, updated_by)
                    VALUES ('piege', '<img src=x onerror=alert(1)> eau *gras*', '<script>alert(2)</script> résumé', 'fr', 'published', 'public', 't', 't')
                    RETURNING practice_id
                    """, logger: testLogger)
                var id: Int64 = 0
                for try await value in rows.decode(Int64.self) { id = value }
                try await postgres.query(
                    "INSERT INTO practice_sections (practice_id, position, section_key, title) VALUES (\(id), 1, 'levers', '<b>Leviers</b>')",
                    logger: testLogger)
                try await postgres.query(
                    """
                    INSERT INTO practice_section_texts (practice_section_id, language, body, items, quotes)
                    SELECT practice_section_id, 'fr', '<iframe src=//evil></iframe>', '["<svg onload=alert(3)>"]', '[{"text": "<u>dit</u>", "speaker": "<i>élu</i>"}]'
                    FROM practice_sections WHERE practice_id = \(id)
                    """, logger: testLogger)
                try await postgres.query(
                    "INSERT INTO practice_revisions (practice_id, revision, author, change_summary, content) VALUES (\(id), 1, 't', 'created', practice_snapshot(\(id)))",
                    logger: testLogger)
            }
            try await withTestApp(endpoint: endpoint) { client in
                for uri in ["/fr/practices/piege", "/ar/practices/piege", "/fr/practices?q=eau", "/fr"] {
                    let html = try await page(client, uri)
                    for raw in ["<img src=x", "<script>alert", "<b>Leviers", "<iframe", "<svg onload", "<u>dit", "<i>élu"] {
                        #expect(!html.contains(raw), "\(uri) shows \(raw) unescaped")
                    }
                }
                let sheet = try await page(client, "/fr/practices/piege")
                #expect(sheet.contains("&lt;img src=x onerror=alert(1)&gt;"))
                #expect(sheet.contains("&lt;iframe src=//evil&gt;&lt;/iframe&gt;"))
                let markdown = try await get(client, "/fr/practices/piege/sheet.md")
                #expect(markdown.status == .ok)
                let text = String(buffer: markdown.body)
                #expect(text.hasPrefix("# \\<img src=x onerror=alert(1)\\> eau \\*gras\\*"))
                #expect(text.contains("- \\<svg onload=alert(3)\\>"))
            }
        }
    }

    @Test func errorsOnPagesArePagesInTheReadersLanguageAndTheAPIKeepsProblemDocuments() async throws {
        try await withTestApp { client in
            let missing = try await get(client, "/fr/practices/nulle-part")
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "text/html; charset=utf-8")
            #expect(String(buffer: missing.body).contains("Page introuvable"))
            let arabic = try await get(client, "/ar/nothing-here")
            #expect(arabic.status == .notFound)
            #expect(String(buffer: arabic.body).contains("الصفحة غير موجودة"))
            let invalid = try await get(client, "/en/practices?from=soon")
            #expect(invalid.status == .unprocessableContent)
            let body = String(buffer: invalid.body)
            #expect(body.contains("Request not understood") && body.contains("<code dir=\"ltr\">from</code>"))
            let api = try await get(client, "/api/v1/practices/nulle-part")
            #expect(api.status == .notFound)
            #expect(api.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func theSheetDownloadsAsMarkdownInTheReadersLanguage() async throws {
        try await withTestApp { client in
            let response = try await get(client, "/en/practices/cle-en-mediterranee/sheet.md")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/markdown; charset=utf-8")
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"cle-en-mediterranee-en.md\"")
            let text = String(buffer: response.body)
            #expect(text.hasPrefix("# Clé en Méditerranée"))
            // Sections not translated say so, in the reader's language.
            #expect(text.contains("*Translation not available — original text in French.*"))
        }
    }

    @Test func assetsAreCachedByTheirContentHash() async throws {
        try await withTestApp { client in
            let html = try await page(client, "/fr")
            let link = try #require(html.range(of: "/static/seguia\\.css\\?v=[0-9a-f]+", options: .regularExpression).map { String(html[$0]) })
            let first = try await get(client, link)
            #expect(first.status == .ok)
            #expect(first.headers[.contentType] == "text/css; charset=utf-8")
            let tag = try #require(first.headers[.eTag])
            var headers = HTTPFields()
            headers[.ifNoneMatch] = tag
            let again = try await client.execute(uri: link, method: .get, headers: headers)
            #expect(again.status == .notModified)
            #expect(try await get(client, "/static/other.css").status == .notFound)
        }
    }

    /// Every word a template asks for exists in the three catalogues.
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

@Suite struct WebDirectoryAndComparePageTests {
    private func page(_ client: any TestClientProtocol, _ uri: String) async throws -> String {
        let response = try await client.execute(uri: uri, method: .get)
        #expect(response.status == .ok, "\(uri)")
        return String(buffer: response.body)
    }

    @Test func aTerritoryShowsWhereItIsWhatItHoldsAndItsFigures() async throws {
        try await withTestApp { client in
            let morocco = try await page(client, "/fr/territories/MA")
            #expect(morocco.contains("<h1>Maroc</h1>"))
            #expect(morocco.contains("href=\"/fr/territories/MA-09\""))
            #expect(morocco.contains("href=\"/fr/indicators/6.1.1\""))
            #expect(morocco.contains("href=\"/fr/practices/cle-en-mediterranee\""))
            let tubas = try await page(client, "/ar/territories/ps-tbs")
            // Its ancestors, in Arabic.
            #expect(tubas.contains("href=\"/ar/territories/PS\">فلسطين</a>"))
            let missing = try await client.execute(uri: "/fr/territories/XX-NOWHERE", method: .get)
            #expect(missing.status == .notFound)
        }
    }

    @Test func anIndicatorHasItsDefinitionSheetChartsCoverageAndSources() async throws {
        try await withTestApp { client in
            let html = try await page(client, "/fr/indicators/6.1.1")
            #expect(html.contains("SH_H2O_SAFE"))
            #expect(html.contains("JMP-2021") && html.contains("JMP-2023"))
            #expect(html.contains("class=\"coverage\""))
            #expect(html.contains("href=\"/api/v1/values.csv?indicator=6.1.1\""))
            // The Arabic name says where it comes from.
            let arabic = try await page(client, "/ar/indicators/6.4.2")
            #expect(arabic.contains("مستوى الإجهاد المائي"))
            #expect(arabic.contains("من ترجمة Seguia"))
            let official = try await page(client, "/ar/indicators/6.1.1")
            #expect(official.contains("الاسم العربي المعتمد لدى الأمم المتحدة"))
            let dictionary = try await page(client, "/en/indicators")
            #expect(dictionary.contains("href=\"/en/indicators/NRW\""))
        }
    }

    /// Checkboxes send one parameter per choice; the page keeps them and offers the downloads.
    @Test func theComparisonReadsCheckboxesAndPlacesEachSheetOnce() async throws {
        try await withTestApp { client in
            let html = try await page(
                client, "/fr/compare?territories=FR&territories=MA&territories=PS&indicators=6.1.1&themes=wastewater_reuse")
            #expect(html.contains("value=\"MA\" id=\"territory-MA\" checked"))
            #expect(html.contains("<th scope=\"col\"><a href=\"/fr/territories/PS\">Palestine</a></th>"))
            #expect(html.contains("href=\"/api/v1/reports/indicators?territories=FR,MA,PS&amp;indicators=6.1.1&amp;themes=wastewater_reuse&amp;lang=fr&amp;format=xlsx\""))
            #expect(html.components(separatedBy: "class=\"sheet-summary\"").count == 2)
            #expect(html.contains("<h4>Recommandations</h4>"))
            // A practice in Occitanie is placed in Occitanie's cell, not also in France's.
            let nested = try await page(client, "/fr/compare?territories=FR,FR-OCC&themes=wastewater_reuse")
            let row = try #require(nested.range(of: "<tr><th scope=\"row\"><a href=\"/fr/practices?theme=wastewater_reuse\">"))
            let cells = nested[row.upperBound...].components(separatedBy: "</tr>")[0].components(separatedBy: "<td>").dropFirst()
            #expect(cells.count == 2)
            #expect(cells.first?.contains("aucune pratique") == true)
            #expect(cells.last?.contains("Clé en Méditerranée") == true)
        }
    }
}
