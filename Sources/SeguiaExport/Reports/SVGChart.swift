import Foundation
import SeguiaCore

/// Draws a report chart as inline SVG, readable without script: a title and a description
/// (values, direction) for screen readers, gaps where values are missing, never a zero.
public struct SVGChart: Sendable {
    static let palette = ["#1f6f8b", "#e07a1f", "#3d9a50", "#9b3d8f", "#c0392b", "#5b6770", "#b8860b", "#2e86de"]
    let chart: ReportChart
    let identifier: String
    let noValue: String

    /// `identifier` names the chart's title and description for `aria-labelledby`: unique on its page.
    /// `compact`: a small chart (a card, a sidebar) drawn on a smaller canvas so that its text
    /// stays readable once scaled down.
    public init(chart: ReportChart, identifier: String, noValue: String, compact: Bool = false) {
        self.chart = chart
        self.identifier = identifier
        self.noValue = noValue
        self.width = compact ? 400 : 640
        self.height = compact ? 220 : 280
    }

    private let width: Double
    private let height: Double
    private let left = 56.0
    private let right = 16.0
    private let top = 16.0
    private let bottom = 48.0

    public var svg: String {
        let values = chart.series.flatMap(\.values).compactMap { $0 }
        let high = niceCeiling(max(values.max() ?? 1, 0))
        let low = min(values.min() ?? 0, 0)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        func y(_ value: Double) -> Double { top + plotHeight * (1 - (value - low) / max(high - low, .ulpOfOne)) }
        let count = max(chart.categories.count, 1)
        let slot = plotWidth / Double(count)

        var body = ""
        if let band = chart.band, band.range.lowerBound >= 0, band.range.upperBound < count {
            let x = left + slot * Double(band.range.lowerBound)
            let bandWidth = slot * Double(band.range.count)
            body += "<rect x=\"\(f(x))\" y=\"\(f(top))\" width=\"\(f(bandWidth))\" height=\"\(f(plotHeight))\" class=\"band\"/>"
            body += "<text x=\"\(f(x + 4))\" y=\"\(f(top + 11))\" class=\"band-label\">\(escape(band.label))</text>"
        }
        let step = (high - low) / 4
        let tickDecimals = step >= 1 || step <= 0 ? 0 : Int(ceil(-log10(step)))
        // Horizontal grid with values.
        for step in 0...4 {
            let value = low + (high - low) * Double(step) / 4
            let position = y(value)
            body += "<line x1=\"\(f(left))\" y1=\"\(f(position))\" x2=\"\(f(width - right))\" y2=\"\(f(position))\" class=\"grid\"/>"
            body += "<text x=\"\(f(left - 6))\" y=\"\(f(position + 4))\" text-anchor=\"end\" class=\"tick\">\(number(value, decimals: tickDecimals))</text>"
        }
        var legendRows = 0
        switch chart.kind {
        case .bars:
            let values = chart.series.first?.values ?? []
            for (index, category) in chart.categories.enumerated() {
                let x = left + slot * Double(index)
                let center = x + slot / 2
                if let value = values.indices.contains(index) ? values[index] : nil {
                    let barTop = y(max(value, 0))
                    let barBottom = y(min(value, 0))
                    body += "<rect x=\"\(f(x + slot * 0.2))\" y=\"\(f(barTop))\" width=\"\(f(slot * 0.6))\" height=\"\(f(max(barBottom - barTop, 1)))\" fill=\"\(Self.palette[index % Self.palette.count])\"><title>\(escape(category)): \(number(value, decimals: chart.decimals)) \(escape(chart.unit))</title></rect>"
                    body += "<text x=\"\(f(center))\" y=\"\(f(barTop - 4))\" text-anchor=\"middle\" class=\"value\">\(number(value, decimals: chart.decimals))</text>"
                } else {
                    body += "<text x=\"\(f(center))\" y=\"\(f(y(low) - 6))\" text-anchor=\"middle\" class=\"missing\">\(escape(noValue))</text>"
                }
                body += "<text x=\"\(f(center))\" y=\"\(f(height - bottom + 18))\" text-anchor=\"middle\" class=\"label\">\(escape(category))</text>"
            }
        case .lines:
            let labelEvery = max(1, chart.categories.count / 8)
            for (index, category) in chart.categories.enumerated() where index % labelEvery == 0 || index == chart.categories.count - 1 {
                body += "<text x=\"\(f(left + slot * (Double(index) + 0.5)))\" y=\"\(f(height - bottom + 18))\" text-anchor=\"middle\" class=\"label\">\(escape(category))</text>"
            }
            // The legend wraps onto as many rows as its names need, below the axis.
            var legendX = left
            for (seriesIndex, series) in chart.series.enumerated() {
                let color = Self.palette[seriesIndex % Self.palette.count]
                let dash = seriesIndex >= Self.palette.count ? " stroke-dasharray=\"5 3\"" : ""
                // A missing period breaks the line: nothing is drawn across it.
                var segment: [String] = []
                func flush() {
                    if segment.count > 1 {
                        body += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash) points=\"\(segment.joined(separator: " "))\"/>"
                    }
                    segment = []
                }
                for (index, value) in series.values.enumerated() {
                    guard let value else {
                        flush()
                        continue
                    }
                    let point = "\(f(left + slot * (Double(index) + 0.5))),\(f(y(value)))"
                    segment.append(point)
                    body += "<circle cx=\"\(f(left + slot * (Double(index) + 0.5)))\" cy=\"\(f(y(value)))\" r=\"2.5\" fill=\"\(color)\"><title>\(escape(series.name)) \(escape(chart.categories[index])): \(number(value, decimals: chart.decimals))</title></circle>"
                }
                flush()
                let entryWidth = 22 + 6.5 * Double(series.name.count)
                if legendX > left, legendX + entryWidth > width - right {
                    legendRows += 1
                    legendX = left
                }
                let rowY = height - 16 + 16 * Double(legendRows)
                body += "<rect x=\"\(f(legendX))\" y=\"\(f(rowY))\" width=\"10\" height=\"10\" fill=\"\(color)\"/>"
                body += "<text x=\"\(f(legendX + 14))\" y=\"\(f(rowY + 9))\" class=\"label\">\(escape(series.name))</text>"
                legendX += entryWidth
            }
        }
        body += "<text x=\"12\" y=\"\(f(top + plotHeight / 2))\" transform=\"rotate(-90 12 \(f(top + plotHeight / 2)))\" text-anchor=\"middle\" class=\"tick\">\(escape(chart.unit))</text>"
        let totalHeight = height + 16 * Double(legendRows)
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(f(width)) \(f(totalHeight))" role="img" \
            aria-labelledby="\(identifier)-title \(identifier)-desc" class="chart">\
            <title id="\(identifier)-title">\(escape(chart.title))</title><desc id="\(identifier)-desc">\(escape(description))</desc>\
            \(body)</svg>
            """
    }

    /// What the chart shows, in words.
    private var description: String {
        let parts = chart.series.map { series in
            let points = zip(chart.categories, series.values).map { category, value in
                "\(category) \(value.map { number($0, decimals: chart.decimals) } ?? noValue)"
            }
            return (chart.series.count > 1 ? series.name + ": " : "") + points.joined(separator: ", ")
        }
        return chart.direction + " " + parts.joined(separator: "; ") + " (\(chart.unit))"
    }

    private func niceCeiling(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let magnitude = pow(10, floor(log10(value)))
        for factor in [1.0, 2.0, 2.5, 5.0, 10.0] where factor * magnitude >= value { return factor * magnitude }
        return value
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    private func number(_ value: Double, decimals: Int = 0) -> String {
        ReportNumber.format(Decimal(string: String(format: "%.\(max(decimals, 0))f", value)) ?? Decimal(value), decimals: decimals)
    }

    private func escape(_ text: String) -> String { HTMLWriter.escape(text) }
}
