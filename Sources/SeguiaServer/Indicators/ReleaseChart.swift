import Foundation
import SeguiaCore

/// The series of one indicator in one territory as a chart: one line per release (a value of
/// 2020 published in JMP-2021 and revised in JMP-2023 is two points on two lines, never one
/// line zigzagging between them); bars when there is a single period.
enum ReleaseChart {
    static func chart(title: String, indicator: IndicatorDefinition, values: [IndicatorValue], language: Language, unnamedRelease: String) -> ReportChart {
        let periods = Array(Set(values.map(\.period))).sorted { (ValuePeriod($0)?.start ?? $0) < (ValuePeriod($1)?.start ?? $1) }
        let releases = Array(Set(values.map(\.vintage))).sorted()
        let direction = ReportText(language)[indicator.direction]
        if periods.count == 1 {
            return ReportChart(
                kind: .bars, title: title, unit: IndicatorUnit.name(indicator.unit, in: language), direction: direction,
                categories: releases.map { $0.isEmpty ? periods[0] : "\(periods[0]) · \($0)" },
                series: [ReportChart.Series(name: indicator.code, values: releases.map { release in
                    values.first { $0.vintage == release }.map { NSDecimalNumber(decimal: $0.value).doubleValue }
                })],
                decimals: indicator.decimals)
        }
        return ReportChart(
            kind: .lines, title: title, unit: IndicatorUnit.name(indicator.unit, in: language), direction: direction, categories: periods,
            series: releases.map { release in
                ReportChart.Series(
                    name: release.isEmpty ? unnamedRelease : release,
                    values: periods.map { period in
                        values.first { $0.period == period && $0.vintage == release }.map { NSDecimalNumber(decimal: $0.value).doubleValue }
                    })
            },
            decimals: indicator.decimals)
    }

    /// The newest value: latest period, newest release of it.
    static func latest(_ values: [IndicatorValue]) -> IndicatorValue? {
        values.max { (ValuePeriod($0.period)?.end ?? $0.period, $0.vintage) < (ValuePeriod($1.period)?.end ?? $1.period, $1.vintage) }
    }
}
