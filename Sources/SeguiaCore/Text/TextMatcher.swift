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
    /// characters are ignored: too many false hits. The text is read once, word by word; at each
    /// place the longest phrase wins and its words are not read again, so "Montpellier
    /// Méditerranée Métropole" is not also "Montpellier" (entries sharing that phrase all count).
    public static func matches(_ entries: [Entry], in text: String) -> [Match] {
        matches(entries, inWords: words(text))
    }

    /// A text's normalised words, to look for several kinds of names in it with one normalisation.
    public static func words(_ text: String) -> [Substring] {
        normalise(text).split(separator: " ")
    }

    public static func matches(_ entries: [Entry], inWords words: [Substring]) -> [Match] {
        var byFirstWord: [Substring: [(words: [Substring], code: String)]] = [:]
        for entry in entries {
            for phrase in Set(entry.phrases.map(normalise)) where phrase.count > 4 {
                let words = phrase.split(separator: " ")
                if let first = words.first { byFirstWord[first, default: []].append((words, entry.code)) }
            }
        }
        for key in byFirstWord.keys { byFirstWord[key]?.sort { $0.words.count > $1.words.count } }
        var counts: [String: Int] = [:]
        var index = 0
        while index < words.count {
            let rest = words[index...]
            guard let candidates = byFirstWord[words[index]], let longest = candidates.first(where: { rest.starts(with: $0.words) }) else {
                index += 1
                continue
            }
            var counted: Set<String> = []
            for candidate in candidates where candidate.words.count == longest.words.count && rest.starts(with: candidate.words) {
                if counted.insert(candidate.code).inserted { counts[candidate.code, default: 0] += 1 }
            }
            index += longest.words.count
        }
        return counts.map { Match(code: $0.key, mentions: $0.value) }.sorted { ($0.mentions, $1.code) > ($1.mentions, $0.code) }
    }

    /// `fr`, `en` or `ar`, from the script and the most common short words.
    public static func guessLanguage(_ text: String) -> Language {
        guessLanguage(words: words(text))
    }

    /// `fr`, `en` or `ar`, from a text's normalised words.
    public static func guessLanguage(words: [Substring]) -> Language {
        var arabic = 0
        var letters = 0
        for word in words {
            for scalar in word.unicodeScalars where scalar.properties.isAlphabetic {
                letters += 1
                if (0x0600...0x06FF).contains(scalar.value) { arabic += 1 }
            }
        }
        if letters > 0, arabic * 2 > letters { return .ar }
        let french: Set<Substring> = ["le", "la", "les", "des", "et", "est", "une", "pour", "avec", "dans", "du", "sur"]
        let english: Set<Substring> = ["the", "and", "of", "to", "is", "for", "with", "in", "on", "was", "were"]
        let frenchCount = words.filter(french.contains).count
        let englishCount = words.filter(english.contains).count
        return englishCount > frenchCount ? .en : .fr
    }
}
