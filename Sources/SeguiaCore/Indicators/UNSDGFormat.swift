import Foundation

/// Reads the CSV export of the UN SDG Global Database (Goal, Target, Indicator, SeriesCode,
/// SeriesDescription, GeoAreaCode, GeoAreaName, TimePeriod, Value, Time_Detail, Source, FootNote,
/// Nature, Units, and dimension columns such as Location or Activity), columns in any order,
/// extra columns ignored.
///
/// Series map to indicators through their UN series code; areas through their M49 code. Rows of
/// series no indicator maps are skipped and counted, not errors: exports hold many series.
public struct UNSDGFormat: ValueRowChecker {
    public static let required = ["SeriesCode", "GeoAreaCode", "TimePeriod", "Value"]

    /// UN unit codes (lower-cased) and the Seguia units they may be stored as.
    static let unitsOfCode: [String: Set<String>] = [
        "percent": ["%", "score 0-100"],
        "m_m3_per_yr": ["million m3/year"], "million_m3": ["million m3/year"], "mio_m3": ["million m3/year"],
        "usd_m3": ["USD/m3"], "usd_per_m3": ["USD/m3"],
        "con_usd_m": ["million USD"], "cu_usd_m": ["million USD"], "usd_m": ["million USD"],
    ]

    public let format = "un_sdg"
    private let columns: [String: Int]
    private let width: Int
    private let vocabulary: ValueVocabulary
    private let defaults: ValueFileDefaults
    private var periods = PeriodCache()

    /// Whether a header is this format's.
    public static func recognises(_ header: [String]) -> Bool {
        let names = Set(header.map { $0.lowercased() })
        return names.contains("seriescode") && names.contains("geoareacode")
    }

    static func checker(header: [String], vocabulary: ValueVocabulary, defaults: ValueFileDefaults) -> Result<UNSDGFormat, ImportFailure> {
        let columns = Dictionary(header.enumerated().map { ($1.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        let missing = required.filter { columns[$0.lowercased()] == nil }
        guard missing.isEmpty else {
            return .failure(ImportFailure(issues: missing.map { ImportIssue(line: 1, column: $0, message: "the required column \($0) is missing") }))
        }
        return .success(UNSDGFormat(columns: columns, width: header.count, vocabulary: vocabulary, defaults: defaults))
    }

    private init(columns: [String: Int], width: Int, vocabulary: ValueVocabulary, defaults: ValueFileDefaults) {
        self.columns = columns
        self.width = width
        self.vocabulary = vocabulary
        self.defaults = defaults
    }

    public mutating func check(_ record: CSVTable.Record) -> RowCheck {
        if let ragged = ValueFile.raggedRow(record, expected: width) { return .failed([ragged]) }
        func cell(_ name: String) -> String? {
            columns[name.lowercased()].map { record.fields[$0].trimmingBlanks() }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let series = (cell("SeriesCode") ?? "").uppercased()
        guard let indicator = vocabulary.indicatorOfSeries[series] else { return .skipped }
        var issues: [ImportIssue] = []
        func fail(_ column: String, _ message: String) { issues.append(ImportIssue(line: record.line, column: column, message: message)) }
        let rule = vocabulary.indicators[indicator]
        let area = cell("GeoAreaCode") ?? ""
        let territory = vocabulary.territoryOfM49[String(Int(area) ?? -1)]
        if territory == nil { fail("GeoAreaCode", "area '\(area)' is no territory of Seguia") }
        let period = cell("TimePeriod").flatMap { periods.period($0) }
        if period == nil { fail("TimePeriod", "'\(cell("TimePeriod") ?? "")' is not a year") }
        let value = cell("Value").flatMap { ValueFile.number($0, decimalComma: false) }
        if value == nil { fail("Value", "'\(cell("Value") ?? "")' is not a number (approximate figures are not values)") }
        if let value, let rule {
            if let minimum = rule.minimum, value < minimum { fail("Value", "\(value) is below the indicator's minimum \(minimum)") }
            if let maximum = rule.maximum, value > maximum { fail("Value", "\(value) is above the indicator's maximum \(maximum)") }
        }
        if let units = cell("Units"), let rule, Self.unitsOfCode[units.lowercased()]?.contains(rule.unit) != true {
            let expected = Self.unitsOfCode.filter { $0.value.contains(rule.unit) }.keys.sorted().map { $0.uppercased() }
            fail("Units", "'\(units)' is not the unit of \(indicator) ('\(rule.unit)'\(expected.isEmpty ? "" : ", UN code \(expected.joined(separator: " or "))"))")
        }
        guard issues.isEmpty, let territory, let period, let value else { return .failed(issues) }
        let source = "UN SDG Global Database, series \(series)" + (cell("Source").map { ": \($0)" } ?? "")
        return .row(
            ValueRow(
                line: record.line, indicator: indicator, territory: territory, period: period,
                disaggregation: Self.disaggregation(location: cell("Location"), activity: cell("Activity")), vintage: defaults.vintage,
                value: value, source: source, quality: Self.quality(nature: cell("Nature")), note: cell("FootNote")))
    }

    /// ALLAREA / URBAN / RURAL, then the activity (sector) when it is not the total.
    static func disaggregation(location: String?, activity: String?) -> String {
        let place: String? =
            switch location?.uppercased() {
            case nil, "ALLAREA": nil
            case "URBAN": "urban"
            case "RURAL": "rural"
            case let other?: other.lowercased()
            }
        let sector = activity.flatMap { $0.uppercased() == "TOTAL" ? nil : $0.lowercased() }
        switch (place, sector) {
        case (nil, nil): return "total"
        case (let place?, nil): return place
        case (nil, let sector?): return sector
        case (let place?, let sector?): return "\(place)-\(sector)"
        }
    }

    /// UN "Nature": C country data, CA country adjusted, E estimated, G global monitoring, M modelled.
    static func quality(nature: String?) -> ValueQuality {
        switch nature?.uppercased() {
        case "E", "G": .estimated
        case "M": .modelled
        default: .reported
        }
    }
}
