import Foundation

/// A plain-text mail, written as RFC 5322 wants it: headers in ASCII (names and subject as
/// UTF-8 encoded words, so that no text a person wrote can add a header), the body in base64 so
/// that Arabic and French travel intact and no line starts with a dot.
struct MailMessage: Sendable, Equatable {
    var from: String
    var fromName: String
    var to: String
    var toName: String
    var subject: String
    var body: String
    var date: Date = Date()
    var messageID: String = "\(UUID().uuidString.lowercased())@seguia"

    func rendered() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let headers = [
            "From: \(Self.encodedWords(fromName))\r\n <\(from)>",
            "To: \(Self.encodedWords(toName))\r\n <\(to)>",
            "Subject: \(Self.encodedWords(subject))",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "Auto-Submitted: auto-generated",
        ]
        let encoded = Data(body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8).base64EncodedString()
        var lines: [Substring] = []
        var rest = encoded[...]
        while !rest.isEmpty {
            lines.append(rest.prefix(76))
            rest = rest.dropFirst(76)
        }
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + lines.joined(separator: "\r\n") + "\r\n"
    }

    /// `text` as RFC 2047 encoded words, folded one per line so that no line passes 78
    /// characters with its header's name; characters are never split between two words.
    static func encodedWords(_ text: String) -> String {
        let clean = String(text.map { $0.isNewline ? " " : $0 })
        var words: [String] = []
        var chunk = ""
        for character in clean {
            if (chunk + String(character)).utf8.count > 39 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        if words.isEmpty { return "=?UTF-8?B??=" }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }
}
