import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Logging
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

    @Sendable func csv(_ request: Request, context: Context) async throws -> Response {
        var parameters = QueryParameters(request)
        let filter = ValueRepository.Filter(parameters: &parameters)
        let writer = ValueFileWriter(format: .csv, csvSeparator: parameters.csvSeparator(), byteOrderMark: parameters.boolean("bom") ?? true)
        try parameters.validate()
        try await repository.check(filter, logger: context.logger)
        return stream(
            filter, writer: writer, mediaType: ReportFormat.csv.mediaType, fileName: Self.fileName(filter, extension: "csv"),
            channel: context.channel, logger: context.logger)
    }

    @Sendable func jsonLines(_ request: Request, context: Context) async throws -> Response {
        var parameters = QueryParameters(request)
        let filter = ValueRepository.Filter(parameters: &parameters)
        try parameters.validate()
        try await repository.check(filter, logger: context.logger)
        return stream(
            filter, writer: ValueFileWriter(format: .json), mediaType: "application/jsonl; charset=utf-8", fileName: Self.fileName(filter, extension: "jsonl"),
            channel: context.channel, logger: context.logger)
    }

    /// Rows go out in blocks as the database hands them over; a write that fails (the client
    /// left) ends the loop, which cancels the query. A failure once the status is sent cannot
    /// become an error status: the connection is closed without the chunked body's last chunk,
    /// so the client sees an incomplete transfer, never a file that looks whole; and it is
    /// logged as the error it is.
    private func stream(
        _ filter: ValueRepository.Filter, writer: ValueFileWriter, mediaType: String, fileName: String, channel: any Channel,
        logger: Logger
    ) -> Response {
        let repository = self.repository
        return Response(
            status: .ok,
            headers: [.contentType: mediaType, .contentDisposition: "attachment; filename=\"\(fileName)\""],
            body: ResponseBody { body in
                var sent = 0
                let departure = await ClientDeparture.watch(channel)
                defer { departure.remove() }
                do {
                    try await repository.stream(filter, cancelWhen: departure.departed, logger: logger) { rows in
                        try await writer.write(rows, blockSize: Self.blockSize) { block in
                            try await body.write(block)
                            sent += block.readableBytes
                        }
                    }
                    try await body.finish(nil)
                } catch {
                    logger.error(
                        "export ended before its last row; the client gets an incomplete transfer",
                        metadata: ["bytes_sent": "\(sent)", "error": "\(String(reflecting: error))"])
                    throw error
                }
            })
    }

    static func fileName(_ filter: ValueRepository.Filter, extension: String) -> String {
        ReportRenderer.fileName(stem: ["valeurs", filter.indicator, filter.territory].compactMap { $0 }.joined(separator: "-"), extension: `extension`)
    }
}

extension ValueRepository.Filter {
    /// The filters of `/api/v1/values` (paging aside), shared by its exports.
    init(parameters: inout QueryParameters) {
        self.init()
        indicator = parameters.string("indicator")
        territory = parameters.territoryCode("territory")
        includeDescendants = parameters.boolean("descendants") ?? false
        fromYear = parameters.integer("from", in: 1800...2200)
        toYear = parameters.integer("to", in: 1800...2200)
        disaggregation = parameters.string("disaggregation", limit: TextLimits.name)?.lowercased()
        vintage = parameters.string("vintage", limit: TextLimits.name)
    }
}
