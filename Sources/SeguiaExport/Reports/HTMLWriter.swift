import Foundation
import Mustache
import SeguiaCore

/// Writes a report as a printable HTML page: title, notes, SVG charts, tables and sources, in
/// the report's language (Arabic right to left). No script, no external resource.
public struct HTMLWriter: Sendable {
    public init() {}

    public func write(_ document: ReportDocument) throws -> String {
        let text = ReportText(document.language)
        let template = try MustacheTemplate(string: Self.template)
        // A chart without a single value says nothing the table and the note do not.
        let charts = document.charts.filter { $0.series.contains { $0.values.contains { $0 != nil } } }.enumerated().map { index, chart in
            [
                "svg": SVGChart(chart: chart, identifier: "chart\(index + 1)", noValue: text["no_cell"]).svg, "title": chart.title,
                "direction": chart.direction,
            ]
        }
        let tables: [[String: Any]] = document.tables.map { table in
            [
                "name": table.name,
                "columns": table.columns,
                "rows": table.rows.map { row in
                    ["cells": row.map { cell -> [String: Any] in
                        switch cell {
                        case .text(let value), .code(let value): return ["text": value]
                        case .number(let value, let decimals): return ["text": ReportNumber.format(value, decimals: decimals), "number": true]
                        case .source(let index): return ["text": "[\(index)]", "source": index]
                        case .empty: return ["text": ""]
                        }
                    }]
                },
            ]
        }
        let context: [String: Any] = [
            "lang": document.language.rawValue,
            "dir": document.language == .ar ? "rtl" : "ltr",
            "title": document.title,
            "subtitle": document.subtitle,
            "notes": document.notes,
            "charts": charts,
            "tables": tables,
            "sourcesHeading": text["sources"],
            "sources": document.sources.enumerated().map { ["number": $0.offset + 1, "text": $0.element] },
            "hasSources": !document.sources.isEmpty,
            "generated": "\(text["generated"]) \(ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withFullDate]))",
        ]
        return template.render(context)
    }

    static func escape(_ text: String) -> String {
        HTMLText.escaped(text)
    }

    private static let template = """
        <!DOCTYPE html>
        <html lang="{{lang}}" dir="{{dir}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        <style>
        body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2rem; color: #1d2327; }
        h1 { font-size: 1.5rem; margin-bottom: .25rem; }
        .subtitle { color: #50575e; margin-top: 0; }
        .note { border-inline-start: 4px solid #e07a1f; padding: .25rem .75rem; background: #fdf6ee; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 1rem; }
        figure { margin: 0; page-break-inside: avoid; }
        figcaption { font-weight: bold; font-size: .9rem; margin-bottom: .25rem; }
        figcaption small { font-weight: normal; color: #50575e; }
        svg.chart { width: 100%; height: auto; font-size: 11px; direction: ltr; }
        svg .grid { stroke: #dcdcde; stroke-width: 1; }
        svg .tick, svg .label { fill: #50575e; }
        svg .value { fill: #1d2327; font-weight: bold; }
        svg .missing { fill: #a7aaad; font-style: italic; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .85rem; }
        th, td { border: 1px solid #dcdcde; padding: .3rem .45rem; text-align: start; vertical-align: top; }
        th { background: #f0f0f1; }
        td.number { text-align: end; font-variant-numeric: tabular-nums; }
        thead { display: table-header-group; }
        @media print { body { margin: 1cm; } .charts { grid-template-columns: 1fr 1fr; } }
        </style>
        </head>
        <body>
        <h1>{{title}}</h1>
        {{#subtitle}}<p class="subtitle">{{subtitle}}</p>{{/subtitle}}
        {{#notes}}<p class="note">{{.}}</p>{{/notes}}
        <section class="charts">
        {{#charts}}<figure><figcaption>{{title}} <small>{{direction}}</small></figcaption>{{{svg}}}</figure>
        {{/charts}}
        </section>
        {{#tables}}
        <table>
        <caption>{{name}}</caption>
        <thead><tr>{{#columns}}<th scope="col">{{.}}</th>{{/columns}}</tr></thead>
        <tbody>
        {{#rows}}<tr>{{#cells}}<td{{#number}} class="number"{{/number}}>{{#source}}<a href="#source-{{source}}">{{text}}</a>{{/source}}{{^source}}{{text}}{{/source}}</td>{{/cells}}</tr>
        {{/rows}}
        </tbody>
        </table>
        {{/tables}}
        {{#hasSources}}
        <h2>{{sourcesHeading}}</h2>
        <ol>
        {{#sources}}<li id="source-{{number}}">{{text}}</li>
        {{/sources}}
        </ol>
        {{/hasSources}}
        <footer><p class="subtitle">{{generated}}</p></footer>
        </body>
        </html>
        """
}
