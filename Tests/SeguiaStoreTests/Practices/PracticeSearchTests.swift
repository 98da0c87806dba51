import Foundation
import PostgresNIO
import SeguiaCore
@testable import SeguiaStore
import SeguiaTestSupport
import Testing

@Suite struct PracticeSearchTests {
    private func withSearch(_ body: (PracticeSearch, PostgresClient) async throws -> Void) async throws {
        try await withTestClient { client in
            try await body(PracticeSearch(database: Database(client: client, maximumConnections: 4, leaseTimeout: testLeaseTimeout)), client)
        }
    }

    /// Adds a minimal practice; returns its id.
    @discardableResult
    private func addPractice(
        _ client: PostgresClient, slug: String, title: String, status: String = "published", confidentiality: String = "public",
        territory: String? = nil
    ) async throws -> Int64 {
        let rows = try await client.query(
            """
            INSERT INTO practices (slug, title, summary, language, status, confidentiality, created_by, updated_by)
            VALUES (\(slug), \(title), 'Une pratique de test sur le service de l''eau.', 'fr', \(status), \(confidentiality), 'test', 'test')
            RETURNING practice_id
            """, logger: testLogger)
        var id: Int64 = 0
        for try await value in rows.decode(Int64.self) { id = value }
        if let territory {
            try await client.query(
                """
                INSERT INTO practice_territories (practice_id, territory_id, territory_role)
                SELECT \(id), territory_id, 'lead' FROM territories WHERE code = \(territory)
                """, logger: testLogger)
        }
        return id
    }

    /// Whether the first 50 results of `query` hold practice `id`.
    private func finds(_ id: Int64, _ query: PracticeQuery, _ search: PracticeSearch) async throws -> Bool {
        var query = query
        query.limit = 50
        return try await search.search(query, audience: .anonymous, logger: testLogger).items.contains { $0.id == id }
    }

    /// Values of one facet are alternatives, facets combine, and a chosen facet keeps the counts
    /// of its other values (what adding one of them would bring), over the other filters' matches.
    @Test func valuesOfAFacetAreAlternativesAndKeepTheirCounts() async throws {
        try await withSearch { search, client in
            _ = try await addPractice(client, slug: "tubas-reuse", title: "Réutilisation à Tubas", territory: "PS-TBS")
            _ = try await addPractice(client, slug: "fes-reuse", title: "Réutilisation à Fès", territory: "MA-03")
            var query = PracticeQuery()
            query.territories = ["PS"]
            let palestine = try await search.search(query, audience: .anonymous, logger: testLogger)
            query.territories = ["PS", "MA"]
            let both = try await search.search(query, audience: .anonymous, logger: testLogger)
            #expect(both.total > palestine.total)
            #expect(Set(both.items.map(\.id)).isSuperset(of: palestine.items.map(\.id)))
            // With PS chosen, MA still counts what adding it would bring; PS counts itself.
            query.territories = ["PS"]
            let counts = try await search.search(query, audience: .anonymous, logger: testLogger).facets["territory", default: []]
            #expect((counts.first { $0.key == "MA" }?.count ?? 0) > 0)
            #expect(counts.first { $0.key == "PS" }?.count == palestine.total)
            query.languages = [.en]
            #expect(try await search.search(query, audience: .anonymous, logger: testLogger).total == 0)
            query.languages = [.en, .fr]
            #expect(try await search.search(query, audience: .anonymous, logger: testLogger).total == palestine.total)
        }
    }

    @Test func theFilterSQLBindsEveryValueAndEmbedsNone() {
        let query = PracticeQuery(text: "eaux'; DROP TABLE practices; --", territory: "PS", theme: "governance", fromYear: 2019)
        var sql = PracticeSearch.searchCTE(query)
        sql.append(", matched AS (")
        PracticeSearch.appendMatches(query, scope: [7], audience: .anonymous, leavingOut: nil, to: &sql)
        sql.append(")")
        #expect(sql.bindings.count == 6)
        #expect(!sql.sql.contains("DROP TABLE"))
        #expect(!sql.sql.contains("governance"))
        #expect(sql.sql.contains("seguia_search_query($1)"))
        #expect(sql.sql.contains("$2::text AS labels"))
        #expect(sql.sql.contains("p.search_vector @@ seguia_search_query($3)"))
        #expect(sql.sql.contains("p.territory_scope && $5::bigint[]"))
        #expect(sql.sql.contains("status = 'published' AND p.confidentiality = 'public'"))
    }

    @Test func accentAndCaseInsensitiveSearchRanksTheSeededPracticeFirstWithASnippet() async throws {
        try await withSearch { search, client in
            try await addPractice(client, slug: "autre-pratique", title: "Une autre pratique sur l'eau potable")
            for text in ["eaux usees traitees", "EAUX USÉES TRAITÉES", "eau usée traitée"] {
                let page = try await search.search(PracticeQuery(text: text), audience: .anonymous, logger: testLogger)
                #expect(page.items.first?.slug == "cle-en-mediterranee", "\(text)")
                #expect(page.items.first?.snippet?.contains("<mark>usées</mark>") == true, "\(text)")
            }
        }
    }

    @Test func aListWithoutFacetsStillCountsItsMatches() async throws {
        try await withSearch { search, client in
            try await addPractice(client, slug: "autre-pratique", title: "Une autre pratique sur l'eau potable", territory: "MA")
            var query = PracticeQuery(territory: "MA", limit: 1)
            query.countsFacets = false
            let page = try await search.search(query, audience: .anonymous, logger: testLogger)
            #expect(page.total == 2 && page.items.count == 1)
            #expect(page.facets.values.allSatisfy { $0.isEmpty })
            query.countsFacets = true
            let faceted = try await search.search(query, audience: .anonymous, logger: testLogger)
            #expect(!faceted.facets["territory", default: []].isEmpty)
        }
    }

    @Test func aTerritoryIncludesItsDescendants() async throws {
        try await withSearch { search, _ in
            for code in ["PS", "PS-TBS", "MA", "MA-TAR", "FR"] {
                let page = try await search.search(PracticeQuery(territory: code), audience: .anonymous, logger: testLogger)
                #expect(page.items.map(\.slug) == ["cle-en-mediterranee"], "\(code)")
            }
            await #expect(throws: AppError.invalid(field: "territory", reason: "no territory has the code 'XX'")) {
                try await search.search(PracticeQuery(territory: "XX"), audience: .anonymous, logger: testLogger)
            }
        }
    }

    /// The arrays a search filters and counts on follow the links and the tree, whoever writes them.
    @Test func searchArraysFollowLinksAndMovedTerritories() async throws {
        try await withSearch { search, client in
            let id = try await addPractice(client, slug: "station-tubas", title: "Station de test 7731", territory: "PS-TBS")
            func found(_ code: String) async throws -> Bool { try await finds(id, PracticeQuery(territory: code), search) }
            #expect(try await found("PS"))
            #expect(try await !found("MA"))

            try await client.query(
                """
                INSERT INTO practice_territories (practice_id, territory_id, territory_role)
                SELECT \(id), territory_id, 'partner' FROM territories WHERE code = 'MA-03'
                """, logger: testLogger)
            #expect(try await found("MA"))
            let themed = try await search.search(PracticeQuery(territory: "PS", theme: "financing"), audience: .anonymous, logger: testLogger)
            #expect(themed.total == 0)
            try await client.query(
                "INSERT INTO practice_themes (practice_id, theme_id) SELECT \(id), theme_id FROM themes WHERE theme_key = 'financing'",
                logger: testLogger)
            let financing = try await search.search(PracticeQuery(territory: "PS", theme: "financing"), audience: .anonymous, logger: testLogger)
            #expect(financing.items.map(\.id) == [id])
            // A chosen facet is counted over the other filters' matches: financing is there, with this sheet.
            #expect(financing.facets["theme", default: []].first { $0.key == "financing" }?.count == 1)
            try await client.query(
                "DELETE FROM practice_territories WHERE practice_id = \(id) AND territory_id = (SELECT territory_id FROM territories WHERE code = 'PS-TBS')",
                logger: testLogger)
            #expect(try await !found("PS"))
            #expect(try await found("MA-03"))

            // MA-03 moved under FR (not a real move, but any parent change must carry the practices below it).
            try await client.query(
                "UPDATE territories SET parent_id = (SELECT territory_id FROM territories WHERE code = 'FR') WHERE code = 'MA-03'", logger: testLogger)
            #expect(try await found("FR"))
            #expect(try await !found("MA"))
            let facets = try await search.search(PracticeQuery(text: "7731"), audience: .anonymous, logger: testLogger).facets
            #expect(facets["territory", default: []].map(\.key).sorted() == ["FR", "MA-03"])
        }
    }

    /// The database keeps the search document, whoever writes: sections and texts, theme and
    /// territory links and the names (in every language) of both, renames included.
    @Test func theSearchDocumentFollowsEveryWriteInTheDatabase() async throws {
        try await withSearch { search, client in
            let id = try await addPractice(client, slug: "pratique-sans-section", title: "Pratique sans section", territory: "MA-TAR")
            func finds(_ text: String) async throws -> Bool { try await self.finds(id, PracticeQuery(text: text), search) }
            #expect(try await finds("Pratique sans section"))
            #expect(try await !finds("zorglub"))
            try await client.query(
                "INSERT INTO practice_sections (practice_id, position, section_key, title) VALUES (\(id), 1, 'levers', 'Leviers')",
                logger: testLogger)
            try await client.query(
                """
                INSERT INTO practice_section_texts (practice_section_id, language, body)
                SELECT practice_section_id, 'fr', 'Le comité zorglub se réunit chaque mois.' FROM practice_sections WHERE practice_id = \(id)
                """, logger: testLogger)
            #expect(try await finds("zorglub"))
            try await client.query(
                "UPDATE practice_section_texts SET body = 'Le comité se réunit.' WHERE practice_section_id IN (SELECT practice_section_id FROM practice_sections WHERE practice_id = \(id))",
                logger: testLogger)
            #expect(try await !finds("zorglub"))

            // Its territory's names and those of the territories above it, in every language.
            #expect(try await finds("Morocco"))
            #expect(try await finds("المغرب"))
            #expect(try await !finds("wastewater reuse"))
            try await client.query(
                "INSERT INTO practice_themes (practice_id, theme_id) SELECT \(id), theme_id FROM themes WHERE theme_key = 'wastewater_reuse'",
                logger: testLogger)
            for text in ["wastewater reuse", "إعادة استخدام المياه", "réutilisation des eaux usées"] {
                #expect(try await finds(text), "\(text)")
            }
            try await client.query("UPDATE themes SET name_en = 'Flumbus recycling' WHERE theme_key = 'wastewater_reuse'", logger: testLogger)
            #expect(try await finds("flumbus"))
            try await client.query("UPDATE territories SET name_en = 'Quuxland' WHERE code = 'MA'", logger: testLogger)
            #expect(try await finds("quuxland"))
            #expect(try await !finds("morocco"))
            try await client.query("UPDATE practices SET title = 'Pratique renommée' WHERE practice_id = \(id)", logger: testLogger)
            #expect(try await finds("renommée"))
            #expect(try await finds("flumbus"))
        }
    }

    @Test func theSnippetComesFromTheSummaryWhenItHoldsEveryWordAndFromTheSheetOtherwise() async throws {
        try await withSearch { search, client in
            let rows = try await client.query(
                "SELECT title || ' — ' || summary FROM practices WHERE slug = 'cle-en-mediterranee'", logger: testLogger)
            var described = ""
            for try await text in rows.decode(String.self) { described = text }
            // « coopérations » and « durable » are in the seeded sheet's summary (and in its sections).
            let inSummary = try await search.search(PracticeQuery(text: "cooperations durable"), audience: .anonymous, logger: testLogger)
            let snippet = try #require(inSummary.items.first?.snippet)
            #expect(snippet.contains("<mark>coopérations</mark>"))
            for fragment in snippet.replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "")
                .replacingOccurrences(of: "&#39;", with: "'").components(separatedBy: " … ") {
                #expect(described.contains(fragment), "\(fragment)")
            }
            // « usées » is not in its title or summary: the snippet shows the sections that have it.
            let inSheet = try await search.search(PracticeQuery(text: "eaux usees"), audience: .anonymous, logger: testLogger)
            let sheetSnippet = try #require(inSheet.items.first?.snippet)
            #expect(sheetSnippet.contains("<mark>usées</mark>"))
            #expect(!described.contains("usées"))
        }
    }

    @Test func themeAndOrganisationFiltersAndFacets() async throws {
        try await withSearch { search, _ in
            let reuse = try await search.search(PracticeQuery(theme: "wastewater_reuse"), audience: .anonymous, logger: testLogger)
            #expect(reuse.total == 1)
            let financing = try await search.search(PracticeQuery(theme: "financing"), audience: .anonymous, logger: testLogger)
            #expect(financing.total == 0)
            let byPartner = try await search.search(PracticeQuery(organisation: "CARI"), audience: .anonymous, logger: testLogger)
            #expect(byPartner.total == 1)
            let territories = Dictionary(uniqueKeysWithValues: reuse.facets["territory", default: []].map { ($0.key, $0.count) })
            #expect(territories["PS"] == 1 && territories["PS-TBS"] == 1 && territories["MA"] == 1)
            #expect(reuse.facets["theme", default: []].map(\.key).contains("governance"))
        }
    }

    @Test func anonymousCallersSeeOnlyPublishedPublicPractices() async throws {
        try await withSearch { search, client in
            try await addPractice(client, slug: "brouillon", title: "Brouillon sur l'eau", status: "draft")
            try await addPractice(client, slug: "interne", title: "Note interne sur l'eau", confidentiality: "partners")
            let anonymous = try await search.search(PracticeQuery(text: "eau"), audience: .anonymous, logger: testLogger)
            #expect(anonymous.items.map(\.slug) == ["cle-en-mediterranee"])
            let administrator = try await search.search(PracticeQuery(text: "eau"), audience: .administrator, logger: testLogger)
            #expect(Set(administrator.items.map(\.slug)) == ["cle-en-mediterranee", "brouillon", "interne"])
        }
    }

    @Test func keysetPagesCoverEveryResultOnce() async throws {
        try await withSearch { search, client in
            for index in 1...4 {
                try await addPractice(client, slug: "service-\(index)", title: "Service de l'eau numéro \(index)", territory: "MA-03")
            }
            for text: String? in [nil, "service eau"] {
                var seen: [String] = []
                var query = PracticeQuery(text: text, limit: 2)
                var total = 0
                repeat {
                    let page = try await search.search(query, audience: .anonymous, logger: testLogger)
                    total = page.total
                    seen += page.items.map(\.slug)
                    query.cursor = page.next
                } while query.cursor != nil
                #expect(seen.count == total)
                #expect(Set(seen).count == seen.count)
                #expect(total == 5)
            }
        }
    }
}
