import Foundation

/// A period whose bounds may be known only to the year or month.
public struct DatePeriod: Equatable, Sendable {
    public var start: Date?
    /// Inclusive last day; `nil` when open-ended or unknown.
    public var end: Date?
    public var precision: DatePrecision

    public init(start: Date?, end: Date?, precision: DatePrecision) {
        self.start = start
        self.end = end
        self.precision = precision
    }

    /// `start`, written only as precisely as it is known (`2012`, `2019-03`, `2019-03-14`).
    public var startText: String? { start.map { precision.format($0) } }
    public var endText: String? { end.map { precision.format($0) } }

    /// Whether the period covers `day` (unknown bounds are taken as open).
    public func contains(_ day: Date) -> Bool {
        (start.map { $0 <= day } ?? true) && (end.map { day <= $0 } ?? true)
    }
}

/// How precisely a date is known.
public enum DatePrecision: String, Sendable, Codable, CaseIterable {
    case day, month, year

    /// Formats a date (taken in UTC, as PostgreSQL `date` values are decoded) to this precision.
    public func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = String(format: "%04d", parts.year ?? 0)
        switch self {
        case .year: return year
        case .month: return year + String(format: "-%02d", parts.month ?? 0)
        case .day: return year + String(format: "-%02d-%02d", parts.month ?? 0, parts.day ?? 0)
        }
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
