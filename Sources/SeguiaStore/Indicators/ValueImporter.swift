import Foundation
import Logging

import PostgresNIO
import SeguiaCore

/// Imports a value file all or nothing, in one transaction, streaming: records are checked as
/// the bytes arrive and copied (COPY) into a staging table, so memory stays flat whatever the
/// file's size; duplicates and the merge into the stored values are then set-based SQL.
/// A changed value keeps its former state in the history.
public struct ValueImporter: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// What an import did (or, on a dry run, would do).
    public struct Outcome: Sendable, Equatable {
        public var rows = 0
        public var inserted = 0
        public var updated = 0
        public var unchanged = 0
        /// Rows of series no indicator maps (UN exports only).
        public var skipped = 0
        /// Values the automatic checks flagged `suspect` in the series this import changed.
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

    public struct Options: Sendable {
        public var defaults: ValueFileDefaults
        public var author: String
        public var mode: Mode
        public var dryRun: Bool

        public init(defaults: ValueFileDefaults = ValueFileDefaults(), author: String, mode: Mode = .upsert, dryRun: Bool = false) {
            self.defaults = defaults
            self.author = author
            self.mode = mode
            self.dryRun = dryRun
        }
    }

    /// Checks a CSV file (Seguia's long format or a UN SDG export, told apart by the header)
    /// as its chunks arrive, then writes it unless `dryRun`. Throws `ImportFailure` listing
    /// every problem (up to `ValueFile.maximumIssues`), having written nothing.
    public func importCSV<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks, options: Options, logger: Logger) async throws -> Outcome
    where Chunks.Element == ByteBuffer {
        do {
            return try await database.withConnection("values.import") { connection in
                try await connection.inTransaction(logger: logger) { transaction in
                    let outcome = try await Self.importCSV(chunks, options: options, connection: transaction, logger: logger)
                    if options.dryRun { throw DryRun(outcome: outcome) }
                    return outcome
                }
            }
        } catch let dryRun as DryRun {
            return dryRun.outcome
        }
    }

    /// Rolls a dry run back, carrying what it found.
    private struct DryRun: Error {
        var outcome: Outcome
    }

    /// Imports on a connection already in a transaction (the seed loader's, or `importCSV`'s).
    static func importCSV<Chunks: AsyncSequence & Sendable>(
        _ chunks: Chunks, options: Options, connection: PostgresConnection, logger: Logger
    ) async throws -> Outcome where Chunks.Element == ByteBuffer {
        let vocabulary = try await vocabulary(connection: connection, logger: logger)
        // The duplicate check, the classification and the outlier windows sort every staged
        // row: in memory rather than through temporary files (at 100,000 rows the outlier
        // window's sort alone spilled 4.5 MB to disk and took a third of its time).
        try await connection.run("SET LOCAL work_mem = '64MB'", logger: logger)
        try await connection.run(
            """
            CREATE TEMPORARY TABLE import_rows (
                line integer NOT NULL, indicator text NOT NULL, territory text NOT NULL, period text NOT NULL,
                period_start date NOT NULL, period_end date NOT NULL, disaggregation text NOT NULL, vintage text NOT NULL,
                value numeric NOT NULL, source text NOT NULL, quality text NOT NULL, note text
            ) ON COMMIT DROP
            """, logger: logger)
        var staging = StagingCopy(vocabulary: vocabulary, defaults: options.defaults)
        try await connection.runCopy(table: "import_rows", columns: StagingCopy.columns, logger: logger) { writer in
            try await staging.copy(chunks, to: writer)
        }
        var outcome = try await merge(
            format: staging.format, skipped: staging.skipped, options: options, connection: connection, logger: logger)
        try await connection.run("DROP TABLE import_rows, import_matched", logger: logger)
        outcome.rows = staging.rows
        logger.info(
            "values imported",
            metadata: ["rows": "\(outcome.rows)", "inserted": "\(outcome.inserted)", "updated": "\(outcome.updated)", "dry_run": "\(options.dryRun)"])
        return outcome
    }

    /// The definitions, territories and UN code maps stored now.
    static func vocabulary(connection: PostgresConnection, logger: Logger) async throws -> ValueVocabulary {
        let rows = try await connection.run(
            "SELECT code, unit, minimum::text, maximum::text, formula_kind IS NOT NULL, un_series_code FROM indicators", logger: logger)
        var vocabulary = ValueVocabulary(indicators: [:], territories: [])
        for try await (code, unit, minimum, maximum, computed, seriesCode) in rows.decode((String, String, String?, String?, Bool, String?).self) {
            vocabulary.indicators[code] = IndicatorRule(
                unit: unit, minimum: minimum.flatMap { Decimal(string: $0) }, maximum: maximum.flatMap { Decimal(string: $0) },
                isComputed: computed)
            if let seriesCode { vocabulary.indicatorOfSeries[seriesCode] = code }
        }
        let territoryRows = try await connection.run("SELECT code, official_identifier FROM territories", logger: logger)
        for try await (code, identifier) in territoryRows.decode((String, String?).self) {
            vocabulary.territories.insert(code)
            if let identifier, identifier.hasPrefix("M49:") { vocabulary.territoryOfM49[String(identifier.dropFirst(4))] = code }
        }
        return vocabulary
    }
}

/// Reads the file's records as they arrive, checks each, and sends the good ones to COPY in
/// blocks; problems are gathered (up to the maximum) and thrown once the file is read.
struct StagingCopy {
    static let columns = [
        "line", "indicator", "territory", "period", "period_start", "period_end", "disaggregation", "vintage", "value", "source",
        "quality", "note",
    ]
    private static let blockSize = 256 * 1024

    let vocabulary: ValueVocabulary
    let defaults: ValueFileDefaults
    private(set) var rows = 0
    private(set) var skipped = 0
    private(set) var format = "long"
    private var issues: [ImportIssue] = []
    private var reader = CSVRecordReader()
    private var checker: (any ValueRowChecker)?
    private var block = ByteBuffer()

    init(vocabulary: ValueVocabulary, defaults: ValueFileDefaults) {
        self.vocabulary = vocabulary
        self.defaults = defaults
    }

    mutating func copy<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks, to writer: PostgresCopyFromWriter) async throws
    where Chunks.Element == ByteBuffer {
        do {
            for try await chunk in chunks {
                try take(try chunk.withUnsafeReadableBytes { try reader.records(in: $0) })
                if block.readableBytes >= Self.blockSize {
                    if issues.isEmpty { try await writer.write(block) }
                    block.clear()
                }
                // Enough to act on; reading further would only lengthen the list.
                if issues.count >= ValueFile.maximumIssues { break }
            }
            if issues.count < ValueFile.maximumIssues { try take(try reader.finish()) }
        } catch let failure as CSVTable.Failure {
            issues.append(Self.issue(for: failure))
        }
        if issues.isEmpty && rows == 0 && skipped == 0 { issues.append(ImportIssue(line: 1, message: "the file has a header but no values")) }
        guard issues.isEmpty else { throw ImportFailure(issues: Array(issues.prefix(ValueFile.maximumIssues))) }
        if block.readableBytes > 0 { try await writer.write(block) }
    }

    private mutating func take(_ records: [CSVTable.Record]) throws {
        for record in records {
            guard var checker else {
                switch ValueFile.checker(header: record.fields, separator: reader.separator ?? UInt8(ascii: ","), vocabulary: vocabulary, defaults: defaults) {
                case .success(let checker):
                    self.checker = checker
                    format = checker.format
                case .failure(let failure):
                    // Without a usable header no row can be read.
                    throw failure
                }
                continue
            }
            let verdict = checker.check(record)
            self.checker = checker
            switch verdict {
            case .row(let row):
                let tooLong = row.lengthIssues()
                guard tooLong.isEmpty else {
                    issues += tooLong
                    continue
                }
                rows += 1
                if issues.isEmpty { Self.append(row, to: &block) }
            case .skipped:
                skipped += 1
            case .failed(let found):
                issues += found
            }
        }
    }

    static func issue(for failure: CSVTable.Failure) -> ImportIssue {
        switch failure {
        case .empty: ImportIssue(line: 1, message: "the file is empty")
        case .notText(let line): ImportIssue(line: line, message: "the file is not UTF-8 text (from this line on)")
        case .unterminatedQuote(let line): ImportIssue(line: line, message: "a quoted field opened here is never closed")
        case .recordTooLong(let line):
            ImportIssue(line: line, message: "this record is longer than \(CSVRecordReader.maximumRecordBytes / 1_048_576) MiB; nothing after it is read")
        }
    }

    /// One row in COPY's text format: tab-separated, `\N` for null, backslash escapes.
    private static func append(_ row: ValueRow, to block: inout ByteBuffer) {
        block.writeString(String(row.line))
        for field in [row.indicator, row.territory, row.period.text, row.period.start, row.period.end, row.disaggregation, row.vintage,
                      row.valueText, row.source, row.quality.rawValue] {
            block.writeInteger(UInt8(ascii: "\t"))
            appendEscaped(field, to: &block)
        }
        block.writeInteger(UInt8(ascii: "\t"))
        if let note = row.note { appendEscaped(note, to: &block) } else { block.writeStaticString("\\N") }
        block.writeInteger(UInt8(ascii: "\n"))
    }

    private static func appendEscaped(_ field: String, to block: inout ByteBuffer) {
        func needsEscape(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == 0x0A || byte == 0x0D }
        guard field.utf8.contains(where: needsEscape) else {
            block.writeString(field)
            return
        }
        for byte in field.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): block.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): block.writeStaticString("\\t")
            case 0x0A: block.writeStaticString("\\n")
            case 0x0D: block.writeStaticString("\\r")
            default: block.writeInteger(byte)
            }
        }
    }
}
