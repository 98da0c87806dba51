import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SeguiaCore
import SeguiaExport
import SeguiaStore

/// `/api/v1/reports`: comparisons of indicators and of practices across territories, in JSON,
/// CSV, XLSX, Markdown or HTML (`format=` or `Accept`), and saved comparisons.
struct ReportController<Context: IdentifiedRequestContext> {
    let reports: ReportRepository
    let saved: SavedReportRepository

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get(use: listSaved)
            .post(use: createSaved)
            .get("indicators", use: indicatorReport)
            .get("practices", use: practiceReport)
            .get("{slug}", use: renderSaved)
    }

    typealias Delivery = ReportExporter.Delivery

    static var encoder: JSONEncoder { ReportExporter.encoder }

    // MARK: Routes

    @Sendable func indicatorReport(_ request: Request, context: Context) async throws -> Response {
        var parameters = QueryParameters(request)
        let definition = Self.indicatorDefinition(&parameters)
        let delivery = Self.delivery(request, &parameters)
        try parameters.validate()
        return try await render(definition, audience: context.identity.audience, delivery: delivery, logger: context.logger)
    }

    @Sendable func practiceReport(_ request: Request, context: Context) async throws -> Response {
        var parameters = QueryParameters(request)
        let definition = ReportDefinition(
            kind: .practices, territories: parameters.codes("territories", territory: true) ?? ["FR-OCC", "MA", "PS"],
            themes: parameters.codes("themes", territory: false) ?? [])
        let delivery = Self.delivery(request, &parameters)
        try parameters.validate()
        return try await render(definition, audience: context.identity.audience, delivery: delivery, logger: context.logger)
    }

    @Sendable func evidence(_ request: Request, context: Context) async throws -> Response {
        var parameters = QueryParameters(request)
        let indicators = parameters.codes("indicators", territory: false) ?? []
        let delivery = Self.delivery(request, &parameters)
        try parameters.validate()
        let evidence = try await reports.evidence(
            practice: try context.parameters.require("identifier"), indicatorCodes: indicators, audience: context.identity.audience,
            language: delivery.language, logger: context.logger)
        let document = ReportDocument(evidence: evidence, language: delivery.language)
        return try Self.respond(document, json: EvidenceDTO(evidence, document: document), delivery: delivery)
    }

    @Sendable func listSaved(_ request: Request, context: Context) async throws -> Response {
        let reports = try await saved.list(logger: context.logger)
        return try Self.json(["items": reports.map(SavedReportDTO.init)], status: .ok)
    }

    @Sendable func createSaved(_ request: Request, context: Context) async throws -> Response {
        let author = try context.identity.require(.contributor, to: "Saving a report")
        let body = try await request.body(ofType: ["application/json"], limit: 65_536, expected: "the report definition as application/json")
        let input: SavedReportInput
        let data = try TextRules.checkedJSON(body)
        do {
            input = try JSONDecoder().decode(SavedReportInput.self, from: data)
        } catch {
            throw AppError.invalid(field: "body", reason: "not a report definition: name (required), territories, indicators, themes, from, to, layout, disaggregation, kind")
        }
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw AppError.invalid(field: "name", reason: "is empty") }
        var issues: [FieldIssue] = []
        TextLimits.check(name, field: "name", limit: TextLimits.name, into: &issues)
        TextLimits.check(input.disaggregation, field: "disaggregation", limit: TextLimits.name, into: &issues)
        TextLimits.check(count: input.territories?.count ?? 0, field: "territories", limit: TextLimits.territories, into: &issues)
        TextLimits.check(count: input.indicators?.count ?? 0, field: "indicators", limit: TextLimits.indicators, into: &issues)
        TextLimits.check(count: input.themes?.count ?? 0, field: "themes", limit: TextLimits.themes, into: &issues)
        if !issues.isEmpty { throw AppError.invalid(issues) }
        if let from = input.from, let to = input.to, from > to { throw AppError.invalid(field: "from", reason: "is after to (\(to))") }
        let kind = input.kind ?? (input.themes?.isEmpty == false && input.indicators?.isEmpty != false ? .practices : .indicators)
        let definition = ReportDefinition(
            kind: kind, territories: (input.territories ?? ReportRepository.defaultTerritories).map(TerritoryCode.normalise),
            indicators: input.indicators ?? [], themes: input.themes ?? [], fromYear: input.from, toYear: input.to,
            disaggregation: input.disaggregation?.lowercased() ?? "total", layout: input.layout ?? .latest)
        // A definition is checked as it would be rendered: unknown codes are refused now, not later.
        _ = try await reports.territories(definition.territories, language: .fr, field: "territories", logger: context.logger)
        if kind == .indicators { _ = try await reports.indicators(definition.indicators, logger: context.logger) }
        if kind == .practices {
            _ = try await reports.practiceComparison(
                territories: [], themes: definition.themes, audience: .administrator, language: .fr, logger: context.logger)
        }
        let report = try await saved.create(
            name: name, slug: input.slug, definition: definition, author: author.name, logger: context.logger)
        var response = try Self.json(SavedReportDTO(report), status: .created)
        response.headers[.location] = "/api/v1/reports/\(report.slug)"
        return response
    }

    @Sendable func renderSaved(_ request: Request, context: Context) async throws -> Response {
        let report = try await saved.find(try context.parameters.require("slug"), logger: context.logger)
        var parameters = QueryParameters(request)
        let delivery = Self.delivery(request, &parameters)
        try parameters.validate()
        return try await render(report.definition, audience: context.identity.audience, delivery: delivery, logger: context.logger)
    }

    // MARK: Rendering

    func render(_ definition: ReportDefinition, audience: PracticeAudience, delivery: Delivery, logger: Logger) async throws -> Response {
        try Self.respond(
            try await ReportExporter(reports: reports).render(definition, delivery: delivery, audience: audience, logger: logger), delivery: delivery)
    }

    static func respond(_ document: ReportDocument, json: some Encodable, delivery: Delivery) throws -> Response {
        try respond(try ReportExporter.encode(document, json: json, delivery: delivery), delivery: delivery)
    }

    static func respond(_ file: ReportExporter.File, delivery: Delivery) throws -> Response {
        let disposition = delivery.format == .json || delivery.format == .html ? "inline" : "attachment"
        return Response(
            status: .ok,
            headers: [
                .contentType: delivery.format.mediaType, .contentDisposition: "\(disposition); filename=\"\(file.name)\"",
                .contentLanguage: file.language.rawValue,
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(data: file.data)))
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(data: try encoder.encode(value))))
    }

    // MARK: Parameters

    static func indicatorDefinition(_ parameters: inout QueryParameters) -> ReportDefinition {
        let from = parameters.integer("from", in: 1800...2200)
        let to = parameters.integer("to", in: 1800...2200)
        if let from, let to, from > to { parameters.reject("from", "is after to (\(to))") }
        return ReportDefinition(
            kind: .indicators, territories: parameters.codes("territories", territory: true) ?? ReportRepository.defaultTerritories,
            indicators: parameters.codes("indicators", territory: false) ?? [], fromYear: from, toYear: to,
            disaggregation: parameters.string("disaggregation", limit: TextLimits.name)?.lowercased() ?? "total",
            layout: parameters.enumeration("layout", as: ComparisonLayout.self) ?? .latest)
    }

    static func delivery(_ request: Request, _ parameters: inout QueryParameters) -> Delivery {
        let format = parameters.enumeration("format", as: ReportFormat.self) ?? request.headers[.accept].flatMap(ReportFormat.init(accept:)) ?? .json
        let language = parameters.enumeration("lang", as: Language.self) ?? .fr
        return Delivery(
            format: format, language: language, csvSeparator: parameters.csvSeparator(), byteOrderMark: parameters.boolean("bom") ?? true)
    }
}
