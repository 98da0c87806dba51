import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// Full-text search over practices, with filters, facets and keyset pagination.
///
/// The set of matching practices is one CTE (`filtered`), built once per request from the
/// filters present; the page and the facets are two statements over it.
public struct PracticeSearch: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func search(_ query: PracticeQuery, audience: PracticeAudience, logger: Logger) async throws -> PracticePage {
        try await database.withConnection("practices.search") { connection in
            var scope: Int64?
            if let territory = query.territory {
                scope = try await connection.territoryID(territory, field: "territory", logger: logger)
            }
            let items = try await page(query, scope: scope, audience: audience, connection: connection, logger: logger)
            let (total, facets) = try await facets(query, scope: scope, audience: audience, connection: connection, logger: logger)
            let hasMore = items.count > query.limit
            let shown = Array(items.prefix(query.limit))
            let next = hasMore ? shown.last.map { PracticeCursor(rank: $0.rank, id: $0.id) } : nil
            return PracticePage(items: shown, total: total, facets: facets, next: next)
        }
    }

    /// `WITH search AS (…), filtered AS (…)`: the ids and ranks of every practice that matches.
    /// `scope` is the id of the territory filtered on, found in each practice's
    /// `territory_scope` (its territories and their ancestors).
    ///
    /// The text condition repeats the query function instead of reading `search.tsq`, so that the
    /// planner sees a constant it can match against the full-text index and estimate; the rank
    /// reads the CTE, computed once. `ts_rank` rather than `ts_rank_cd`: cover density cost
    /// eight times as much per match and ranking every match is most of a search's time.
    /// Facets need no rank at all.
    static func filteredCTE(_ query: PracticeQuery, scope: Int64?, audience: PracticeAudience, ranked: Bool = true) -> SQLBuilder {
        var sql = SQLBuilder("WITH search AS (SELECT ")
        if let text = query.text {
            sql.append("seguia_search_query(?) AS tsq", text)
        } else {
            sql.append("NULL::tsquery AS tsq")
        }
        sql.append(
            "), filtered AS (SELECT p.practice_id, "
                + (query.text == nil || !ranked ? "0::real" : "ts_rank(p.search_vector, search.tsq)")
                + " AS rank, p.territory_scope, p.organisation_id, p.period_start, p.period_end"
                + " FROM practices p CROSS JOIN search WHERE true")
        if let text = query.text {
            sql.append(" AND p.search_vector @@ seguia_search_query(?)", text)
        }
        PracticeRepository.appendVisibility(audience, to: &sql)
        if let status = query.status {
            sql.append(" AND p.status = ?", status.rawValue)
        } else {
            // Archived practices are kept for the record, out of ordinary results.
            sql.append(" AND p.status <> 'archived'")
        }
        if let language = query.language {
            sql.append(" AND p.language = ?", language.rawValue)
        }
        if let scope {
            sql.append(" AND p.territory_scope @> ARRAY[?::bigint]", scope)
        }
        if let theme = query.theme {
            sql.append(
                " AND EXISTS (SELECT 1 FROM practice_themes pth JOIN themes th ON th.theme_id = pth.theme_id"
                    + " WHERE pth.practice_id = p.practice_id AND th.theme_key = ?)", theme)
        }
        if let organisation = query.organisation {
            sql.append(
                " AND EXISTS (SELECT 1 FROM organisations o WHERE o.code = ? AND (o.organisation_id = p.organisation_id"
                    + " OR o.organisation_id IN (SELECT po.organisation_id FROM practice_organisations po WHERE po.practice_id = p.practice_id)))",
                organisation)
        }
        if let fromYear = query.fromYear {
            sql.append(" AND p.period_start IS NOT NULL AND extract(year FROM coalesce(p.period_end, p.period_start)) >= ?", fromYear)
        }
        if let toYear = query.toYear {
            sql.append(" AND p.period_start IS NOT NULL AND extract(year FROM p.period_start) <= ?", toYear)
        }
        sql.append(")")
        return sql
    }

    /// One page of matches, best first. The snippet reads the title and summary alone when they
    /// hold every searched word: the author's own description, and a few words to parse instead
    /// of the whole sheet (the snippets were half of a page's time).
    private func page(
        _ query: PracticeQuery, scope: Int64?, audience: PracticeAudience, connection: PostgresConnection, logger: Logger
    ) async throws -> [PracticeSummary] {
        var sql = Self.filteredCTE(query, scope: scope, audience: audience)
        sql.append(
            """
             SELECT p.practice_id, p.slug, p.title, p.summary, p.language, p.status, p.confidentiality, o.code,
                    p.period_start, p.period_end, p.period_precision,
                    coalesce((SELECT array_agg(t.code ORDER BY t.code) FROM practice_territories pt
                              JOIN territories t ON t.territory_id = pt.territory_id WHERE pt.practice_id = p.practice_id), '{}'),
                    coalesce((SELECT array_agg(th.theme_key ORDER BY th.position) FROM practice_themes pth
                              JOIN themes th ON th.theme_id = pth.theme_id WHERE pth.practice_id = p.practice_id), '{}'),
                    CASE WHEN search.tsq IS NULL THEN NULL
                    WHEN to_tsvector(seguia_search_config(p.language), p.title || ' — ' || coalesce(p.summary, '')) @@ search.tsq
                    THEN ts_headline(seguia_search_config(p.language), p.title || ' — ' || coalesce(p.summary, ''), search.tsq,
                        'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=" … "')
                    ELSE ts_headline(seguia_search_config(p.language),
                        p.title || ' — ' || coalesce(p.summary, '') || ' ' || coalesce((
                            SELECT string_agg(st.body || ' ' || coalesce((SELECT string_agg(value, ' ') FROM jsonb_array_elements_text(st.items)), ''),
                                              ' ' ORDER BY s.position)
                            FROM practice_sections s JOIN practice_section_texts st ON st.practice_section_id = s.practice_section_id
                            WHERE s.practice_id = p.practice_id AND st.language = p.language), ''),
                        search.tsq,
                        'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=" … "') END,
                    f.rank
             FROM filtered f
             JOIN practices p ON p.practice_id = f.practice_id
             CROSS JOIN search
             LEFT JOIN organisations o ON o.organisation_id = p.organisation_id
             WHERE true
            """)
        if let cursor = query.cursor {
            sql.append(" AND (f.rank, f.practice_id) < (?::real, ?)", cursor.rank, cursor.id)
        }
        sql.append(" ORDER BY f.rank DESC, f.practice_id DESC LIMIT ?", query.limit + 1)

        let rows = try await connection.query(sql.query, logger: logger)
        var items: [PracticeSummary] = []
        for try await row in rows {
            let cells = try row.decode(
                (Int64, String, String, String?, String, String, String, String?, Date?, Date?, String, [String], [String], String?, Float).self)
            items.append(
                PracticeSummary(
                    id: cells.0, slug: cells.1, title: cells.2, summary: cells.3,
                    language: try StoreError.decodeEnum(Language.self, cells.4, column: "practices.language"),
                    status: try StoreError.decodeEnum(PracticeStatus.self, cells.5, column: "practices.status"),
                    confidentiality: try StoreError.decodeEnum(Confidentiality.self, cells.6, column: "practices.confidentiality"),
                    organisation: cells.7,
                    period: DatePeriod(
                        start: cells.8, end: cells.9,
                        precision: try StoreError.decodeEnum(DatePrecision.self, cells.10, column: "practices.period_precision")),
                    territories: cells.11, themes: cells.12, snippet: cells.13, rank: cells.14))
        }
        return items
    }

    private func facets(
        _ query: PracticeQuery, scope: Int64?, audience: PracticeAudience, connection: PostgresConnection, logger: Logger
    ) async throws -> (Int, [String: [FacetCount]]) {
        var sql = Self.filteredCTE(query, scope: scope, audience: audience, ranked: false)
        // Territory counts roll up (a practice in Tubas counts for PS too): the scope holds each
        // territory once with its ancestors.
        sql.append(
            """
            , involved AS (
                SELECT practice_id, organisation_id FROM filtered WHERE organisation_id IS NOT NULL
                UNION
                SELECT f.practice_id, po.organisation_id FROM filtered f JOIN practice_organisations po ON po.practice_id = f.practice_id
            )
            SELECT 'total', '', '', count(*) FROM filtered
            UNION ALL
            SELECT 'territory', t.code, t.name_fr, count(*)
            FROM filtered f CROSS JOIN LATERAL unnest(f.territory_scope) AS scoped(territory_id)
            JOIN territories t ON t.territory_id = scoped.territory_id GROUP BY t.code, t.name_fr
            UNION ALL
            SELECT 'theme', th.theme_key, th.name_fr, count(*)
            FROM filtered f JOIN practice_themes pth ON pth.practice_id = f.practice_id JOIN themes th ON th.theme_id = pth.theme_id
            GROUP BY th.theme_key, th.name_fr
            UNION ALL
            SELECT 'organisation', o.code, o.name_fr, count(DISTINCT involved.practice_id)
            FROM involved JOIN organisations o ON o.organisation_id = involved.organisation_id GROUP BY o.code, o.name_fr
            UNION ALL
            SELECT 'year', year::text, year::text, count(DISTINCT f.practice_id)
            FROM filtered f
            CROSS JOIN LATERAL generate_series(
                extract(year FROM f.period_start)::int,
                least(extract(year FROM coalesce(f.period_end, f.period_start))::int, extract(year FROM f.period_start)::int + 100)) AS year
            WHERE f.period_start IS NOT NULL
            GROUP BY year
            """)
        let rows = try await connection.query(sql.query, logger: logger)
        var total = 0
        var facets: [String: [FacetCount]] = ["territory": [], "theme": [], "organisation": [], "year": []]
        for try await (facet, key, label, count) in rows.decode((String, String, String, Int).self) {
            if facet == "total" {
                total = count
            } else {
                facets[facet, default: []].append(FacetCount(key: key, label: label, count: count))
            }
        }
        for facet in facets.keys {
            facets[facet]?.sort { ($0.count, $1.key) > ($1.count, $0.key) }
        }
        return (total, facets)
    }
}
