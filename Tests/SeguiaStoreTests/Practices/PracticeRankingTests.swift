import Foundation
import PostgresNIO
import SeguiaCore
@testable import SeguiaStore
import SeguiaTestSupport
import Testing

/// The bounded search against the exact one: its first page is compared with the ranking of
/// every match by `ts_rank`, on the seed and on a generated corpus larger than the counting
/// bound, where the search ranks a bounded set of candidates.
@Suite struct PracticeRankingTests {
    /// Water words, some frequent and some rare in the generated corpus (drawn with a skew).
    static let words = [
        "eau", "réseau", "irrigation", "assainissement", "gouvernance", "usagers", "tarif", "compteurs", "fuites", "forage", "nappe",
        "barrage", "station", "épuration", "boues", "réutilisation", "sécheresse", "bassin", "captage", "qualité", "potable",
        "concertation", "coopérative", "agriculteurs", "commune", "syndicat", "régie", "formation", "techniciens", "subvention",
        "cartographie", "diagnostic", "rendement", "pompage", "recharge", "salinité", "oasis", "khettara", "citerne", "oued",
    ]

    /// `count` published public sheets in French: a title of 3 words, a summary of 8 and a section
    /// of 40, drawn from `words` with a skew towards the first ones (fixed seed).
    static func generateCorpus(_ client: PostgresClient, count: Int) async throws {
        try await client.withConnection { connection in
            try await connection.run("SELECT setseed(0.17)", logger: testLogger)
            try await connection.run(
                """
                CREATE TEMP TABLE corpus_words AS SELECT ordinality AS n, word FROM unnest(\(words)::text[]) WITH ORDINALITY AS w(word, ordinality)
                """, logger: testLogger)
            let phrase = { (length: Int) in
                """
                (SELECT string_agg(w.word, ' ') FROM generate_series(1, \(length)) k
                 CROSS JOIN LATERAL (SELECT 1 + floor(\(words.count) * power(random(), 2))::int + 0 * k + 0 * g AS n) drawn
                 JOIN corpus_words w ON w.n = drawn.n)
                """
            }
            try await connection.run(
                PostgresQuery(
                    unsafeSQL: """
                        INSERT INTO practices (slug, title, summary, language, status, confidentiality, created_by, updated_by)
                        SELECT 'corpus-' || g, \(phrase(3)) || ' ' || g, \(phrase(8)), 'fr', 'published', 'public', 'test', 'test'
                        FROM generate_series(1, \(count)) g
                        """), logger: testLogger)
            try await connection.run(
                """
                INSERT INTO practice_sections (practice_id, position, section_key, title)
                SELECT practice_id, 1, 'lessons', 'Enseignements' FROM practices WHERE slug LIKE 'corpus-%'
                """, logger: testLogger)
            try await connection.run(
                PostgresQuery(
                    unsafeSQL: """
                        INSERT INTO practice_section_texts (practice_section_id, language, body)
                        SELECT s.practice_section_id, 'fr', (SELECT string_agg(w.word, ' ') FROM generate_series(1, 40) k
                            CROSS JOIN LATERAL (SELECT 1 + floor(\(words.count) * power(random(), 2))::int + 0 * k + 0 * s.practice_section_id AS n) drawn
                            JOIN corpus_words w ON w.n = drawn.n)
                        FROM practice_sections s JOIN practices p ON p.practice_id = s.practice_id WHERE p.slug LIKE 'corpus-%'
                        """), logger: testLogger)
            try await connection.run("ANALYZE practices", logger: testLogger)
        }
    }

    /// Every match of `text` a visitor may read, with its exact rank, best first.
    static func exactRanking(_ client: PostgresClient, _ text: String) async throws -> [(id: Int64, rank: Float)] {
        let rows = try await client.query(
            """
            SELECT practice_id, ts_rank(search_vector, seguia_search_query(\(text))) AS rank FROM practices
            WHERE search_vector @@ seguia_search_query(\(text)) AND status = 'published' AND confidentiality = 'public'
            ORDER BY rank DESC, practice_id DESC
            """, logger: testLogger)
        var ranking: [(id: Int64, rank: Float)] = []
        for try await (id, rank) in rows.decode((Int64, Float).self) { ranking.append((id, rank)) }
        return ranking
    }

    /// Of the first ten the search gives, the share that belong in the exact first ten; a
    /// practice tied with the exact tenth belongs there as much as the one that was chosen.
    static func overlap(of page: PracticePage, with exact: [(id: Int64, rank: Float)]) -> Double {
        let expected = min(10, exact.count)
        guard expected > 0 else { return page.items.isEmpty ? 1 : 0 }
        let threshold = exact[expected - 1].rank
        let ranks = Dictionary(exact.map { ($0.id, $0.rank) }, uniquingKeysWith: { first, _ in first })
        let belonging = page.items.prefix(10).filter { (ranks[$0.id] ?? -1) >= threshold.nextDown }.count
        return Double(belonging) / Double(expected)
    }

    static func firstPage(_ search: PracticeSearch, _ text: String) async throws -> PracticePage {
        try await search.search(PracticeQuery(text: text, limit: 10), audience: .anonymous, logger: testLogger)
    }

    @Test func theFirstPageMatchesTheExactRankingOnTheSeedAndALargeCorpus() async throws {
        do {
            try await compareRankings()
        } catch {
            Issue.record("\(String(reflecting: error))")
        }
    }

    func compareRankings() async throws {
        try await withTestClient { client in
            let database = Database(client: client, maximumConnections: 4, leaseTimeout: testLeaseTimeout)
            let indexed = PracticeSearch(database: database)
            let seedQueries = ["eau", "gouvernance", "eaux usées traitées", "irrigation", "service de l'eau", "water", "coopération", "المياه"]
            for text in seedQueries {
                let exact = try await Self.exactRanking(client, text)
                #expect(Self.overlap(of: try await Self.firstPage(indexed, text), with: exact) >= 0.9, "seed: \(text)")
            }

            try await Self.generateCorpus(client, count: 12_000)
            let corpusQueries = [
                "eau", "réseau", "eau réseau", "eau irrigation", "irrigation gouvernance", "fuites compteurs", "khettara", "oasis citerne", "boues", "sécheresse bassin",
                "qualité potable", "recharge nappe",
            ]
            var overlaps: [String: Double] = [:]
            for text in corpusQueries {
                let exact = try await Self.exactRanking(client, text)
                let page = try await Self.firstPage(indexed, text)
                overlaps[text] = Self.overlap(of: page, with: exact)
                #expect(overlaps[text]! >= 0.9, "corpus: \(text), \(exact.count) matches")
                // The total is exact within the bound, "more than" beyond; facets likewise.
                #expect(page.totalIsExact == (exact.count <= PracticePage.exactCountBound), "\(text)")
                #expect(page.total == min(exact.count, PracticePage.exactCountBound), "\(text)")
            }
            // "eau" is the commonest word: it matches past the bound, and its counts are minimums.
            let broad = try await Self.firstPage(indexed, "eau")
            #expect(!broad.totalIsExact && !broad.facetsAreExact && broad.total == PracticePage.exactCountBound)
            #expect((broad.facets["language"]?.first?.count ?? 0) <= PracticePage.exactCountBound + 1)
            let narrow = try await Self.firstPage(indexed, "khettara")
            #expect(narrow.totalIsExact && narrow.facetsAreExact)

            // Pages follow one another without repeating a practice, deep into the ranking.
            var query = PracticeQuery(text: "réseau", limit: 50)
            var seen = Set<Int64>()
            for _ in 0..<8 {
                let page = try await indexed.search(query, audience: .anonymous, logger: testLogger)
                #expect(page.items.count == 50)
                #expect(seen.isDisjoint(with: page.items.map(\.id)))
                seen.formUnion(page.items.map(\.id))
                query.cursor = try #require(page.next)
            }

            // Within the bound every match is ranked: the exact first page.
            for text in ["khettara", "oasis citerne", "salinité oued"] {
                let exact = try await Self.exactRanking(client, text)
                #expect(exact.count <= PracticePage.exactCountBound)
                #expect(try await Self.firstPage(indexed, text).items.map(\.id) == exact.prefix(10).map(\.id), "\(text)")
            }

            // What each word brings follows the sheet as it is rewritten: a title full of the
            // broad word puts its sheet first, beyond the bound.
            try await client.query(
                "UPDATE practices SET title = 'Eau : l''eau du réseau, eau potable et eau usée' WHERE slug = 'corpus-77'", logger: testLogger)
            let rewritten = try await Self.firstPage(indexed, "eau")
            #expect(rewritten.items.first?.slug == "corpus-77")
            #expect(Self.overlap(of: rewritten, with: try await Self.exactRanking(client, "eau")) >= 0.9)
        }
    }
}
