import Foundation
import SeguiaCore

/// The interface's words, one catalogue per language (`Resources/web/catalogue/{fr,en,ar}.json`).
/// A key missing in English or Arabic falls back to French; a test keeps the three complete.
struct Catalogue: Sendable {
    let entries: [Language: [String: String]]
    /// Each language's words with French filling the gaps, merged once.
    private let complete: [Language: [String: String]]

    init(entries: [Language: [String: String]]) {
        self.entries = entries
        complete = Dictionary(uniqueKeysWithValues: Language.allCases.map { language in
            (language, (entries[.fr] ?? [:]).merging(entries[language] ?? [:]) { _, translated in translated })
        })
    }

    static func load() throws -> Catalogue {
        var entries: [Language: [String: String]] = [:]
        for language in Language.allCases {
            guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "web/catalogue") else {
                throw WebResourceMissing(name: "web/catalogue/\(language.rawValue).json")
            }
            entries[language] = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
        }
        return Catalogue(entries: entries)
    }

    /// Every word of `language`, for templates (`{{t.search_button}}`).
    func words(_ language: Language) -> [String: String] { complete[language] ?? [:] }

    /// One word, with `{name}` placeholders replaced; the key itself when nobody wrote it.
    /// One pass over the catalogue's text: a value (often what a person wrote) that itself holds
    /// `{name}` is kept as written, never replaced in its turn.
    func text(_ key: String, _ language: Language, _ values: [String: String] = [:]) -> String {
        let template = complete[language]?[key] ?? key
        guard !values.isEmpty else { return template }
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}"), let value = values[String(rest[rest.index(after: open)..<close])] else {
                result.append("{")
                rest = rest[rest.index(after: open)...]
                continue
            }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// A language's own name in `language` (« arabe », "Arabic", « بالعربية »).
    func languageName(_ named: Language, in language: Language) -> String {
        text("language_name_\(named.rawValue)", language)
    }
}

struct WebResourceMissing: Error, CustomStringConvertible {
    let name: String
    var description: String { "\(name) is missing from the server module's resources" }
}
