import Foundation
import Logging
import PostgresNIO
import Synchronization
import SeguiaCore

/// One change of a stored value.
public struct ValueChange: Sendable, Equatable {
    public var changedAt: Date
    public var changedBy: String
    public var oldValue: Decimal?
    public var newValue: Decimal?
    public var oldSource: String?
    public var newSource: String?
    public var note: String?
}

/// Reads indicator values; computed indicators answer like stored ones.
public struct ValueRepository: Sendable {
    public let database: Database
    /// Where a filter's indicator is looked up before its values are read.
    public let indicators: IndicatorRepository

    public init(database: Database, indicators: IndicatorRepository) {
        self.database = database
        self.indicators = indicators
    }

    /// Filters of `values`; all optional.
    public struct Filter: Sendable {
        public var indicator: String?
        public var territory: String?
        public var includeDescendants = false
        public var fromYear: Int?
        public var toYear: Int?
        public var disaggregation: String?
        public var vintage: String?
        public var limit = 1000
        public var offset = 0
        /// Only values flagged suspect.
        public var onlySuspect = false
        /// Only the value of the latest period per territory (and disaggregation).
        public var latestOnly = false
        /// Only the `n` latest periods of each series (indicator, territory, disaggregation,
        /// vintage): what a comparison of latest and previous values needs.
        public var latestPerSeries: Int?
        /// Several territories at once (for comparisons).
        public var territories: [String] = []
        /// Several indicators at once (for comparisons), with the inputs of those computed.
        public var indicators: [String] = []
        /// One stored value.
        public var id: Int64?

        public init() {}
    }

    /// Values matching the filter, by indicator, territory and period; computed indicators are
    /// computed from their inputs' values, each citing the inputs' sources.
    public func values(_ filter: Filter, logger: Logger) async throws -> [IndicatorValue] {
        try await database.withReadConnection("values.list") { connection in
            if let territory = filter.territory { try await connection.requireTerritory(territory, field: "territory", logger: logger) }
            var values: [IndicatorValue] = []
            for try await row in try await connection.run(Self.query(filter, counting: false).query, logger: logger) {
                values.append(try Self.decode(row).0)
            }
            return values
        }
    }

    /// A page of `values` and the number of values matching the filter on every page.
    public func page(_ filter: Filter, logger: Logger) async throws -> (values: [IndicatorValue], total: Int) {
        try await database.withReadConnection("values.list") { connection in
            if let territory = filter.territory { try await connection.requireTerritory(territory, field: "territory", logger: logger) }
            let (values, total) = try await Self.page(filter, on: connection, logger: logger)
            if values.isEmpty && filter.offset > 0 {
                // Past the last page the window count is not there to read: count on its own, on
                // the same connection (asking the pool for a second one while holding this one
                // waits forever once every connection is held that way).
                var counting = filter
                counting.offset = 0
                counting.limit = 1
                return (values, try await Self.page(counting, on: connection, logger: logger).1)
            }
            return (values, total)
        }
    }

    private static func page(_ filter: Filter, on connection: PostgresConnection, logger: Logger) async throws -> ([IndicatorValue], Int) {
        let rows = try await connection.run(query(filter, counting: true).query, logger: logger)
        var values: [IndicatorValue] = []
        var total = 0
        for try await row in rows {
            let (value, count) = try decode(row)
            total = count ?? 0
            values.append(value)
        }
        return (values, total)
    }

    /// Refuses, before anything is streamed, a filter naming an unknown indicator or territory.
    public func check(_ filter: Filter, logger: Logger) async throws {
        if let indicator = filter.indicator { _ = try await indicators.indicator(indicator, logger: logger) }
        if let territory = filter.territory {
            try await database.withConnection("values.check") { connection in
                try await connection.requireTerritory(territory, field: "territory", logger: logger)
            }
        }
    }

    /// Every value matching the filter (its limit and offset aside), handed to `body` as the
    /// database returns them: memory stays flat whatever their number. When `body` stops early
    /// (its client left) the query is cancelled in PostgreSQL at once: left alone it would run
    /// on, blocked on a socket nobody reads, and hold its connection until it timed out.
    ///
    /// `abandoned` completes when the consumer is gone even if `body` is not told (a client that
    /// closes its connection while the query is still sorting, before the first row is written):
    /// the query is cancelled then too.
    public func stream(
        _ filter: Filter, cancelWhen abandoned: EventLoopFuture<Void>? = nil, logger: Logger,
        _ body: (PostgresRowSequence) async throws -> Void
    ) async throws {
        try await database.withConnection("values.stream") { connection in
            if let territory = filter.territory { try await connection.requireTerritory(territory, field: "territory", logger: logger) }
            var backend: Int32 = 0
            for try await pid in try await connection.run("SELECT pg_backend_pid()", logger: logger).decode(Int32.self) { backend = pid }
            // Once the stream is over the backend may run someone else's query: never cancel it then.
            let streaming = StreamingFlag()
            defer { streaming.end() }
            abandoned?.whenComplete { [self, backend] _ in
                guard streaming.isRunning else { return }
                Task {
                    guard streaming.isRunning else { return }
                    await self.cancelQuery(of: backend, logger: logger)
                }
            }
            do {
                try await body(try await connection.run(Self.query(filter, counting: false, paged: false).query, logger: logger))
            } catch {
                await cancelQuery(of: backend, logger: logger)
                throw error
            }
        }
    }

    /// Cancels the query backend `pid` is running, from another connection: the one running it
    /// is busy until PostgreSQL answers.
    private func cancelQuery(of pid: Int32, logger: Logger) async {
        do {
            _ = try await database.withConnection("values.stream.cancel") { connection in
                try await connection.run("SELECT pg_cancel_backend(\(pid))", logger: logger)
            }
            logger.info("export stopped before its end: its query was cancelled", metadata: ["backend": "\(pid)"])
        } catch {
            logger.warning("could not cancel an abandoned export's query", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    /// Cell by cell in column order: exports decode every row, and the generic tuple decoding
    /// spent more on type metadata than on the values.
    public static func decode(_ row: PostgresRow) throws -> (IndicatorValue, total: Int?) {
        // A stored figure that does not read as a number is an error, never a silent 0.
        func number(_ text: String) throws -> Decimal {
            guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw StoreError(description: "indicator_values.value '\(text)' is not a number")
            }
            return value
        }
        var cells = row.makeIterator()
        func next<Value: PostgresDecodable>(_ type: Value.Type) throws -> Value {
            guard let cell = cells.next() else { throw StoreError(description: "a values row has too few columns") }
            return try cell.decode(type)
        }
        let value = IndicatorValue(
            id: try next(Int64?.self), indicator: try next(String.self), territory: try next(String.self), period: try next(String.self),
            disaggregation: try next(String.self), vintage: try next(String.self), value: try number(try next(String.self)),
            unit: try next(String.self), source: try next(String.self), quality: try next(String.self), reviewFlag: try next(String.self),
            reviewReason: try next(String?.self), note: try next(String?.self), version: try next(Int64?.self))
        return (value, try next(Int?.self))
    }

    /// The values statement. Every filter that a computed value inherits from its inputs
    /// (territory, period, disaggregation, vintage, indicator and its formula's inputs) applies
    /// to the stored rows first, so only the rows asked for are read, whatever the table's size.
    static func query(_ filter: Filter, counting: Bool, paged: Bool = true) -> SQLBuilder {
        var sql = SQLBuilder("WITH RECURSIVE scope AS (")
        if let territory = filter.territory {
            if filter.includeDescendants {
                sql.append("SELECT territory_id FROM territory_subtree(ARRAY[?]::text[])", territory)
            } else {
                sql.append("SELECT territory_id FROM territories WHERE code = ?", territory)
            }
        } else {
            sql.append("SELECT territory_id FROM territories")
        }
        sql.append(
            """
            ), stored AS (
                SELECT v.value_id, i.code AS indicator, v.territory_id, v.period, v.period_start, v.disaggregation, v.vintage,
                       v.value, v.source, v.quality, v.review_flag, v.review_reason, v.note,
                       (extract(epoch FROM v.updated_at) * 1000000)::bigint AS version
                FROM indicator_values v JOIN indicators i ON i.indicator_id = v.indicator_id
                WHERE v.territory_id IN (SELECT territory_id FROM scope)
            """)
        if let indicator = filter.indicator {
            sql.append(
                """
                 AND i.code IN (SELECT ? UNION ALL SELECT formula_numerator FROM indicators WHERE code = ?
                               UNION ALL SELECT formula_denominator FROM indicators WHERE code = ?)
                """, indicator, indicator, indicator)
        }
        if !filter.indicators.isEmpty {
            sql.append(
                " AND i.code IN (SELECT unnest(?::text[]) UNION ALL SELECT formula_numerator FROM indicators WHERE code = ANY(?)"
                    + " UNION ALL SELECT formula_denominator FROM indicators WHERE code = ANY(?))",
                filter.indicators, filter.indicators, filter.indicators)
        }
        if !filter.territories.isEmpty {
            sql.append(" AND v.territory_id IN (SELECT territory_id FROM territories WHERE code = ANY(?))", filter.territories)
        }
        if let from = filter.fromYear { sql.append(" AND v.period_start >= make_date(?::int, 1, 1)", from) }
        if let to = filter.toYear { sql.append(" AND v.period_start < make_date(?::int, 1, 1)", to + 1) }
        if let disaggregation = filter.disaggregation { sql.append(" AND v.disaggregation = ?", disaggregation) }
        if let vintage = filter.vintage { sql.append(" AND v.vintage = ?", vintage) }
        // Values of computed indicators, derived from the stored ones.
        sql.append(
            """
            ), computed AS (
                SELECT NULL::bigint AS value_id, i.code AS indicator, n.territory_id, n.period, n.period_start, n.disaggregation, n.vintage,
                       CASE i.formula_kind
                           WHEN 'complement' THEN 100 - n.value
                           ELSE n.value / NULLIF(d.value, 0) * coalesce(i.formula_factor, 1)
                       END AS value,
                       CASE i.formula_kind
                           WHEN 'complement' THEN 'Calculé : 100 − ' || n.indicator || '. ' || n.indicator || ' : ' || n.source
                           ELSE 'Calculé : ' || n.indicator || ' / ' || d.indicator || ' × ' || coalesce(i.formula_factor, 1)
                                || '. ' || n.indicator || ' : ' || n.source || ' ' || d.indicator || ' : ' || d.source
                       END AS source,
                       'aggregated' AS quality,
                       CASE WHEN n.review_flag = 'ok' AND coalesce(d.review_flag, 'ok') = 'ok' THEN 'ok' ELSE 'suspect' END AS review_flag,
                       CASE WHEN n.review_flag = 'ok' AND coalesce(d.review_flag, 'ok') = 'ok' THEN NULL
                            ELSE 'computed from a value under review' END AS review_reason,
                       NULL::text AS note, NULL::bigint AS version
                FROM indicators i
                JOIN stored n ON n.indicator = i.formula_numerator
                LEFT JOIN stored d ON i.formula_kind = 'ratio' AND d.indicator = i.formula_denominator
                    AND d.territory_id = n.territory_id AND d.period = n.period AND d.disaggregation = n.disaggregation
                    AND d.vintage = n.vintage
                WHERE i.formula_kind IS NOT NULL AND (i.formula_kind = 'complement' OR d.value_id IS NOT NULL)
            """)
        if let indicator = filter.indicator { sql.append(" AND i.code = ?", indicator) }
        if !filter.indicators.isEmpty { sql.append(" AND i.code = ANY(?)", filter.indicators) }
        sql.append(
            """
            ), every_value AS (SELECT * FROM stored UNION ALL SELECT * FROM computed)
            SELECT e.value_id, e.indicator, t.code, e.period, e.disaggregation, e.vintage, e.value::text, ind.unit, e.source, e.quality,
                   e.review_flag, e.review_reason, e.note, e.version,
            """)
        sql.append(counting ? " count(*) OVER ()::int" : " NULL::int")
        sql.append(" FROM ")
        if filter.latestOnly {
            // The latest period within the range asked, per indicator, territory and disaggregation.
            sql.append(
                """
                (SELECT DISTINCT ON (indicator, territory_id, disaggregation) * FROM every_value
                 ORDER BY indicator, territory_id, disaggregation, period_start DESC, vintage DESC) e
                """)
        } else if let count = filter.latestPerSeries {
            sql.append(
                """
                (SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY indicator, territory_id, disaggregation, vintage
                                                             ORDER BY period_start DESC, period DESC) AS recency
                                FROM every_value) ranked
                 WHERE recency <= ?) e
                """, count)
        } else {
            sql.append("every_value e")
        }
        sql.append(
            """
             JOIN territories t ON t.territory_id = e.territory_id
             JOIN indicators ind ON ind.code = e.indicator
             WHERE true
            """)
        if let indicator = filter.indicator { sql.append(" AND e.indicator = ?", indicator) }
        if !filter.indicators.isEmpty { sql.append(" AND e.indicator = ANY(?)", filter.indicators) }
        if filter.onlySuspect { sql.append(" AND e.review_flag = 'suspect'") }
        if let id = filter.id { sql.append(" AND e.value_id = ?", id) }
        sql.append(" ORDER BY ind.position, t.code, e.period_start, e.period, e.disaggregation, e.vintage")
        if paged { sql.append(" LIMIT ? OFFSET ?", filter.limit, filter.offset) }
        return sql
    }

    /// Every change of a stored value, oldest first.
    public func history(of id: Int64, logger: Logger) async throws -> [ValueChange] {
        try await database.withReadConnection("values.history") { connection in
            let exists = try await connection.run("SELECT 1 FROM indicator_values WHERE value_id = \(id)", logger: logger)
            var found = false
            for try await _ in exists { found = true }
            guard found else { throw AppError.notFound(resource: "value", identifier: String(id)) }
            let rows = try await connection.run(
                """
                SELECT changed_at, changed_by, old_value::text, new_value::text, old_source, new_source, note
                FROM indicator_value_history WHERE value_id = \(id) ORDER BY changed_at
                """, logger: logger)
            var changes: [ValueChange] = []
            for try await (at, by, old, new, oldSource, newSource, note) in rows.decode(
                (Date, String, String?, String?, String?, String?, String?).self)
            {
                changes.append(
                    ValueChange(
                        changedAt: at, changedBy: by, oldValue: old.flatMap { Decimal(string: $0) }, newValue: new.flatMap { Decimal(string: $0) },
                        oldSource: oldSource, newSource: newSource, note: note))
            }
            return changes
        }
    }

    /// Sets a stored value's review flag, provided it is still at `expectedVersion`; the change
    /// goes to the value's history.
    public func review(
        id: Int64, expectedVersion: Int64, flag: String, reason: String?, author: String, logger: Logger
    ) async throws {
        try await database.withConnection("values.review") { connection in
            try await connection.inTransaction(logger: logger) { transaction in
                let rows = try await transaction.run(
                    """
                    SELECT (extract(epoch FROM updated_at) * 1000000)::bigint, review_flag, value::text, source
                    FROM indicator_values WHERE value_id = \(id) FOR UPDATE
                    """, logger: logger)
                var current: (Int64, String, String, String)?
                for try await row in rows.decode((Int64, String, String, String).self) { current = row }
                guard let current else { throw AppError.notFound(resource: "value", identifier: String(id)) }
                guard current.0 == expectedVersion else {
                    throw AppError.preconditionFailed("The value changed since you read it. Read it again and redo your review.")
                }
                try await transaction.run(
                    """
                    UPDATE indicator_values SET review_flag = \(flag), review_reason = \(flag == "ok" ? nil : reason),
                           updated_at = clock_timestamp(), updated_by = \(author)
                    WHERE value_id = \(id)
                    """, logger: logger)
                try await transaction.run(
                    """
                    INSERT INTO indicator_value_history (value_id, changed_by, old_value, new_value, old_source, new_source,
                                                         old_review_flag, new_review_flag, note)
                    VALUES (\(id), \(author), \(current.2)::numeric, \(current.2)::numeric, \(current.3), \(current.3),
                            \(current.1), \(flag), \(reason))
                    """, logger: logger)
            }
        }
    }
}

/// Whether a stream still holds its connection, read from the thread that learns its client left.
private final class StreamingFlag: Sendable {
    private let running = Mutex(true)

    var isRunning: Bool { running.withLock { $0 } }

    func end() {
        running.withLock { $0 = false }
    }
}
