import Foundation
import SeguiaCore

/// Writes a report table as RFC 4180 CSV that spreadsheets open as they should: UTF-8 with a
/// byte-order mark by default (so Excel shows accents), CRLF line ends, and text that a
/// spreadsheet would run as a formula neutralised.
public struct CSVWriter: Sendable {
    public var separator: Character
    public var byteOrderMark: Bool

    /// With `;` (French-locale spreadsheets) numbers take a decimal comma, as Seguia's importer reads them.
    public init(separator: Character = ",", byteOrderMark: Bool = true) {
        self.separator = separator
        self.byteOrderMark = byteOrderMark
    }

    public func write(_ table: ReportTable, sources: [String]) -> String {
        var out = byteOrderMark ? "\u{FEFF}" : ""
        out += line(table.columns.map(field))
        for row in table.rows {
            out += line(
                row.map { cell in
                    switch cell {
                    case .text(let text): field(text)
                    case .code(let code): codeField(code)
                    case .number(let value, _): number(value)
                    case .source(let index): field(sources.indices.contains(index - 1) ? sources[index - 1] : "")
                    case .empty: ""
                    }
                })
        }
        return out
    }

    /// A row of already-escaped fields.
    public func line(_ fields: [String]) -> String {
        fields.joined(separator: String(separator)) + "\r\n"
    }

    /// French-locale spreadsheets read `2020-03` as a date and `6.1` as a number: there (`;`), a
    /// code is written `="2020-03"` so that it stays the text it is. Only codes this server
    /// writes (letters, digits, `.`, `-`, `_`) take that form; anything else is an ordinary field.
    public func codeField(_ code: String) -> String {
        let plain = !code.isEmpty && code.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        return separator == ";" && plain ? "=\"\(code)\"" : field(code)
    }

    public func number(_ value: Decimal) -> String {
        let plain = value.description
        return separator == ";" ? plain.replacingOccurrences(of: ".", with: ",") : plain
    }

    /// A text field: neutralised if a spreadsheet would read it as a formula, quoted if needed.
    /// Read as UTF-8 bytes: exports write a dozen fields per value, and Character by Character
    /// this was a quarter of an export's time.
    public func field(_ text: String) -> String {
        let separatorByte = separator.asciiValue
        let needsQuotes = text.utf8.contains { byte in
            byte == separatorByte || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        } || (separatorByte == nil && text.contains(separator))
        let safe = Self.neutralised(text)
        return needsQuotes ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
    }

    /// Text starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe
    /// (OWASP's advice against CSV injection); numbers are written as numbers, never through here.
    public static func neutralised(_ text: String) -> String {
        looksLikeFormula(text) ? "'" + text : text
    }

    /// Whether a spreadsheet would run the text as a formula (OWASP's list of leading characters).
    static func looksLikeFormula(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        return first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "@")
            || first == UInt8(ascii: "\t") || first == UInt8(ascii: "\r")
    }
}
