import Foundation

/// Finds known names (of territories, organisations, theme keywords) in free text, ignoring
/// case, accents, punctuation and hyphens, on word boundaries.
public enum TextMatcher {
    /// A thing to look for: its code and every phrase that names it.
    public struct Entry: Sendable {
        public var code: String
        public var phrases: [String]

        public init(code: String, phrases: [String]) {
            self.code = code
            self.phrases = phrases
        }
    }

    /// A code found in the text, with how many times any of its phrases occurs.
    public struct Match: Sendable, Equatable {
        public var code: String
        public var mentions: Int

        public init(code: String, mentions: Int) {
            self.code = code
            self.mentions = mentions
        }
    }

    /// Lower case, accents and ligatures removed, every run of non-alphanumerics one space, padded with spaces.
    ///
    /// Arabic is folded the way readers treat it as the same word: short vowels and tatweel
    /// dropped, the forms of alef made one, final ى and ة written ي and ه.
    public static func normalise(_ text: String) -> String {
        let folded = text.replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "Œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "Æ", with: "ae")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en")).lowercased()
        var result = String.UnicodeScalarView()
        result.append(" ")
        for scalar in folded.unicodeScalars {
            if let arabic = arabicFolding[scalar.value] {
                if let arabic { result.append(arabic) }
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                result.append(scalar)
            } else if result.last != " " {
                result.append(" ")
            }
        }
        if result.last != " " { result.append(" ") }
        return String(result)
    }

    /// Tatweel dropped, alef with hamza or madda and wasla as alef, alef maksura as ya, ta marbuta as ha.
    private static let arabicFolding: [UInt32: Unicode.Scalar?] = [
        0x0640: nil, 0x0622: "\u{0627}", 0x0623: "\u{0627}", 0x0625: "\u{0627}", 0x0671: "\u{0627}", 0x0649: "\u{064A}",
        0x0629: "\u{0647}",
    ]

    /// The entries mentioned in `text`, most mentioned first. Phrases shorter than three
    /// characters are ignored: too many false hits.
    public static func matches(_ entries: [Entry], in text: String) -> [Match] {
        let haystack = normalise(text)
        var found: [Match] = []
        for entry in entries {
            let needles = Set(entry.phrases.map(normalise).filter { $0.count > 4 })
            // Longer phrases first, and a span counted once: "Montpellier Méditerranée Métropole" is not also "Montpellier".
            var remaining = haystack
            var mentions = 0
            for needle in needles.sorted(by: { $0.count > $1.count }) {
                let parts = remaining.components(separatedBy: needle)
                mentions += parts.count - 1
                remaining = parts.joined(separator: " | ")
            }
            if mentions > 0 { found.append(Match(code: entry.code, mentions: mentions)) }
        }
        return found.sorted { ($0.mentions, $1.code) > ($1.mentions, $0.code) }
    }

    /// `fr`, `en` or `ar`, from the script and the most common short words.
    public static func guessLanguage(_ text: String) -> Language {
        let arabic = text.unicodeScalars.filter { (0x0600...0x06FF).contains($0.value) }.count
        let letters = text.unicodeScalars.filter { CharacterSet.letters.contains($0) }.count
        if letters > 0, arabic * 2 > letters { return .ar }
        let words = normalise(text).split(separator: " ")
        let french: Set<Substring> = ["le", "la", "les", "des", "et", "est", "une", "pour", "avec", "dans", "du", "sur"]
        let english: Set<Substring> = ["the", "and", "of", "to", "is", "for", "with", "in", "on", "was", "were"]
        let frenchCount = words.filter(french.contains).count
        let englishCount = words.filter(english.contains).count
        return englishCount > frenchCount ? .en : .fr
    }
}
