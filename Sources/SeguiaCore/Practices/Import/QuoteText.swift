import Foundation

/// Paragraphs that consist only of quoted testimonies and who speaks, in the usual forms:
/// « … » (un agriculteur), « … » — un agriculteur, "…" said the mayor, « … », explique X,
/// Un agriculteur : « … ».
enum QuoteText {
    private static let pairs: [(Character, Character)] = [("«", "»"), ("“", "”"), ("\"", "\""), ("„", "“"), ("‹", "›")]
    private static let dashes: Set<Character> = ["—", "–", "-", "―", "−"]
    /// Longest attribution kept as a speaker, in words: anything longer is a sentence, not a name.
    private static let speakerWords = 15

    /// The quotes of `paragraph` and the verb that introduced who speaks ("said", « explique »),
    /// or `nil` if it holds anything besides quotes and an attribution.
    static func quotes(in paragraph: String, vocabulary: ImportVocabulary) -> (quotes: [Quote], verb: String?)? {
        var text = paragraph.trimmingCharacters(in: .whitespaces)
        var speaker: String?
        // "Un agriculteur : « … »": a short attribution before the quote.
        if let first = text.first, pairs.allSatisfy({ $0.0 != first }), let colon = text.firstIndex(of: ":") {
            let before = text[..<colon].trimmingCharacters(in: .whitespaces)
            let after = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard let opener = after.first, pairs.contains(where: { $0.0 == opener }), !before.isEmpty,
                before.split(separator: " ").count <= 6
            else { return nil }
            speaker = before
            text = after
        }
        guard let open = text.first, let close = pairs.first(where: { $0.0 == open })?.1 else { return nil }
        var texts: [String] = []
        var rest = Substring(text)
        while rest.first == open {
            let body = rest.dropFirst()
            guard let end = closingIndex(in: body, open: open, close: close) else { return nil }
            // "…,” said X": the comma before the attribution belongs to the sentence around the quote.
            texts.append(body[..<end].trimmingCharacters(in: CharacterSet(charactersIn: " ,")))
            rest = body[body.index(after: end)...].drop(while: { " ,;.".contains($0) })
        }
        guard !texts.isEmpty, !texts.contains(where: \.isEmpty) else { return nil }
        let attribution = rest.trimmingCharacters(in: .whitespaces)
        var verb: String?
        if !attribution.isEmpty {
            guard speaker == nil, let found = self.speaker(attribution, vocabulary: vocabulary) else { return nil }
            (speaker, verb) = found
        }
        return (texts.map { Quote(text: $0, speaker: speaker) }, verb)
    }

    /// The closing mark of a quote opened just before `body`, allowing nested quotes of other marks.
    private static func closingIndex(in body: Substring, open: Character, close: Character) -> Substring.Index? {
        guard open != close else { return body.firstIndex(of: close) }
        var depth = 0
        for index in body.indices {
            if body[index] == open { depth += 1 }
            if body[index] == close {
                if depth == 0 { return index }
                depth -= 1
            }
        }
        return nil
    }

    /// Who speaks, from what follows the quotes: "(un riverain)", "— un riverain", "dit un riverain", "the mayor said".
    private static func speaker(_ attribution: String, vocabulary: ImportVocabulary) -> (String, String?)? {
        var text = attribution
        if text.hasSuffix(".") { text.removeLast() }
        text = text.trimmingCharacters(in: .whitespaces)
        if text.first == "(", text.last == ")" {
            return checked(String(text.dropFirst().dropLast())).map { ($0, nil) }
        }
        if let first = text.first, dashes.contains(first) {
            return checked(String(text.drop(while: { dashes.contains($0) || $0 == " " }))).map { ($0, nil) }
        }
        let words = text.split(separator: " ").map(String.init)
        let normalised = words.map { ImportVocabulary.words($0).joined(separator: " ") }
        if let length = vocabulary.quoteVerbLength(normalised) {
            let verb = words.prefix(length).joined(separator: " ")
            return checked(words.dropFirst(length).joined(separator: " ")).map { ($0, verb) }
        }
        // "the mayor said": the verb last.
        for start in 1..<max(words.count, 1) where start <= 6 {
            if let length = vocabulary.quoteVerbLength(Array(normalised[start...])), start + length == words.count {
                let verb = words.suffix(length).joined(separator: " ")
                return checked(words.prefix(start).joined(separator: " ")).map { ($0, verb) }
            }
        }
        return nil
    }

    private static func checked(_ speaker: String) -> String? {
        let trimmed = speaker.trimmingCharacters(in: CharacterSet(charactersIn: " ,:"))
        guard !trimmed.isEmpty, trimmed.split(separator: " ").count <= speakerWords else { return nil }
        return trimmed
    }
}
