import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// The counts and country figures of the home page, in one statement.
public struct OverviewRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func overview(audience: PracticeAudience, logger: Logger) async throws -> Overview {
        var sql = SQLBuilder(
            """
            WITH visible AS (SELECT count(*) AS practices FROM practices p WHERE p.status <> 'archived'
            """)
        PracticeRepository.appendVisibility(audience, to: &sql)
        sql.append(
            """
            ), latest AS (
                SELECT DISTINCT ON (i.indicator_id, t.territory_id)
                       i.code AS indicator, i.name_fr, i.name_en, i.name_ar, i.unit, i.decimals, i.position, t.code AS country,
                       v.period, v.value, v.source
                FROM indicator_values v
                JOIN indicators i ON i.indicator_id = v.indicator_id
                JOIN territories t ON t.territory_id = v.territory_id
                WHERE t.kind = 'country' AND v.disaggregation = 'total' AND i.sdg_indicator IS NOT NULL
                ORDER BY i.indicator_id, t.territory_id, v.period_end DESC, v.vintage DESC
            )
            SELECT 'counts', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                   ARRAY[(SELECT practices FROM visible), (SELECT count(*) FROM indicators), (SELECT count(*) FROM indicator_values),
                         (SELECT count(*) FROM territories)]::bigint[], 0
            UNION ALL
            SELECT 'figure', indicator, name_fr, name_en, name_ar, unit, decimals::int, country, period, value::text, source, NULL, position
            FROM latest
            ORDER BY 13, 2, 8
            """)
        return try await database.withReadConnection("overview") { connection in
            var counts = Overview.Counts(practices: 0, indicators: 0, values: 0, territories: 0)
            var figures: [Overview.CountryFigure] = []
            for try await row in try await connection.run(sql.query, logger: logger) {
                let cells = row.makeRandomAccess()
                if try cells[0].decode(String.self) == "counts" {
                    let numbers = try cells[11].decode([Int].self)
                    counts = Overview.Counts(practices: numbers[0], indicators: numbers[1], values: numbers[2], territories: numbers[3])
                    continue
                }
                let text = try cells[9].decode(String.self)
                guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                    throw StoreError(description: "indicator_values.value '\(text)' does not read as a number")
                }
                figures.append(
                    Overview.CountryFigure(
                        indicator: try cells[1].decode(String.self),
                        indicatorNames: LocalizedNames(
                            fr: try cells[2].decode(String.self), en: try cells[3].decode(String?.self), ar: try cells[4].decode(String?.self)),
                        unit: try cells[5].decode(String.self), decimals: try cells[6].decode(Int.self), country: try cells[7].decode(String.self),
                        period: try cells[8].decode(String.self), value: value, source: try cells[10].decode(String.self)))
            }
            return Overview(counts: counts, figures: figures)
        }
    }
}
