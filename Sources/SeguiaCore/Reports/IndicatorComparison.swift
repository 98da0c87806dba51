import Foundation

/// How a territory is named in a report.
public struct TerritoryLabel: Sendable, Equatable {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// Which way a figure moved, read against the indicator's direction.
public enum Trend: String, Sendable, Codable {
    case improving, worsening, stable
    /// For indicators with no better direction (volumes produced…).
    case rising, falling

    /// A change that rounds to zero at the indicator's decimals (what a reader of the table
    /// sees as no change) is `stable`.
    public static func of(change: Decimal, previous: Decimal, direction: String, decimals: Int) -> Trend {
        var unit = Decimal(1)
        for _ in 0..<max(0, decimals) { unit /= 10 }
        if abs(change) < unit / 2 { return .stable }
        switch direction {
        case "higher_is_better": return change > 0 ? .improving : .worsening
        case "lower_is_better": return change < 0 ? .improving : .worsening
        default: return change > 0 ? .rising : .falling
        }
    }
}

/// Indicators compared across territories: for each indicator × territory the latest value and
/// the one before it (same vintage, same disaggregation), and, as series, every period.
/// Nothing is filled in or interpolated: a cell without a value stays empty and is counted.
public struct IndicatorComparison: Sendable {
    public struct Observation: Sendable, Equatable {
        public var value: Decimal
        public var period: String
        public var vintage: String
        public var source: String
        public var quality: String
        public var reviewFlag: String
        public var reviewReason: String?
        public var computed: Bool
    }

    public struct Cell: Sendable {
        public var territory: String
        public var latest: Observation?
        public var previous: Observation?
        public var change: Decimal?
        public var trend: Trend?
    }

    public struct Row: Sendable {
        public var indicator: IndicatorDefinition
        public var cells: [Cell]
    }

    /// One period of one vintage: values of two releases are never in one row.
    public struct SeriesRow: Sendable {
        public var period: String
        public var vintage: String
        /// In the order of `territories`.
        public var values: [Observation?]
    }

    public struct SeriesBlock: Sendable {
        public var indicator: IndicatorDefinition
        public var rows: [SeriesRow]
    }

    public var territories: [TerritoryLabel]
    public var rows: [Row]
    public var series: [SeriesBlock]
    public var fromYear: Int?
    public var toYear: Int?
    public var disaggregation: String
    public var emptyCells: Int { rows.reduce(0) { $0 + $1.cells.filter { $0.latest == nil }.count } }
    public var cellCount: Int { rows.count * territories.count }

    /// Every source cited, in order of first use.
    public var sources: [String] {
        var seen: Set<String> = []
        var ordered: [String] = []
        for row in rows {
            for cell in row.cells {
                for source in [cell.latest?.source, cell.previous?.source].compactMap({ $0 }) where seen.insert(source).inserted {
                    ordered.append(source)
                }
            }
        }
        for block in series {
            for row in block.rows {
                for source in row.values.compactMap({ $0?.source }) where seen.insert(source).inserted { ordered.append(source) }
            }
        }
        return ordered
    }

    /// The year of the latest value in the comparison, for file names.
    public var latestYear: Int? {
        rows.flatMap(\.cells).compactMap { $0.latest.flatMap { Int($0.period.prefix(4)) } }.max()
    }

    public init(
        indicators: [IndicatorDefinition], territories: [TerritoryLabel], values: [IndicatorValue], fromYear: Int?, toYear: Int?,
        disaggregation: String
    ) {
        self.territories = territories
        self.fromYear = fromYear
        self.toYear = toYear
        self.disaggregation = disaggregation
        var byKey: [String: [IndicatorValue]] = [:]
        for value in values where value.disaggregation == disaggregation {
            byKey[value.indicator + "\u{1F}" + value.territory, default: []].append(value)
        }
        // Periods repeat across territories and indicators: each text is parsed once.
        var starts: [String: String] = [:]
        for value in values where starts[value.period] == nil { starts[value.period] = ValuePeriod(value.period)?.start ?? value.period }
        func start(_ period: String) -> String { starts[period] ?? period }
        func observation(_ value: IndicatorValue) -> Observation {
            Observation(
                value: value.value, period: value.period, vintage: value.vintage, source: value.source, quality: value.quality,
                reviewFlag: value.reviewFlag, reviewReason: value.reviewReason, computed: value.id == nil)
        }
        rows = indicators.map { indicator in
            let cells = territories.map { territory -> Cell in
                // Newest period first; for one period, the newest release first.
                let series = (byKey[indicator.code + "\u{1F}" + territory.code] ?? []).sorted {
                    (start($0.period), $0.vintage) > (start($1.period), $1.vintage)
                }
                guard let latest = series.first else { return Cell(territory: territory.code) }
                let previous = series.dropFirst().first { $0.vintage == latest.vintage && start($0.period) < start(latest.period) }
                let change = previous.map { latest.value - $0.value }
                return Cell(
                    territory: territory.code, latest: observation(latest), previous: previous.map(observation), change: change,
                    trend: previous.map {
                        Trend.of(change: latest.value - $0.value, previous: $0.value, direction: indicator.direction, decimals: indicator.decimals)
                    })
            }
            return Row(indicator: indicator, cells: cells)
        }
        series = indicators.map { indicator in
            var rowsByKey: [String: SeriesRow] = [:]
            for (index, territory) in territories.enumerated() {
                for value in byKey[indicator.code + "\u{1F}" + territory.code] ?? [] {
                    let key = start(value.period) + "\u{1F}" + value.period + "\u{1F}" + value.vintage
                    var row = rowsByKey[key] ?? SeriesRow(period: value.period, vintage: value.vintage, values: Array(repeating: nil, count: territories.count))
                    row.values[index] = observation(value)
                    rowsByKey[key] = row
                }
            }
            return SeriesBlock(indicator: indicator, rows: rowsByKey.sorted { $0.key < $1.key }.map(\.value))
        }
    }
}

extension IndicatorComparison.Cell {
    init(territory: String) {
        self.init(territory: territory, latest: nil, previous: nil, change: nil, trend: nil)
    }
}
