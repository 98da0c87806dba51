import Foundation

/// The charts beside a practice: one per indicator, one line per territory that has values of
/// its own (territories that borrow their enclosing territory's figures are said so once, not
/// drawn again), one release per line, the practice's period shaded.
public struct EvidenceCharts {
    public struct Chart: Sendable {
        public var chart: ReportChart
        /// « Tubas, Jenin: no values of their own; the figures of Palestine are shown. »
        public var notes: [String]
        public var sources: [String]
        public var code: String
        public var name: String
    }

    /// Lines on one chart; the others are named in a note (and are in the table).
    public static let maximumLines = 8

    /// `names`: territory names by code, in `language`.
    public static func charts(_ evidence: PracticeEvidence, language: Language, names: [String: String]) -> [Chart] {
        let text = ReportText(language)
        let listSeparator = language == .ar ? "، " : ", "
        var charts: [Chart] = []
        for indicator in evidence.indicators {
            let series = evidence.series.filter { $0.indicator.code == indicator.code && !$0.points.isEmpty }
            guard !series.isEmpty else { continue }
            var owners: [String] = []
            var borrowers: [String: [String]] = [:]
            var pointsOf: [String: [PracticeEvidence.Point]] = [:]
            for line in series {
                if pointsOf[line.valuesOf] == nil {
                    owners.append(line.valuesOf)
                    pointsOf[line.valuesOf] = line.points
                }
                if line.valuesOf != line.territory { borrowers[line.valuesOf, default: []].append(line.territory) }
            }
            let shown = Array(owners.prefix(maximumLines))
            // One release per line: the newest release that owner has.
            let lines = shown.map { owner -> (name: String, points: [PracticeEvidence.Point]) in
                let points = pointsOf[owner] ?? []
                let vintage = points.map(\.vintage).max() ?? ""
                let releases = Set(points.map(\.vintage)).count
                var name = names[owner] ?? owner
                if releases > 1, !vintage.isEmpty { name += " (\(vintage))" }
                return (name, points.filter { $0.vintage == vintage })
            }
            let periods = Array(Set(lines.flatMap { $0.points.map(\.period) })).sorted {
                (ValuePeriod($0)?.start ?? $0) < (ValuePeriod($1)?.start ?? $1)
            }
            var band: (range: ClosedRange<Int>, label: String)?
            if let start = evidence.periodStart {
                let inside = periods.indices.filter { index in
                    guard let period = ValuePeriod(periods[index]) else { return false }
                    return period.end >= start && (evidence.periodEnd.map { period.start <= $0 } ?? true)
                }
                if let first = inside.first, let last = inside.last {
                    band = (first...last, text["practice_period"])
                }
            }
            let chart = ReportChart(
                kind: .lines, title: "\(text.isolated(indicator.code)) · \(indicator.names.preferred(language))", unit: IndicatorUnit.name(indicator.unit, in: language),
                direction: text[indicator.direction], categories: periods,
                series: lines.map { line in
                    ReportChart.Series(
                        name: line.name,
                        values: periods.map { period in
                            line.points.first { $0.period == period }.map { NSDecimalNumber(decimal: $0.value).doubleValue }
                        })
                },
                decimals: indicator.decimals, band: band)
            var notes = owners.compactMap { owner -> String? in
                guard let borrowing = borrowers[owner], !borrowing.isEmpty else { return nil }
                return text.borrowedFigures(borrowing.map { names[$0] ?? $0 }.joined(separator: listSeparator), from: names[owner] ?? owner)
            }
            if owners.count > shown.count {
                notes.append("+\(owners.count - shown.count): " + owners.dropFirst(shown.count).map { names[$0] ?? $0 }.joined(separator: listSeparator))
            }
            let sources = Array(Set(lines.flatMap { $0.points.map(\.source) })).sorted()
            charts.append(Chart(chart: chart, notes: notes, sources: sources, code: indicator.code, name: indicator.names.preferred(language)))
        }
        return charts
    }
}
