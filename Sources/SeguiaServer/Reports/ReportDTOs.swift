import Foundation
import SeguiaCore

/// JSON of reports. Keys are snake case through `CodingKeys`, as in every other answer.
struct ObservationDTO: Encodable {
    var value: Decimal
    var period: String
    var vintage: String?
    var source: String
    var quality: String
    var reviewFlag: String
    var reviewReason: String?
    var computed: Bool

    enum CodingKeys: String, CodingKey {
        case value, period, vintage, source, quality, computed
        case reviewFlag = "review_flag", reviewReason = "review_reason"
    }

    init(_ observation: IndicatorComparison.Observation) {
        value = observation.value
        period = observation.period
        vintage = observation.vintage.isEmpty ? nil : observation.vintage
        source = observation.source
        quality = observation.quality
        reviewFlag = observation.reviewFlag
        reviewReason = observation.reviewReason
        computed = observation.computed
    }
}

struct IndicatorComparisonDTO: Encodable {
    struct Cell: Encodable {
        var territory: String
        var latest: ObservationDTO?
        var previous: ObservationDTO?
        var change: Decimal?
        var trend: Trend?
    }

    struct SeriesRow: Encodable {
        var period: String
        var vintage: String?
        /// By territory code; a territory without value for the period is absent.
        var values: [String: Decimal]
    }

    struct Indicator: Encodable {
        var code: String
        var name: String
        var unit: String
        var direction: String
        var decimals: Int
        var cells: [Cell]
        var series: [SeriesRow]?
    }

    var title: String
    var layout: ComparisonLayout
    var territories: [NamedLinkDTO]
    var from: Int?
    var to: Int?
    var disaggregation: String
    var indicators: [Indicator]
    var emptyCells: Int
    var cells: Int
    var notes: [String]
    var sources: [String]

    enum CodingKeys: String, CodingKey {
        case title, layout, territories, from, to, disaggregation, indicators, cells, notes, sources
        case emptyCells = "empty_cells"
    }

    init(_ comparison: IndicatorComparison, layout: ComparisonLayout, document: ReportDocument, language: Language) {
        title = document.title
        self.layout = layout
        territories = comparison.territories.map { NamedLinkDTO(code: $0.code, name: $0.name) }
        from = comparison.fromYear
        to = comparison.toYear
        disaggregation = comparison.disaggregation
        indicators = zip(comparison.rows, comparison.series).map { row, block in
            Indicator(
                code: row.indicator.code, name: row.indicator.names.preferred(language), unit: row.indicator.unit, direction: row.indicator.direction,
                decimals: row.indicator.decimals,
                cells: row.cells.map {
                    Cell(territory: $0.territory, latest: $0.latest.map(ObservationDTO.init), previous: $0.previous.map(ObservationDTO.init),
                         change: $0.change, trend: $0.trend)
                },
                series: layout == .series
                    ? block.rows.map { row in
                        SeriesRow(
                            period: row.period, vintage: row.vintage.isEmpty ? nil : row.vintage,
                            values: Dictionary(
                                zip(comparison.territories, row.values).compactMap { territory, value in value.map { (territory.code, $0.value) } },
                                uniquingKeysWith: { first, _ in first }))
                    } : nil)
        }
        emptyCells = comparison.emptyCells
        cells = comparison.cellCount
        notes = document.notes
        sources = comparison.sources
    }
}

struct PracticeComparisonDTO: Encodable {
    struct Practice: Encodable {
        var slug: String
        var title: String
        var link: String
        var organisations: String
        var periodStart: String?
        var periodEnd: String?
        var levers: String
        var limits: String
        var lessons: String
        var recommendations: String

        enum CodingKeys: String, CodingKey {
            case slug, title, link, organisations, levers, limits, lessons, recommendations
            case periodStart = "period_start", periodEnd = "period_end"
        }
    }

    struct Cell: Encodable {
        var territory: String
        var practices: [Practice]
    }

    struct Theme: Encodable {
        var key: String
        var name: String
        var cells: [Cell]
    }

    var title: String
    var territories: [NamedLinkDTO]
    var themes: [Theme]
    var notes: [String]

    init(_ comparison: PracticeComparison, document: ReportDocument) {
        title = document.title
        territories = comparison.territories.map { NamedLinkDTO(code: $0.code, name: $0.name) }
        themes = comparison.themes.map { theme in
            Theme(
                key: theme.key, name: theme.name,
                cells: theme.cells.map { cell in
                    Cell(
                        territory: cell.territory,
                        practices: cell.practices.map {
                            Practice(
                                slug: $0.slug, title: $0.title, link: $0.link, organisations: $0.organisations, periodStart: $0.periodStart,
                                periodEnd: $0.periodEnd, levers: $0.levers, limits: $0.limits, lessons: $0.lessons,
                                recommendations: $0.recommendations)
                        })
                })
        }
        notes = document.notes
    }
}

struct EvidenceDTO: Encodable {
    struct Point: Encodable {
        var period: String
        var vintage: String?
        var value: Decimal
        var source: String
        var quality: String
        var reviewFlag: String
        var phase: PracticeEvidence.Phase

        enum CodingKeys: String, CodingKey {
            case period, vintage, value, source, quality, phase
            case reviewFlag = "review_flag"
        }
    }

    struct Series: Encodable {
        var indicator: String
        var unit: String
        var territory: String
        var valuesOf: String
        var points: [Point]

        enum CodingKeys: String, CodingKey {
            case indicator, unit, territory, points
            case valuesOf = "values_of"
        }
    }

    struct Practice: Encodable {
        var slug: String
        var title: String
        var periodStart: String?
        var periodEnd: String?

        enum CodingKeys: String, CodingKey {
            case slug, title
            case periodStart = "period_start", periodEnd = "period_end"
        }
    }

    var title: String
    var practice: Practice
    var territories: [NamedLinkDTO]
    var indicators: [String]
    var series: [Series]

    init(_ evidence: PracticeEvidence, document: ReportDocument) {
        title = document.title
        practice = Practice(slug: evidence.slug, title: evidence.title, periodStart: evidence.periodStart, periodEnd: evidence.periodEnd)
        territories = evidence.territories.map { NamedLinkDTO(code: $0.code, name: $0.name) }
        indicators = evidence.indicators.map(\.code)
        series = evidence.series.map { series in
            Series(
                indicator: series.indicator.code, unit: series.indicator.unit, territory: series.territory, valuesOf: series.valuesOf,
                points: series.points.map {
                    Point(period: $0.period, vintage: $0.vintage.isEmpty ? nil : $0.vintage, value: $0.value, source: $0.source, quality: $0.quality,
                          reviewFlag: $0.reviewFlag, phase: $0.phase)
                })
        }
    }
}

struct SavedReportDTO: Encodable {
    var slug: String
    var name: String
    var kind: ReportDefinition.Kind
    var territories: [String]
    var indicators: [String]
    var themes: [String]
    var from: Int?
    var to: Int?
    var disaggregation: String
    var layout: ComparisonLayout
    var createdBy: String
    var link: String

    enum CodingKeys: String, CodingKey {
        case slug, name, kind, territories, indicators, themes, from, to, disaggregation, layout, link
        case createdBy = "created_by"
    }

    init(_ report: SavedReport) {
        slug = report.slug
        name = report.name
        kind = report.definition.kind
        territories = report.definition.territories
        indicators = report.definition.indicators
        themes = report.definition.themes
        from = report.definition.fromYear
        to = report.definition.toYear
        disaggregation = report.definition.disaggregation
        layout = report.definition.layout
        createdBy = report.createdBy
        link = "/api/v1/reports/\(report.slug)"
    }
}

/// `POST /api/v1/reports`.
struct SavedReportInput: Decodable {
    var name: String
    var slug: String?
    var kind: ReportDefinition.Kind?
    var territories: [String]?
    var indicators: [String]?
    var themes: [String]?
    var from: Int?
    var to: Int?
    var disaggregation: String?
    var layout: ComparisonLayout?
}
