import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

/// Translating beside the original: the original's text never changes, a translation emptied is removed.
@Suite struct TranslationPageTests {
    @Test func aTranslationIsWrittenBesideTheOriginalAndKeptOnConflict() async throws {
        try await withTestDatabase { endpoint in
            try await withPostgresClient(endpoint, logger: testLogger) { client in
                let database = Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout)
                let amal = try await AccountRepository(database: database, bcryptCost: 4).create(
                    AccountInput(email: "amal@example.org", name: "Amal", organisation: "OCCITANIE-COOPERATION", role: .contributor, languages: [.ar]),
                    password: EditorPageTests.password, logger: testLogger)
                var content = PracticeContent(slug: "puits", title: "Puits de Tubas", summary: "Un suivi des puits.")
                content.sections = [PracticeContent.Section(key: .levers, title: "Leviers", texts: ["fr": .init(text: "Un comité.", items: ["Tarif"])])]
                let writer = PracticeWriter(database: database)
                let id = try await writer.create(content, by: amal.identity(), logger: testLogger)
                try await withTestApp(endpoint: endpoint) { app in
                    let browser = WebSessionClient(app: app)
                    let session = try await browser.signIn("amal@example.org", password: EditorPageTests.password)
                    let page = try await browser.html("/ar/practices/puits/translate", session: session)
                    #expect(page.contains(#"name="to" value="ar""#) && page.contains("Un comité."))
                    #expect(try await browser.get("/ar/practices/puits/translate?to=fr", cookies: ["seguia_session": session]).status == .unprocessableContent)
                    let token = try #require(WebSessionClient.formToken(page))
                    let translation: [(String, String)] = [
                        ("csrf", token), ("revision", "1"), ("to", "ar"), ("title", "آبار طوباس"), ("summary", ""), ("status", "reviewed"),
                        ("s0_title", "الروافع"), ("s0_text", "لجنة."), ("s0_items", "التعرفة"), ("s0_quotes", ""), ("s0_status", "machine"),
                    ]
                    // Someone edits the original meanwhile: the translation is kept in the page, nothing written.
                    _ = try await writer.change(id: id, expectedRevision: 1, by: amal.identity(), logger: testLogger) { current in
                        var next = current
                        next.summary = "Un suivi partagé des puits."
                        return (next, "summary")
                    }
                    let conflict = try await browser.post("/ar/practices/puits/translate", translation, cookies: ["seguia_session": session])
                    #expect(conflict.status == .preconditionFailed)
                    let kept = String(buffer: conflict.body)
                    #expect(kept.contains("لجنة.</textarea>") && kept.contains(#"name="revision" value="2""#))
                    let saved = try await browser.post(
                        "/ar/practices/puits/translate", translation.map { $0.0 == "revision" ? ("revision", "2") : $0 }, cookies: ["seguia_session": session])
                    #expect(saved.status == .seeOther)
                    let stored = try await PracticeRepository(database: database).find("puits", audience: .administrator, logger: testLogger)
                    #expect(stored.content.summary == "Un suivi partagé des puits.")
                    #expect(stored.content.sections[0].texts["fr"] == .init(text: "Un comité.", items: ["Tarif"]))
                    #expect(stored.content.sections[0].texts["ar"] == .init(text: "لجنة.", items: ["التعرفة"], translationStatus: .machine, title: "الروافع"))
                    #expect(stored.content.translations["ar"] == .init(title: "آبار طوباس", summary: nil, translationStatus: .reviewed))
                    let arabic = try await browser.html("/ar/practices/puits", session: session)
                    #expect(arabic.contains("آبار طوباس") && arabic.contains("الروافع"))
                }
            }
        }
    }
}
