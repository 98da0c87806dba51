import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// Reads the definitions of the indicators.
public struct IndicatorRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Every definition; `counting` adds each one's number of stored values (a scan of them all).
    public func indicators(counting: Bool = true, logger: Logger) async throws -> [IndicatorDefinition] {
        try await definitions(code: nil, counting: counting, logger: logger)
    }

    public func indicator(_ code: String, logger: Logger) async throws -> IndicatorDefinition {
        guard let found = try await definitions(code: code, logger: logger).first else {
            throw AppError.notFound(resource: "indicator", identifier: code)
        }
        return found
    }

    private func definitions(code: String?, counting: Bool = true, logger: Logger) async throws -> [IndicatorDefinition] {
        try await database.withReadConnection("indicators.list") { connection in
            var sql = SQLBuilder(
                """
                SELECT i.code, i.name_fr, i.name_en, i.name_ar, i.unit, i.direction, i.decimals, i.minimum::text, i.maximum::text,
                       i.theme_key, i.sdg_indicator, i.un_series_code, i.formula_kind, i.formula_numerator, i.formula_denominator,
                       i.formula_factor::text, i.description, i.name_ar_origin, i.name_ar_source,
                """)
            sql.append(counting ? "(SELECT count(*) FROM indicator_values v WHERE v.indicator_id = i.indicator_id)::int" : "0")
            sql.append(" FROM indicators i")
            if let code { sql.append(" WHERE i.code = ?", code) }
            sql.append(" ORDER BY i.position")
            let rows = try await connection.run(sql.query, logger: logger)
            var found: [IndicatorDefinition] = []
            for try await row in rows {
                let c = try row.decode(
                    (String, String, String, String?, String, String, Int, String?, String?, String?, String?, String?, String?, String?,
                     String?, String?, String?, String?, String?, Int).self)
                var definition = (
                    IndicatorDefinition(
                        code: c.0, names: LocalizedNames(fr: c.1, en: c.2, ar: c.3), unit: c.4, direction: c.5, decimals: c.6,
                        minimum: c.7.flatMap { Decimal(string: $0) }, maximum: c.8.flatMap { Decimal(string: $0) }, theme: c.9,
                        sdgIndicator: c.10, unSeriesCode: c.11,
                        formula: c.12.map { ($0, c.13 ?? "", c.14, c.15.flatMap { Decimal(string: $0) }) }, valueCount: c.19))
                definition.description = c.16
                definition.arabicNameOrigin = c.17
                definition.arabicNameSource = c.18
                found.append(definition)
            }
            return found
        }
    }
}
