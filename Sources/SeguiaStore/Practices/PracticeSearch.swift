import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// Full-text search over practices, with filters, facets and keyset pagination, at a cost that
/// does not follow the number of matches.
///
/// - The match set is read up to one past `PracticePage.exactCountBound` (`matched`): the total
///   is exact up to the bound, and the facets are counted over what was read (exact within the
///   bound, lower bounds beyond it).
/// - Within the bound every match is ranked with `ts_rank`; beyond it, a bounded candidate
///   set: for each searched word, the practices it brings most to (`practice_search_terms`,
///   migration 0028), ordered exactly by `ts_rank` (`appendPage`).
/// - Without words, the newest practices first, straight from the primary key.
public struct PracticeSearch: Sendable {
    public let database: Database

    /// Beyond the bound, for a first page: the practices read per searched word, best first by
    /// what the word brings, and how many of them, by what all the words bring to their titles
    /// and summaries, are ranked exactly. The ranking test measures how close the best ten of
    /// those are to the best ten of every match (`PracticeRankingTests`).
    static let candidatesPerWord = 1_000
    static let candidatesRanked = 200

    public init(database: Database) {
        self.database = database
    }

    /// The facets whose values are alternatives: counted, when one is chosen, over the matches
    /// of every other filter, so that its other values keep their counts and can be added.
    enum Facet: String, CaseIterable {
        case territory, theme, organisation, language
    }

    /// One statement: the bounded match sets, the page, then the counts. Its rows are the page's
    /// practices (`item`), then the counts (`facet`), with the size of each match set read (`total`, `size`).
    public func search(_ query: PracticeQuery, audience: PracticeAudience, logger: Logger) async throws -> PracticePage {
        try await database.withReadConnection("practices.search") { connection in
            let scope = try await connection.territoryIDs(query.territories, field: "territory", logger: logger)
            let bound = PracticePage.exactCountBound
            let chosen = query.countsFacets ? Facet.allCases.filter { Self.isChosen($0, in: query) } : []
            var sql = Self.searchCTE(query)
            sql.append(", matched AS (")
            Self.appendMatches(query, scope: scope, audience: audience, leavingOut: nil, to: &sql)
            sql.append(" LIMIT ?)", bound + 1)
            // A chosen facet is counted over the matches of the other filters (OR within a facet).
            var sources: [Facet: String] = [:]
            for facet in chosen {
                sql.append(", matched_but_\(facet.rawValue) AS (")
                Self.appendMatches(query, scope: scope, audience: audience, leavingOut: facet, to: &sql)
                sql.append(" LIMIT ?)", bound + 1)
                sources[facet] = "matched_but_\(facet.rawValue)"
            }
            Self.appendPage(query, scope: scope, audience: audience, to: &sql)
            sql.append(query.countsFacets ? Self.facetCounts(sources) : Self.totalOnly)
            sql.append(Self.pageAndFacets(translatingTitles: query.translatesTitles))

            var items: [PracticeSummary] = []
            var read = 0
            var largestSet = 0
            var facets: [String: [FacetCount]] = ["territory": [], "theme": [], "organisation": [], "year": [], "language": []]
            for try await row in try await connection.run(sql.query, logger: logger) {
                let cells = row.makeRandomAccess()
                guard try cells[0].decode(String.self) == "facet" else {
                    items.append(try Self.summary(cells))
                    continue
                }
                let (facet, key, label, count) = (
                    try cells[16].decode(String.self), try cells[17].decode(String.self), try cells[18].decode(String.self),
                    try cells[19].decode(Int.self)
                )
                switch facet {
                case "total":
                    read = count
                    largestSet = max(largestSet, count)
                case "size": largestSet = max(largestSet, count)
                default: facets[facet, default: []].append(FacetCount(key: key, label: label, count: count))
                }
            }
            for facet in facets.keys {
                facets[facet]?.sort { ($0.count, $1.key) > ($1.count, $0.key) }
            }
            let hasMore = items.count > query.limit
            let shown = Array(items.prefix(query.limit))
            let depth = (query.cursor?.shown ?? 0) + shown.count
            let next = hasMore ? shown.last.map { PracticeCursor(rank: $0.rank, id: $0.id, shown: depth) } : nil
            return PracticePage(
                items: shown, total: min(read, bound), totalIsExact: read <= bound, facets: facets, facetsAreExact: largestSet <= bound, next: next)
        }
    }

    static func isChosen(_ facet: Facet, in query: PracticeQuery) -> Bool {
        switch facet {
        case .territory: !query.territories.isEmpty
        case .theme: !query.themes.isEmpty
        case .organisation: !query.organisations.isEmpty
        case .language: !query.languages.isEmpty
        }
    }

    /// `WITH search AS (…)`: the text query, parsed once, and the labels' language.
    static func searchCTE(_ query: PracticeQuery) -> SQLBuilder {
        var sql = SQLBuilder("WITH search AS (SELECT ")
        if let text = query.text {
            sql.append("seguia_search_query(?) AS tsq", text)
        } else {
            sql.append("NULL::tsquery AS tsq")
        }
        sql.append(", ?::text AS labels)", query.labelLanguage.rawValue)
        return sql
    }

    /// The practices every filter (but `leavingOut`) lets through, with what the facets count,
    /// in no particular order. `scope` holds the ids of the territories filtered on, one of which
    /// must be in each practice's `territory_scope` (its territories and their ancestors).
    static func appendMatches(_ query: PracticeQuery, scope: [Int64], audience: PracticeAudience, leavingOut: Facet?, to sql: inout SQLBuilder) {
        sql.append(
            "SELECT p.practice_id, p.territory_scope, p.theme_ids, p.organisation_id, p.period_start, p.period_end, p.language"
                + " FROM practices p CROSS JOIN search WHERE true")
        appendFilters(query, scope: scope, audience: audience, leavingOut: leavingOut, to: &sql)
    }

    /// `textFromIndex`: the words' condition as a constant the planner matches against the
    /// full-text index; false for a few candidates already found, checked row by row.
    static func appendFilters(
        _ query: PracticeQuery, scope: [Int64], audience: PracticeAudience, leavingOut: Facet?, textFromIndex: Bool = true, to sql: inout SQLBuilder
    ) {
        appendCommonFilters(query, audience: audience, textFromIndex: textFromIndex, to: &sql)
        for facet in Facet.allCases where facet != leavingOut && isChosen(facet, in: query) {
            sql.append(" AND ")
            appendCondition(facet, query, scope: scope, to: &sql)
        }
    }

    /// `, page AS (practice_id, rank)`: one more than the page's practices, best first, after the cursor.
    ///
    /// With words, the practices ranked are every match when there are at most
    /// `exactCountBound` of them. Beyond: the first `candidatesPerWord` (and the page's depth)
    /// of each searched word by what it brings to the rank (`practice_search_terms`), of which
    /// the `candidatesRanked` that all the words bring most to, with as many of the matches
    /// read; of those, the ones that match and pass the filters, by `ts_rank`. `ts_rank` rather
    /// than `ts_rank_cd`: cover density cost eight times as much per practice ranked.
    static func appendPage(_ query: PracticeQuery, scope: [Int64], audience: PracticeAudience, to sql: inout SQLBuilder) {
        guard let text = query.text else {
            sql.append(", page AS (SELECT p.practice_id, 0::real AS rank FROM practices p CROSS JOIN search WHERE true")
            appendFilters(query, scope: scope, audience: audience, leavingOut: nil, to: &sql)
            if let cursor = query.cursor {
                sql.append(" AND p.practice_id < ?", cursor.id)
            }
            sql.append(" ORDER BY p.practice_id DESC LIMIT ?)", query.limit + 1)
            return
        }
        let bound = PracticePage.exactCountBound
        let depth = (query.cursor?.shown ?? 0) + query.limit + 1
        let perWord = min(bound, depth + candidatesPerWord)
        let kept = min(bound, depth + candidatesRanked)
        sql.append(", beyond_bound AS (SELECT count(*) > ? AS yes FROM matched)", bound)
        sql.append(
            """
            , words AS (
                SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('seguia_fr', ?) || to_tsvector('seguia_en', ?) || to_tsvector('seguia_ar', ?))) AS lexeme
            ), listed AS (
                SELECT DISTINCT best.practice_id FROM words
                CROSS JOIN LATERAL (SELECT t.practice_id FROM practice_search_terms t WHERE t.lexeme = words.lexeme
                                    ORDER BY t.impact DESC, t.practice_id DESC LIMIT ?) best
                WHERE (SELECT yes FROM beyond_bound)
            ), scored AS (
                SELECT l.practice_id FROM listed l
                CROSS JOIN LATERAL (SELECT sum(t.impact) AS impact FROM practice_search_terms t
                                    WHERE t.practice_id = l.practice_id AND t.lexeme = ANY(ARRAY(SELECT lexeme FROM words))) brought
                ORDER BY brought.impact DESC, l.practice_id DESC LIMIT ?
            ), candidates AS (
                SELECT practice_id FROM matched WHERE NOT (SELECT yes FROM beyond_bound)
                UNION
                SELECT practice_id FROM scored
                UNION
                (SELECT practice_id FROM matched WHERE (SELECT yes FROM beyond_bound) LIMIT ?)
            ), ranked AS (
                SELECT p.practice_id, ts_rank(p.search_vector, search.tsq) AS rank
                FROM candidates c CROSS JOIN search
                CROSS JOIN LATERAL (SELECT p.practice_id, p.search_vector FROM practices p WHERE p.practice_id = c.practice_id
            """, text, text, text, perWord, kept, kept)
        // Each candidate by its key (OFFSET 0 keeps the planner from merging this into a join
        // that reads every match of the words through their index again).
        appendFilters(query, scope: scope, audience: audience, leavingOut: nil, textFromIndex: false, to: &sql)
        sql.append(" OFFSET 0) p)")
        sql.append(", page AS (SELECT practice_id, rank FROM ranked f WHERE true")
        if let cursor = query.cursor {
            sql.append(" AND (f.rank, f.practice_id) < (?::real, ?)", cursor.rank, cursor.id)
        }
        sql.append(" ORDER BY f.rank DESC, f.practice_id DESC LIMIT ?)", query.limit + 1)
    }

    /// Text, readership, status and years: the filters that are not facets with alternatives.
    private static func appendCommonFilters(_ query: PracticeQuery, audience: PracticeAudience, textFromIndex: Bool, to sql: inout SQLBuilder) {
        if let text = query.text {
            if textFromIndex {
                sql.append(" AND p.search_vector @@ seguia_search_query(?)", text)
            } else {
                sql.append(" AND p.search_vector @@ search.tsq")
            }
        }
        PracticeRepository.appendVisibility(audience, to: &sql)
        if let status = query.status {
            sql.append(" AND p.status = ?", status.rawValue)
        } else {
            // Archived practices are kept for the record, out of ordinary results.
            sql.append(" AND p.status <> 'archived'")
        }
        if let fromYear = query.fromYear {
            sql.append(" AND p.period_start IS NOT NULL AND extract(year FROM coalesce(p.period_end, p.period_start)) >= ?", fromYear)
        }
        if let toYear = query.toYear {
            sql.append(" AND p.period_start IS NOT NULL AND extract(year FROM p.period_start) <= ?", toYear)
        }
    }

    /// Whether practice `p` has one of the facet's chosen values.
    private static func appendCondition(_ facet: Facet, _ query: PracticeQuery, scope: [Int64], to sql: inout SQLBuilder) {
        switch facet {
        case .language:
            sql.append("p.language = ANY(?)", query.languages.map(\.rawValue))
        case .territory:
            sql.append("p.territory_scope && ?::bigint[]", scope)
        case .theme:
            sql.append("p.theme_ids && ARRAY(SELECT theme_id FROM themes WHERE theme_key = ANY(?))", query.themes)
        case .organisation:
            sql.append(
                "EXISTS (SELECT 1 FROM organisations o WHERE o.code = ANY(?) AND (o.organisation_id = p.organisation_id"
                    + " OR o.organisation_id IN (SELECT po.organisation_id FROM practice_organisations po WHERE po.practice_id = p.practice_id)))",
                query.organisations)
        }
    }

    /// Counts over the match set read, each grouped on ids before the labels are joined; a
    /// chosen facet over the matches of the other filters (`sources`, by facet: fixed CTE names).
    /// Territory counts roll up (a practice in Tubas counts for PS too): the scope holds each
    /// territory once with its ancestors. Years count practices per span of years first.
    static func facetCounts(_ sources: [Facet: String]) -> String {
        let territories = sources[.territory] ?? "matched"
        let themes = sources[.theme] ?? "matched"
        let organisations = sources[.organisation] ?? "matched"
        let languages = sources[.language] ?? "matched"
        let sizes = sources.values.sorted().map { "UNION ALL SELECT 'size', '', '', count(*) FROM \($0)" }.joined(separator: "\n")
        return """
        , involved AS (
            SELECT practice_id, organisation_id FROM \(organisations) WHERE organisation_id IS NOT NULL
            UNION
            SELECT f.practice_id, po.organisation_id FROM \(organisations) f JOIN practice_organisations po ON po.practice_id = f.practice_id
        ), facet_counts AS (
            SELECT 'total' AS facet, '' AS key, '' AS label, count(*) AS count FROM matched
            \(sizes)
            UNION ALL
            SELECT 'territory', t.code, localized_name((SELECT labels FROM search), t.name_fr, t.name_en, t.name_ar), c.count
            FROM (SELECT territory_id, count(*) AS count FROM (SELECT unnest(territory_scope) AS territory_id FROM \(territories)) scoped
                  GROUP BY territory_id) c
            JOIN territories t ON t.territory_id = c.territory_id
            UNION ALL
            SELECT 'theme', th.theme_key, localized_name((SELECT labels FROM search), th.name_fr, th.name_en, th.name_ar), c.count
            FROM (SELECT theme_id, count(*) AS count FROM (SELECT unnest(theme_ids) AS theme_id FROM \(themes)) themed GROUP BY theme_id) c
            JOIN themes th ON th.theme_id = c.theme_id
            UNION ALL
            SELECT 'organisation', o.code, localized_name((SELECT labels FROM search), o.name_fr, o.name_en, o.name_ar), c.count
            FROM (SELECT organisation_id, count(*) AS count FROM involved GROUP BY organisation_id) c
            JOIN organisations o ON o.organisation_id = c.organisation_id
            UNION ALL
            SELECT 'year', year::text, year::text, sum(spans.count)::bigint
            FROM (SELECT extract(year FROM period_start)::int AS first_year,
                         least(extract(year FROM coalesce(period_end, period_start))::int, extract(year FROM period_start)::int + 100) AS last_year,
                         count(*) AS count
                  FROM matched WHERE period_start IS NOT NULL GROUP BY 1, 2) spans
            CROSS JOIN LATERAL generate_series(spans.first_year, spans.last_year) AS year
            GROUP BY year
            UNION ALL
            SELECT 'language', language, language, count(*) FROM \(languages) GROUP BY language
        )
        """
    }

    /// The total alone, for lists without facets.
    static let totalOnly = """
        , facet_counts AS (SELECT 'total' AS facet, '' AS key, '' AS label, count(*) AS count FROM matched)
        """

    /// The title and summary as written, or in the labels' language where translated (pages).
    private static func titleAndSummary(translated: Bool) -> String {
        guard translated else { return "p.title, p.summary" }
        return """
            coalesce((SELECT tr.title FROM practice_translations tr WHERE tr.practice_id = p.practice_id AND tr.language = search.labels), p.title),
            coalesce((SELECT tr.summary FROM practice_translations tr WHERE tr.practice_id = p.practice_id AND tr.language = search.labels), p.summary)
            """
    }

    /// The page's practices, best first, then the counts. The snippet's matches are marked with
    /// control characters, not tags: what the author wrote is escaped before the marks become
    /// `<mark>` (`SearchSnippet`), so a title holding HTML is shown, never run. The snippet reads the title and
    /// summary alone when they hold every searched word: the author's own description, and a few
    /// words to parse; otherwise those and the first section that matches (`practice_snippet_source`),
    /// never the whole sheet.
    static func pageAndFacets(translatingTitles: Bool) -> String {
        """
         SELECT 'item' AS kind, p.practice_id, p.slug, \(titleAndSummary(translated: translatingTitles)), p.language, p.status, p.confidentiality, o.code,
                p.period_start, p.period_end, p.period_precision,
                coalesce((SELECT array_agg(t.code ORDER BY t.code) FROM practice_territories pt
                          JOIN territories t ON t.territory_id = pt.territory_id WHERE pt.practice_id = p.practice_id), '{}'),
                coalesce((SELECT array_agg(th.theme_key ORDER BY th.position) FROM practice_themes pth
                          JOIN themes th ON th.theme_id = pth.theme_id WHERE pth.practice_id = p.practice_id), '{}'),
                CASE WHEN search.tsq IS NOT NULL THEN ts_headline(d.config,
                    CASE WHEN to_tsvector(d.config, d.described) @@ search.tsq THEN d.described
                    ELSE d.described || ' ' || coalesce(practice_snippet_source(p.practice_id, p.language, search.tsq), '') END,
                    search.tsq,
                    'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=" … "') END,
                f.rank, NULL::text AS facet, NULL::text AS key, NULL::text AS label, NULL::bigint AS count
         FROM page f
         JOIN practices p ON p.practice_id = f.practice_id
         CROSS JOIN LATERAL (SELECT seguia_search_config(p.language) AS config, p.title || ' — ' || coalesce(p.summary, '') AS described) d
         CROSS JOIN search
         LEFT JOIN organisations o ON o.organisation_id = p.organisation_id
         UNION ALL
         SELECT 'facet', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, facet, key, label, count
         FROM facet_counts
         ORDER BY kind DESC, rank DESC, practice_id DESC
        """
    }

    private static func summary(_ cells: PostgresRandomAccessRow) throws -> PracticeSummary {
        PracticeSummary(
            id: try cells[1].decode(Int64.self), slug: try cells[2].decode(String.self), title: try cells[3].decode(String.self),
            summary: try cells[4].decode(String?.self),
            language: try StoreError.decodeEnum(Language.self, try cells[5].decode(String.self), column: "practices.language"),
            status: try StoreError.decodeEnum(PracticeStatus.self, try cells[6].decode(String.self), column: "practices.status"),
            confidentiality: try StoreError.decodeEnum(
                Confidentiality.self, try cells[7].decode(String.self), column: "practices.confidentiality"),
            organisation: try cells[8].decode(String?.self),
            period: DatePeriod(
                start: try cells[9].decode(Date?.self).map(DatePrecision.day.format), end: try cells[10].decode(Date?.self).map(DatePrecision.day.format),
                precision: try StoreError.decodeEnum(DatePrecision.self, try cells[11].decode(String.self), column: "practices.period_precision")),
            territories: try cells[12].decode([String].self), themes: try cells[13].decode([String].self),
            snippet: try cells[14].decode(String?.self).map(SearchSnippet.html), rank: try cells[15].decode(Float.self))
    }
}

