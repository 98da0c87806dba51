import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// `/api/v1/indicators` and `/api/v1/values`: definitions, values with their sources, imports.
struct IndicatorController<Context: IdentifiedRequestContext> {
    let repository: ValueRepository
    let importer: ValueImporter

    /// Largest CSV accepted in one request. It streams into a staging table: the limit guards the disk, not the memory.
    static var maximumImportBytes: Int { 2 * 1_073_741_824 }

    var indicatorEndpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get(use: listIndicators)
            .get("{code}", use: getIndicator)
    }

    var valueEndpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get(use: listValues)
            .get("latest", use: latestValues)
            .get("suspect", use: suspectValues)
            .post("import", use: importValues)
            .get("{id}", use: getValue)
            .patch("{id}", use: reviewValue)
            .get("{id}/history", use: history)
    }

    @Sendable func listIndicators(_ request: Request, context: Context) async throws -> ListResponse<IndicatorDTO> {
        ListResponse(items: try await repository.indicators(logger: context.logger).map(IndicatorDTO.init))
    }

    @Sendable func getIndicator(_ request: Request, context: Context) async throws -> IndicatorDTO {
        IndicatorDTO(try await repository.indicator(try context.parameters.require("code"), logger: context.logger))
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

    /// Sets the review flag of a value (editor); `If-Match` with the value's ETag is required.
    @Sendable func reviewValue(_ request: Request, context: Context) async throws -> EditedResponse<ValueDTO> {
        let author = try context.identity.require(.editor, to: "Reviewing a value")
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
        if let indicator = filter.indicator { _ = try await repository.indicator(indicator, logger: context.logger) }
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
        let author = try context.identity.require(.editor, to: "Importing values")
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

struct IndicatorDTO: ResponseCodable {
    struct Formula: Codable, Sendable {
        var kind: String
        var numerator: String
        var denominator: String?
        var factor: Decimal?
    }

    var code: String
    var names: LocalizedNames
    var unit: String
    var direction: String
    var decimals: Int
    var minimum: Decimal?
    var maximum: Decimal?
    var theme: String?
    var sdgIndicator: String?
    var unSeriesCode: String?
    var formula: Formula?
    var values: Int

    init(_ definition: IndicatorDefinition) {
        code = definition.code
        names = definition.names
        unit = definition.unit
        direction = definition.direction
        decimals = definition.decimals
        minimum = definition.minimum
        maximum = definition.maximum
        theme = definition.theme
        sdgIndicator = definition.sdgIndicator
        unSeriesCode = definition.unSeriesCode
        formula = definition.formula.map { Formula(kind: $0.kind, numerator: $0.numerator, denominator: $0.denominator, factor: $0.factor) }
        values = definition.valueCount
    }

    enum CodingKeys: String, CodingKey {
        case code, names, unit, direction, decimals, minimum, maximum, theme, formula, values
        case sdgIndicator = "sdg_indicator"
        case unSeriesCode = "un_series_code"
    }
}

struct ValueDTO: ResponseCodable {
    var id: Int64?
    var indicator: String
    var territory: String
    var period: String
    var disaggregation: String
    var vintage: String?
    var value: Decimal
    var unit: String
    var source: String
    var quality: String
    var reviewFlag: String
    var reviewReason: String?
    var note: String?
    var computed: Bool

    init(_ value: IndicatorValue) {
        id = value.id
        indicator = value.indicator
        territory = value.territory
        period = value.period
        disaggregation = value.disaggregation
        vintage = value.vintage.isEmpty ? nil : value.vintage
        self.value = value.value
        unit = value.unit
        source = value.source
        quality = value.quality
        reviewFlag = value.reviewFlag
        reviewReason = value.reviewReason
        note = value.note
        computed = value.id == nil
    }

    enum CodingKeys: String, CodingKey {
        case id, indicator, territory, period, disaggregation, vintage, value, unit, source, quality, note, computed
        case reviewFlag = "review_flag"
        case reviewReason = "review_reason"
    }
}

/// A page of values: `total` counts every matching value; `next_offset` is where the next page starts, if any.
struct ValuePageDTO: ResponseEncodable {
    var items: [ValueDTO]
    var total: Int
    var nextOffset: Int?

    enum CodingKeys: String, CodingKey {
        case items, total
        case nextOffset = "next_offset"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(total, forKey: .total)
        try container.encode(nextOffset, forKey: .nextOffset)
    }
}

struct ValueChangeDTO: Codable, Sendable {
    var changedAt: String
    var changedBy: String
    var oldValue: Decimal?
    var newValue: Decimal?
    var oldSource: String?
    var newSource: String?
    var note: String?

    init(_ change: ValueChange) {
        changedAt = ISO8601DateFormatter().string(from: change.changedAt)
        changedBy = change.changedBy
        oldValue = change.oldValue
        newValue = change.newValue
        oldSource = change.oldSource
        newSource = change.newSource
        note = change.note
    }

    enum CodingKeys: String, CodingKey {
        case note
        case changedAt = "changed_at"
        case changedBy = "changed_by"
        case oldValue = "old_value"
        case newValue = "new_value"
        case oldSource = "old_source"
        case newSource = "new_source"
    }
}

struct ImportOutcomeDTO: ResponseEncodable {
    var format: String
    var rows: Int
    var inserted: Int
    var updated: Int
    var unchanged: Int
    var skipped: Int
    var flagged: Int
    var dryRun: Bool

    enum CodingKeys: String, CodingKey {
        case format, rows, inserted, updated, unchanged, skipped, flagged
        case dryRun = "dry_run"
    }
}
