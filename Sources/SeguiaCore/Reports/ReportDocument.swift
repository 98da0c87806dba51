import Foundation

/// A report as every format renders it: tables (one sheet each in a workbook), the sources they
/// cite, notes, and charts. Each format writes the same cells: they cannot disagree.
public struct ReportDocument: Sendable {
    public var title: String
    public var subtitle: String
    public var language: Language
    public var notes: [String]
    public var tables: [ReportTable]
    public var charts: [ReportChart]
    public var sources: [String]
    /// The download's name without extension, e.g. `comparaison-FR-MA-PS-2024`.
    public var fileStem: String

    public init(
        title: String, subtitle: String, language: Language, notes: [String], tables: [ReportTable], charts: [ReportChart], sources: [String],
        fileStem: String
    ) {
        self.title = title
        self.subtitle = subtitle
        self.language = language
        self.notes = notes
        self.tables = tables
        self.charts = charts
        self.sources = sources
        self.fileStem = fileStem
    }
}

public struct ReportTable: Sendable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// A code or a period (`6.1.1`, `MA-TAR`, `2020-03`): text that a spreadsheet must not
        /// turn into a number or a date.
        case code(String)
        /// A number shown with the indicator's decimals, stored whole.
        case number(Decimal, decimals: Int)
        /// A source, by its position (from 1) in the document's sources.
        case source(Int)
        case empty
    }

    /// Short: it names the workbook sheet (31 characters at most).
    public var name: String
    public var columns: [String]
    public var rows: [[Cell]]

    public init(name: String, columns: [String], rows: [[Cell]]) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }
}

/// A chart of the html page: bars (one per territory) or lines (one per territory over periods).
public struct ReportChart: Sendable {
    public enum Kind: Sendable { case bars, lines }

    public struct Series: Sendable {
        public var name: String
        /// One per category; `nil` where there is no value (a gap, never a zero).
        public var values: [Double?]

        public init(name: String, values: [Double?]) {
            self.name = name
            self.values = values
        }
    }

    public var kind: Kind
    public var title: String
    public var unit: String
    /// A sentence saying which way is better, for readers and screen readers.
    public var direction: String
    public var categories: [String]
    public var series: [Series]
    public var decimals: Int
    /// Categories to shade, first and last index, with what the shade means (a practice's period).
    public var band: (range: ClosedRange<Int>, label: String)?

    public init(
        kind: Kind, title: String, unit: String, direction: String, categories: [String], series: [Series], decimals: Int,
        band: (range: ClosedRange<Int>, label: String)? = nil
    ) {
        self.band = band
        self.kind = kind
        self.title = title
        self.unit = unit
        self.direction = direction
        self.categories = categories
        self.series = series
        self.decimals = decimals
    }
}

/// The output formats of reports.
public enum ReportFormat: String, Sendable, CaseIterable {
    case json, csv, xlsx, md, html

    public var mediaType: String {
        switch self {
        case .json: "application/json"
        case .csv: "text/csv; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .md: "text/markdown; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        }
    }

    /// The format an `Accept` header asks for, if it names one of ours.
    public init?(accept: String) {
        let wanted = accept.split(separator: ",").map { $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased() }
        for type in wanted {
            if let format = ReportFormat.allCases.first(where: { $0.mediaType.hasPrefix(type) && type.contains("/") && type != "*/*" }) {
                self = format
                return
            }
            if type == "application/csv" { self = .csv; return }
        }
        return nil
    }
}

/// Numbers as shown to readers: the indicator's decimals, a decimal point, no grouping.
public enum ReportNumber {
    public static func format(_ value: Decimal, decimals: Int) -> String {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, decimals, .plain)
        let plain = rounded.description
        guard decimals > 0 else { return plain }
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return String(parts[0]) + "." + fraction + String(repeating: "0", count: max(0, decimals - fraction.count))
    }
}
