import Foundation
import Logging
import SeguiaCore
import SeguiaExport
import SeguiaStore

/// Renders a comparison definition with current data into a file of the format asked: what
/// `/api/v1/reports` answers and `seguia export report` writes.
public struct ReportExporter: Sendable {
    public let reports: ReportRepository

    public init(reports: ReportRepository) {
        self.reports = reports
    }

    /// How a report is delivered.
    public struct Delivery: Sendable {
        public var format: ReportFormat
        public var language: Language
        public var csvSeparator: Character
        public var byteOrderMark: Bool

        public init(format: ReportFormat, language: Language = .fr, csvSeparator: Character = ",", byteOrderMark: Bool = true) {
            self.format = format
            self.language = language
            self.csvSeparator = csvSeparator
            self.byteOrderMark = byteOrderMark
        }
    }

    public struct File: Sendable {
        public var data: Data
        /// `comparaison-FR-MA-PS-2022.xlsx`.
        public var name: String
        public var language: Language
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public func render(_ definition: ReportDefinition, delivery: Delivery, audience: PracticeAudience, logger: Logger) async throws -> File {
        let language = delivery.language
        let territories = try await reports.territories(definition.territories, language: language, field: "territories", logger: logger)
        switch definition.kind {
        case .indicators:
            let indicators = try await reports.indicators(definition.indicators, logger: logger)
            let comparison = try await reports.indicatorComparison(
                territories: territories, indicators: indicators, fromYear: definition.fromYear, toYear: definition.toYear,
                disaggregation: definition.disaggregation,
                // Series are shown only as such (layout=series) and as line charts (html).
                wholeSeries: definition.layout == .series || delivery.format == .html, logger: logger)
            let document = ReportDocument(comparison: comparison, layout: definition.layout, language: language, body: delivery.format != .json)
            return try Self.encode(
                document, json: IndicatorComparisonDTO(comparison, layout: definition.layout, document: document, language: language), delivery: delivery)
        case .practices:
            let comparison = try await reports.practiceComparison(
                territories: territories, themes: definition.themes, audience: audience, language: language, logger: logger)
            let document = ReportDocument(practices: comparison, language: language)
            return try Self.encode(document, json: PracticeComparisonDTO(comparison, document: document), delivery: delivery)
        }
    }

    static func encode(_ document: ReportDocument, json: some Encodable, delivery: Delivery) throws -> File {
        let data: Data
        switch delivery.format {
        case .json: data = try encoder.encode(json)
        default:
            data = try ReportRenderer(csvSeparator: delivery.csvSeparator, byteOrderMark: delivery.byteOrderMark).render(document, as: delivery.format)
        }
        return File(data: data, name: ReportRenderer.fileName(document, format: delivery.format), language: document.language)
    }
}
