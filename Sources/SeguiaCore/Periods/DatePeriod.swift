import Foundation

/// A period whose bounds may be known only to the year or month: a practice's, an agreement's,
/// a period stated in a document. Bounds are days written `YYYY-MM-DD`, as PostgreSQL writes
/// a `date`, so that the JSON a revision keeps and the one an API answers are the same.
public struct DatePeriod: Codable, Sendable, Equatable {
    /// The first day covered; `nil` when unknown.
    public var start: String?
    /// The last day covered (inclusive); `nil` when open-ended or unknown.
    public var end: String?
    public var precision: DatePrecision

    public init(start: String? = nil, end: String? = nil, precision: DatePrecision = .year) {
        self.start = start
        self.end = end
        self.precision = precision
    }

    /// Whole years, from 1 January of `first` to 31 December of `last`.
    public static func years(_ first: Int, through last: Int?) -> DatePeriod {
        DatePeriod(
            start: String(format: "%04d-01-01", first), end: last.map { String(format: "%04d-12-31", $0) }, precision: .year)
    }

    /// `start`, written only as precisely as it is known (`2012`, `2019-03`, `2019-03-14`).
    public var startText: String? { start.map(precision.written) }
    public var endText: String? { end.map(precision.written) }

    /// `2019 – 2022`, `2019-03 – 2020`, `2012 –` for a period still running, one year alone
    /// when it starts and ends in it; nil when nothing is known.
    public var spanText: String? {
        switch (startText, endText) {
        case (nil, nil): nil
        case (let start?, nil): "\(start) –"
        case (nil, let end?): "– \(end)"
        case (let start?, let end?): start == end ? start : "\(start) – \(end)"
        }
    }

    /// Whether the period covers `day` (`YYYY-MM-DD`; unknown bounds are taken as open).
    public func contains(_ day: String) -> Bool {
        (start.map { $0 <= day } ?? true) && (end.map { day <= $0 } ?? true)
    }

    /// A bound written as a year (`2019`), a month (`2019-03`) or a day (`2019-03-14`): its
    /// first day (or last, for an end) and how precisely it was given; `nil` when it is none of these.
    public static func bound(_ text: String, last: Bool) -> (day: String, precision: DatePrecision)? {
        // Empty parts are kept and digits required: "-2020", "2021--" and "+202" are not years.
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }), parts[0].count == 4, let year = Int(parts[0])
        else { return nil }
        switch parts.count {
        case 1:
            return (parts[0] + (last ? "-12-31" : "-01-01"), .year)
        case 2:
            guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            return (text + (last ? String(format: "-%02d", CalendarMonth.dayCount(month, of: year)) : "-01"), .month)
        default:
            return DatePrecision.parseDay(text) == nil ? nil : (text, .day)
        }
    }
}

/// How precisely a date is known.
public enum DatePrecision: String, Sendable, Codable, CaseIterable, Comparable {
    case day, month, year

    /// Coarser is smaller: a period's precision is that of its least precise bound.
    public static func < (lhs: DatePrecision, rhs: DatePrecision) -> Bool {
        let order: [DatePrecision] = [.year, .month, .day]
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }

    /// A day `YYYY-MM-DD` cut to this precision (`2019`, `2019-03`).
    public func written(_ day: String) -> String {
        switch self {
        case .year: String(day.prefix(4))
        case .month: String(day.prefix(7))
        case .day: day
        }
    }

    /// Formats a date (taken in UTC, as PostgreSQL `date` values are decoded) to this precision.
    public func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return written(String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0))
    }

    /// Parses `YYYY-MM-DD` to a UTC midnight date.
    public static func parseDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
        return date
    }
}

/// The one table of month lengths.
public enum CalendarMonth {
    public static func dayCount(_ month: Int, of year: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }
}
