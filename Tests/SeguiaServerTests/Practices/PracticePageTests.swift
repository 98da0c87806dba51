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

@Suite struct PracticePageTests {
    /// `+` and `%20` are both spaces; theme names in English and Arabic find French sheets.
    @Test func searchReadsSpacesAsFormsWriteThemAndMatchesThemeNamesInEveryLanguage() async throws {
        try await withTestApp { client in
            for query in ["eau+Maroc", "eau%20Maroc", "wastewater+reuse", "%D8%A5%D8%B9%D8%A7%D8%AF%D8%A9+%D8%A7%D8%B3%D8%AA%D8%AE%D8%AF%D8%A7%D9%85+%D8%A7%D9%84%D9%85%D9%8A%D8%A7%D9%87"] {
                let html = try await pageHTML(client, "/fr/practices?q=\(query)")
                #expect(html.contains("Pratiques trouvées : 1"), "\(query)")
                #expect(html.contains("href=\"/fr/practices/cle-en-mediterranee\""), "\(query)")
            }
            let none = try await pageHTML(client, "/fr/practices?q=zorglub&theme=governance")
            #expect(none.contains("Pratiques trouvées : 0"))
            // An empty result offers to drop each filter and the text.
            #expect(none.contains("href=\"/fr/practices?theme=governance\""))
            #expect(none.contains("href=\"/fr/practices?q=zorglub\""))
        }
    }

    @Test func facetsCombineAndEachLinkRemovesWhatItAdded() async throws {
        try await withTestApp { client in
            let html = try await pageHTML(client, "/fr/practices?q=eau")
            // The territory tree with counts that include what a territory contains.
            #expect(html.contains("href=\"/fr/practices?q=eau&amp;territory=MA\""))
            #expect(html.contains("href=\"/fr/practices?q=eau&amp;territory=MA-TAR\""))
            let filtered = try await pageHTML(client, "/fr/practices?q=eau&territory=MA&theme=wastewater_reuse")
            #expect(filtered.contains("Pratiques trouvées : 1"))
            #expect(filtered.contains("href=\"/fr/practices?q=eau&amp;theme=wastewater_reuse\""))
            #expect(filtered.contains("href=\"/fr/practices?q=eau&amp;territory=MA\""))
            // Values of one facet add up: with MA chosen, PS is offered as "MA or PS"; each chip removes its own value.
            #expect(filtered.contains("href=\"/fr/practices?q=eau&amp;territory=MA,PS&amp;theme=wastewater_reuse\""))
            let both = try await pageHTML(client, "/fr/practices?q=eau&territory=MA&territory=PS")
            #expect(both.contains("href=\"/fr/practices?q=eau&amp;territory=PS\"") && both.contains("href=\"/fr/practices?q=eau&amp;territory=MA\""))
            #expect(try await getPage(client, "/fr/practices?territory=MA,nowhere%21").status == .unprocessableContent)
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
                    let html = try await pageHTML(client, uri)
                    for raw in ["<img src=x", "<script>alert", "<b>Leviers", "<iframe", "<svg onload", "<u>dit", "<i>élu"] {
                        #expect(!html.contains(raw), "\(uri) shows \(raw) unescaped")
                    }
                }
                let sheet = try await pageHTML(client, "/fr/practices/piege")
                #expect(sheet.contains("&lt;img src=x onerror=alert(1)&gt;"))
                #expect(sheet.contains("&lt;iframe src=//evil&gt;&lt;/iframe&gt;"))
                let markdown = try await getPage(client, "/fr/practices/piege/sheet.md")
                #expect(markdown.status == .ok)
                let text = String(buffer: markdown.body)
                #expect(text.hasPrefix("# \\<img src=x onerror=alert(1)\\> eau \\*gras\\*"))
                #expect(text.contains("- \\<svg onload=alert(3)\\>"))
            }
        }
    }

    @Test func theSheetDownloadsAsMarkdownInTheReadersLanguage() async throws {
        try await withTestApp { client in
            let response = try await getPage(client, "/en/practices/cle-en-mediterranee/sheet.md")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/markdown; charset=utf-8")
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"cle-en-mediterranee-en.md\"")
            let text = String(buffer: response.body)
            #expect(text.hasPrefix("# Clé en Méditerranée"))
            // Sections not translated say so, in the reader's language.
            #expect(text.contains("*Translation not available — original text in French.*"))
        }
    }
}
