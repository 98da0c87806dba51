import Foundation

/// Heading levels from style names the way word processors write them in several languages.
enum StyleNames {
    /// 0 for a title style, 1–9 for headings, `nil` for anything else.
    static func headingLevel(_ name: String) -> Int? {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
            .replacingOccurrences(of: "_20_", with: " ")
        if ["title", "titre", "titel", "titulo", "titolo", "العنوان"].contains(folded) { return 0 }
        let prefixes = ["heading", "titre", "title", "uberschrift", "titulo", "titolo", "kop", "naglowek", "rubrik", "عنوان"]
        for prefix in prefixes where folded.hasPrefix(prefix) {
            let rest = folded.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            if let level = Int(rest), (1...9).contains(level) { return level }
        }
        return nil
    }

    static func isQuote(_ name: String) -> Bool {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        return ["quote", "intense quote", "citation", "citation intense", "quotations", "quotation", "zitat"].contains(folded)
    }

    static func isList(_ name: String) -> Bool {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        return folded.hasPrefix("list") || folded.hasPrefix("paragraphe de liste") || folded.hasPrefix("liste")
    }

    /// Tables of contents repeat the headings: their paragraphs are left out.
    static func isTableOfContents(_ name: String) -> Bool {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
            .replacingOccurrences(of: "_20_", with: " ")
        return folded.hasPrefix("toc") || folded.hasPrefix("contents") || folded.hasPrefix("table des matieres")
            || folded.hasPrefix("tm ")
    }
}
