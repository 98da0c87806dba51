import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// Writes checked value rows: all of them or none, in one transaction, in a few statements
/// whatever the number of rows. A changed value keeps its former state in the history.
public struct ValueImporter: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// What an import did (or, on a dry run, would do).
    public struct Outcome: Sendable, Equatable {
        public var rows: Int
        public var inserted: Int
        public var updated: Int
        public var unchanged: Int
        /// Rows of series no indicator maps (UN exports only).
        public var skipped = 0
        /// Values the automatic checks flagged `suspect` in the series this import touched.
        public var flagged = 0
        /// `long` or `un_sdg`.
        public var format = "long"
    }

    /// Whether values already stored may change.
    public enum Mode: Sendable {
        /// Insert new values, update changed ones (with history).
        case upsert
        /// Insert new values only; stored ones are left as they are (seeds never overwrite edits).
        case insertOnly
    }

    /// The rules for checking a file against the definitions and territories stored now.
    public func rules(logger: Logger) async throws -> ([String: IndicatorRule], Set<String>) {
        try await database.withConnection("values.rules") { connection in try await Self.rules(connection: connection, logger: logger) }
    }

    static func rules(connection: PostgresConnection, logger: Logger) async throws -> ([String: IndicatorRule], Set<String>) {
        let (indicators, territories, _, _) = try await vocabulary(connection: connection, logger: logger)
        return (indicators, territories)
    }

    /// Rules plus the maps of UN series codes to indicators and of M49 codes to territories.
    static func vocabulary(
        connection: PostgresConnection, logger: Logger
    ) async throws -> ([String: IndicatorRule], Set<String>, [String: String], [String: String]) {
        do {
            let rows = try await connection.query(
                "SELECT code, unit, minimum::text, maximum::text, formula_kind IS NOT NULL, un_series_code FROM indicators", logger: logger)
            var indicators: [String: IndicatorRule] = [:]
            var series: [String: String] = [:]
            for try await (code, unit, minimum, maximum, computed, seriesCode) in rows.decode(
                (String, String, String?, String?, Bool, String?).self)
            {
                indicators[code] = IndicatorRule(
                    unit: unit, minimum: minimum.flatMap { Decimal(string: $0) }, maximum: maximum.flatMap { Decimal(string: $0) },
                    isComputed: computed)
                if let seriesCode { series[seriesCode] = code }
            }
            let territoryRows = try await connection.query("SELECT code, official_identifier FROM territories", logger: logger)
            var territories: Set<String> = []
            var m49: [String: String] = [:]
            for try await (code, identifier) in territoryRows.decode((String, String?).self) {
                territories.insert(code)
                if let identifier, identifier.hasPrefix("M49:") { m49[String(identifier.dropFirst(4))] = code }
            }
            return (indicators, territories, series, m49)
        }
    }

    /// Checks and writes a file on a connection already in a transaction (the seed loader's).
    static func importCSV(
        _ table: CSVTable, defaultSource: String?, author: String, mode: Mode, connection: PostgresConnection, logger: Logger
    ) async throws -> Outcome {
        let (indicators, territories) = try await rules(connection: connection, logger: logger)
        let rows = try LongValueFormat.rows(of: table, indicators: indicators, territories: territories, defaultSource: defaultSource).get()
        return try await write(rows, author: author, mode: mode, dryRun: false, connection: connection, logger: logger)
    }

    /// Checks a CSV file (Seguia's long format or a UN SDG export, told apart by the header),
    /// then writes it unless `dryRun`.
    public func importCSV(
        _ table: CSVTable, defaultSource: String?, vintage: String = "", author: String, mode: Mode, dryRun: Bool, logger: Logger
    ) async throws -> Outcome {
        let (indicators, territories, series, m49) = try await database.withConnection("values.rules") { connection in
            try await Self.vocabulary(connection: connection, logger: logger)
        }
        if UNSDGFormat.recognises(table.header) {
            let (rows, skipped) = try UNSDGFormat.rows(
                of: table, indicatorOfSeries: series, indicators: indicators, territoryOfM49: m49, vintage: vintage
            ).get()
            var outcome = try await write(rows, author: author, mode: mode, dryRun: dryRun, logger: logger)
            outcome.skipped = skipped
            outcome.format = "un_sdg"
            return outcome
        }
        let rows = try LongValueFormat.rows(of: table, indicators: indicators, territories: territories, defaultSource: defaultSource).get()
        return try await write(rows, author: author, mode: mode, dryRun: dryRun, logger: logger)
    }

    public func write(_ rows: [ValueRow], author: String, mode: Mode, dryRun: Bool, logger: Logger) async throws -> Outcome {
        do {
            return try await database.withConnection("values.import") { connection in
                try await connection.withTransaction(logger: logger) { transaction in
                    try await Self.write(rows, author: author, mode: mode, dryRun: dryRun, connection: transaction, logger: logger)
                }
            }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.commitError ?? error.beginError ?? error
        }
    }

    private struct Stored {
        var id: Int64
        var value: Decimal
        var source: String
        var quality: String
        var note: String?
    }

    private static func write(
        _ rows: [ValueRow], author: String, mode: Mode, dryRun: Bool, connection: PostgresConnection, logger: Logger
    ) async throws -> Outcome {
        let indicatorCodes = Array(Set(rows.map(\.indicator)))
        let territoryCodes = Array(Set(rows.map(\.territory)))
        // Locks the values the file may touch, so two imports of overlapping files queue up.
        let existing = try await connection.query(
            """
            SELECT v.value_id, i.code, t.code, v.period, v.disaggregation, v.vintage, v.value::text, v.source, v.quality, v.note
            FROM indicator_values v
            JOIN indicators i ON i.indicator_id = v.indicator_id
            JOIN territories t ON t.territory_id = v.territory_id
            WHERE i.code = ANY(\(indicatorCodes)) AND t.code = ANY(\(territoryCodes))
            FOR UPDATE OF v
            """, logger: logger)
        var stored: [String: Stored] = [:]
        for try await (id, indicator, territory, period, disaggregation, vintage, value, source, quality, note) in existing.decode(
            (Int64, String, String, String, String, String, String, String, String, String?).self)
        {
            let key = [indicator, territory, period, disaggregation, vintage].joined(separator: "\u{1F}")
            stored[key] = Stored(id: id, value: Decimal(string: value) ?? 0, source: source, quality: quality, note: note)
        }

        var inserts: [ValueRow] = []
        var updates: [(Int64, ValueRow)] = []
        var unchanged = 0
        for row in rows {
            guard let current = stored[row.key] else {
                inserts.append(row)
                continue
            }
            let same = current.value == row.value && current.source == row.source && current.quality == row.quality.rawValue
                && current.note == row.note
            if same || mode == .insertOnly { unchanged += 1 } else { updates.append((current.id, row)) }
        }
        let outcome = Outcome(rows: rows.count, inserted: inserts.count, updated: updates.count, unchanged: unchanged)
        guard !dryRun else { return outcome }

        if !inserts.isEmpty {
            try await connection.query(
                """
                INSERT INTO indicator_values (indicator_id, territory_id, period, period_start, period_end, disaggregation, vintage,
                                              value, source, quality, note, updated_by)
                SELECT i.indicator_id, t.territory_id, r.period, r.period_start::date, r.period_end::date, r.disaggregation, r.vintage,
                       r.value::numeric, r.source, r.quality, NULLIF(r.note, ''), \(author)
                FROM unnest(\(inserts.map(\.indicator)), \(inserts.map(\.territory)), \(inserts.map(\.period.text)),
                            \(inserts.map(\.period.start)), \(inserts.map(\.period.end)), \(inserts.map(\.disaggregation)),
                            \(inserts.map(\.vintage)), \(inserts.map { "\($0.value)" }), \(inserts.map(\.source)),
                            \(inserts.map(\.quality.rawValue)), \(inserts.map { $0.note ?? "" }))
                     AS r (indicator, territory, period, period_start, period_end, disaggregation, vintage, value, source, quality, note)
                JOIN indicators i ON i.code = r.indicator
                JOIN territories t ON t.code = r.territory
                """, logger: logger)
        }
        if !updates.isEmpty {
            let ids = updates.map(\.0)
            let changed = updates.map(\.1)
            try await connection.query(
                """
                INSERT INTO indicator_value_history (value_id, changed_by, old_value, new_value, old_source, new_source,
                                                     old_review_flag, new_review_flag, note)
                SELECT v.value_id, \(author), v.value, r.value::numeric, v.source, r.source, v.review_flag, v.review_flag, 'import'
                FROM unnest(\(ids), \(changed.map { "\($0.value)" }), \(changed.map(\.source))) AS r (value_id, value, source)
                JOIN indicator_values v ON v.value_id = r.value_id
                """, logger: logger)
            try await connection.query(
                """
                UPDATE indicator_values v SET value = r.value::numeric, source = r.source, quality = r.quality,
                       note = NULLIF(r.note, ''), updated_at = now(), updated_by = \(author)
                FROM unnest(\(ids), \(changed.map { "\($0.value)" }), \(changed.map(\.source)), \(changed.map(\.quality.rawValue)),
                            \(changed.map { $0.note ?? "" })) AS r (value_id, value, source, quality, note)
                WHERE v.value_id = r.value_id
                """, logger: logger)
        }
        var result = outcome
        if !inserts.isEmpty || !updates.isEmpty {
            result.flagged = try await flagOutliers(in: rows, author: author, connection: connection, logger: logger)
        }
        logger.info("values imported", metadata: ["rows": "\(result.rows)", "inserted": "\(result.inserted)", "updated": "\(result.updated)"])
        return result
    }

    /// Flags as suspect, with the reason and a history entry, the values of the touched series
    /// that lie more than 3 standard deviations from their series' mean, or that jump from the
    /// previous period by more than the indicator's threshold. Values already reviewed keep their flag.
    private static func flagOutliers(in rows: [ValueRow], author: String, connection: PostgresConnection, logger: Logger) async throws -> Int {
        let flagged = try await connection.query(
            """
            WITH touched AS (
                SELECT DISTINCT i.indicator_id, t.territory_id, r.disaggregation, r.vintage
                FROM unnest(\(rows.map(\.indicator)), \(rows.map(\.territory)), \(rows.map(\.disaggregation)), \(rows.map(\.vintage)))
                     AS r (indicator, territory, disaggregation, vintage)
                JOIN indicators i ON i.code = r.indicator
                JOIN territories t ON t.code = r.territory
            ), series AS (
                SELECT v.value_id, v.value, v.review_flag, i.jump_threshold,
                       avg(v.value) OVER whole AS mean, stddev_pop(v.value) OVER whole AS deviation,
                       lag(v.value) OVER ordered AS previous, lag(v.period) OVER ordered AS previous_period
                FROM indicator_values v
                JOIN touched USING (indicator_id, territory_id, disaggregation, vintage)
                JOIN indicators i ON i.indicator_id = v.indicator_id
                WINDOW whole AS (PARTITION BY v.indicator_id, v.territory_id, v.disaggregation, v.vintage),
                       ordered AS (PARTITION BY v.indicator_id, v.territory_id, v.disaggregation, v.vintage ORDER BY v.period_start)
            ), flagged AS (
                UPDATE indicator_values v SET review_flag = 'suspect', updated_at = now(), updated_by = \(author),
                    review_reason = CASE
                        WHEN s.deviation > 0 AND abs(s.value - s.mean) / s.deviation > 3
                            THEN 'more than 3 standard deviations from the series mean (' || round(s.mean, 2) || ')'
                        ELSE 'changes by ' || round(s.value - s.previous, 2) || ' from ' || s.previous_period
                             || ', more than the indicator''s threshold of ' || s.jump_threshold
                    END
                FROM series s
                WHERE v.value_id = s.value_id AND s.review_flag = 'ok'
                  AND ((s.deviation > 0 AND abs(s.value - s.mean) / s.deviation > 3)
                       OR (s.jump_threshold IS NOT NULL AND s.previous IS NOT NULL AND abs(s.value - s.previous) > s.jump_threshold))
                RETURNING v.value_id, v.value, v.source, v.review_reason
            )
            INSERT INTO indicator_value_history (value_id, changed_by, old_value, new_value, old_source, new_source,
                                                 old_review_flag, new_review_flag, note)
            SELECT value_id, \(author), value, value, source, source, 'ok', 'suspect', 'automatic check: ' || review_reason FROM flagged
            RETURNING value_id
            """, logger: logger)
        var count = 0
        for try await _ in flagged { count += 1 }
        return count
    }
}
