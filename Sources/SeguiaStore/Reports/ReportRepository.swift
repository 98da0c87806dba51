import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// Gathers what comparison reports show: territories' names, indicator values, and practices
/// by theme and territory.
public struct ReportRepository: Sendable {
    public let database: Database
    public let definitions: IndicatorRepository
    public let values: ValueRepository
    public let practices: PracticeRepository
    /// Most values one indicator brings into a report: past it the report is refused, never cut.
    public let maximumValuesPerIndicator: Int

    public init(
        database: Database, definitions: IndicatorRepository, values: ValueRepository, practices: PracticeRepository,
        maximumValuesPerIndicator: Int = 100_000
    ) {
        self.database = database
        self.definitions = definitions
        self.values = values
        self.practices = practices
        self.maximumValuesPerIndicator = maximumValuesPerIndicator
    }

    /// The headline SDG 6 indicators (6.1.1 … 6.b.1), compared when no indicator is named.
    public static let defaultTerritories = ["FR", "MA", "PS"]

    /// Names of `codes`, in their order; an unknown code is an invalid `field`.
    public func territories(_ codes: [String], language: Language, field: String, logger: Logger) async throws -> [TerritoryLabel] {
        try await database.withReadConnection("reports.territories") { connection in
            let rows = try await connection.run(
                "SELECT code, name_fr, name_en, name_ar FROM territories WHERE code = ANY(\(codes))", logger: logger)
            var names: [String: LocalizedNames] = [:]
            for try await (code, fr, en, ar) in rows.decode((String, String, String?, String?).self) {
                names[code] = LocalizedNames(fr: fr, en: en, ar: ar)
            }
            return try Self.labels(codes, names: names, language: language, field: field)
        }
    }

    /// The same, from territories already read (a page that lists them all anyway).
    public static func labels(_ codes: [String], in territories: [Territory], language: Language, field: String) throws -> [TerritoryLabel] {
        try labels(codes, names: Dictionary(territories.map { ($0.code, $0.names) }, uniquingKeysWith: { first, _ in first }),
                   language: language, field: field)
    }

    private static func labels(_ codes: [String], names: [String: LocalizedNames], language: Language, field: String) throws -> [TerritoryLabel] {
        if let unknown = codes.first(where: { names[$0] == nil }) {
            throw AppError.invalid(field: field, reason: "no territory has the code '\(unknown)'")
        }
        return codes.map { TerritoryLabel(code: $0, name: names[$0]?.preferred(language) ?? $0) }
    }

    /// The definitions of `codes` in their order, or of the headline SDG 6 indicators when empty.
    public func indicators(_ codes: [String], logger: Logger) async throws -> [IndicatorDefinition] {
        try Self.indicators(codes, in: try await definitions.indicators(counting: false, logger: logger))
    }

    /// The same, from definitions already read.
    public static func indicators(_ codes: [String], in all: [IndicatorDefinition]) throws -> [IndicatorDefinition] {
        guard !codes.isEmpty else { return all.filter { $0.code == $0.sdgIndicator } }
        let byCode = Dictionary(all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        if let unknown = codes.first(where: { byCode[$0] == nil }) {
            throw AppError.invalid(field: "indicators", reason: "no indicator has the code '\(unknown)'")
        }
        return codes.compactMap { byCode[$0] }
    }

    /// Indicators × territories, each value with its source; values of the territories
    /// themselves (not of their descendants). Without `wholeSeries`, only the two latest
    /// periods of each series are read: enough for latest and previous values.
    public func indicatorComparison(
        territories: [TerritoryLabel], indicators: [IndicatorDefinition], fromYear: Int?, toYear: Int?, disaggregation: String,
        wholeSeries: Bool = true, logger: Logger
    ) async throws -> IndicatorComparison {
        var filter = ValueRepository.Filter()
        filter.territories = territories.map(\.code)
        filter.fromYear = fromYear
        filter.toYear = toYear
        filter.disaggregation = disaggregation
        if !wholeSeries { filter.latestPerSeries = 2 }
        let values = try await values(of: indicators, filter, logger: logger)
        return IndicatorComparison(
            indicators: indicators, territories: territories, values: values, fromYear: fromYear, toYear: toYear, disaggregation: disaggregation)
    }

    /// The values of `indicators` under `filter`, in one statement. An indicator with more than
    /// `maximumValuesPerIndicator` is a 422 asking for a narrower report: a comparison silently
    /// missing values would mislead whoever reads it.
    func values(of indicators: [IndicatorDefinition], _ filter: ValueRepository.Filter, logger: Logger) async throws -> [IndicatorValue] {
        guard !indicators.isEmpty else { return [] }
        var filter = filter
        filter.indicators = indicators.map(\.code)
        // One more than the cap for each: enough to tell that one went over it.
        filter.limit = (maximumValuesPerIndicator + 1) * indicators.count
        let found = try await self.values.values(filter, logger: logger)
        let counts = Dictionary(grouping: found, by: \.indicator).mapValues(\.count)
        if let over = indicators.first(where: { (counts[$0.code] ?? 0) > maximumValuesPerIndicator }) {
            throw AppError.invalid(
                field: "indicators",
                reason: "\(over.code) has more than \(maximumValuesPerIndicator) values in this report; choose fewer territories or years")
        }
        return found
    }

    /// Practices by theme and territory (a territory includes its descendants), with their
    /// levers, limits and lessons in `language` where translated, else in their own language.
    /// `perCell`: at most this many practices in each cell (the most recent: latest period first),
    /// each cell saying how many it has; nil: all of them.
    ///
    /// Cells are ranked on dates and ids, never on titles: sorting tens of thousands of titles
    /// by collation was nine tenths of the query at 10,000 practices.
    public func practiceComparison(
        territories: [TerritoryLabel], themes: [String], audience: PracticeAudience, language: Language, perCell: Int? = nil, logger: Logger
    ) async throws -> PracticeComparison {
        try await database.withReadConnection("reports.practices") { connection in
            var sql = SQLBuilder()
            sql.append(
                """
                WITH chosen AS (SELECT territory_id, code FROM territories WHERE code = ANY(?::text[])),
                -- Each linked territory placed under the nearest compared territory that contains it.
                placed AS (
                    SELECT DISTINCT ON (l.origin) l.origin AS territory_id, c.code AS root
                    FROM territory_lineage(ARRAY(SELECT DISTINCT territory_id FROM practice_territories)) l
                    JOIN chosen c ON c.territory_id = l.territory_id
                    ORDER BY l.origin, l.depth
                ), matches AS (
                    SELECT DISTINCT placed.root, ptm.theme_id, p.practice_id, coalesce(p.period_end, p.period_start) AS latest
                    FROM placed
                    JOIN practice_territories pt ON pt.territory_id = placed.territory_id
                    JOIN practices p ON p.practice_id = pt.practice_id
                    JOIN practice_themes ptm ON ptm.practice_id = p.practice_id
                    WHERE p.status <> 'archived'
                """, territories.map(\.code))
            PracticeRepository.appendVisibility(audience, to: &sql)
            if !themes.isEmpty { sql.append(" AND ptm.theme_id IN (SELECT theme_id FROM themes WHERE theme_key = ANY(?))", themes) }
            // Texts are read only for the practices shown.
            sql.append(
                """
                ), ranked AS (
                    SELECT *, row_number() OVER (PARTITION BY root, theme_id ORDER BY latest DESC NULLS LAST, practice_id DESC) AS rank,
                           count(*) OVER (PARTITION BY root, theme_id) AS in_cell
                    FROM matches
                )
                SELECT ranked.root, th.theme_key, ranked.in_cell::int, p.slug, p.title, p.period_start::text, p.period_end::text,
                    coalesce((SELECT string_agg(coalesce(o.acronym, o.name_fr), ', ' ORDER BY po.position)
                              FROM practice_organisations po JOIN organisations o ON o.organisation_id = po.organisation_id
                              WHERE po.practice_id = p.practice_id), '')
                """)
            for key in ["levers", "limits", "lessons", "recommendations"] {
                sql.append(", ")
                sql.append(Self.sectionText, key, language.rawValue, language.rawValue)
            }
            sql.append(" FROM ranked JOIN practices p ON p.practice_id = ranked.practice_id JOIN themes th ON th.theme_id = ranked.theme_id")
            if let perCell { sql.append(" WHERE ranked.rank <= ?", perCell) }
            sql.append(" ORDER BY ranked.latest DESC NULLS LAST, p.practice_id DESC")
            let rows = try await connection.run(sql.query, logger: logger)
            var entries: [(root: String, theme: String, entry: PracticeComparison.Entry)] = []
            var inCell: [String: Int] = [:]
            for try await (root, theme, count, slug, title, start, end, organisations, levers, limits, lessons, recommendations) in rows.decode(
                (String, String, Int, String, String, String?, String?, String, String?, String?, String?, String?).self)
            {
                inCell[root + "\u{1F}" + theme] = count
                entries.append(
                    (root, theme, PracticeComparison.Entry(
                        slug: slug, title: title, organisations: organisations, periodStart: start, periodEnd: end, levers: levers ?? "",
                        limits: limits ?? "", lessons: lessons ?? "", recommendations: recommendations ?? "")))
            }
            let themeRows = try await connection.run(
                "SELECT theme_key, name_fr, name_en, name_ar FROM themes ORDER BY position", logger: logger)
            var themeNames: [(String, String)] = []
            for try await (key, fr, en, ar) in themeRows.decode((String, String, String, String?).self) {
                themeNames.append((key, LocalizedNames(fr: fr, en: en, ar: ar).preferred(language)))
            }
            if let unknown = themes.first(where: { key in !themeNames.contains { $0.0 == key } }) {
                throw AppError.invalid(field: "themes", reason: "no theme has the key '\(unknown)'")
            }
            // Named themes, or every theme with a practice in one of the territories.
            let shown = themeNames.filter { theme in themes.isEmpty ? entries.contains { $0.theme == theme.0 } : themes.contains(theme.0) }
            return PracticeComparison(
                territories: territories,
                themes: shown.map { key, name in
                    PracticeComparison.ThemeRow(
                        key: key, name: name,
                        cells: territories.map { territory in
                            PracticeComparison.Cell(
                                territory: territory.code, practices: entries.filter { $0.root == territory.code && $0.theme == key }.map(\.entry),
                                total: inCell[territory.code + "\u{1F}" + key] ?? 0)
                        })
                })
        }
    }

    /// A section's text (key bound first, then the language twice): its body and its items,
    /// in the language asked where translated, else in the practice's own.
    private static let sectionText = """
        (SELECT string_agg(btrim(st.body || coalesce(E'\\n' || (SELECT string_agg('• ' || item, E'\\n')
                                                          FROM jsonb_array_elements_text(st.items) item), '')), E'\\n\\n' ORDER BY s.position)
         FROM practice_sections s JOIN practice_section_texts st ON st.practice_section_id = s.practice_section_id
         WHERE s.practice_id = p.practice_id AND s.section_key = ?
           AND st.language = CASE WHEN EXISTS (SELECT 1 FROM practice_section_texts x
                                               WHERE x.practice_section_id = s.practice_section_id AND x.language = ?)
                                  THEN ? ELSE p.language END)
        """
}
