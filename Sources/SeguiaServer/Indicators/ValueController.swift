import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/api/v1/values`: values with their sources, their review and history, imports.
struct ValueController<Context: IdentifiedRequestContext> {
    let repository: ValueRepository
    let indicators: IndicatorRepository
    let importer: ValueImporter

    /// Largest CSV accepted in one request. It is spooled to disk first: the limit guards the disk, not the memory.
    static var maximumImportBytes: Int { 2 * 1_073_741_824 }

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get(use: listValues)
            .get("latest", use: latestValues)
            .get("suspect", use: suspectValues)
            .post("import", use: importValues)
            .get("{id}", use: getValue)
            .patch("{id}", use: reviewValue)
            .get("{id}/history", use: history)
    }

    @Sendable func listValues(_ request: Request, context: Context) async throws -> ValuePageDTO {
        try await values(request, context: context) { _, _ in }
    }

    /// The value of the latest period for each of `territories` (comma-separated codes).
    @Sendable func latestValues(_ request: Request, context: Context) async throws -> ValuePageDTO {
        try await values(request, context: context) { filter, parameters in
            filter.latestOnly = true
            if filter.indicator == nil { parameters.reject("indicator", "is required") }
            filter.territories = (parameters.string("territories") ?? "").split(separator: ",").map { TerritoryCode.normalise(String($0)) }
            if filter.territories.isEmpty { parameters.reject("territories", "list at least one territory code") }
        }
    }

    /// Values flagged `suspect`, with the reason.
    @Sendable func suspectValues(_ request: Request, context: Context) async throws -> ValuePageDTO {
        try await values(request, context: context) { filter, _ in filter.onlySuspect = true }
    }

    @Sendable func getValue(_ request: Request, context: Context) async throws -> EditedResponse<ValueDTO> {
        var filter = ValueRepository.Filter()
        filter.id = try context.parameters.require("id", as: Int64.self)
        guard let value = try await repository.values(filter, logger: context.logger).first else {
            throw AppError.notFound(resource: "value", identifier: String(filter.id ?? 0))
        }
        return EditedResponse(headers: [.eTag: value.entityTag ?? ""], response: ValueDTO(value))
    }

    struct ReviewInput: Decodable {
        var reviewFlag: String
        var reason: String?

        enum CodingKeys: String, CodingKey {
            case reason
            case reviewFlag = "review_flag"
        }
    }

    /// Sets the review flag of a value (reviewers); `If-Match` with the value's ETag is required.
    @Sendable func reviewValue(_ request: Request, context: Context) async throws -> EditedResponse<ValueDTO> {
        let author = try context.identity.require(.reviewer, to: "Reviewing a value")
        let id = try context.parameters.require("id", as: Int64.self)
        let version = try EntityTag.version(in: request, prefix: "v", id: id, resource: "value")
        let body = try await request.body(ofType: ["application/json"], limit: 65_536, expected: "the review as application/json")
        let input: ReviewInput
        do {
            input = try JSONDecoder().decode(ReviewInput.self, from: TextRules.checkedJSON(body))
        } catch let error as DecodingError {
            throw AppError.invalid([error.fieldIssue])
        }
        var issues: [FieldIssue] = []
        if !["ok", "suspect", "invalid"].contains(input.reviewFlag) {
            issues.append(FieldIssue(field: "review_flag", reason: "must be ok, suspect or invalid"))
        }
        if input.reviewFlag != "ok", (input.reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            issues.append(FieldIssue(field: "reason", reason: "say why the value is \(input.reviewFlag)"))
        }
        TextLimits.check(input.reason, field: "reason", limit: TextLimits.note, into: &issues)
        if !issues.isEmpty { throw AppError.invalid(issues) }
        try await repository.review(
            id: id, expectedVersion: version, flag: input.reviewFlag, reason: input.reason, author: author.name, logger: context.logger)
        return try await getValue(request, context: context)
    }

    private func values(
        _ request: Request, context: Context, _ adjust: (inout ValueRepository.Filter, inout QueryParameters) -> Void
    ) async throws -> ValuePageDTO {
        var parameters = QueryParameters(request)
        var filter = ValueRepository.Filter(parameters: &parameters)
        filter.limit = parameters.integer("limit", in: 1...10_000) ?? 1000
        filter.offset = parameters.integer("offset", in: 0...Int(Int32.max)) ?? 0
        adjust(&filter, &parameters)
        try parameters.validate()
        if let indicator = filter.indicator { _ = try await indicators.indicator(indicator, logger: context.logger) }
        let (values, total) = try await repository.page(filter, logger: context.logger)
        let next = filter.offset + values.count < total ? filter.offset + values.count : nil
        return ValuePageDTO(items: values.map(ValueDTO.init), total: total, nextOffset: next)
    }

    @Sendable func history(_ request: Request, context: Context) async throws -> ListResponse<ValueChangeDTO> {
        let id = try context.parameters.require("id", as: Int64.self)
        return ListResponse(items: try await repository.history(of: id, logger: context.logger).map(ValueChangeDTO.init))
    }

    /// All or nothing: any error answers 422 listing every error (line, column, message), and nothing is written.
    @Sendable func importValues(_ request: Request, context: Context) async throws -> ImportOutcomeDTO {
        let author = try context.identity.require(.contributor, to: "Importing values")
        var parameters = QueryParameters(request)
        let dryRun = parameters.boolean("dry_run") ?? false
        let defaultSource = parameters.string("source", limit: TextLimits.source)
        let vintage = parameters.string("vintage", limit: TextLimits.name) ?? ""
        try parameters.validate()
        let body = try request.streamedBody(
            ofType: ["text/csv", "text/plain"], limit: Self.maximumImportBytes, expected: "the values as text/csv (UTF-8, comma or semicolon separated)")
        // The whole file first, with no connection held; then the import reads it at disk speed.
        let spool = try await UploadSpool.spool(body)
        defer { spool.remove() }
        let outcome = try await importer.importCSV(
            spool.chunks(), options: .init(defaults: ValueFileDefaults(source: defaultSource, vintage: vintage), author: author.name, dryRun: dryRun),
            logger: context.logger)
        return ImportOutcomeDTO(
            format: outcome.format, rows: outcome.rows, inserted: outcome.inserted, updated: outcome.updated, unchanged: outcome.unchanged,
            skipped: outcome.skipped, flagged: outcome.flagged, dryRun: dryRun)
    }
}
