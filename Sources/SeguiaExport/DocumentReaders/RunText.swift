import Foundation

/// Text gathered from runs: white space folded, line breaks kept, bold tracked.
struct RunText {
    private(set) var text = ""
    /// False once any visible character is not bold.
    private(set) var allBold = true
    private(set) var hasVisibleText = false

    mutating func append(_ piece: String, bold: Bool) {
        text += piece
        if piece.contains(where: { !$0.isWhitespace }) {
            hasVisibleText = true
            if !bold { allBold = false }
        }
    }

    mutating func lineBreak() {
        text += "\n"
    }

    /// The lines, each with its white space folded, empty ones dropped.
    var lines: [String] {
        text.split(separator: "\n").map { line in
            line.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }.filter { !$0.isEmpty }
    }

    var singleLine: String { lines.joined(separator: " ") }
}
