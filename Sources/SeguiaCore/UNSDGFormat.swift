import Foundation

/// Reads the CSV export of the UN SDG Global Database (Goal, Target, Indicator, SeriesCode,
/// SeriesDescription, GeoAreaCode, GeoAreaName, TimePeriod, Value, Time_Detail, Source, FootNote,
/// Nature, Units, and dimension columns such as Location or Activity), columns in any order,
/// extra columns ignored.
///
/// Series map to indicators through their UN series code; areas through their M49 code. Rows of
/// series no indicator maps are skipped and counted, not errors: exports hold many series.
public enum UNSDGFormat {
    public static let required = ["SeriesCode", "GeoAreaCode", "TimePeriod", "Value"]

    /// Whether a header is this format's.
    public static func recognises(_ header: [String]) -> Bool {
        let names = Set(header.map { $0.lowercased() })
        return names.contains("seriescode") && names.contains("geoareacode")
    }

    /// `rows` and the number of rows skipped, or every problem.
    public static func rows(
        of table: CSVTable, indicatorOfSeries: [String: String], indicators: [String: IndicatorRule], territoryOfM49: [String: String],
        vintage: String
    ) -> Result<(rows: [ValueRow], skipped: Int), ImportFailure> {
        let columns = Dictionary(table.header.enumerated().map { ($1.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        let missing = required.filter { columns[$0.lowercased()] == nil }
        guard missing.isEmpty else {
            return .failure(ImportFailure(issues: missing.map { ImportIssue(line: 1, column: $0, message: "the required column \($0) is missing") }))
        }
        var issues: [ImportIssue] = []
        var rows: [ValueRow] = []
        var skipped = 0
        var firstLineOfKey: [String: Int] = [:]
        for record in table.records {
            guard issues.count < LongValueFormat.maximumIssues else { break }
            guard record.fields.count == table.header.count else {
                issues.append(ImportIssue(line: record.line, message: "has \(record.fields.count) fields where the header has \(table.header.count)"))
                continue
            }
            func cell(_ name: String) -> String? {
                columns[name.lowercased()].map { record.fields[$0].trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            }
            let series = (cell("SeriesCode") ?? "").uppercased()
            guard let indicator = indicatorOfSeries[series] else {
                skipped += 1
                continue
            }
            var rowIssues: [ImportIssue] = []
            let area = cell("GeoAreaCode") ?? ""
            let territory = territoryOfM49[String(Int(area) ?? -1)]
            if territory == nil { rowIssues.append(ImportIssue(line: record.line, column: "GeoAreaCode", message: "area '\(area)' is no territory of Seguia")) }
            let period = cell("TimePeriod").flatMap(ValuePeriod.init)
            if period == nil { rowIssues.append(ImportIssue(line: record.line, column: "TimePeriod", message: "'\(cell("TimePeriod") ?? "")' is not a year")) }
            let value = cell("Value").flatMap { LongValueFormat.number($0, separator: ",") }
            if value == nil {
                rowIssues.append(ImportIssue(line: record.line, column: "Value", message: "'\(cell("Value") ?? "")' is not a number (approximate figures are not values)"))
            }
            if let value, let rule = indicators[indicator] {
                if let minimum = rule.minimum, value < minimum { rowIssues.append(ImportIssue(line: record.line, column: "Value", message: "\(value) is below \(minimum)")) }
                if let maximum = rule.maximum, value > maximum { rowIssues.append(ImportIssue(line: record.line, column: "Value", message: "\(value) is above \(maximum)")) }
            }
            guard rowIssues.isEmpty, let territory, let period, let value else {
                issues += rowIssues
                continue
            }
            let source = "UN SDG Global Database, series \(series)" + (cell("Source").map { ": \($0)" } ?? "")
            let row = ValueRow(
                line: record.line, indicator: indicator, territory: territory, period: period,
                disaggregation: disaggregation(location: cell("Location"), activity: cell("Activity")), vintage: vintage, value: value,
                source: source, quality: quality(nature: cell("Nature")), note: cell("FootNote"))
            if let first = firstLineOfKey[row.key] {
                issues.append(ImportIssue(line: record.line, message: "same series, area, period and dimensions as line \(first)"))
                continue
            }
            firstLineOfKey[row.key] = record.line
            rows.append(row)
        }
        return issues.isEmpty ? .success((rows, skipped)) : .failure(ImportFailure(issues: issues))
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
