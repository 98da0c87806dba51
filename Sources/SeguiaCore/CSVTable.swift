import Foundation

/// A CSV file read into records, each with the line it starts on (the header is line 1).
///
/// RFC 4180 quoting; the separator is `,` or `;`, whichever the header line uses outside quotes
/// (Excel in French locales writes `;`); a UTF-8 byte-order mark is ignored.
public struct CSVTable: Sendable, Equatable {
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    public var separator: Character
    public var header: [String]
    public var records: [Record]

    public enum Failure: Error, Equatable {
        case empty
        case notText
        case unterminatedQuote(line: Int)
    }

    /// Reads raw bytes: they must be UTF-8 text.
    public static func read(_ data: some Collection<UInt8>) throws(Failure) -> CSVTable {
        guard let text = String(validating: data, as: UTF8.self), !text.contains("\0") else { throw .notText }
        return try read(text)
    }

    public static func read(_ text: String) throws(Failure) -> CSVTable {
        var characters = Substring(text)
        if characters.first == "\u{FEFF}" { characters = characters.dropFirst() }
        let firstLine = characters.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
        let separator: Character = count(";", outsideQuotesIn: firstLine) > count(",", outsideQuotesIn: firstLine) ? ";" : ","

        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var fieldWasQuoted = false
        var line = 1
        var recordLine = 1
        var iterator = characters.makeIterator()
        var pending: Character? = nil

        func endRecord() {
            fields.append(field)
            let blank = fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted
            if !blank { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
            field = ""
            fieldWasQuoted = false
        }

        while let character = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            field.append("\"")
                        } else {
                            inQuotes = false
                            pending = next
                        }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" || character == "\r" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty && !fieldWasQuoted:
                inQuotes = true
                fieldWasQuoted = true
            case separator:
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            case "\n", "\r\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(character)
            }
        }
        if inQuotes { throw .unterminatedQuote(line: recordLine) }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        guard let header = records.first else { throw .empty }
        return CSVTable(
            separator: separator, header: header.fields.map { $0.trimmingCharacters(in: .whitespaces) },
            records: Array(records.dropFirst()))
    }

    private static func count(_ separator: Character, outsideQuotesIn line: Substring) -> Int {
        var inQuotes = false
        var count = 0
        for character in line {
            if character == "\"" { inQuotes.toggle() } else if character == separator && !inQuotes { count += 1 }
        }
        return count
    }
}
