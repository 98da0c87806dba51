/// How long each text a person writes may be, and how many entries each list may hold: generous
/// for any real sheet or value file, small enough that no request makes the server work for
/// minutes. Lengths count Unicode scalars, as PostgreSQL's `length` does; the OpenAPI schemas
/// state the same numbers.
public enum TextLimits {
    public static let title = 300
    public static let summary = 5_000
    public static let source = 2_000
    public static let sectionTitle = 300
    public static let sectionText = 100_000
    public static let item = 5_000
    public static let quote = 5_000
    public static let speaker = 300
    public static let role = 100
    public static let sections = 100
    public static let itemsPerSection = 500
    public static let quotesPerSection = 100
    public static let territories = 200
    public static let organisations = 100
    public static let themes = 50
    public static let indicators = 200
    /// A value's note, a review's reason, a report's description.
    public static let note = 2_000
    /// A name: of a saved report, of a vintage.
    public static let name = 200

    /// An issue when `text` is longer than `limit`.
    public static func check(_ text: String?, field: String, limit: Int, into issues: inout [FieldIssue]) {
        guard let text, text.unicodeScalars.count > limit else { return }
        issues.append(FieldIssue(field: field, reason: "is longer than \(limit) characters"))
    }

    /// An issue when `list` has more than `limit` entries.
    public static func check(count: Int, field: String, limit: Int, into issues: inout [FieldIssue]) {
        guard count > limit else { return }
        issues.append(FieldIssue(field: field, reason: "has \(count) entries; at most \(limit) are allowed"))
    }
}
