import Foundation

/// A period of an indicator value: a year (`2020`), a quarter (`2020-Q1`) or a month (`2020-03`).
public struct ValuePeriod: Sendable, Equatable, Hashable {
    public var text: String
    /// First day, `YYYY-MM-DD`.
    public var start: String
    /// Last day, `YYYY-MM-DD`.
    public var end: String

    public init?(_ raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let yearText = parts.first, yearText.count == 4, let year = Int(yearText), (1800...2200).contains(year) else { return nil }
        func lastDay(_ month: Int) -> Int {
            [31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        }
        let (firstMonth, lastMonth): (Int, Int)
        switch parts.count {
        case 1:
            (firstMonth, lastMonth) = (1, 12)
        case 2 where parts[1].hasPrefix("Q") && parts[1].count == 2:
            guard let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter) else { return nil }
            (firstMonth, lastMonth) = (quarter * 3 - 2, quarter * 3)
        case 2 where parts[1].count == 2:
            guard let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            (firstMonth, lastMonth) = (month, month)
        default:
            return nil
        }
        self.text = text
        self.start = String(format: "%04d-%02d-01", year, firstMonth)
        self.end = String(format: "%04d-%02d-%02d", year, lastMonth, lastDay(lastMonth))
    }
}

/// How a value was produced, after AQUASTAT's symbols.
public enum ValueQuality: String, Sendable, CaseIterable, Codable {
    case reported, estimated, modelled, aggregated
}

/// What the importer needs to know of an indicator.
public struct IndicatorRule: Sendable {
    public var unit: String
    public var minimum: Decimal?
    public var maximum: Decimal?
    /// Computed indicators (formulas) take no stored values.
    public var isComputed: Bool

    public init(unit: String, minimum: Decimal?, maximum: Decimal?, isComputed: Bool) {
        self.unit = unit
        self.minimum = minimum
        self.maximum = maximum
        self.isComputed = isComputed
    }
}

/// One value read from a file, checked.
public struct ValueRow: Sendable, Equatable {
    public var line: Int
    public var indicator: String
    public var territory: String
    public var period: ValuePeriod
    public var disaggregation: String
    public var vintage: String
    public var value: Decimal
    public var source: String
    public var quality: ValueQuality
    public var note: String?

    /// The identity of a value: two rows with the same key are the same value.
    public var key: String { [indicator, territory, period.text, disaggregation, vintage].joined(separator: "\u{1F}") }
}

/// One problem of an imported file, where it is.
public struct ImportIssue: Sendable, Equatable {
    public var line: Int
    public var column: String?
    public var message: String

    public init(line: Int, column: String? = nil, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }
}

/// Everything wrong with an imported file; nothing of it is written.
public struct ImportFailure: Error, Sendable, Equatable {
    public var issues: [ImportIssue]

    public init(issues: [ImportIssue]) {
        self.issues = issues
    }
}

/// Reads Seguia's long CSV format: `indicator,territory,period,value` required, `disaggregation,
/// unit, source, quality, note, vintage` optional, in any order.
public enum LongValueFormat {
    public static let required = ["indicator", "territory", "period", "value"]
    public static let optional = ["disaggregation", "unit", "source", "quality", "note", "vintage"]
    public static let maximumIssues = 1000

    /// Every row checked; all problems (up to `maximumIssues`) when there is any.
    /// `defaultSource` applies to rows without a source of their own.
    public static func rows(
        of table: CSVTable, indicators: [String: IndicatorRule], territories: Set<String>, defaultSource: String?
    ) -> Result<[ValueRow], ImportFailure> {
        var issues: [ImportIssue] = []
        let columns = Dictionary(table.header.enumerated().map { ($1.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        for name in required where columns[name] == nil {
            issues.append(ImportIssue(line: 1, column: name, message: "the required column \(name) is missing"))
        }
        for name in table.header where !(required + optional).contains(name.lowercased()) {
            issues.append(ImportIssue(line: 1, column: name, message: "unknown column; expected \((required + optional).joined(separator: ", "))"))
        }
        if columns["source"] == nil && (defaultSource ?? "").isEmpty {
            issues.append(ImportIssue(line: 1, column: "source", message: "no source column and no default source: every value needs its source"))
        }
        if table.records.isEmpty { issues.append(ImportIssue(line: 1, message: "the file has a header but no values")) }
        guard issues.isEmpty else { return .failure(ImportFailure(issues: issues)) }

        var rows: [ValueRow] = []
        var firstLineOfKey: [String: Int] = [:]
        for record in table.records {
            guard issues.count < maximumIssues else { break }
            guard record.fields.count == table.header.count else {
                issues.append(ImportIssue(line: record.line, message: "has \(record.fields.count) fields where the header has \(table.header.count)"))
                continue
            }
            func cell(_ name: String) -> String? {
                columns[name].map { record.fields[$0].trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            }
            var rowIssues: [ImportIssue] = []
            func fail(_ column: String, _ message: String) { rowIssues.append(ImportIssue(line: record.line, column: column, message: message)) }

            let code = cell("indicator") ?? ""
            let rule = indicators[code]
            if code.isEmpty { fail("indicator", "is empty") } else if rule == nil { fail("indicator", "unknown indicator '\(code)'") }
            if rule?.isComputed == true { fail("indicator", "'\(code)' is computed from other indicators; import those") }
            let territory = TerritoryCode.normalise(cell("territory") ?? "")
            if !territories.contains(territory) { fail("territory", "unknown territory '\(cell("territory") ?? "")'") }
            let period = cell("period").flatMap(ValuePeriod.init)
            if period == nil { fail("period", "'\(cell("period") ?? "")' is not a year (2020), a quarter (2020-Q1) or a month (2020-03)") }
            let value = cell("value").flatMap { number($0, separator: table.separator) }
            if value == nil { fail("value", "'\(cell("value") ?? "")' is not a number") }
            if let value, let rule {
                if let minimum = rule.minimum, value < minimum { fail("value", "\(value) is below the indicator's minimum \(minimum)") }
                if let maximum = rule.maximum, value > maximum { fail("value", "\(value) is above the indicator's maximum \(maximum)") }
            }
            if let unit = cell("unit"), let rule, unit != rule.unit { fail("unit", "'\(unit)' is not the indicator's unit '\(rule.unit)'") }
            let quality = cell("quality").map { ValueQuality(rawValue: $0.lowercased()) } ?? .reported
            if quality == nil { fail("quality", "'\(cell("quality") ?? "")' is not one of reported, estimated, modelled, aggregated") }
            let source = cell("source") ?? defaultSource ?? ""
            if source.isEmpty { fail("source", "is empty: every value needs its source") }
            let disaggregation = (cell("disaggregation") ?? "total").lowercased()

            guard rowIssues.isEmpty, let period, let value, let quality else {
                issues += rowIssues
                continue
            }
            let row = ValueRow(
                line: record.line, indicator: code, territory: territory, period: period, disaggregation: disaggregation,
                vintage: cell("vintage") ?? "", value: value, source: source, quality: quality, note: cell("note"))
            if let first = firstLineOfKey[row.key] {
                issues.append(ImportIssue(line: record.line, message: "same indicator, territory, period, disaggregation and vintage as line \(first)"))
                continue
            }
            firstLineOfKey[row.key] = record.line
            rows.append(row)
        }
        return issues.isEmpty ? .success(rows) : .failure(ImportFailure(issues: Array(issues.prefix(maximumIssues))))
    }

    /// A plain decimal number; with `;` as separator a decimal comma is accepted (`45,5`).
    static func number(_ text: String, separator: Character) -> Decimal? {
        var normalised = text
        if separator == ";" { normalised = normalised.replacingOccurrences(of: ",", with: ".") }
        guard normalised.range(of: #"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"#, options: .regularExpression) != nil else { return nil }
        return Decimal(string: normalised, locale: Locale(identifier: "en_US_POSIX"))
    }
}
