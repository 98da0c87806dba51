import Logging
import PostgresNIO
import SeguiaCore

extension ValueImporter {
    /// Turns the staged rows into stored values: refuses duplicate keys, classifies every row
    /// (insert, update, same), then writes history, updates and inserts in three statements.
    static func merge(format: String, skipped: Int, options: Options, connection: PostgresConnection, logger: Logger) async throws -> Outcome {
        let duplicates = try await connection.run(
            """
            SELECT line, first_line FROM (
                SELECT line, min(line) OVER (PARTITION BY indicator, territory, period, disaggregation, vintage) AS first_line
                FROM import_rows
            ) keyed
            WHERE line <> first_line
            ORDER BY line
            LIMIT \(ValueFile.maximumIssues)
            """, logger: logger)
        var issues: [ImportIssue] = []
        for try await (line, first) in duplicates.decode((Int, Int).self) {
            issues.append(ImportIssue(line: line, message: "same indicator, territory, period, disaggregation and vintage as line \(first)"))
        }
        guard issues.isEmpty else { throw ImportFailure(issues: issues) }

        if !options.dryRun {
            // Imports and edits of values queue up behind this one; readers are not held.
            try await connection.run("LOCK TABLE indicator_values IN SHARE ROW EXCLUSIVE MODE", logger: logger)
        }
        let updatesAllowed = options.mode == .upsert
        try await connection.run(
            """
            CREATE TEMPORARY TABLE import_matched ON COMMIT DROP AS
            SELECT r.*, i.indicator_id, t.territory_id, v.value_id,
                   CASE WHEN v.value_id IS NULL THEN 'insert'
                        WHEN \(updatesAllowed) AND (v.value, v.source, v.quality, v.note) IS DISTINCT FROM (r.value, r.source, r.quality, r.note)
                        THEN 'update'
                        ELSE 'same' END AS action
            FROM import_rows r
            JOIN indicators i ON i.code = r.indicator
            JOIN territories t ON t.code = r.territory
            LEFT JOIN indicator_values v ON v.indicator_id = i.indicator_id AND v.territory_id = t.territory_id
                AND v.period = r.period AND v.disaggregation = r.disaggregation AND v.vintage = r.vintage
            """, logger: logger)
        let counts = try await connection.run(
            """
            SELECT count(*) FILTER (WHERE action = 'insert'), count(*) FILTER (WHERE action = 'update'), count(*) FILTER (WHERE action = 'same')
            FROM import_matched
            """, logger: logger)
        var outcome = Outcome()
        outcome.format = format
        outcome.skipped = skipped
        for try await (inserted, updated, same) in counts.decode((Int, Int, Int).self) {
            (outcome.inserted, outcome.updated, outcome.unchanged) = (inserted, updated, same)
        }
        guard !options.dryRun, outcome.inserted + outcome.updated > 0 else { return outcome }

        let author = options.author
        if outcome.updated > 0 {
            try await connection.run(
                """
                INSERT INTO indicator_value_history (value_id, changed_by, old_value, new_value, old_source, new_source,
                                                     old_review_flag, new_review_flag, note)
                SELECT v.value_id, \(author), v.value, m.value, v.source, m.source, v.review_flag, v.review_flag, 'import'
                FROM import_matched m JOIN indicator_values v ON v.value_id = m.value_id
                WHERE m.action = 'update'
                """, logger: logger)
            try await connection.run(
                """
                UPDATE indicator_values v SET value = m.value, source = m.source, quality = m.quality, note = m.note,
                       updated_at = now(), updated_by = \(author)
                FROM import_matched m
                WHERE m.action = 'update' AND v.value_id = m.value_id
                """, logger: logger)
        }
        if outcome.inserted > 0 {
            try await connection.run(
                """
                INSERT INTO indicator_values (indicator_id, territory_id, period, period_start, period_end, disaggregation, vintage,
                                              value, source, quality, note, updated_by)
                SELECT indicator_id, territory_id, period, period_start, period_end, disaggregation, vintage,
                       value, source, quality, note, \(author)
                FROM import_matched
                WHERE action = 'insert'
                ORDER BY indicator_id, territory_id, period_start
                """, logger: logger)
        }
        outcome.flagged = try await flagOutliers(author: author, connection: connection, logger: logger)
        return outcome
    }

    /// Flags as suspect, with the reason and a history entry, the values of the series this
    /// import changed that lie more than 3 standard deviations from their series' mean, or that
    /// jump from the previous period by more than the indicator's threshold. Values already
    /// reviewed keep their flag.
    private static func flagOutliers(author: String, connection: PostgresConnection, logger: Logger) async throws -> Int {
        let flagged = try await connection.run(
            """
            WITH touched AS (
                SELECT DISTINCT indicator_id, territory_id, disaggregation, vintage FROM import_matched WHERE action <> 'same'
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
