import Foundation

/// Removes inline Markdown (and the few HTML tags pasted text carries) from a line, keeping
/// every word: `**bold**` → bold, `[text](url)` → text (url), `![alt](src)` → alt.
public enum InlineMarkup {
    public static func plainText(_ line: String) -> String {
        // Most lines hold no markup at all: a look at their bytes is enough.
        let bytes = line.utf8
        guard bytes.contains(where: { markupBytes.contains($0) }) else { return line }
        var text = line
        if bytes.contains(UInt8(ascii: "]")) {
            text = text.replacing(#/!\[([^\]]*)\]\([^)\s]*\)/#) { String($0.output.1) }
            text = text.replacing(#/\[([^\]]+)\]\(([^)\s]+)\)/#) { match in
                let (label, url) = (String(match.output.1), String(match.output.2))
                return label == url ? url : "\(label) (\(url))"
            }
        }
        if bytes.contains(UInt8(ascii: "<")) {
            text = text.replacing(#/<(https?://[^>\s]+)>/#) { String($0.output.1) }
            text = text.replacing(#/</?(?i:b|i|u|em|strong|span|p|div|sup|sub|small|font)\b[^>]*>/#, with: "")
            text = text.replacing(#/<(?i:br)\s*/?>/#, with: " ")
        }
        for marker in ["***", "**", "__", "~~", "*", "_"] {
            text = stripPairs(of: marker, in: text)
        }
        if bytes.contains(UInt8(ascii: "`")) { text = text.replacing(#/`+([^`]+)`+/#) { String($0.output.1) } }
        if bytes.contains(UInt8(ascii: "\\")) { text = text.replacing(#/\\([\\`*_{}\[\]()#+\-.!>|~])/#) { String($0.output.1) } }
        return text.trimmingCharacters(in: .whitespaces)
    }

    private static let markupBytes: Set<UInt8> = Set("*_`[]<>~\\".utf8)

    /// Whether the whole line is one bold span (`**Contexte**`, `__Contexte__`).
    public static func isAllBold(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        for marker in ["**", "__"] where trimmed.hasPrefix(marker) && trimmed.hasSuffix(marker) && trimmed.count > 2 * marker.count {
            return !trimmed.dropFirst(marker.count).dropLast(marker.count).contains(marker)
        }
        return false
    }

    /// Removes `marker` where it opens a span (followed by a non-space, not inside a word for `_`)
    /// and a later occurrence closes it (preceded by a non-space).
    private static func stripPairs(of marker: String, in text: String) -> String {
        guard text.utf8.contains(marker.utf8.first!), text.contains(marker) else { return text }
        let characters = Array(text)
        let mark = Array(marker)
        var result: [Character] = []
        var index = 0
        func matches(at position: Int) -> Bool {
            position + mark.count <= characters.count && Array(characters[position..<position + mark.count]) == mark
        }
        func closing(from start: Int) -> Int? {
            var position = start + 1
            while position < characters.count {
                if matches(at: position), !characters[position - 1].isWhitespace {
                    let after = position + mark.count < characters.count ? characters[position + mark.count] : " "
                    if after != mark[0], !(marker == "_" && (after.isLetter || after.isNumber)) { return position }
                }
                position += 1
            }
            return nil
        }
        while index < characters.count {
            if matches(at: index) {
                let before = index > 0 ? characters[index - 1] : " "
                let after = index + mark.count < characters.count ? characters[index + mark.count] : " "
                let opens = !after.isWhitespace && !(marker == "_" && (before.isLetter || before.isNumber))
                    && !(before == mark[0]) && after != mark[0]
                if opens, let close = closing(from: index + mark.count) {
                    result += characters[(index + mark.count)..<close]
                    index = close + mark.count
                    continue
                }
            }
            result.append(characters[index])
            index += 1
        }
        return String(result)
    }
}
