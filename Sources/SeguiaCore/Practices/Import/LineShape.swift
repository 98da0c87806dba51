import Foundation

/// Rules on single lines: what may be a heading, a title, a label.
enum LineShape {
    /// Longest unrecognised heading, in words and characters (bold lines may be longer).
    static let headingWords = 9
    static let headingCharacters = 80

    static func wordCount(_ line: String) -> Int {
        line.split(whereSeparator: { $0 == " " }).count
    }

    /// Short, not a sentence, not a bullet, not a quotation, not a link.
    static func mayBeHeading(_ line: String) -> Bool {
        guard line.count <= 150, let first = line.first, let last = line.last, PlainTextReader.listItem(line) == nil,
            !PlainTextReader.isURL(line)
        else { return false }
        if "«“\"„‹([{'’".contains(first) { return false }
        // A line opening on a vowel mark is the broken-off end of a word (PDF text of Arabic).
        if line.unicodeScalars.first?.properties.generalCategory == .nonspacingMark { return false }
        if first.isLetter, first.isLowercase { return false }
        return !".;,!،؛…".contains(last) && !(last == ":" && line.count < 2)
    }

    static func endsWithColon(_ line: String) -> Bool {
        line.hasSuffix(":")
    }

    static func startsLowercase(_ line: String) -> Bool {
        guard let first = line.first(where: { $0.isLetter || $0.isNumber }) else { return false }
        return first.isLetter && first.isLowercase
    }

    /// Ends like a sentence.
    static func endsSentence(_ line: String) -> Bool {
        guard let last = line.last else { return false }
        return ".!?…;:»\"”)".contains(last) || "؟.".contains(last)
    }
}
