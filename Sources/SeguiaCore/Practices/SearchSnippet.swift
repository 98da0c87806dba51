/// A search snippet made safe to show in HTML.
public enum SearchSnippet {
    /// What the search marks the start and the end of a matching word with.
    public static let startMark: Character = "\u{2}"
    public static let stopMark: Character = "\u{3}"

    /// The headline with the practice's text escaped for element content (`&`, `<`, `>`, `"`), then
    /// the marks turned into `<mark>`.
    public static func html(_ headline: String) -> String {
        var html = ""
        html.reserveCapacity(headline.utf8.count + 32)
        for character in headline {
            switch character {
            case "&": html += "&amp;"
            case "<": html += "&lt;"
            case ">": html += "&gt;"
            case "\"": html += "&quot;"
            case startMark: html += "<mark>"
            case stopMark: html += "</mark>"
            default: html.append(character)
            }
        }
        return html
    }
}
