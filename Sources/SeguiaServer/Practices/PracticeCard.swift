import Foundation
import SeguiaCore

/// A practice in a list (home page, search results): its values for `practice-card.mustache`.
enum PracticeCard {
    static func values(_ practice: PracticeSummary, language: Language, territoryNames: [String: String]) -> [String: Any] {
        var values: [String: Any] = [
            "href": "/\(language.rawValue)/practices/\(practice.slug)", "title": practice.title, "language": practice.language.rawValue,
            // Each name isolated in the page: French names in an Arabic list keep their order.
            "territoryList": practice.territories.map { territoryNames[$0] ?? $0 },
        ]
        if let summary = practice.summary { values["summary"] = summary }
        // A match found only in the names of its themes or territories marks nothing in the text:
        // the summary says more than the sheet's first words.
        if let snippet = practice.snippet, snippet.contains("<mark>") { values["snippet"] = snippet }
        if let period = practice.period.spanText { values["period"] = period }
        return values
    }
}
