import Foundation
import NIOCore
import PostgresNIO
import SeguiaCore
import SeguiaExport
import SeguiaStore

/// One value per line, as `/api/v1/values.csv` / `.json` and `seguia export values` write them.
public struct ValueFileWriter: Sendable {
    public static let columns = [
        "indicator", "territory", "period", "disaggregation", "vintage", "value", "unit", "source", "quality", "review_flag", "review_reason",
        "note", "computed",
    ]

    public let format: ReportFormat
    let csv: CSVWriter

    /// `csv` or `json` (JSON lines).
    public init(format: ReportFormat, csvSeparator: Character = ",", byteOrderMark: Bool = true) {
        self.format = format
        self.csv = CSVWriter(separator: csvSeparator, byteOrderMark: byteOrderMark)
    }

    /// What comes before the first value.
    public var header: String {
        guard format == .csv else { return "" }
        return (csv.byteOrderMark ? "\u{FEFF}" : "") + csv.line(Self.columns)
    }

    public func line(_ value: IndicatorValue) throws -> String {
        guard format == .csv else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(ValueDTO(value)), as: UTF8.self) + "\n"
        }
        return csv.line([
            csv.field(value.indicator), csv.field(value.territory), csv.field(value.period), csv.field(value.disaggregation),
            csv.field(value.vintage), csv.number(value.value), csv.field(value.unit), csv.field(value.source), csv.field(value.quality),
            csv.field(value.reviewFlag), csv.field(value.reviewReason ?? ""), csv.field(value.note ?? ""), value.id == nil ? "true" : "false",
        ])
    }

    /// Writes the header and a line per row, handing `send` blocks of about `blockSize` bytes as
    /// the rows arrive, so memory stays flat whatever their number. Returns the number of values.
    @discardableResult
    public func write(_ rows: PostgresRowSequence, blockSize: Int = 64 * 1024, send: (ByteBuffer) async throws -> Void) async throws -> Int {
        var block = ByteBuffer(string: header)
        var count = 0
        for try await row in rows {
            block.writeString(try line(ValueRepository.decode(row).0))
            count += 1
            if block.readableBytes >= blockSize {
                try await send(block)
                block.clear()
            }
        }
        try await send(block)
        return count
    }
}
