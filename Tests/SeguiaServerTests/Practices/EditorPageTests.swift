import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

/// Writing a sheet in the browser: a new one, then two people editing it at once; the second
/// gets both versions and keeps every word typed.
@Suite struct EditorPageTests {
    static let password = "une longue phrase de passe"

    /// The fields of a page's form as a browser would send them back unchanged.
    static func fields(_ html: String) -> [(String, String)] {
        var fields: [(String, String)] = []
        let inputs = try! NSRegularExpression(pattern: #"<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"[^>]*>"#)
        for match in inputs.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let whole = String(html[Range(match.range, in: html)!])
            if whole.contains(#"type="checkbox""#) && !whole.contains(" checked") { continue }
            fields.append((String(html[Range(match.range(at: 1), in: html)!]), unescape(String(html[Range(match.range(at: 2), in: html)!]))))
        }
        let areas = try! NSRegularExpression(pattern: #"<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>"#)
        for match in areas.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            fields.append((String(html[Range(match.range(at: 1), in: html)!]), unescape(String(html[Range(match.range(at: 2), in: html)!]))))
        }
        let selects = try! NSRegularExpression(pattern: #"<select[^>]*name="([^"]+)"[^>]*>.*?<option value="([^"]*)" selected"#, options: [.dotMatchesLineSeparators])
        for match in selects.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            fields.append((String(html[Range(match.range(at: 1), in: html)!]), String(html[Range(match.range(at: 2), in: html)!])))
        }
        return fields
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    static func setting(_ fields: [(String, String)], _ changes: [String: String]) -> [(String, String)] {
        fields.filter { changes[$0.0] == nil } + changes.map { ($0.key, $0.value) }
    }

    @Test func twoPeopleEditAtOnceAndTheSecondKeepsEveryWord() async throws {
        try await withTestDatabase { endpoint in
            try await withPostgresClient(endpoint, logger: testLogger) { client in
                let database = Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout)
                let accounts = AccountRepository(database: database, bcryptCost: 4)
                for (email, role) in [("amal@example.org", Role.contributor), ("sami@example.org", .contributor), ("lina@example.org", .reader)] {
                    _ = try await accounts.create(
                        AccountInput(email: email, name: email.split(separator: "@")[0].capitalized, organisation: "OCCITANIE-COOPERATION", role: role),
                        password: Self.password, logger: testLogger)
                }
                try await withTestApp(endpoint: endpoint) { app in
                    let browser = WebSessionClient(app: app)
                    let amal = try await browser.signIn("amal@example.org", password: Self.password)
                    let sami = try await browser.signIn("sami@example.org", password: Self.password)
                    let lina = try await browser.signIn("lina@example.org", password: Self.password)
                    #expect(try await browser.get("/fr/practices/new", cookies: ["seguia_session": lina]).status == .forbidden)

                    // A new sheet: a title, a section; saved as a draft in Amal's name.
                    let blankPage = try await browser.html("/fr/practices/new", session: amal)
                    #expect(blankPage.contains(#"name="organisation" value="OCCITANIE-COOPERATION""#))
                    let blank = Self.fields(blankPage)
                    let created = try await browser.post(
                        "/fr/practices/new",
                        Self.setting(blank, [
                            "title": "Comité de l'eau <de> Tubas", "summary": "Un comité gère le service.", "period_start": "2021",
                            "territories": "PS-TBS lead", "s0_key": "levers", "s0_title": "Ce qui a aidé", "s0_text": "Un comité élu.",
                            "s0_items": "Tarif voté\nRéunions mensuelles", "s0_quotes": "« L'eau est à tous » — un usager", "do": "save",
                        ]),
                        cookies: ["seguia_session": amal])
                    #expect(created.status == .seeOther)
                    let location = try #require(created.headers[.location])
                    #expect(location.hasPrefix("/fr/practices/comite-de-l-eau-de-tubas") && location.hasSuffix("?saved=1"))
                    let slug = "comite-de-l-eau-de-tubas"
                    let sheet = try await browser.html("/fr/practices/\(slug)", session: amal)
                    #expect(sheet.contains("Comité de l&#39;eau &lt;de&gt; Tubas") || sheet.contains("Comité de l'eau &lt;de&gt; Tubas"))
                    #expect(sheet.contains("Réunions mensuelles") && sheet.contains("un usager") && sheet.contains("État : brouillon"))
                    // The browser's unsaved copies go right after a save only, not on any visit.
                    #expect(sheet.contains("data-saved-draft") == false)
                    #expect(try await browser.html(location, session: amal).contains(#"data-saved-draft="/fr/practices/\#(slug)/edit""#))

                    // Both open the editor at revision 1; Sami saves first.
                    let amalForm = Self.fields(try await browser.html("/fr/practices/\(slug)/edit", session: amal))
                    let samiForm = Self.fields(try await browser.html("/fr/practices/\(slug)/edit", session: sami))
                    #expect(amalForm.contains { $0 == ("revision", "1") })
                    let samiSaved = try await browser.post(
                        "/fr/practices/\(slug)/edit", Self.setting(samiForm, ["summary": "Un comité élu gère le service depuis 2021.", "do": "save"]),
                        cookies: ["seguia_session": sami])
                    #expect(samiSaved.status == .seeOther)

                    // Amal saves from revision 1: refused, her text kept in the form, Sami's beside it.
                    let amalText = "Un comité élu, avec des femmes."
                    let conflict = try await browser.post(
                        "/fr/practices/\(slug)/edit", Self.setting(amalForm, ["title": "Le comité de l'eau de Tubas", "s0_text": amalText, "do": "save"]),
                        cookies: ["seguia_session": amal])
                    #expect(conflict.status == .preconditionFailed)
                    let page = String(buffer: conflict.body)
                    #expect(page.contains(#"value="Le comité de l&#39;eau de Tubas""#) || page.contains(#"value="Le comité de l'eau de Tubas""#))
                    #expect(page.contains(amalText + "</textarea>"))
                    #expect(page.contains("Un comité élu gère le service depuis 2021.") && page.contains("Enregistré entre-temps"))
                    // Only what the other changed is shown beside: not the fields Amal alone changed.
                    #expect(page.components(separatedBy: "Enregistré entre-temps").count == 2)
                    #expect(page.contains(#"name="revision" value="2""#))

                    // She merges (takes Sami's summary) and saves: both changes are in.
                    let merged = Self.setting(Self.fields(page), ["summary": "Un comité élu gère le service depuis 2021.", "do": "save"])
                    #expect(try await browser.post("/fr/practices/\(slug)/edit", merged, cookies: ["seguia_session": amal]).status == .seeOther)
                    let final = try await browser.html("/fr/practices/\(slug)", session: amal)
                    #expect(final.contains("Le comité de l") && final.contains(amalText) && final.contains("depuis 2021"))
                    #expect(final.contains("Tarif voté"))
                }
            }
        }
    }

    /// Sections are reordered and removed by their place; translations, out of the editor, stay with their section.
    @Test func reorderingAndRemovingKeepTranslationsWithTheirSection() async throws {
        try await withTestDatabase { endpoint in
            try await withPostgresClient(endpoint, logger: testLogger) { client in
                let database = Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout)
                let amal = try await AccountRepository(database: database, bcryptCost: 4).create(
                    AccountInput(email: "amal@example.org", name: "Amal", organisation: "OCCITANIE-COOPERATION", role: .contributor),
                    password: Self.password, logger: testLogger)
                var content = PracticeContent(slug: "puits", title: "Puits de Tubas")
                content.sections = [
                    PracticeContent.Section(key: .contextNeed, title: "Contexte", texts: ["fr": .init(text: "Peu d'eau.")]),
                    PracticeContent.Section(key: .levers, title: "Leviers", texts: [
                        "fr": .init(text: "Un comité."), "en": .init(text: "A committee.", translationStatus: .reviewed, title: "Levers"),
                    ]),
                    PracticeContent.Section(key: .limits, title: "Limites", texts: ["fr": .init(text: "Peu de femmes.")]),
                ]
                _ = try await PracticeWriter(database: database).create(content, by: amal.identity(), logger: testLogger)
                try await withTestApp(endpoint: endpoint) { app in
                    let browser = WebSessionClient(app: app)
                    let session = try await browser.signIn("amal@example.org", password: Self.password)
                    let form = Self.fields(try await browser.html("/fr/practices/puits/edit", session: session))
                    let saved = try await browser.post(
                        "/fr/practices/puits/edit",
                        Self.setting(form, ["s0_position": "3", "s1_position": "1", "s1_text": "Un comité élu.", "s2_remove": "1", "do": "save"]),
                        cookies: ["seguia_session": session])
                    #expect(saved.status == .seeOther)
                    let stored = try await PracticeRepository(database: database).find("puits", audience: .administrator, logger: testLogger)
                    #expect(stored.content.sections.map(\.key) == [.levers, .contextNeed])
                    #expect(stored.content.sections[0].texts["fr"]?.text == "Un comité élu.")
                    #expect(stored.content.sections[0].texts["en"] == .init(text: "A committee.", translationStatus: .reviewed, title: "Levers"))
                    #expect(stored.content.sections[0].title == "Leviers")
                }
            }
        }
    }
}

