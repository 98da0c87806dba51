import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaExport
import SeguiaStore

/// `GET /api/v1/values.csv` and `.json` (JSON lines): every value matching the filters of
/// `/api/v1/values`, streamed as the database returns the rows. Memory stays flat whatever
/// their number; a client that goes away ends the query.
struct ValueExportController<Context: IdentifiedRequestContext> {
    let repository: ValueRepository

    /// Rows are sent in blocks of about this size.
    static var blockSize: Int { 64 * 1024 }

    static var columns: [String] {
        [
            "indicator", "territory", "period", "disaggregation", "vintage", "value", "unit", "source", "quality", "review_flag", "review_reason",
            "note", "computed",
        ]
    }

    @Sendable func csv(_ request: Request, context: Context) async throws -> Response {
        var parameters = QueryParameters(request)
        let filter = Self.filter(&parameters)
        var separator: Character = ","
        switch parameters.string("sep") {
        case nil, ",": break
        case ";": separator = ";"
        default: parameters.reject("sep", "is , or ;")
        }
        let writer = CSVWriter(separator: separator, byteOrderMark: parameters.boolean("bom") ?? true)
        try parameters.validate()
        try await repository.check(filter, logger: context.logger)
        let repository = self.repository
        let logger = context.logger
        return Response(
            status: .ok,
            headers: [.contentType: ReportFormat.csv.mediaType, .contentDisposition: "attachment; filename=\"\(Self.fileName(filter)).csv\""],
            body: ResponseBody { body in
                var block = ByteBuffer()
                if writer.byteOrderMark { block.writeString("\u{FEFF}") }
                block.writeString(writer.line(Self.columns))
                try await repository.stream(filter, logger: logger) { rows in
                    for try await row in rows {
                        let (value, _) = try ValueRepository.decode(row)
                        block.writeString(
                            writer.line(
                                [value.indicator, value.territory, value.period, value.disaggregation, value.vintage].map(writer.field)
                                    + [writer.number(value.value)]
                                    + [value.unit, value.source, value.quality, value.reviewFlag, value.reviewReason ?? "", value.note ?? ""].map(writer.field)
                                    + [value.id == nil ? "true" : "false"]))
                        if block.readableBytes >= Self.blockSize {
                            try await body.write(block)
                            block.clear()
                        }
                    }
                }
                try await body.write(block)
                try await body.finish(nil)
            })
    }

    @Sendable func jsonLines(_ request: Request, context: Context) async throws -> Response {
        var parameters = QueryParameters(request)
        let filter = Self.filter(&parameters)
        try parameters.validate()
        try await repository.check(filter, logger: context.logger)
        let repository = self.repository
        let logger = context.logger
        return Response(
            status: .ok,
            headers: [.contentType: "application/jsonl; charset=utf-8", .contentDisposition: "attachment; filename=\"\(Self.fileName(filter)).jsonl\""],
            body: ResponseBody { body in
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                var block = ByteBuffer()
                try await repository.stream(filter, logger: logger) { rows in
                    for try await row in rows {
                        let (value, _) = try ValueRepository.decode(row)
                        block.writeBytes(try encoder.encode(ValueDTO(value)))
                        block.writeInteger(UInt8(ascii: "\n"))
                        if block.readableBytes >= Self.blockSize {
                            try await body.write(block)
                            block.clear()
                        }
                    }
                }
                try await body.write(block)
                try await body.finish(nil)
            })
    }

    /// The filters of `/api/v1/values`, without paging.
    static func filter(_ parameters: inout QueryParameters) -> ValueRepository.Filter {
        var filter = ValueRepository.Filter()
        filter.indicator = parameters.string("indicator")
        filter.territory = parameters.territoryCode("territory")
        filter.includeDescendants = parameters.boolean("descendants") ?? false
        filter.fromYear = parameters.integer("from", in: 1800...2200)
        filter.toYear = parameters.integer("to", in: 1800...2200)
        filter.disaggregation = parameters.string("disaggregation")?.lowercased()
        filter.vintage = parameters.string("vintage")
        return filter
    }

    static func fileName(_ filter: ValueRepository.Filter) -> String {
        let parts = ["valeurs", filter.indicator, filter.territory].compactMap { $0 }
        return String(parts.joined(separator: "-").map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") ? $0 : "-" })
    }
}
