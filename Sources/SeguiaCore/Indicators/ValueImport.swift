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
        self.end = String(format: "%04d-%02d-%02d", year, lastMonth, CalendarMonth.dayCount(lastMonth, of: year))
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

    /// The value as read, in plain notation with a decimal point: what is stored, exactly.
    public var valueText: String { ValueFile.plainNumber(value) }

    /// Cells longer than `TextLimits` allows: a vintage or disaggregation is part of the value's
    /// key (and its index), a source or note is text a person reads.
    public func lengthIssues() -> [ImportIssue] {
        var found: [FieldIssue] = []
        TextLimits.check(disaggregation, field: "disaggregation", limit: TextLimits.name, into: &found)
        TextLimits.check(vintage, field: "vintage", limit: TextLimits.name, into: &found)
        TextLimits.check(source, field: "source", limit: TextLimits.source, into: &found)
        TextLimits.check(note, field: "note", limit: TextLimits.note, into: &found)
        return found.map { ImportIssue(line: line, column: $0.field, message: $0.reason) }
    }

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

/// What a file is checked against: the definitions and territories stored now.
public struct ValueVocabulary: Sendable {
    public var indicators: [String: IndicatorRule]
    public var territories: Set<String>
    /// UN series codes to indicator codes.
    public var indicatorOfSeries: [String: String]
    /// M49 area codes to territory codes.
    public var territoryOfM49: [String: String]

    public init(
        indicators: [String: IndicatorRule], territories: Set<String>, indicatorOfSeries: [String: String] = [:],
        territoryOfM49: [String: String] = [:]
    ) {
        self.indicators = indicators
        self.territories = territories
        self.indicatorOfSeries = indicatorOfSeries
        self.territoryOfM49 = territoryOfM49
    }
}

/// What applies to rows that say nothing of it.
public struct ValueFileDefaults: Sendable {
    public var source: String?
    public var vintage: String

    public init(source: String? = nil, vintage: String = "") {
        self.source = source
        self.vintage = vintage
    }
}

/// The verdict on one record of a value file.
public enum RowCheck: Sendable, Equatable {
    case row(ValueRow)
    /// A record the format leaves aside (a UN series Seguia does not keep).
    case skipped
    case failed([ImportIssue])
}

/// Checks the records of one value file, one at a time. Rows of the same key in one file are
/// caught where the rows are gathered (the importer's staging table), not here.
public protocol ValueRowChecker: Sendable {
    /// `long` or `un_sdg`.
    var format: String { get }
    mutating func check(_ record: CSVTable.Record) -> RowCheck
}

public enum ValueFile {
    public static let maximumIssues = 1000
    /// More than the widest format Seguia reads (the UN's, about 40 columns) with room to spare.
    public static let maximumColumns = 200
    /// How much of a column name an issue quotes.
    static let quotedNameLength = 80

    /// The checker of the format the header names, or every problem of the header.
    public static func checker(
        header: [String], separator: UInt8, vocabulary: ValueVocabulary, defaults: ValueFileDefaults
    ) -> Result<any ValueRowChecker, ImportFailure> {
        let header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        guard header.count <= maximumColumns else {
            return .failure(ImportFailure(issues: [
                ImportIssue(line: 1, message: "the header has \(header.count) columns; a value file has at most \(maximumColumns)")
            ]))
        }
        var seen: Set<String> = []
        var repeated: [ImportIssue] = []
        for name in header where !name.isEmpty && !seen.insert(name.lowercased()).inserted {
            repeated.append(ImportIssue(line: 1, column: quoted(name), message: "this column appears more than once"))
        }
        guard repeated.isEmpty else { return .failure(ImportFailure(issues: repeated)) }
        if UNSDGFormat.recognises(header) {
            return UNSDGFormat.checker(header: header, vocabulary: vocabulary, defaults: defaults).map { $0 }
        }
        return LongValueFormat.checker(header: header, decimalComma: separator == UInt8(ascii: ";"), vocabulary: vocabulary, defaults: defaults)
            .map { $0 }
    }

    /// A column name as an issue shows it: cut, so a huge header is not echoed back whole.
    static func quoted(_ name: String) -> String {
        name.count <= quotedNameLength ? name : String(name.prefix(quotedNameLength)) + "…"
    }

    static func raggedRow(_ record: CSVTable.Record, expected: Int) -> ImportIssue? {
        record.fields.count == expected
            ? nil : ImportIssue(line: record.line, message: "has \(record.fields.count) fields where the header has \(expected)")
    }

    /// A plain decimal number (`-12`, `45.5`, `1e3`); with `decimalComma` (files separated by `;`),
    /// `45,5` too.
    public static func number(_ text: String, decimalComma: Bool) -> Decimal? {
        var bytes = Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        var mantissaDigits = digits()
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || (decimalComma && bytes[index] == UInt8(ascii: ",")) {
            bytes[index] = UInt8(ascii: ".")
            index += 1
            mantissaDigits += digits()
        }
        guard mantissaDigits > 0 else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return nil }
        }
        guard index == bytes.count else { return nil }
        return Decimal(string: String(decoding: bytes, as: UTF8.self), locale: posix)
    }

    /// `value` in plain notation (no exponent), as PostgreSQL's numeric reads it.
    public static func plainNumber(_ value: Decimal) -> String {
        value.description
    }

    private static let posix = Locale(identifier: "en_US_POSIX")
}

/// Periods repeat in every file; parsing each text once keeps large imports fast.
struct PeriodCache: Sendable {
    private var periods: [String: ValuePeriod?] = [:]

    mutating func period(_ text: String) -> ValuePeriod? {
        if let known = periods[text] { return known }
        let period = ValuePeriod(text)
        if periods.count < 10_000 { periods[text] = period }
        return period
    }
}

/// Seguia's long CSV format: `indicator,territory,period,value` required, `disaggregation,
/// unit, source, quality, note, vintage` optional, in any order.
public struct LongValueFormat: ValueRowChecker {
    public static let required = ["indicator", "territory", "period", "value"]
    public static let optional = ["disaggregation", "unit", "source", "quality", "note", "vintage"]

    public let format = "long"
    /// Where each known column is, looked up once: cells are read by position.
    private let indicatorColumn, territoryColumn, periodColumn, valueColumn: Int
    private let disaggregationColumn, unitColumn, sourceColumn, qualityColumn, noteColumn, vintageColumn: Int?
    private let width: Int
    private let decimalComma: Bool
    private let vocabulary: ValueVocabulary
    private let defaults: ValueFileDefaults
    private var periods = PeriodCache()

    static func checker(
        header: [String], decimalComma: Bool, vocabulary: ValueVocabulary, defaults: ValueFileDefaults
    ) -> Result<LongValueFormat, ImportFailure> {
        var issues: [ImportIssue] = []
        let columns = Dictionary(header.enumerated().map { ($1.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        for name in required where columns[name] == nil {
            issues.append(ImportIssue(line: 1, column: name, message: "the required column \(name) is missing"))
        }
        for name in header where !(required + optional).contains(name.lowercased()) {
            issues.append(ImportIssue(line: 1, column: ValueFile.quoted(name), message: "unknown column; expected \((required + optional).joined(separator: ", "))"))
        }
        if columns["source"] == nil && (defaults.source ?? "").isEmpty {
            issues.append(ImportIssue(line: 1, column: "source", message: "no source column and no default source: every value needs its source"))
        }
        guard issues.isEmpty, let indicator = columns["indicator"], let territory = columns["territory"], let period = columns["period"],
            let value = columns["value"]
        else { return .failure(ImportFailure(issues: issues)) }
        return .success(
            LongValueFormat(
                indicatorColumn: indicator, territoryColumn: territory, periodColumn: period, valueColumn: value,
                disaggregationColumn: columns["disaggregation"], unitColumn: columns["unit"], sourceColumn: columns["source"],
                qualityColumn: columns["quality"], noteColumn: columns["note"], vintageColumn: columns["vintage"], width: header.count,
                decimalComma: decimalComma, vocabulary: vocabulary, defaults: defaults))
    }

    private init(
        indicatorColumn: Int, territoryColumn: Int, periodColumn: Int, valueColumn: Int, disaggregationColumn: Int?, unitColumn: Int?,
        sourceColumn: Int?, qualityColumn: Int?, noteColumn: Int?, vintageColumn: Int?, width: Int, decimalComma: Bool,
        vocabulary: ValueVocabulary, defaults: ValueFileDefaults
    ) {
        self.indicatorColumn = indicatorColumn
        self.territoryColumn = territoryColumn
        self.periodColumn = periodColumn
        self.valueColumn = valueColumn
        self.disaggregationColumn = disaggregationColumn
        self.unitColumn = unitColumn
        self.sourceColumn = sourceColumn
        self.qualityColumn = qualityColumn
        self.noteColumn = noteColumn
        self.vintageColumn = vintageColumn
        self.width = width
        self.decimalComma = decimalComma
        self.vocabulary = vocabulary
        self.defaults = defaults
    }

    public mutating func check(_ record: CSVTable.Record) -> RowCheck {
        if let ragged = ValueFile.raggedRow(record, expected: width) { return .failed([ragged]) }
        func cell(_ column: Int?) -> String? {
            guard let column else { return nil }
            let text = record.fields[column].trimmingBlanks()
            return text.isEmpty ? nil : text
        }
        var issues: [ImportIssue] = []
        func fail(_ column: String, _ message: String) { issues.append(ImportIssue(line: record.line, column: column, message: message)) }

        let code = cell(indicatorColumn) ?? ""
        let rule = vocabulary.indicators[code]
        if code.isEmpty { fail("indicator", "is empty") } else if rule == nil { fail("indicator", "unknown indicator '\(code)'") }
        if rule?.isComputed == true { fail("indicator", "'\(code)' is computed from other indicators; import those") }
        let territory = TerritoryCode.normalise(cell(territoryColumn) ?? "")
        if !vocabulary.territories.contains(territory) { fail("territory", "unknown territory '\(cell(territoryColumn) ?? "")'") }
        let period = cell(periodColumn).flatMap { periods.period($0) }
        if period == nil { fail("period", "'\(cell(periodColumn) ?? "")' is not a year (2020), a quarter (2020-Q1) or a month (2020-03)") }
        let value = cell(valueColumn).flatMap { ValueFile.number($0, decimalComma: decimalComma) }
        if value == nil { fail("value", "'\(cell(valueColumn) ?? "")' is not a number") }
        if let value, let rule {
            if let minimum = rule.minimum, value < minimum { fail("value", "\(value) is below the indicator's minimum \(minimum)") }
            if let maximum = rule.maximum, value > maximum { fail("value", "\(value) is above the indicator's maximum \(maximum)") }
        }
        if let unit = cell(unitColumn), let rule, unit != rule.unit { fail("unit", "'\(unit)' is not the indicator's unit '\(rule.unit)'") }
        let quality = cell(qualityColumn).map { ValueQuality(rawValue: $0.lowercased()) } ?? .reported
        if quality == nil { fail("quality", "'\(cell(qualityColumn) ?? "")' is not one of reported, estimated, modelled, aggregated") }
        let source = cell(sourceColumn) ?? defaults.source ?? ""
        if source.isEmpty { fail("source", "is empty: every value needs its source") }

        guard issues.isEmpty, let period, let value, let quality else { return .failed(issues) }
        return .row(
            ValueRow(
                line: record.line, indicator: code, territory: territory, period: period,
                disaggregation: (cell(disaggregationColumn) ?? "total").lowercased(), vintage: cell(vintageColumn) ?? defaults.vintage, value: value,
                source: source, quality: quality, note: cell(noteColumn)))
    }
}
