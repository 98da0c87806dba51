/// A search snippet made safe to show in HTML.
public enum SearchSnippet {
    /// What the search marks the start and the end of a matching word with.
    public static let startMark: Character = "\u{2}"
    public static let stopMark: Character = "\u{3}"

    /// The headline with the practice's text escaped, then the marks turned into `<mark>`.
    public static func html(_ headline: String) -> String {
        HTMLText.escaped(headline).replacingOccurrences(of: String(startMark), with: "<mark>")
            .replacingOccurrences(of: String(stopMark), with: "</mark>")
    }
}
