import Foundation
import Hummingbird
import SeguiaCore

/// Typed reading of query parameters, collecting every problem before failing.
struct QueryParameters {
    /// The first value of each name.
    let values: [String: String]
    /// Every value of each name, in order (`territory=FR&territory=MA`, as checkboxes send them).
    let allValues: [String: [String]]
    private(set) var issues: [FieldIssue] = []

    init(_ request: Request) {
        self.init(query: request.uri.query)
    }

    /// Reads a raw query as HTML forms write it (`application/x-www-form-urlencoded`): `+` is a
    /// space, `%2B` a plus. Hummingbird's own reading keeps `+`, so `q=eau+Maroc` searched a phrase.
    init(query: String?, maximumLength: Int = Self.maximumLength) {
        var values: [String: String] = [:]
        var allValues: [String: [String]] = [:]
        var issues: [FieldIssue] = []
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.formDecoded(parts[0]), let value = parts.count > 1 ? Self.formDecoded(parts[1]) : "" else {
                issues.append(FieldIssue(
                    field: String(parts[0].prefix(100)), reason: "is not percent-encoded UTF-8 text"))
                continue
            }
            // PostgreSQL text cannot hold NUL: refused here, once for every parameter of every route.
            if TextRules.containsNUL(name) || TextRules.containsNUL(value) {
                issues.append(FieldIssue(field: name.replacingOccurrences(of: "\u{0}", with: ""), reason: TextRules.nulReason))
                continue
            }
            let before = issues.count
            TextLimits.check(value, field: String(name.prefix(100)), limit: maximumLength, into: &issues)
            if issues.count > before { continue }
            if values[name] == nil { values[name] = value }
            allValues[name, default: []].append(value)
        }
        self.values = values
        self.allValues = allValues
        self.issues = issues
    }

    /// The text, or nil when its escapes do not spell UTF-8 (`%FF`) or are malformed (`%G1`).
    private static func formDecoded(_ text: Substring) -> String? {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding
    }

    /// The longest value any parameter may have.
    static let maximumLength = TextLimits.source

    /// Every non-empty value of `name`, a comma-separated value counting as several.
    func list(_ name: String) -> [String] {
        (allValues[name] ?? []).flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// Codes compared at once (`territories=FR,MA` or one parameter per checkbox); nil when
    /// absent. Territory codes are normalised; an empty list or more than 50 is an issue.
    mutating func codes(_ name: String, territory: Bool) -> [String]? {
        guard string(name) != nil else { return nil }
        let codes = list(name).map { territory ? TerritoryCode.normalise($0) : $0 }
        if codes.isEmpty { reject(name, "list at least one code, comma-separated") }
        if codes.count > 50 { reject(name, "compare at most 50 at once") }
        return codes
    }

    func string(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// A text at most `limit` characters long.
    mutating func string(_ name: String, limit: Int) -> String? {
        guard let value = string(name) else { return nil }
        var found: [FieldIssue] = []
        TextLimits.check(value, field: name, limit: limit, into: &found)
        issues += found
        return found.isEmpty ? value : nil
    }

    mutating func territoryCode(_ name: String) -> String? {
        guard let raw = string(name) else { return nil }
        let code = TerritoryCode.normalise(raw)
        guard TerritoryCode.isValid(code) else {
            issues.append(FieldIssue(field: name, reason: "'\(raw)' is not a territory code (letters, digits and dashes, e.g. FR-OCC)"))
            return nil
        }
        return code
    }

    mutating func enumeration<Value: RawRepresentable & CaseIterable>(_ name: String, as type: Value.Type) -> Value?
    where Value.RawValue == String {
        guard let raw = string(name) else { return nil }
        guard let value = Value(rawValue: raw.lowercased()) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            issues.append(FieldIssue(field: name, reason: "'\(raw)' is not one of \(allowed)"))
            return nil
        }
        return value
    }

    mutating func day(_ name: String) -> Date? {
        guard let raw = string(name) else { return nil }
        guard let date = DatePrecision.parseDay(raw) else {
            issues.append(FieldIssue(field: name, reason: "'\(raw)' is not a date of the form YYYY-MM-DD"))
            return nil
        }
        return date
    }

    mutating func integer(_ name: String, in range: ClosedRange<Int>) -> Int? {
        guard let raw = string(name) else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            issues.append(FieldIssue(field: name, reason: "'\(raw)' is not a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return value
    }

    mutating func boolean(_ name: String) -> Bool? {
        guard let raw = string(name) else { return nil }
        switch raw.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default:
            issues.append(FieldIssue(field: name, reason: "'\(raw)' is not true or false"))
            return nil
        }
    }

    /// `sep`: `,` (default) or `;` (French-locale spreadsheets).
    mutating func csvSeparator() -> Character {
        switch string("sep") {
        case nil, ",": return ","
        case ";": return ";"
        default:
            reject("sep", "is , or ;")
            return ","
        }
    }

    mutating func reject(_ name: String, _ reason: String) {
        issues.append(FieldIssue(field: name, reason: reason))
    }

    /// Throws `AppError.invalid` listing every problem met so far.
    func validate() throws {
        if !issues.isEmpty { throw AppError.invalid(issues) }
    }
}
