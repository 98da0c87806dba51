import Foundation

/// A practice next to its figures: for each of its territories, the series of the indicators
/// asked (by default those of its themes), each value placed before, during or after the
/// practice's period.
public struct PracticeEvidence: Sendable {
    public enum Phase: String, Sendable, Codable {
        case before, during, after
        /// The practice has no dates: no value can be placed.
        case undated

        /// Where a value's period falls against the practice's (`YYYY-MM-DD` dates; no end: still running).
        public static func of(period: String, practiceStart: String?, practiceEnd: String?) -> Phase {
            guard let practiceStart, let period = ValuePeriod(period) else { return .undated }
            if period.end < practiceStart { return .before }
            if let practiceEnd, period.start > practiceEnd { return .after }
            return .during
        }
    }

    public struct Point: Sendable {
        public var period: String
        public var vintage: String
        public var value: Decimal
        public var source: String
        public var quality: String
        public var reviewFlag: String
        public var phase: Phase
    }

    public struct Series: Sendable {
        public var indicator: IndicatorDefinition
        /// The practice's territory.
        public var territory: String
        /// Whose values these are: the territory itself, or its nearest enclosing territory
        /// with values (said so, never passed off as the territory's own).
        public var valuesOf: String
        public var points: [Point]
    }

    public var slug: String
    public var title: String
    public var periodStart: String?
    public var periodEnd: String?
    public var territories: [TerritoryLabel]
    public var indicators: [IndicatorDefinition]
    public var series: [Series]
    /// Names of the practice's territories and of those containing them, by code.
    public var territoryNames: [String: String] = [:]

    /// `chains`: for each practice territory, itself then its ancestors, nearest first.
    public init(
        slug: String, title: String, periodStart: String?, periodEnd: String?, territories: [TerritoryLabel], chains: [String: [String]],
        indicators: [IndicatorDefinition], values: [IndicatorValue]
    ) {
        self.slug = slug
        self.title = title
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.territories = territories
        self.indicators = indicators
        var byKey: [String: [IndicatorValue]] = [:]
        for value in values where value.disaggregation == "total" {
            byKey[value.indicator + "\u{1F}" + value.territory, default: []].append(value)
        }
        var series: [Series] = []
        for indicator in indicators {
            for territory in territories {
                let chain = chains[territory.code] ?? [territory.code]
                guard let owner = chain.first(where: { byKey[indicator.code + "\u{1F}" + $0] != nil }) else {
                    series.append(Series(indicator: indicator, territory: territory.code, valuesOf: territory.code, points: []))
                    continue
                }
                let points = (byKey[indicator.code + "\u{1F}" + owner] ?? [])
                    .sorted { (ValuePeriod($0.period)?.start ?? $0.period, $0.vintage) < (ValuePeriod($1.period)?.start ?? $1.period, $1.vintage) }
                    .map {
                        Point(
                            period: $0.period, vintage: $0.vintage, value: $0.value, source: $0.source, quality: $0.quality, reviewFlag: $0.reviewFlag,
                            phase: Phase.of(period: $0.period, practiceStart: periodStart, practiceEnd: periodEnd))
                    }
                series.append(Series(indicator: indicator, territory: territory.code, valuesOf: owner, points: points))
            }
        }
        self.series = series
    }
}

extension ReportDocument {
    public init(evidence: PracticeEvidence, language: Language) {
        let text = ReportText(language)
        var sources: [String] = []
        var sourceNumber: [String: Int] = [:]
        let columns = ["territory", "territory_code", "indicator", "code", "unit", "period", "value", "vintage", "phase", "source"].map { text[$0] }
        let names = evidence.territoryNames.merging(evidence.territories.map { ($0.code, $0.name) }) { _, own in own }
        var rows: [[ReportTable.Cell]] = []
        for series in evidence.series {
            let territory = names[series.territory] ?? series.territory
            let owner = series.valuesOf == series.territory ? series.territory : "\(series.territory) (\(series.valuesOf))"
            guard !series.points.isEmpty else {
                rows.append([.text(territory), .text(owner), .text(series.indicator.names.preferred(language)), .text(series.indicator.code),
                             .text(series.indicator.unit), .empty, .empty, .empty, .text(text["no_cell"]), .empty])
                continue
            }
            for point in series.points {
                if sourceNumber[point.source] == nil {
                    sources.append(point.source)
                    sourceNumber[point.source] = sources.count
                }
                rows.append([
                    .text(territory), .text(owner), .text(series.indicator.names.preferred(language)), .text(series.indicator.code),
                    .text(series.indicator.unit), .text(point.period), .number(point.value, decimals: series.indicator.decimals),
                    point.vintage.isEmpty ? .empty : .text(point.vintage), .text(text[point.phase == .undated ? "undated" : point.phase.rawValue]),
                    .source(sourceNumber[point.source] ?? 0),
                ])
            }
        }
        // One chart per indicator, one line per territory with values of its own, the period shaded.
        // Which territories borrow whose figures is said once for the whole document.
        var notes: [String] = []
        let charts = EvidenceCharts.charts(evidence, language: language, names: names).map { item in
            notes += item.notes.filter { !notes.contains($0) }
            return item.chart
        }
        let period = [evidence.periodStart, evidence.periodEnd].compactMap { $0 }.joined(separator: " – ")
        self.init(
            title: "\(text["evidence"]) — \(evidence.title)", subtitle: period.isEmpty ? text["undated"] : period, language: language, notes: notes,
            tables: [ReportTable(name: text["evidence"], columns: columns, rows: rows)], charts: charts, sources: sources,
            fileStem: "\(language == .fr ? "pratique" : "practice")-\(evidence.slug)")
    }
}
